"""Members who came into or left a subtree between two dates, derived from the effective-dated periods.

Organizations of the rollup kinds read the sums of their rollups' ENTRY and EXIT rows (whole months from
the month table, the days at either end from the day table); the others, and a database whose rollups
lack the changes until `rebuild_rollups` ran, count live from the periods (the reference).
"""

import datetime as dt

from django.db.models import Count, Exists, OuterRef, Q, Subquery, Sum

from xaydungdang.members.choices import ACTIVE_STATUSES, AttachmentKind
from xaydungdang.members.models import MembershipPeriod
from xaydungdang.reports.models import RollupDay, RollupFeature, RollupMonth
from xaydungdang.reports.rollups import ROLLUP_KINDS
from xaydungdang.reports.rollups.contributions import ENTRY, EXIT, TRANSFERRED, exit_reason
from xaydungdang.reports.rollups.readiness import rollups_readable
from xaydungdang.reports.selectors.admissions import admissions

__all__ = ["TRANSFERRED", "member_changes"]


def _counted_in(organization):
    return MembershipPeriod.objects.filter(
        attachment=AttachmentKind.OFFICIAL, status__in=ACTIVE_STATUSES, organization__path__startswith=organization.path
    ).order_by()


def member_changes(organization, start: dt.date, end: dt.date, *, use_rollups: bool = True) -> dict:
    """Entries and exits after `start` up to `end`: {"in": {...}, "out": {...}}.

    An entry is a counted period of the subtree starting in the window with no counted period of the
    subtree ending that day (a move between two cells of the subtree is neither entry nor exit); exits
    likewise, broken down by the status the member left for.
    """
    if use_rollups and changes_in_rollups(organization):
        entries, out = _from_rollups(organization, start, end)
    else:
        entries, out = _live(organization, start, end)
    admitted = admissions(organization, start + dt.timedelta(days=1), end)
    return {
        "in": {"total": entries, "admitted": admitted, "other": entries - admitted},
        "out": {"total": sum(out.values()), **out},
    }


def changes_in_rollups(organization) -> bool:
    return (
        organization.kind in ROLLUP_KINDS
        and RollupFeature.objects.filter(name=RollupFeature.CHANGES).exists()
        and rollups_readable(organization)
    )


def _month_after(day: dt.date) -> dt.date:
    return (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)


def _from_rollups(organization, start: dt.date, end: dt.date) -> tuple[int, dict[str, int]]:
    """The sums over the days after `start` up to `end`: months wholly inside, then the days outside them."""
    first, last = start + dt.timedelta(days=1), end
    months_from = first if first.day == 1 else _month_after(first)  # first whole month
    months_to = _month_after(last)  # months before this one end by `last` when last is a month's last day
    if last + dt.timedelta(days=1) != months_to:
        months_to = last.replace(day=1)
    changes = Q(organization_id=organization.pk, dimension__in=(ENTRY, EXIT))
    if months_from < months_to:
        queries = [
            RollupMonth.objects.filter(changes, month__gte=months_from, month__lt=months_to),
            RollupDay.objects.filter(changes, day__gte=first, day__lt=months_from),
            RollupDay.objects.filter(changes, day__gte=months_to, day__lte=last),
        ]
    else:
        queries = [RollupDay.objects.filter(changes, day__gte=first, day__lte=last)]
    entries, out = 0, {}
    for queryset in queries:
        for dimension, bucket, n in queryset.values_list("dimension", "bucket").annotate(n=Sum("delta")).order_by():
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
