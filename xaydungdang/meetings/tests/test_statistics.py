import datetime as dt

from xaydungdang.access.policy import SYSTEM
from xaydungdang.meetings import services
from xaydungdang.meetings.choices import GuestKind, MeetingKind, Presence
from xaydungdang.meetings.models import Attendance, Meeting, QualityCriterion
from xaydungdang.meetings.statistics import figures, quality_by_year

D = dt.date
START, END = D(2025, 1, 1), D(2025, 3, 31)


def _scenario(held, plan, members, tree, users):
    held(D(2025, 1, 10), entries={members.lan: (Presence.UNEXCUSED, "")})
    late = plan(D(2025, 3, 2), period_start=D(2025, 2, 1))  # February's meeting, held in March
    services.attendance_record(actor=users.officer, meeting=late, held_on=D(2025, 3, 2), entries={})
    thematic = held(D(2025, 2, 20), kind=MeetingKind.THEMATIC, entries={members.lan: (Presence.EXCUSED, "Ốm")})
    for month in (1, 2, 3):
        held(D(2025, month, 5), organization=tree.cell_2)
    guest = services.guest_add(
        actor=users.officer,
        meeting=thematic,
        kind=GuestKind.HIGHER_LEVEL,
        full_name="Lê Thanh Bình",
        post="Đảng ủy viên",
    )
    services.attendance_record(
        actor=users.officer, meeting=thematic, held_on=D(2025, 2, 20),
        entries={members.lan.pk: (Presence.EXCUSED, "Ốm")}, guests_present=[guest.pk],
    )  # fmt: skip
    criteria = list(QualityCriterion.objects.all())
    services.assessment_save(actor=users.officer, meeting=thematic, criteria_met=criteria)
    services.assessment_save(actor=users.officer, meeting=late, criteria_met=criteria[:3])
    held(D(2025, 4, 10))  # outside the period
    plan(D(2025, 3, 20), kind=MeetingKind.EXTRAORDINARY)  # planned, not held: not counted


def test_figures_match_the_counts_of_raw_rows(held, plan, members, tree, users):
    _scenario(held, plan, members, tree, users)
    result = figures(tree.commune_a, SYSTEM, start=START, end=END, on=D(2025, 12, 1))
    cells = 3  # Chi bộ 1, Chi bộ 2, Chi bộ khu vực 1 (a grassroots cell), each owing 3 months and Q1
    regular = result.by_kind[MeetingKind.REGULAR]
    held_regular = Meeting.objects.filter(kind="regular", state="held", period_start__range=(START, END))
    late_regular = [m for m in held_regular if m.held_on > D(m.period_start.year, m.period_start.month, 28)]
    assert (regular.due, regular.held, regular.late) == (cells * 3, held_regular.count(), len(late_regular))
    assert (regular.held, regular.late, regular.missed) == (5, 1, 4)
    thematic = result.by_kind[MeetingKind.THEMATIC]
    assert (thematic.due, thematic.held, thematic.missed) == (cells, 1, 2)
    assert result.by_kind[MeetingKind.COMMITTEE].due == 0  # the school's first half ends in June
    assert result.thematic_by_quarter == {"Q1/2025": 1}
    in_period = Attendance.objects.filter(meeting__held_on__range=(START, END))
    raw = {p: in_period.filter(presence=p).count() for p in Presence.values}
    assert dict(result.attendance) == {p: n for p, n in raw.items() if n}
    expected = raw["present"] + raw["excused"] + raw["unexcused"]
    assert result.attendance_rate == round(100 * raw["present"] / expected, 1)
    assert result.meetings_with_higher_level == 1
    assert dict(result.quality) == {"good": 1, "weak": 1}
    assert result.held_meetings == Meeting.objects.filter(state="held", held_on__range=(START, END)).count()


def test_a_month_still_running_is_not_yet_due(held, tree):
    held(D(2025, 3, 5))
    result = figures(tree.cell_1, SYSTEM, start=START, end=END, on=D(2025, 3, 15))
    assert result.by_kind[MeetingKind.REGULAR].due == 2  # January and February; March runs to the 31st


def test_figures_are_scoped(held, plan, members, tree, users):
    _scenario(held, plan, members, tree, users)
    assert figures(tree.commune_a, users.outsider, start=START, end=END, on=D(2025, 12, 1)).held_meetings == 0


def test_quality_by_year_feeds_the_year_end_review(held, tree, users):
    meeting = held(D(2025, 3, 5))
    services.assessment_save(actor=users.officer, meeting=meeting, criteria_met=list(QualityCriterion.objects.all()))
    assert quality_by_year(tree.cell_1, 2025) == {"good": 1, "fair": 0, "average": 0, "weak": 0}
