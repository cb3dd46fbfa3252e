import datetime as dt

import pytest

from xaydungdang.meetings import rules
from xaydungdang.meetings.choices import MeetingKind, QualityLevel

D = dt.date
pytestmark = pytest.mark.django_db


def test_periods_are_the_month_the_quarter_and_the_half_year():
    assert rules.period_of(MeetingKind.REGULAR, D(2025, 2, 14)) == (D(2025, 2, 1), D(2025, 2, 28))
    assert rules.period_of(MeetingKind.THEMATIC, D(2025, 5, 3)) == (D(2025, 4, 1), D(2025, 6, 30))
    assert rules.period_of(MeetingKind.COMMITTEE, D(2025, 8, 1)) == (D(2025, 7, 1), D(2025, 12, 31))


def test_periods_ending_between_count_only_those_ended_in_the_range():
    months = rules.periods_ending_between(MeetingKind.REGULAR, D(2025, 1, 1), D(2025, 3, 30))
    assert [start for start, _end in months] == [D(2025, 1, 1), D(2025, 2, 1)]  # March ends on the 31st
    quarters = rules.periods_ending_between(MeetingKind.THEMATIC, D(2025, 1, 1), D(2025, 12, 31))
    assert len(quarters) == 4
    halves = rules.periods_ending_between(MeetingKind.COMMITTEE, D(2025, 1, 1), D(2025, 12, 31))
    assert halves == [(D(2025, 1, 1), D(2025, 6, 30)), (D(2025, 7, 1), D(2025, 12, 31))]


def test_a_meeting_held_after_its_month_is_late_and_within_it_is_not():
    assert rules.is_late(MeetingKind.REGULAR, D(2025, 1, 1), D(2025, 2, 3))
    assert not rules.is_late(MeetingKind.REGULAR, D(2025, 1, 1), D(2025, 1, 31))
    assert not rules.is_late(MeetingKind.EXTRAORDINARY, D(2025, 1, 1), D(2025, 3, 3))


def test_which_organizations_must_meet():
    assert {r.kind for r in rules.requirements_for("cell")} == {MeetingKind.REGULAR, MeetingKind.THEMATIC}
    assert {r.kind for r in rules.requirements_for("grassroots_cell")} == {MeetingKind.REGULAR, MeetingKind.THEMATIC}
    assert [r.kind for r in rules.requirements_for("grassroots_committee")] == [MeetingKind.COMMITTEE]
    assert rules.requirements_for("upper_grassroots") == []


def test_absence_ground_needs_three_distinct_months_of_the_same_year():
    on = D(2025, 12, 1)
    assert rules.absence_ground({(2025, 1), (2025, 4), (2025, 9)}, 2025, on)
    assert not rules.absence_ground({(2025, 1), (2025, 4)}, 2025, on)
    assert not rules.absence_ground({(2024, 11), (2024, 12), (2025, 1)}, 2025, on)


def test_quality_level_by_points():
    on = D(2025, 6, 1)
    assert rules.quality_level(95, on) == QualityLevel.GOOD
    assert rules.quality_level(90, on) == QualityLevel.GOOD
    assert rules.quality_level(89, on) == QualityLevel.FAIR
    assert rules.quality_level(50, on) == QualityLevel.AVERAGE
    assert rules.quality_level(49, on) == QualityLevel.WEAK


def test_agenda_follows_the_guide_and_a_thematic_meeting_adds_its_topic_after_the_review():
    keys = [item.key for item in rules.agenda_for(MeetingKind.REGULAR)]
    assert keys[:3] == ["fees", "situation", "programme"]
    assert keys.index("review") < keys.index("tasks")
    thematic = [item.key for item in rules.agenda_for(MeetingKind.THEMATIC)]
    assert thematic.index("topic") == thematic.index("review") + 1
