"""Reads of the lifecycle: who was a member of a subtree on a date, a member's status on a date, the timeline.

Everything as of a date reads MembershipPeriod (derived from the events), so past dates answer exactly.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from xaydungdang.members.choices import ACTIVE_STATUSES, AttachmentKind
from xaydungdang.members.models import Member, MembershipEvent, MembershipPeriod


def members_on(organization, day: dt.date, *, user, attachment: str = AttachmentKind.OFFICIAL) -> QuerySet:
    """Members of the organization's subtree on `day` (probationary or official) that `user` may see.

    Narrowed by where the member was ON THAT DAY: an officer sees who belonged to their organizations then,
    even members who have since moved away (and not those who arrived later). Temporary members are not
    counted in the host's membership (rules.md §2.4): ask for them with `attachment=AttachmentKind.TEMPORARY`.
    """
    periods = MembershipPeriod.objects.of(organization, on=day, attachment=attachment).visible_to(user)
    return Member.objects.filter(pk__in=periods.values("member_id"))


def member_counts_on(organization, day: dt.date) -> dict[str, int]:
    """Headcount of the subtree on `day` by status, plus exempted members and the total."""
    rows = MembershipPeriod.objects.of(organization, on=day).aggregate(
        total=Count("member", distinct=True),
        probationary=Count("member", filter=Q(status="probationary"), distinct=True),
        official=Count("member", filter=Q(status="official"), distinct=True),
        exempted=Count("member", filter=Q(is_exempted=True), distinct=True),
    )
    return rows


@dataclass(frozen=True)
class StatusOn:
    status: str | None
    organization_id: int | None
    is_exempted: bool
    temporary_organization_id: int | None

    @property
    def is_member(self) -> bool:
        return self.status in ACTIVE_STATUSES


def member_status_on(member: Member, day: dt.date) -> StatusOn:
    """The member's status, official organization and temporary host on `day` (None before admission)."""
    official = temporary = None
    for period in MembershipPeriod.objects.on(day).filter(member=member):
        if period.attachment == AttachmentKind.OFFICIAL:
            official = period
        else:
            temporary = period
    if official is None:
        return StatusOn(None, None, False, None)
    return StatusOn(
        official.status,
        official.organization_id,
        official.is_exempted,
        temporary.organization_id if temporary else None,
    )


def member_timeline(member: Member) -> QuerySet:
    """The member's events, oldest first, with what the timeline shows."""
    return (
        MembershipEvent.objects.filter(member=member)
        .select_related("from_organization", "to_organization", "recorded_by")
        .order_by("effective_date", "id")
    )
