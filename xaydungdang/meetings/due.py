"""What meetings make due (Việc cần làm): periods without a meeting, meetings past their day and not
recorded, and members absent without good reason in 3 months of the year (a ground for xóa tên).

Providers registered in MeetingsConfig.ready(). The absence ground only links to the lifecycle's strike-off
form with the ground filled in: deciding is the cell's and the committee's, never this list's.
"""

import datetime as dt
from collections import defaultdict
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xaydungdang.access.policy import policy_for
from xaydungdang.core import parameters
from xaydungdang.core.dates import add_months
from xaydungdang.duework.registry import DueItem, DueItems, DueQuery, DueSection, register
from xaydungdang.meetings import rules
from xaydungdang.meetings.choices import DueKind, MeetingKind, MeetingState, Presence
from xaydungdang.meetings.models import Attendance, Meeting
from xaydungdang.members.choices import ACTIVE_STATUSES, EventKind
from xaydungdang.members.lifecycle.choices import StrikeOffGround
from xaydungdang.members.models import Member
from xaydungdang.organizations.models import Organization

BATCH = 500


def _window(on: dt.date) -> dt.date:
    return add_months(dt.date(on.year, on.month, 1), -int(parameters.value(rules.LOOKBACK_MONTHS.key, on=on)))


def _plan_url(organization, kind: str, start: dt.date) -> str:
    query = urlencode({"kind": kind, "period_start": start.isoformat()})
    return f"{reverse('meetings:plan', args=[organization.pk])}?{query}"


def _period_items(organization, meetings: list, on: dt.date, first: dt.date) -> list[DueItem]:
    items = []
    for requirement in rules.requirements_for(organization.kind):
        kind = requirement.kind
        of_kind = [m for m in meetings if m.kind == kind]
        for start, end in rules.periods_ending_between(kind, first, rules.period_of(kind, on)[1]):
            if not rules.active_during(organization, start, end):
                continue
            in_period = [m for m in of_kind if m.period_start == start]
            if any(m.state == MeetingState.HELD for m in in_period):
                continue
            planned = [m for m in in_period if m.state == MeetingState.PLANNED]
            if end < on and not planned:
                due_kind = DueKind.MISSED
            elif end >= on and not planned:
                due_kind = DueKind.UNPLANNED
            else:
                continue  # a planned meeting: reported below when its day has passed
            extra = {"kind": kind, "kind_label": MeetingKind(kind).label, "due_kind": due_kind,
                     "task": DueKind(due_kind).label}  # fmt: skip
            title = f"{MeetingKind(kind).label} — {organization.name}"
            url = _plan_url(organization, kind, start)
            items.append(
                DueItem(organization, title, end, start=start, organization=organization, url=url, extra=extra)
            )
    for meeting in meetings:
        if meeting.state == MeetingState.PLANNED and meeting.planned_on < on:
            extra = {"kind": meeting.kind, "kind_label": meeting.get_kind_display(),
                     "due_kind": DueKind.UNRECORDED, "task": DueKind.UNRECORDED.label}  # fmt: skip
            url = reverse("meetings:attendance", args=[meeting.pk])
            items.append(
                DueItem(
                    meeting,
                    str(meeting),
                    meeting.planned_on,
                    start=meeting.period_start,
                    organization=organization,
                    url=url,
                    extra=extra,
                )  # fmt: skip
            )
    return items


def meetings_due(query: DueQuery) -> DueItems:
    """Per organization that must meet (cells; grassroots committees): each period of the last months
    without a held meeting, the current period not yet planned, and planned meetings past their day."""
    if policy_for(query.user).is_member_only:
        return DueItems([])  # the cell's committee keeps its meetings, not each member
    on, first = query.on, _window(query.on)
    organizations = (
        Organization.objects.visible_to(query.user)
        .filter(path__startswith=query.organization.path, kind__in=rules.REQUIRED_ORGANIZATION_KINDS)
        .exclude(dissolved_on__lt=add_months(first, -6))
        .order_by("path")
    )
    items: list[DueItem] = []
    batch: list[Organization] = []

    def flush() -> None:
        meetings = defaultdict(list)
        rows = Meeting.objects.filter(organization__in=batch, period_start__gte=add_months(first, -6)).not_cancelled()
        for meeting in rows.select_related("organization"):
            meetings[meeting.organization_id].append(meeting)
        for organization in batch:
            items.extend(_period_items(organization, meetings[organization.pk], on, first))
        batch.clear()

    for organization in organizations.iterator(chunk_size=BATCH):
        batch.append(organization)
        if len(batch) >= BATCH:
            flush()
    if batch:
        flush()
    items.sort(key=lambda item: (item.due, item.title))
    return DueItems(items[: query.limit], total=len(items))


def strike_off_url(member: Member, months: list[tuple[int, int]]) -> str:
    listed = ", ".join(f"{m:02d}/{y}" for y, m in months)
    reason = _("Bỏ sinh hoạt đảng không có lý do chính đáng các tháng %(months)s") % {"months": listed}
    query = urlencode({"ground": StrikeOffGround.LEFT_ACTIVITY, "reason": reason})
    return f"{reverse('lifecycle:event_create', args=[member.pk, EventKind.STRUCK_OFF])}?{query}"


def absence_ground(query: DueQuery) -> DueItems:
    """Members absent without good reason from the meetings of 3 distinct months of the year (QĐ 24 §8.1),
    counted from held meetings; the exempted are recorded as such and never counted."""
    if policy_for(query.user).is_member_only:
        return DueItems([])  # a member's own absences are not their due work
    on = query.on
    rows = (
        Attendance.objects.visible_to(query.user)
        .filter(
            meeting__organization__path__startswith=query.organization.path,
            meeting__state=MeetingState.HELD,
            meeting__held_on__year=on.year,
            meeting__held_on__lte=on,
            presence=Presence.UNEXCUSED,
            member__status__in=ACTIVE_STATUSES,
        )
        .values_list("member_id", "meeting__held_on")
    )
    months: dict[int, set[tuple[int, int]]] = defaultdict(set)
    for member_id, held_on in rows:
        months[member_id].add((held_on.year, held_on.month))
    grounded = {m: sorted(ms) for m, ms in months.items() if rules.absence_ground(ms, on.year, on)}
    members = Member.objects.filter(pk__in=grounded).select_related("organization").order_by("sort_name", "pk")
    items = []
    for member in members[: query.limit]:
        listed = grounded[member.pk]
        start = dt.date(listed[0][0], listed[0][1], 1)
        extra = {"months": ", ".join(f"{m:02d}/{y}" for y, m in listed), "count": len(listed)}
        items.append(
            DueItem(
                member,
                member.full_name,
                None,
                start=start,
                organization=member.organization,
                url=strike_off_url(member, listed),
                extra=extra,
            )  # fmt: skip
        )
    return DueItems(items, total=len(grounded))


SECTION = DueSection(
    "meetings", gettext_lazy("Sinh hoạt chi bộ chưa tổ chức, chưa ghi kết quả"), "meetings/due/_meetings.html",
    meetings_due, order=40,
)  # fmt: skip
ABSENCE = DueSection(
    "meeting_absence",
    gettext_lazy("Đảng viên bỏ sinh hoạt 3 tháng trong năm không có lý do (xem xét xóa tên)"),
    "meetings/due/_absence.html",
    absence_ground,
    order=41,
)


def register_sections() -> None:
    register(SECTION)
    register(ABSENCE)
