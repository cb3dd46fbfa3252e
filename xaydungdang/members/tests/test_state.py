import datetime as dt

import pytest

from xaydungdang.members.choices import AttachmentKind, EventKind, MemberStatus
from xaydungdang.members.models import Member, MembershipEvent, MembershipPeriod
from xaydungdang.members.state import replay

pytestmark = pytest.mark.django_db


def stored_state(member: Member) -> tuple:
    return (member.organization_id, member.status, member.is_exempted, member.admission_date, member.official_date)


def test_replay_of_every_member_reproduces_the_cached_state_and_periods(members):
    for member in Member.objects.all():
        result = replay(member.events.order_by("effective_date", "id"))
        s = result.state
        assert (s.organization_id, s.status, s.is_exempted, s.admission_date, s.official_date) == stored_state(member)
        stored = list(
            member.periods.order_by("valid_from", "id").values_list(
                "organization_id", "status", "valid_from", "valid_to"
            )
        )
        replayed = [(p.organization_id, p.status, p.valid_from, p.valid_to) for p in result.periods]
        assert stored == replayed


def test_admission_then_recognition_makes_two_consecutive_periods(members):
    periods = list(MembershipPeriod.objects.filter(member=members.hung).order_by("valid_from"))
    assert [(p.status, p.valid_from, p.valid_to) for p in periods] == [
        (MemberStatus.PROBATIONARY, dt.date(2010, 5, 19), dt.date(2011, 5, 19)),
        (MemberStatus.OFFICIAL, dt.date(2011, 5, 19), None),
    ]


def test_periods_answer_who_was_member_on_a_date(members, tree):
    on_2011 = MembershipPeriod.objects.on(dt.date(2011, 1, 1)).filter(organization=tree.cell_1)
    assert {p.status for p in on_2011} == {MemberStatus.PROBATIONARY}
    assert MembershipPeriod.objects.on(dt.date(2009, 1, 1)).count() == 0


def _event(member, kind, day, **fields):
    return MembershipEvent(member=member, kind=kind, effective_date=day, **fields)


def test_temporary_activity_adds_a_parallel_period_and_leaving_closes_both(members, tree):
    hung = members.hung
    events = list(hung.events.order_by("effective_date", "id")) + [
        _event(hung, EventKind.TEMPORARY_STARTED, dt.date(2020, 1, 1), to_organization=tree.village_b),
        _event(hung, EventKind.DECEASED, dt.date(2020, 6, 1)),
    ]
    result = replay(events)
    temporary = [p for p in result.periods if p.attachment == AttachmentKind.TEMPORARY]
    assert [(p.organization_id, p.valid_from, p.valid_to) for p in temporary] == [
        (tree.village_b.pk, dt.date(2020, 1, 1), dt.date(2020, 6, 1))
    ]
    assert result.state.status == MemberStatus.DECEASED
    assert result.state.temporary_organization_id is None


def test_two_changes_on_one_day_leave_no_zero_length_period(members, tree):
    hung = members.hung
    events = list(hung.events.order_by("effective_date", "id")) + [
        _event(hung, EventKind.TRANSFERRED_IN, dt.date(2015, 1, 1), to_organization=tree.cell_2),
        _event(hung, EventKind.EXEMPTED, dt.date(2015, 1, 1)),
    ]
    result = replay(events)
    assert all(p.valid_to is None or p.valid_to > p.valid_from for p in result.periods)
    assert result.periods[-1].organization_id == tree.cell_2.pk
    assert result.periods[-1].is_exempted is True
