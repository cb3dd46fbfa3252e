"""Members who came into or left a subtree between two dates, derived from the effective-dated periods.

Organizations of the rollup kinds read the sums of their rollups' ENTRY and EXIT rows (whole years from
the year table, whole months from the month table, the days at either end from the day table, one query);
the others, and a database whose rollups lack the changes until `rebuild_rollups` ran, count live from
the periods (the reference).
"""

import datetime as dt

from django.db.models import Count, Exists, OuterRef, Q, Subquery, Sum

from xaydungdang.members.choices import ACTIVE_STATUSES, AttachmentKind
from xaydungdang.members.models import MembershipPeriod
from xaydungdang.reports.models import RollupDay, RollupFeature, RollupMonth, RollupYear
from xaydungdang.reports.rollups import ROLLUP_KINDS, version
from xaydungdang.reports.rollups.contributions import ENTRY, EXIT, TRANSFERRED, exit_reason
from xaydungdang.reports.rollups.readiness import feature_names, rollups_readable, token
from xaydungdang.reports.selectors.admissions import admissions

__all__ = ["TRANSFERRED", "member_changes"]


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


def _month_after(day: dt.date) -> dt.date:
    return (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)


def _year_after(day: dt.date) -> dt.date:
    return dt.date(day.year + 1, 1, 1)


def _inside(first: dt.date, last: dt.date, floor, after) -> tuple[dt.date, dt.date] | None:
    """[lo, hi): the starts of the whole units (months or years) lying inside the days [first, last]."""
    lo = first if floor(first) == first else after(first)
    hi = floor(last + dt.timedelta(days=1))
    return (lo, hi) if lo < hi else None


def window_parts(first: dt.date, last: dt.date) -> list[tuple[type, str, dt.date, dt.date]]:
    """The days [first, last] as (table, date column, lo, hi) ranges [lo, hi): whole years from the year
    table, whole months from the month table, the days left at either end from the day table."""
    parts: list[tuple[type, str, dt.date, dt.date]] = []
    pieces = [(first, last + dt.timedelta(days=1))]
    for model, column, floor, after in (
        (RollupYear, "year", lambda d: d.replace(month=1, day=1), _year_after),
        (RollupMonth, "month", lambda d: d.replace(day=1), _month_after),
    ):
        rest = []
        for lo, hi in pieces:
            whole = _inside(lo, hi - dt.timedelta(days=1), floor, after) if lo < hi else None
            if whole is None:
                rest.append((lo, hi))
                continue
            parts.append((model, column, *whole))
            rest += [(lo, whole[0]), (whole[1], hi)]
        pieces = rest
    parts += [(RollupDay, "day", lo, hi) for lo, hi in pieces if lo < hi]
    return parts


def _from_rollups(organization, start: dt.date, end: dt.date) -> tuple[int, dict[str, int]]:
    """The sums over the days after `start` up to `end`, in one query (a bounded number of rows: at most
    the years inside, 22 months and 60 days)."""
    changes = Q(organization_id=organization.pk, dimension__in=(ENTRY, EXIT))
    parts = [
        model.objects.filter(changes, **{f"{column}__gte": lo, f"{column}__lt": hi})
        .values_list("dimension", "bucket")
        .annotate(n=Sum("delta"))
        .order_by()
        for model, column, lo, hi in window_parts(start + dt.timedelta(days=1), end)
    ]
    entries, out = 0, {}
    if not parts:
        return entries, out
    for dimension, bucket, n in parts[0].union(*parts[1:], all=True):
        if dimension == ENTRY:
            entries += n
        elif n:
            out[bucket] = out.get(bucket, 0) + n
    return entries, {bucket: n for bucket, n in out.items() if n}


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
