"""Party age (tuổi đảng): from the first admission decision, minus the time outside the Party (rules.md §2.6)."""

import datetime as dt

import pytest

from xaydungdang.members.choices import EventKind
from xaydungdang.members.lifecycle import rules
from xaydungdang.members.models import MembershipEvent

pytestmark = pytest.mark.django_db
D = dt.date


def ev(kind, day, decision=None):
    return MembershipEvent(kind=kind, effective_date=day, decision_date=decision)


ADMITTED = ev(EventKind.ADMITTED, D(1990, 2, 10), D(1990, 2, 3))


def test_party_age_counts_from_the_decision_date_not_the_ceremony():
    assert rules.party_age([ADMITTED], D(2020, 2, 3)) == rules.PartyAge(30, 0, D(1990, 2, 3))
    assert rules.party_age([ADMITTED], D(2020, 2, 2)).years == 29
    assert str(rules.party_age([ADMITTED], D(2020, 6, 3))) == "30 năm 4 tháng"


def test_the_gap_between_leaving_and_readmission_is_not_counted():
    events = [
        ADMITTED,
        ev(EventKind.STRUCK_OFF, D(2000, 1, 1)),
        ev(EventKind.READMITTED, D(2004, 1, 10), D(2004, 1, 1)),
    ]
    gap = D(2004, 1, 1) - D(2000, 1, 1)
    assert rules.milestone_date(events, 30) == D(2020, 2, 3) + gap
    assert rules.party_age(events, D(2020, 2, 3)).years == 26
    assert rules.party_age(events, D(2003, 1, 1)).years == 9  # frozen while outside


def test_death_stops_the_count_and_no_later_milestone_is_reached():
    events = [ADMITTED, ev(EventKind.DECEASED, D(2025, 1, 1))]
    assert rules.party_age(events, D(2030, 1, 1)).years == 34
    assert rules.milestone_date(events, 40) is None
    assert rules.milestone_date(events, 30) == D(2020, 2, 3)


def test_no_admission_means_no_party_age():
    assert rules.party_age([], D(2020, 1, 1)) == rules.PartyAge(0, 0, None)
    assert rules.party_age([ADMITTED], D(1980, 1, 1)).years == 0


def test_next_award_date_is_the_next_of_3_2_19_5_2_9_7_11():
    assert rules.next_award_date(D(2024, 1, 1)) == D(2024, 2, 3)
    assert rules.next_award_date(D(2024, 2, 3)) == D(2024, 2, 3)
    assert rules.next_award_date(D(2024, 5, 20)) == D(2024, 9, 2)
    assert rules.next_award_date(D(2024, 11, 8)) == D(2025, 2, 3)


def test_due_milestone_is_the_highest_reached_and_not_yet_awarded():
    events = [ev(EventKind.ADMITTED, D(1980, 1, 1))]
    assert rules.due_milestone(events, award_day=D(2024, 2, 3), already=set()) == (40, D(2020, 1, 1))
    assert rules.due_milestone(events, award_day=D(2024, 2, 3), already={40}) is None
    assert rules.due_milestone(events, award_day=D(2025, 2, 3), already={40}) == (45, D(2025, 1, 1))


def test_early_award_window_depends_on_the_milestone():
    assert rules.early_months(30, serious_illness=True, posthumous=False, on=D(2024, 1, 1)) == 12
    assert rules.early_months(70, serious_illness=True, posthumous=False, on=D(2024, 1, 1)) == 24
    assert rules.early_months(70, serious_illness=False, posthumous=False, on=D(2024, 1, 1)) == 0
    assert rules.early_months(70, serious_illness=False, posthumous=True, on=D(2024, 1, 1)) == 12
