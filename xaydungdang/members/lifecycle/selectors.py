"""Reads of the lifecycle: who was a member of a subtree on a date, a member's status on a date, the timeline.

Everything as of a date reads MembershipPeriod (derived from the events), so past dates answer exactly.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from xaydungdang.members.choices import ACTIVE_STATUSES, AttachmentKind, EventKind
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


@dataclass(frozen=True)
class HeldBadge:
    """A badge as the member page shows it: the award event's milestone and day, the Badge row's number."""

    years: int
    awarded_on: dt.date
    badge_number: str = ""
    posthumous: bool = False
    returned_on: dt.date | None = None

    def __str__(self) -> str:
        return badge_label(self.years)


def badge_label(years: int) -> str:
    return _("Huy hiệu %(years)s năm tuổi Đảng") % {"years": years}


def event_badges(event: MembershipEvent) -> list[int]:
    """The milestones (30, 40, 45…) a badge event is about: the one awarded, or those handed back."""
    data = event.data or {}
    if event.kind == EventKind.BADGE_AWARDED and data.get("years"):
        return [int(data["years"])]
    if event.kind == EventKind.BADGE_RETURNED:
        return [int(years) for years in data.get("badges", [])]
    return []


def member_badges(member: Member, events: list[MembershipEvent]) -> list[HeldBadge]:
    """The member's badges, one per award event of `events` (the member's timeline: the badge card and the
    events read the same log), with the number and return day of its Badge row when there is one; a Badge row
    without an event (older data) still shows. By milestone."""
    rows = {badge.years: badge for badge in member.badges.all()}
    returned = {
        years: e.effective_date for e in events if e.kind == EventKind.BADGE_RETURNED for years in event_badges(e)
    }
    badges = {}
    for event in events:
        for years in event_badges(event) if event.kind == EventKind.BADGE_AWARDED else []:
            row = rows.get(years)
            badges[years] = HeldBadge(
                years,
                event.effective_date,
                row.badge_number if row else "",
                bool((event.data or {}).get("posthumous")) or bool(row and row.posthumous),
                (row.returned_on if row else None) or returned.get(years),
            )
    for years, row in rows.items():
        badges.setdefault(years, HeldBadge(years, row.awarded_on, row.badge_number, row.posthumous, row.returned_on))
    return [badges[years] for years in sorted(badges)]
