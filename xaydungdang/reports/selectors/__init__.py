"""Reads of the reports app: statistics of a subtree on any date, admissions against plans, changes."""

import datetime as dt

from xaydungdang.core.dates import today
from xaydungdang.reports.rollups.readiness import keeps_rollups, rollups_missing
from xaydungdang.reports.selectors.members import member_counts
from xaydungdang.reports.selectors.organizations import organization_counts, organization_figures


def subtree_statistics(
    *, organization, on: dt.date | None = None, use_rollups: bool = True, since: dt.date | None = None
) -> dict:
    """Counts of the subtree of `organization` on `on` (today when None).

    {"on": date, "source": "rollup" | "live",
     "rollups_missing": True when the rollups were never built for it, so the counts are live (slower),
     "members": {dimension: {bucket: count}} — active members (probationary and official) with an
         official attachment, by status, gender, minority, ethnicity, religion, age_band, education,
         qualification, theory_level, occupation, party_age_band, exempted, and "total": {"": n},
     "organizations": {"total": n, "by_kind": {kind: n}} — organizations under it existing on `on`,
     and with `since`, "organization_changes": organization_changes(organization, since, on), same query}.
    """
    on = on or today()
    kept = use_rollups and keeps_rollups(organization)
    missing = kept and rollups_missing(organization)
    from_rollups = kept and not missing
    result = {
        "on": on,
        "source": "rollup" if from_rollups else "live",
        "rollups_missing": missing,
        "members": member_counts(organization, on, from_rollups=from_rollups),
    }
    if since is None:
        result["organizations"] = organization_counts(organization, on)
    else:
        result["organizations"], result["organization_changes"] = organization_figures(organization, on, since)
    return result
