"""Reads of meetings: the roster of a meeting, a subtree's meetings, a member's upcoming meetings."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from xaydungdang.meetings.choices import MeetingKind, MeetingState, Presence
from xaydungdang.meetings.models import Meeting, MeetingTask
from xaydungdang.members.choices import AttachmentKind, EventKind
from xaydungdang.members.models import Member, MembershipEvent, MembershipPeriod
from xaydungdang.members.selectors import own_member
from xaydungdang.organizations.choices import OrganizationKind
from xaydungdang.organizations.models import Organization


@dataclass
class RosterRow:
    member: Member
    exempted: bool = False
    elsewhere: bool = False
    temporary_here: bool = False

    @property
    def default_presence(self) -> str:
        if self.exempted:
            return Presence.EXEMPTED
        if self.elsewhere:
            return Presence.ELSEWHERE
        return Presence.PRESENT


def roster(meeting: Meeting) -> list[RosterRow]:
    """Who is called to the meeting on its day: the organization's members (its whole subtree for a
    grassroots committee's meeting), and members on temporary activity here; with who is exempted and who
    is on temporary activity elsewhere that day."""
    day, organization = meeting.day, meeting.organization
    subtree = organization.kind == OrganizationKind.GRASSROOTS_COMMITTEE
    official = MembershipPeriod.objects.of(organization, on=day, subtree=subtree)
    exempted = {m for m, e in official.values_list("member_id", "is_exempted") if e}
    official_ids = set(official.values_list("member_id", flat=True))
    here = set(
        MembershipPeriod.objects.of(
            organization, on=day, subtree=subtree, attachment=AttachmentKind.TEMPORARY
        ).values_list("member_id", flat=True)
    )
    elsewhere = _elsewhere(official_ids, day)
    members = Member.objects.filter(pk__in=official_ids | here).order_by("sort_name", "pk")
    return [
        RosterRow(m, exempted=m.pk in exempted, elsewhere=m.pk in elsewhere, temporary_here=m.pk in here - official_ids)
        for m in members
    ]


def _elsewhere(member_ids: set[int], day: dt.date) -> set[int]:
    """Members whose latest temporary-activity event by `day` started one (inside the system or outside)."""
    events = (
        MembershipEvent.objects.filter(
            member_id__in=member_ids,
            kind__in=(EventKind.TEMPORARY_STARTED, EventKind.TEMPORARY_ENDED),
            effective_date__lte=day,
        )
        .order_by("member_id", "effective_date", "id")
        .values_list("member_id", "kind")
    )
    latest = dict(events)
    return {member_id for member_id, kind in latest.items() if kind == EventKind.TEMPORARY_STARTED}


def meetings_of(organization, user, *, start: dt.date | None = None, end: dt.date | None = None) -> QuerySet:
    """The meetings of the organization's subtree that the user may see, by day."""
    meetings = Meeting.objects.visible_to(user).in_subtree(organization).select_related("organization")
    if start:
        meetings = meetings.filter(planned_on__gte=start)
    if end:
        meetings = meetings.filter(planned_on__lte=end)
    return meetings.order_by("planned_on", "planned_time", "organization__path", "id")


def upcoming_for(user, on: dt.date) -> QuerySet:
    """The planned meetings of the user's own organization (as a member) from `on`."""
    member = own_member(user)
    if member is None or member.organization_id is None:
        return Meeting.objects.none()
    organizations = [member.organization_id]
    parent = Organization.objects.get_parent(member.organization)
    if parent is not None and parent.kind == OrganizationKind.GRASSROOTS_COMMITTEE:
        organizations.append(parent.pk)  # its twice-yearly meetings call every member of the subtree
    return (
        Meeting.objects.visible_to(user)
        .filter(organization_id__in=organizations, state=MeetingState.PLANNED, planned_on__gte=on)
        .select_related("organization")
        .order_by("planned_on", "planned_time", "id")
    )


def carried_tasks(meeting: Meeting) -> QuerySet:
    """Tasks concluded at the organization's earlier meetings and not done before this one: the review of
    last month goes through them."""
    return (
        MeetingTask.objects.filter(meeting__organization=meeting.organization, meeting__planned_on__lt=meeting.day)
        .exclude(meeting=meeting)
        .exclude(done_on__lt=meeting.day)
        .exclude(meeting__state=MeetingState.CANCELLED)
        .select_related("owner", "meeting")
        .order_by("due_on", "id")
    )


def previous_meeting(meeting: Meeting) -> Meeting | None:
    return (
        Meeting.objects.filter(organization=meeting.organization, state=MeetingState.HELD, held_on__lt=meeting.day)
        .exclude(pk=meeting.pk)
        .order_by("-held_on", "-id")
        .first()
    )


def is_thematic(meeting: Meeting) -> bool:
    return meeting.kind == MeetingKind.THEMATIC


def attendance_of(member: Member, user, since: dt.date) -> QuerySet:
    """The member's attendance at meetings held from `since`, newest first (their own page: My space)."""
    from xaydungdang.meetings.models import Attendance

    return (
        Attendance.objects.visible_to(user)
        .filter(member=member, meeting__held_on__gte=since)
        .select_related("meeting__organization")
        .order_by("-meeting__held_on", "-id")
    )


def tasks_of(member: Member, user) -> QuerySet:
    """Tasks the meetings gave the member: open ones first (by due date), then the last done."""
    return (
        MeetingTask.objects.visible_to(user)
        .filter(owner=member)
        .select_related("meeting__organization")
        .order_by("done_on", "due_on", "id")
    )
