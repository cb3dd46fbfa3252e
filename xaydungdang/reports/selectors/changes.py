"""Members who came into or left a subtree between two dates, derived from the effective-dated periods."""

import datetime as dt

from django.db.models import Count, Exists, OuterRef, Subquery

from xaydungdang.members.choices import ACTIVE_STATUSES, AttachmentKind, MemberStatus
from xaydungdang.members.models import MembershipPeriod
from xaydungdang.reports.selectors.admissions import admissions

TRANSFERRED = "transferred"  # left for another organization (inside or outside the deployment)


def _counted_in(organization):
    return MembershipPeriod.objects.filter(
        attachment=AttachmentKind.OFFICIAL, status__in=ACTIVE_STATUSES, organization__path__startswith=organization.path
    ).order_by()


def member_changes(organization, start: dt.date, end: dt.date) -> dict:
    """Entries and exits after `start` up to `end`: {"in": {...}, "out": {...}}.

    An entry is a counted period of the subtree starting in the window with no counted period of the
    subtree ending that day (a move between two cells of the subtree is neither entry nor exit); exits
    likewise, broken down by the status the member left for.
    """
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
        status = row["next_status"]
        key = TRANSFERRED if status in ACTIVE_STATUSES or status in (None, MemberStatus.TRANSFERRED_OUT) else status
        out[key] = out.get(key, 0) + row["n"]
    admitted = admissions(organization, start + dt.timedelta(days=1), end)
    return {
        "in": {"total": entries, "admitted": admitted, "other": entries - admitted},
        "out": {"total": sum(out.values()), **out},
    }
