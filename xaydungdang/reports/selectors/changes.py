"""Members who came into or left a subtree between two dates, derived from the effective-dated periods.

Organizations of the rollup kinds read the sums of their rollups' ENTRY and EXIT rows (whole years from
the year table, whole months from the month table, the days at either end from the day table, one query);
the others, and a database whose rollups lack the changes until `rebuild_rollups` ran, count live from
the periods (the reference).
"""

import datetime as dt

from django.db.models import Count, Exists, OuterRef, Subquery

from xaydungdang.members.choices import ACTIVE_STATUSES, AttachmentKind
from xaydungdang.members.models import MembershipPeriod
from xaydungdang.reports.models import RollupFeature
from xaydungdang.reports.rollups import ROLLUP_KINDS, version
from xaydungdang.reports.rollups.contributions import ENTRY, EXIT, TRANSFERRED, exit_reason
from xaydungdang.reports.rollups.readiness import feature_names, rollups_readable, token
from xaydungdang.reports.rollups.windows import window_parts, window_sums
from xaydungdang.reports.selectors.admissions import admissions

__all__ = ["TRANSFERRED", "member_changes", "window_parts"]


def _counted_in(organization):
    return MembershipPeriod.objects.filter(
        attachment=AttachmentKind.OFFICIAL, status__in=ACTIVE_STATUSES, organization__path__startswith=organization.path
    ).order_by()


def member_changes(
    organization, start: dt.date, end: dt.date, *, use_rollups: bool = True, admitted: int | None = None
) -> dict:
    """Entries and exits after `start` up to `end`: {"in": {...}, "out": {...}}.

    An entry is a counted period of the subtree starting in the window with no counted period of the
    subtree ending that day (a move between two cells of the subtree is neither entry nor exit); exits
    likewise, broken down by the status the member left for. `admitted`: the window's admissions when
    the caller counted them already (admissions.achievement_and_admissions).
    """
    if use_rollups and changes_in_rollups(organization):
        key = ("changes", organization.pk, start, end)
        entries, out = version.cached(token(organization), key, lambda: _from_rollups(organization, start, end))
    else:
        entries, out = _live(organization, start, end)
    if admitted is None:
        admitted = admissions(organization, start + dt.timedelta(days=1), end)
    return {
        "in": {"total": entries, "admitted": admitted, "other": entries - admitted},
        "out": {"total": sum(out.values()), **out},
    }


def changes_in_rollups(organization) -> bool:
    return (
        organization.kind in ROLLUP_KINDS
        and RollupFeature.CHANGES in feature_names()
        and rollups_readable(organization)
    )


def _from_rollups(organization, start: dt.date, end: dt.date) -> tuple[int, dict[str, int]]:
    """The sums over the days after `start` up to `end`, in one query."""
    (sums,) = window_sums([organization.pk], (ENTRY, EXIT), [(start + dt.timedelta(days=1), end)])
    entries = sum(n for (_org, dimension, _bucket), n in sums.items() if dimension == ENTRY)
    return entries, {bucket: n for (_org, dimension, bucket), n in sums.items() if dimension == EXIT}


def _live(organization, start: dt.date, end: dt.date) -> tuple[int, dict[str, int]]:
    counted = _counted_in(organization)
    predecessor = counted.filter(member=OuterRef("member"), valid_to=OuterRef("valid_from"))
    successor = counted.filter(member=OuterRef("member"), valid_from=OuterRef("valid_to"))
    entries = counted.filter(valid_from__gt=start, valid_from__lte=end).exclude(Exists(predecessor)).count()
    next_status = MembershipPeriod.objects.filter(
        member=OuterRef("member"), valid_from=OuterRef("valid_to"), attachment=AttachmentKind.OFFICIAL
    ).values("status")[:1]
    exits = (
        counted.filter(valid_to__gt=start, valid_to__lte=end)
        .exclude(Exists(successor))
        .annotate(next_status=Subquery(next_status))
        .values("next_status")
        .annotate(n=Count("pk"))
    )
    out: dict[str, int] = {}
    for row in exits:
        key = exit_reason(row["next_status"])
        out[key] = out.get(key, 0) + row["n"]
    return entries, out
