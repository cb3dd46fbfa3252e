"""My space reads the badges the member page reads (issue 17 item 11): an award recorded as an event only."""

import datetime as dt

import pytest

from xaydungdang.members.choices import EventKind
from xaydungdang.members.models import MembershipEvent
from xaydungdang.selfservice.selectors import my_space

pytestmark = pytest.mark.django_db


def test_an_award_recorded_as_an_event_is_a_badge_held_in_my_space(users, members):
    hung = members.hung
    MembershipEvent.objects.create(
        member=hung, kind=EventKind.BADGE_AWARDED, effective_date=dt.date(2040, 2, 3), data={"years": 30}
    )
    space = my_space(users.member, hung, on=dt.date(2041, 1, 1))
    assert [(b.years, b.awarded_on) for b in space.badges] == [(30, dt.date(2040, 2, 3))]
    assert space.next_badge is None or space.next_badge.years != 30
