"""Events that do not change state (discipline, card, badge) may be recorded late, but never before admission."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from xaydungdang.members.lifecycle import services as svc
from xaydungdang.members.lifecycle.choices import DisciplineForm

pytestmark = pytest.mark.django_db


def test_a_party_card_cannot_be_issued_before_admission(users, members):
    with pytest.raises(ValidationError) as exc:
        svc.party_card_issue(
            actor=users.officer, member=members.hung, card_number="12345678", issued_on=dt.date(1, 1, 1)
        )
    assert exc.value.message_dict["effective_date"] == ["Ngày hiệu lực không được trước ngày vào Đảng (19/05/2010)."]


def test_a_discipline_cannot_predate_admission(users, members):
    with pytest.raises(ValidationError) as exc:
        svc.member_discipline(
            actor=users.officer,
            member=members.hung,
            form=DisciplineForm.REPRIMAND,
            effective_date=dt.date(2009, 1, 1),
            reason="Vi phạm",
            decision_number="1-QĐ/ĐU",
        )
    assert "Ngày hiệu lực không được trước ngày vào Đảng (19/05/2010)." in exc.value.message_dict["effective_date"]
