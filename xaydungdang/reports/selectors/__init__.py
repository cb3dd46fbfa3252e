"""Reads of the reports app: statistics of a subtree on any date, admissions against plans, changes."""

import datetime as dt

from xaydungdang.core.dates import today
from xaydungdang.reports.rollups import ROLLUP_KINDS
from xaydungdang.reports.rollups.readiness import rollups_missing
from xaydungdang.reports.selectors.members import member_counts
from xaydungdang.reports.selectors.organizations import organization_counts


def subtree_statistics(*, organization, on: dt.date | None = None, use_rollups: bool = True) -> dict:
    """Counts of the subtree of `organization` on `on` (today when None).

    {"on": date, "source": "rollup" | "live",
     "rollups_missing": True when the rollups were never built for it, so the counts are live (slower),
     "members": {dimension: {bucket: count}} — active members (probationary and official) with an
         official attachment, by status, gender, minority, ethnicity, religion, age_band, education,
         qualification, theory_level, occupation, party_age_band, exempted, and "total": {"": n},
     "organizations": {"total": n, "by_kind": {kind: n}} — organizations under it existing on `on`}.
    """
    on = on or today()
    missing = use_rollups and rollups_missing(organization)
    use_rollups = use_rollups and not missing
    source = "rollup" if use_rollups and organization.kind in ROLLUP_KINDS else "live"
    return {
        "on": on,
        "source": source,
        "rollups_missing": missing,
        "members": member_counts(organization, on, use_rollups=use_rollups),
        "organizations": organization_counts(organization, on),
    }
