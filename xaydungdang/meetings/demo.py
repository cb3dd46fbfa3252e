"""A year of meetings for the demo cells, written through `meetings.services` (via `seed(ctx)`): monthly
meetings with some missed and some late, a thematic meeting most quarters, varied attendance, a member
absent without reason in three months (a ground in due work), minutes, tasks and self-assessments."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db.models import Count

from xaydungdang.core.dates import add_months
from xaydungdang.demo.accounts import busiest_cell
from xaydungdang.meetings import services
from xaydungdang.meetings.choices import GuestKind, MeetingKind, Presence
from xaydungdang.meetings.models import QualityCriterion
from xaydungdang.meetings.selectors import roster
from xaydungdang.members.choices import ACTIVE_STATUSES
from xaydungdang.members.models import Member
from xaydungdang.organizations.models import Organization

CELLS = 8
TOPICS = (
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "Nâng cao chất lượng sinh hoạt chi bộ theo Chỉ thị 50-CT/TW",
    "Phòng, chống suy thoái tư tưởng chính trị, đạo đức, lối sống",
    "Chuyển đổi số trong công tác đảng",
)
PLACES = ("Nhà văn hóa ấp", "Hội trường cơ quan", "Phòng họp chi bộ")


def _cells(province) -> list[Organization]:
    """The demo secretary's cell first, then the cells with the most active members."""
    first = busiest_cell(province)
    counts = (
        Member.objects.filter(organization__path__startswith=province.path, status__in=ACTIVE_STATUSES)
        .exclude(organization=first)
        .values("organization")
        .annotate(count=Count("id"))
        .order_by("-count", "organization__path")[: CELLS - 1]
    )
    others = Organization.objects.in_bulk([row["organization"] for row in counts])
    return [first, *(others[row["organization"]] for row in counts)]


def _presence(rng, row, absentee) -> tuple[str, str]:
    if row.exempted or row.elsewhere:
        return row.default_presence, ""
    if row.member.pk == absentee:
        return Presence.UNEXCUSED, ""
    roll = rng.random()
    if roll < 0.08:
        return Presence.EXCUSED, rng.choice(("Ốm", "Đi công tác", "Việc gia đình"))
    if roll < 0.11:
        return Presence.UNEXCUSED, ""
    return Presence.PRESENT, ""


def _hold(ctx, meeting, day, absentee, criteria) -> None:
    rng = ctx.rng
    entries = {row.member.pk: _presence(rng, row, absentee) for row in roster(meeting)}
    if rng.random() < 0.3:
        guest = services.guest_add(actor=ctx.actor, meeting=meeting, kind=GuestKind.HIGHER_LEVEL,
                                   full_name="Nguyễn Thanh Sơn", post="Đảng ủy viên phụ trách")  # fmt: skip
        present = [guest.pk]
    else:
        present = []
    services.attendance_record(actor=ctx.actor, meeting=meeting, held_on=day, entries=entries, guests_present=present)
    services.minutes_save(
        actor=ctx.actor, meeting=meeting, chair="Bí thư chi bộ", secretary="Chi ủy viên",
        sections={"fees": "Thu đảng phí đủ theo quy định.", "news": "Thông tin thời sự trong tháng.",
                  "review": "Hoàn thành các nhiệm vụ tháng trước.", "tasks": "Thực hiện kế hoạch tháng tới."},
        conclusion="Chi bộ thống nhất nhiệm vụ tháng tới.",
    )  # fmt: skip
    if rng.random() < 0.5:
        services.task_add(actor=ctx.actor, meeting=meeting, title="Vận động quần chúng tham gia phong trào",
                          owner_name="Chi ủy", due_on=day + dt.timedelta(days=30))  # fmt: skip
    met = [c for c in criteria if rng.random() < 0.85]
    services.assessment_save(actor=ctx.actor, meeting=meeting, criteria_met=met, assessed_on=day)


def _seed_cell(ctx, cell, index: int, criteria) -> int:
    rng, today = ctx.rng, ctx.today
    first_month = add_months(dt.date(today.year, today.month, 1), -12)
    absentee = None
    count = 0
    absent_months: set[int] = set()
    for offset in range(12):
        month = add_months(first_month, offset)
        if index and rng.random() < 0.08:
            continue  # a missed month
        day = month + dt.timedelta(days=rng.randint(4, 20))
        if rng.random() < 0.08 and add_months(month, 1) + dt.timedelta(days=2) <= today:
            day = add_months(month, 1) + dt.timedelta(days=2)  # held late, early the next month
        meeting = services.meeting_plan(actor=ctx.actor, organization=cell, kind=MeetingKind.REGULAR, planned_on=day,
                                        period_start=month, place=rng.choice(PLACES))  # fmt: skip
        # Absent without reason from three of this year's meetings: the xóa tên ground shows in due work.
        if index == 0 and absentee is None and month.year == today.year:
            called = [row.member.pk for row in roster(meeting) if not (row.exempted or row.elsewhere)]
            absentee = called[-1] if len(called) >= 2 else None
        absent = absentee if day.year == today.year and len(absent_months) < 3 else None
        if absent is not None and day.month in absent_months:
            absent = None  # three distinct months of the year make the ground
        if absent is not None:
            absent_months.add(day.month)
        _hold(ctx, meeting, day, absent, criteria)
        count += 1
        if month.month % 3 == 2 and rng.random() < 0.8:
            thematic = services.meeting_plan(actor=ctx.actor, organization=cell, kind=MeetingKind.THEMATIC,
                                             planned_on=month + dt.timedelta(days=22), topic=rng.choice(TOPICS))  # fmt: skip
            _hold(ctx, thematic, thematic.planned_on, None, criteria)
            count += 1
    upcoming = today + dt.timedelta(days=rng.randint(3, 12))
    try:
        services.meeting_plan(actor=ctx.actor, organization=cell, kind=MeetingKind.REGULAR, planned_on=upcoming,
                              planned_time=dt.time(19, 30), place=rng.choice(PLACES))  # fmt: skip
    except ValidationError:
        pass  # this month's meeting is already held
    return count


def seed(ctx) -> None:
    criteria = list(QualityCriterion.objects.all())
    total = 0
    cells = _cells(ctx.province)
    for index, cell in enumerate(cells):
        total += _seed_cell(ctx, cell, index, criteria)
    ctx.write(f"Sinh hoạt chi bộ: {total} buổi đã sinh hoạt ở {len(cells)} chi bộ")
