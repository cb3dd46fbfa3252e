"""Every lifecycle event kind through its service: what it records, and what it refuses with which message."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from xaydungdang.access.policy import OutOfScope
from xaydungdang.members.choices import EventKind, MemberStatus
from xaydungdang.members.lifecycle import rules
from xaydungdang.members.lifecycle import services as svc
from xaydungdang.members.lifecycle.choices import DisciplineForm, StrikeOffGround
from xaydungdang.members.lifecycle.models import Badge
from xaydungdang.members.lifecycle.testing import admit
from xaydungdang.members.models import Member

pytestmark = pytest.mark.django_db
D = dt.date


def messages(exc_info, field):
    return exc_info.value.message_dict[field]


@pytest.fixture
def officer(users):
    return users.officer


def test_admit_creates_a_probationary_member_with_the_admission_event(tree, officer):
    member = admit(officer, tree.cell_1, ceremony=D(2024, 3, 10), decision=D(2024, 3, 1), full_name="Võ  Thị   Mai")
    assert member.status == MemberStatus.PROBATIONARY
    assert member.full_name == "Võ Thị Mai"
    assert (member.admission_decision_date, member.admission_date) == (D(2024, 3, 1), D(2024, 3, 10))
    event = member.events.get()
    assert (event.kind, event.to_organization, event.decision_date) == (EventKind.ADMITTED, tree.cell_1, D(2024, 3, 1))
    assert member.periods.get().valid_from == D(2024, 3, 10)
    assert member.history.first().history_user == officer


def test_admit_refuses_age_under_18_counted_in_months(tree, officer):
    with pytest.raises(ValidationError) as exc:
        admit(officer, tree.cell_1, ceremony=D(2024, 3, 10), decision=D(2024, 3, 1), birth_date=D(2006, 3, 2))
    assert "chưa đủ 18 tuổi" in messages(exc, "birth_date")[0]


def test_admit_refuses_ceremony_before_decision_and_an_organization_without_members(tree, officer):
    with pytest.raises(ValidationError) as exc:
        admit(officer, tree.cell_1, ceremony=D(2024, 3, 1), decision=D(2024, 3, 10))
    assert messages(exc, "ceremony_date") == ["Ngày lễ kết nạp không được trước ngày quyết định kết nạp."]
    with pytest.raises(ValidationError) as exc:
        admit(officer, tree.school, ceremony=D(2024, 3, 10))
    assert "Chỉ chi bộ" in messages(exc, "organization")[0]


def test_admit_refuses_out_of_scope(tree, users):
    with pytest.raises(OutOfScope):
        admit(users.outsider, tree.cell_1, ceremony=D(2024, 3, 10))


def test_recognition_makes_the_member_official_12_months_after_the_ceremony_even_if_decided_late(tree, officer):
    member = admit(officer, tree.cell_1, ceremony=D(2023, 1, 31))
    member = svc.member_recognize_official(
        actor=officer, member=member, decision_number="12-QĐ/ĐU", decision_date=D(2024, 4, 15)
    )
    assert member.status == MemberStatus.OFFICIAL
    assert member.official_date == D(2024, 1, 31)
    periods = list(member.periods.values_list("status", "valid_from", "valid_to"))
    assert periods == [
        (MemberStatus.PROBATIONARY, D(2023, 1, 31), D(2024, 1, 31)),
        (MemberStatus.OFFICIAL, D(2024, 1, 31), None),
    ]


def test_recognition_refuses_before_12_months_and_a_member_who_is_not_probationary(tree, officer, members):
    member = admit(officer, tree.cell_1, ceremony=D(2024, 1, 10))
    with pytest.raises(ValidationError) as exc:
        svc.member_recognize_official(actor=officer, member=member, decision_number="1", decision_date=D(2024, 12, 1))
    assert messages(exc, "decision_date") == [
        "Chưa hết 12 tháng dự bị (đến 10/01/2025); chưa thể quyết định công nhận chính thức (Điều lệ Đảng Điều 5)."
    ]
    with pytest.raises(ValidationError) as exc:
        svc.member_recognize_official(
            actor=officer, member=member, decision_number="1", decision_date=D(2025, 2, 1), effective_date=D(2025, 2, 1)
        )
    assert "tức 10/01/2025" in messages(exc, "effective_date")[0]
    with pytest.raises(ValidationError) as exc:
        svc.member_recognize_official(
            actor=officer, member=members.hung, decision_number="1", decision_date=D(2024, 1, 1)
        )
    assert messages(exc, "member") == [
        "Chỉ đảng viên dự bị mới được xét công nhận chính thức (tình trạng hiện tại: Đảng viên chính thức)."
    ]


def test_annulment_only_for_probationary(tree, officer, members):
    member = admit(officer, tree.cell_1, ceremony=D(2024, 1, 10))
    member = svc.member_annul_admission(
        actor=officer, member=member, effective_date=D(2024, 6, 1), reason="Sai quy định"
    )
    assert member.status == MemberStatus.ANNULLED
    with pytest.raises(ValidationError) as exc:
        svc.member_annul_admission(actor=officer, member=members.hung, effective_date=D(2024, 6, 1), reason="x")
    assert "Chỉ xóa tên, hủy kết nạp đối với đảng viên dự bị" in messages(exc, "member")[0]


def test_internal_transfer_moves_the_member_only_on_acceptance(tree, members, officer):
    hung = members.hung
    transfer = svc.transfer_issue(
        actor=officer, member=hung, to_organization=tree.village_b, letter_number="25-GGT/ĐU", issued_on=D(2024, 5, 6)
    )
    hung.refresh_from_db()
    assert hung.organization == tree.cell_1
    assert transfer.present_by == D(2024, 6, 17)  # 30 working days, weekends skipped
    assert hung.events.last().kind == EventKind.TRANSFERRED_OUT
    svc.transfer_accept(actor=officer, transfer=transfer, accepted_on=D(2024, 5, 20))
    hung.refresh_from_db()
    assert (hung.organization, hung.status) == (tree.village_b, MemberStatus.OFFICIAL)
    assert list(hung.periods.values_list("organization_id", "valid_from", "valid_to"))[-2:] == [
        (tree.cell_1.pk, D(2011, 5, 19), D(2024, 5, 20)),
        (tree.village_b.pk, D(2024, 5, 20), None),
    ]


def test_transfer_accept_is_checked_against_the_receivers_scope_and_late_letters_need_an_explanation(
    tree, members, users
):
    transfer = svc.transfer_issue(
        actor=users.secretary,
        member=members.hung,
        to_organization=tree.village_b,
        letter_number="1",
        issued_on=D(2024, 5, 6),
    )
    with pytest.raises(OutOfScope):
        svc.transfer_accept(actor=users.secretary, transfer=transfer, accepted_on=D(2024, 5, 20))
    with pytest.raises(ValidationError) as exc:
        svc.transfer_accept(actor=users.outsider, transfer=transfer, accepted_on=D(2024, 7, 1))
    assert "quá hạn (hạn 17/06/2024" in messages(exc, "note")[0]
    svc.transfer_accept(actor=users.outsider, transfer=transfer, accepted_on=D(2024, 7, 1), note="Ốm nằm viện")
    with pytest.raises(ValidationError) as exc:
        svc.transfer_accept(actor=users.outsider, transfer=transfer, accepted_on=D(2024, 7, 2))
    assert "không còn chờ tiếp nhận" in messages(exc, "transfer")[0]


def test_transfer_refusals(tree, members, officer):
    with pytest.raises(ValidationError) as exc:
        svc.transfer_issue(
            actor=officer, member=members.hung, to_organization=tree.cell_1, letter_number="1", issued_on=D(2024, 5, 6)
        )
    assert messages(exc, "to_organization") == ["Tổ chức chuyển đến phải khác chi bộ đang sinh hoạt."]
    svc.member_record_death(actor=officer, member=members.lan, effective_date=D(2024, 1, 1))
    with pytest.raises(ValidationError) as exc:
        svc.transfer_issue(
            actor=officer, member=members.lan, to_organization=tree.cell_2, letter_number="1", issued_on=D(2024, 5, 6)
        )
    assert messages(exc, "member") == [
        "Đảng viên không còn sinh hoạt đảng (tình trạng: Từ trần); không thể ghi sự kiện này."
    ]
    svc.transfer_issue(
        actor=officer, member=members.hung, to_organization=tree.cell_2, letter_number="7", issued_on=D(2024, 5, 6)
    )
    with pytest.raises(ValidationError) as exc:
        svc.transfer_issue(
            actor=officer,
            member=members.hung,
            to_organization=tree.village_a,
            letter_number="8",
            issued_on=D(2024, 5, 7),
        )
    assert "chờ tiếp nhận (số 7)" in messages(exc, "member")[0]


def test_transfer_out_of_the_deployment_ends_membership_here(tree, members, officer):
    transfer = svc.transfer_issue(
        actor=officer,
        member=members.nam,
        external_organization="Đảng bộ tỉnh An Giang",
        letter_number="9",
        issued_on=D(2024, 5, 6),
    )
    members.nam.refresh_from_db()
    assert members.nam.status == MemberStatus.TRANSFERRED_OUT
    assert transfer.kind == "outgoing"
    svc.transfer_accept(actor=officer, transfer=transfer, accepted_on=D(2024, 5, 30))


def test_cancelled_transfer_leaves_the_member_in_place(tree, members, officer):
    transfer = svc.transfer_issue(
        actor=officer, member=members.hung, to_organization=tree.cell_2, letter_number="7", issued_on=D(2024, 5, 6)
    )
    svc.transfer_cancel(actor=officer, transfer=transfer, cancelled_on=D(2024, 8, 1), reason="Không xuất trình")
    members.hung.refresh_from_db()
    assert members.hung.organization == tree.cell_1


def test_transfer_in_from_outside_creates_the_member_with_their_history(tree, officer):
    member = svc.member_transfer_in_from_outside(
        actor=officer,
        organization=tree.village_a,
        arrived_on=D(2024, 3, 1),
        letter_number="15-GGT/TU",
        letter_date=D(2024, 2, 20),
        from_organization="Đảng bộ tỉnh Sóc Trăng",
        status=MemberStatus.OFFICIAL,
        full_name="Lâm Văn Sơn",
        gender="male",
        birth_date=D(1980, 1, 1),
        admission_decision_date=D(2005, 3, 1),
        admission_date=D(2005, 3, 3),
        official_date=D(2006, 3, 3),
    )
    assert (member.status, member.organization, member.official_date) == (
        MemberStatus.OFFICIAL,
        tree.village_a,
        D(2006, 3, 3),
    )
    assert [e.kind for e in member.events.all()] == [
        EventKind.ADMITTED,
        EventKind.RECOGNIZED_OFFICIAL,
        EventKind.TRANSFERRED_IN,
    ]
    assert list(member.periods.values_list("organization_id", "valid_from")) == [(tree.village_a.pk, D(2024, 3, 1))]
    assert member.transfers.get().kind == "incoming"


def test_transfer_in_refuses_inconsistent_status(tree, officer):
    with pytest.raises(ValidationError) as exc:
        svc.member_transfer_in_from_outside(
            actor=officer, organization=tree.village_a, arrived_on=D(2024, 3, 1), letter_number="1", letter_date=D(2024, 2, 1),
            from_organization="X", status=MemberStatus.OFFICIAL, full_name="A B", gender="male", birth_date=D(1980, 1, 1),
            admission_decision_date=D(2005, 3, 1), admission_date=D(2005, 3, 3),
        )  # fmt: skip
    assert messages(exc, "official_date") == [
        "Đảng viên chính thức phải có ngày chính thức; đảng viên dự bị thì không."
    ]


def test_temporary_activity_keeps_the_official_organization(tree, members, officer):
    hung = svc.member_temporary_start(
        actor=officer,
        member=members.hung,
        to_organization=tree.village_b,
        effective_date=D(2024, 1, 1),
        until=D(2024, 9, 1),
    )
    assert hung.organization == tree.cell_1
    assert hung.periods.filter(attachment="temporary", organization=tree.village_b, valid_to=None).exists()
    with pytest.raises(ValidationError) as exc:
        svc.member_temporary_start(
            actor=officer,
            member=hung,
            external_organization="Chi bộ X",
            effective_date=D(2024, 2, 1),
            until=D(2024, 8, 1),
        )
    assert "đang sinh hoạt tạm thời ở Chi bộ khu vực 2" in messages(exc, "member")[0]
    hung = svc.member_temporary_end(actor=officer, member=hung, effective_date=D(2024, 9, 1))
    assert not hung.periods.filter(attachment="temporary", valid_to=None).exists()
    with pytest.raises(ValidationError) as exc:
        svc.member_temporary_end(actor=officer, member=hung, effective_date=D(2024, 9, 2))
    assert messages(exc, "member") == ["Đảng viên không sinh hoạt tạm thời."]


def test_exemption_and_its_end(members, officer):
    with pytest.raises(ValidationError) as exc:
        svc.member_exempt(actor=officer, member=members.hung, effective_date=D(2024, 1, 1), reason="")
    assert "Phải ghi lý do miễn" in messages(exc, "reason")[0]
    hung = svc.member_exempt(actor=officer, member=members.hung, effective_date=D(2024, 1, 1), reason="Tuổi cao")
    assert hung.is_exempted
    with pytest.raises(ValidationError) as exc:
        svc.member_exempt(actor=officer, member=hung, effective_date=D(2024, 2, 1), reason="x")
    assert messages(exc, "member") == ["Đảng viên đang được miễn công tác và sinh hoạt đảng."]
    hung = svc.member_end_exemption(actor=officer, member=hung, effective_date=D(2024, 6, 1))
    assert not hung.is_exempted
    with pytest.raises(ValidationError):
        svc.member_end_exemption(actor=officer, member=hung, effective_date=D(2024, 7, 1))


def test_discipline_forms_and_the_probationary_limit(tree, members, officer):
    svc.member_discipline(
        actor=officer,
        member=members.hung,
        form=DisciplineForm.REMOVAL_FROM_POST,
        effective_date=D(2024, 1, 1),
        reason="Vi phạm",
    )
    assert members.hung.events.last().data == {"form": "removal_from_post"}
    probationary = admit(officer, tree.cell_1, ceremony=D(2024, 1, 10))
    svc.member_discipline(
        actor=officer, member=probationary, form=DisciplineForm.WARNING, effective_date=D(2024, 3, 1), reason="Vi phạm"
    )
    with pytest.raises(ValidationError) as exc:
        svc.member_discipline(
            actor=officer,
            member=probationary,
            form=DisciplineForm.REMOVAL_FROM_POST,
            effective_date=D(2024, 3, 1),
            reason="x",
        )
    assert messages(exc, "form") == [
        "Đảng viên dự bị chỉ bị kỷ luật khiển trách hoặc cảnh cáo (QĐ 69-QĐ/TW); không áp dụng hình thức cách chức."
    ]
    with pytest.raises(ValidationError) as exc:
        svc.member_expel(actor=officer, member=probationary, effective_date=D(2024, 3, 1), reason="x")
    assert "Không khai trừ đảng viên dự bị" in messages(exc, "member")[0]
    with pytest.raises(ValidationError) as exc:
        svc.member_discipline(
            actor=officer, member=members.lan, form=DisciplineForm.REPRIMAND, effective_date=D(2024, 1, 1), reason=""
        )
    assert messages(exc, "reason") == ["Phải ghi nội dung vi phạm bị kỷ luật."]


@pytest.mark.parametrize(
    ("service", "status"),
    [
        (svc.member_expel, MemberStatus.EXPELLED),
        (svc.member_dismiss, MemberStatus.DISMISSED),
        (svc.member_resign, MemberStatus.RESIGNED),
        (svc.member_record_death, MemberStatus.DECEASED),
    ],
)
def test_leaving_events_set_the_status_and_close_the_period(members, officer, service, status):
    hung = service(actor=officer, member=members.hung, effective_date=D(2024, 2, 1), reason="Lý do")
    assert hung.status == status
    assert hung.periods.last().status == status
    assert not Member.objects.active().filter(pk=hung.pk).exists()


def test_strike_off_keeps_its_ground_and_refuses_an_unknown_one(members, officer):
    hung = svc.member_strike_off(
        actor=officer, member=members.hung, ground=StrikeOffGround.LEFT_ACTIVITY, effective_date=D(2024, 2, 1)
    )
    assert hung.status == MemberStatus.STRUCK_OFF
    assert hung.events.last().data == {"ground": "left_activity"}
    with pytest.raises(ValidationError) as exc:
        svc.member_strike_off(actor=officer, member=members.lan, ground="bogus", effective_date=D(2024, 2, 1))
    assert "Phải chọn căn cứ xóa tên" in messages(exc, "ground")[0]


def test_events_cannot_go_back_before_the_latest_state_change_nor_into_the_future(members, officer):
    svc.member_exempt(actor=officer, member=members.hung, effective_date=D(2024, 5, 1), reason="Sức khỏe")
    with pytest.raises(ValidationError) as exc:
        svc.member_record_death(actor=officer, member=members.hung, effective_date=D(2024, 4, 1))
    assert messages(exc, "effective_date") == [
        "Ngày hiệu lực không được trước sự kiện gần nhất (miễn công tác và sinh hoạt đảng ngày 01/05/2024)."
    ]
    with pytest.raises(ValidationError) as exc:
        svc.member_record_death(actor=officer, member=members.hung, effective_date=D(2999, 1, 1))
    assert messages(exc, "effective_date") == ["Ngày không được ở tương lai."]


def test_readmission_only_for_someone_who_left_after_36_months_and_once(tree, members, officer):
    with pytest.raises(ValidationError) as exc:
        svc.member_readmit(
            actor=officer,
            member=members.hung,
            organization=tree.cell_1,
            decision_number="1",
            decision_date=D(2024, 1, 1),
            issued_by="ĐU",
            ceremony_date=D(2024, 1, 5),
        )
    assert messages(exc, "member") == [
        "Chỉ kết nạp lại người đã ra khỏi Đảng (tình trạng hiện tại: Đảng viên chính thức)."
    ]
    svc.member_strike_off(
        actor=officer, member=members.hung, ground=StrikeOffGround.LOST_WILL, effective_date=D(2019, 1, 1)
    )
    with pytest.raises(ValidationError) as exc:
        svc.member_readmit(
            actor=officer,
            member=members.hung,
            organization=tree.cell_2,
            decision_number="1",
            decision_date=D(2021, 1, 1),
            issued_by="ĐU",
            ceremony_date=D(2021, 1, 5),
        )
    assert "Chưa đủ 36 tháng kể từ khi ra khỏi Đảng (01/01/2019)" in messages(exc, "decision_date")[0]
    hung = svc.member_readmit(
        actor=officer,
        member=members.hung,
        organization=tree.cell_2,
        decision_number="1",
        decision_date=D(2022, 3, 1),
        issued_by="ĐU",
        ceremony_date=D(2022, 3, 5),
    )
    assert (hung.status, hung.organization, hung.admission_date) == (
        MemberStatus.PROBATIONARY,
        tree.cell_2,
        D(2022, 3, 5),
    )
    svc.member_resign(actor=officer, member=hung, effective_date=D(2022, 6, 1), reason="Xin ra")
    with pytest.raises(ValidationError) as exc:
        svc.member_readmit(
            actor=officer,
            member=hung,
            organization=tree.cell_2,
            decision_number="2",
            decision_date=D(2026, 1, 1),
            issued_by="ĐU",
            ceremony_date=D(2026, 1, 5),
        )
    assert messages(exc, "member") == ["Người này đã được kết nạp lại một lần; chỉ xem xét kết nạp lại một lần."]


def test_party_card_only_for_official_members_with_8_digits(tree, members, officer):
    hung = svc.party_card_issue(actor=officer, member=members.hung, card_number="12345678", issued_on=D(2024, 2, 3))
    assert hung.party_card_number == "12345678"
    assert hung.events.last().kind == EventKind.PARTY_CARD_ISSUED
    with pytest.raises(ValidationError) as exc:
        svc.party_card_issue(actor=officer, member=members.lan, card_number="1234", issued_on=D(2024, 2, 3))
    assert messages(exc, "card_number") == ["Số thẻ đảng viên phải gồm đúng 8 chữ số."]
    probationary = admit(officer, tree.cell_1, ceremony=D(2024, 1, 10))
    with pytest.raises(ValidationError) as exc:
        svc.party_card_issue(actor=officer, member=probationary, card_number="12345678", issued_on=D(2024, 2, 3))
    assert messages(exc, "member") == [rules.CARD_ONLY_OFFICIAL]


def test_badge_award_at_a_milestone_reached(tree, officer):
    old = admit(
        officer, tree.cell_1, ceremony=D(1994, 5, 19), decision=D(1994, 5, 10), birth_date=D(1970, 1, 1), official=True
    )
    badge = svc.badge_award(actor=officer, member=old, years=30, awarded_on=D(2024, 5, 19), decision_number="5-QĐ/TU")
    assert badge.years == 30 and old.events.last().data["years"] == 30
    with pytest.raises(ValidationError) as exc:
        svc.badge_award(actor=officer, member=old, years=30, awarded_on=D(2024, 9, 2))
    assert messages(exc, "years") == ["Đảng viên đã được tặng Huy hiệu 30 năm tuổi Đảng."]
    with pytest.raises(ValidationError) as exc:
        svc.badge_award(actor=officer, member=old, years=35, awarded_on=D(2024, 9, 2))
    assert "35 năm không phải mốc" in messages(exc, "years")[0]
    with pytest.raises(ValidationError) as exc:
        svc.badge_award(actor=officer, member=old, years=40, awarded_on=D(2024, 9, 2))
    assert "chưa đủ 40 năm tuổi Đảng (đủ vào 10/05/2034)" in messages(exc, "awarded_on")[0]
    assert Badge.objects.count() == 1


def test_badge_early_award_for_serious_illness_and_posthumous(tree, officer):
    member = admit(
        officer, tree.cell_1, ceremony=D(1995, 1, 20), decision=D(1995, 1, 10), birth_date=D(1970, 1, 1), official=True
    )
    svc.badge_award(actor=officer, member=member, years=30, awarded_on=D(2024, 2, 3), serious_illness=True)
    svc.member_record_death(actor=officer, member=member, effective_date=D(2024, 3, 1))
    with pytest.raises(ValidationError):
        svc.badge_award(actor=officer, member=member, years=40, awarded_on=D(2024, 5, 19))
    assert Badge.objects.get(member=member, years=30).posthumous is False


@pytest.mark.parametrize(
    ("purpose", "until", "message"),
    [
        ("work", D(2024, 3, 31), "Sinh hoạt tạm thời phải từ 3 tháng trở lên (đến 31/03/2024 mới 2 tháng)"),
        ("residence", D(2025, 1, 1), "Sinh hoạt tạm thời vì công tác, cư trú phải dưới 12 tháng (đến 01/01/2025"),
        ("study", D(2026, 1, 2), "Sinh hoạt tạm thời vì học tập trung tối đa 24 tháng (đến 02/01/2026"),
    ],
)
def test_temporary_activity_outside_its_duration_needs_the_committees_permission(
    tree, members, officer, purpose, until, message
):
    start = {"actor": officer, "to_organization": tree.village_b, "effective_date": D(2024, 1, 1), "purpose": purpose}
    with pytest.raises(ValidationError) as exc:
        svc.member_temporary_start(member=members.hung, until=until, **start)
    assert messages(exc, "until")[0].startswith(message)
    hung = svc.member_temporary_start(member=members.hung, until=until, exception="15-CV/ĐU", **start)
    assert hung.events.get(kind="temporary_started").data == {
        "until": until.isoformat(),
        "purpose": purpose,
        "exception": "15-CV/ĐU",
    }


@pytest.mark.parametrize(
    ("purpose", "until"),
    [("work", D(2024, 4, 1)), ("residence", D(2024, 12, 31)), ("study", D(2026, 1, 1))],
)
def test_temporary_activity_within_its_limits_is_accepted(tree, members, officer, purpose, until):
    hung = svc.member_temporary_start(
        actor=officer, member=members.hung, to_organization=tree.village_b, effective_date=D(2024, 1, 1),
        purpose=purpose, until=until,
    )  # fmt: skip
    assert hung.periods.filter(attachment="temporary", organization=tree.village_b).exists()


def test_temporary_activity_needs_its_expected_end(tree, members, officer):
    with pytest.raises(ValidationError) as exc:
        svc.member_temporary_start(
            actor=officer, member=members.hung, to_organization=tree.village_b, effective_date=D(2024, 1, 1)
        )
    assert messages(exc, "until") == [
        "Phải ghi ngày dự kiến kết thúc sinh hoạt tạm thời để kiểm tra thời hạn theo quy định."
    ]


def test_admit_runs_the_one_record_validation_a_birth_date_to_come_says_so(tree, officer):
    """Admission assembles the same rules as registration (members.services.member_validate): a birth date
    in the future is named as such, not turned into an age under 18."""
    with pytest.raises(ValidationError) as exc:
        admit(officer, tree.cell_1, ceremony=D(2024, 3, 10), birth_date=dt.date.today() + dt.timedelta(days=30))
    assert messages(exc, "birth_date") == ["Ngày không được ở tương lai."]
