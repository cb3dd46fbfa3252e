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


def _arrive(actor, organization, **extra):
    fields = dict(
        actor=actor, organization=organization, arrived_on=dt.date(2025, 3, 1), letter_number="15-GGT/TU",
        letter_date=dt.date(2025, 2, 20), from_organization="Đảng bộ tỉnh An Giang", status="official",
        full_name="Nguyễn Văn Hùng", gender="male", birth_date=dt.date(1985, 3, 15),
        admission_decision_date=dt.date(2010, 5, 10), admission_date=dt.date(2010, 5, 19),
        official_date=dt.date(2011, 5, 19), national_id="092085000123",
    )  # fmt: skip
    return svc.member_transfer_in_from_outside(**{**fields, **extra})


def test_a_member_who_left_the_deployment_comes_back_on_the_same_record(users, members, tree):
    svc.transfer_issue(
        actor=users.officer, member=members.hung, external_organization="Đảng bộ tỉnh An Giang",
        letter_number="9", issued_on=dt.date(2024, 5, 6),
    )  # fmt: skip
    back = _arrive(users.officer, tree.village_a)
    assert back.pk == members.hung.pk
    assert (back.status, back.organization) == ("official", tree.village_a)
    kinds = list(back.events.values_list("kind", flat=True))
    assert kinds.count("admitted") == 1 and kinds[-1] == "transferred_in"


def test_a_national_id_of_a_current_member_is_refused_on_arrival(users, members, tree):
    with pytest.raises(ValidationError) as exc:
        _arrive(users.officer, tree.village_a)
    assert exc.value.message_dict["national_id"] == [
        "Số CCCD này đã có hồ sơ đảng viên trong hệ thống (Nguyễn Văn Hùng, đảng viên chính thức); chỉ tiếp nhận "
        "lại người đã chuyển sinh hoạt ra ngoài."
    ]


def test_an_arrival_tells_an_outsider_nothing_about_a_record_out_of_scope(users, members, tree):
    with pytest.raises(ValidationError) as exc:
        _arrive(users.outsider, tree.village_b)
    assert exc.value.message_dict["national_id"] == ["Số CCCD này đã có hồ sơ đảng viên trong hệ thống."]
