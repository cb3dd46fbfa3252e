"""`POST /api/v1/members/{id}/events/`: every event kind through its lifecycle service, what it records and
what it refuses with which message; the scope matrix; transfers accepted by the receiving side."""

import datetime as dt

import pytest

from xaydungdang.api.tests.clients import client_for
from xaydungdang.members.choices import EventKind, MemberStatus
from xaydungdang.members.lifecycle import services as svc
from xaydungdang.members.lifecycle.choices import StrikeOffGround, TransferState
from xaydungdang.members.lifecycle.testing import admit
from xaydungdang.members.models import Member, MembershipEvent

pytestmark = pytest.mark.django_db
D = dt.date


def post_event(user, member, body):
    return client_for(user).post(f"/api/v1/members/{member.pk}/events/", body, format="json")


@pytest.fixture
def probationary(users, tree):
    return admit(users.officer, tree.cell_1, ceremony=D(2023, 6, 1), full_name="Võ Thị Mai")


def status_of(member) -> str:
    return Member.objects.get(pk=member.pk).status


# --- the kinds, each recorded and refused once ---------------------------------------------------------
def test_recognition_as_official(users, members, probationary):
    body = {"kind": "recognized_official", "decision_number": "7-QĐ/ĐU", "decision_date": "15/06/2024"}
    response = post_event(users.secretary, probationary, body)
    assert response.status_code == 201, response.json()
    data = response.json()
    assert (data["kind"], data["effective_date"], data["member_status"]) == (
        "recognized_official", "2024-06-01", "official")  # fmt: skip
    assert data["decision_number"] == "7-QĐ/ĐU" and data["member"] == probationary.pk
    response = post_event(users.secretary, members.hung, body)
    assert response.status_code == 400
    assert response.json() == {
        "member": ["Chỉ đảng viên dự bị mới được xét công nhận chính thức (tình trạng hiện tại: Đảng viên chính thức)."]
    }


def test_annulment_of_an_admission(users, members, probationary):
    body = {"kind": "admission_annulled", "effective_date": "2024-01-10", "reason": "Kết nạp sai quy định"}
    response = post_event(users.officer, probationary, body)
    assert response.status_code == 201, response.json()
    assert status_of(probationary) == MemberStatus.ANNULLED
    response = post_event(users.officer, members.hung, body)
    assert response.json() == {
        "member": ["Chỉ xóa tên, hủy kết nạp đối với đảng viên dự bị (tình trạng hiện tại: Đảng viên chính thức)."]
    }


def test_exemption_and_its_end(users, members):
    body = {"kind": "exemption_ended", "effective_date": "01/06/2024"}
    response = post_event(users.secretary, members.hung, body)
    assert response.json() == {
        "member": ["Đảng viên không được miễn công tác và sinh hoạt đảng; không có gì để thôi miễn."]
    }
    exempt = {"kind": "exempted", "effective_date": "01/02/2024", "reason": ""}
    response = post_event(users.secretary, members.hung, exempt)
    assert response.status_code == 400
    assert response.json() == {"reason": ["Phải ghi lý do miễn công tác và sinh hoạt đảng (tuổi cao, sức khỏe yếu…)."]}
    response = post_event(users.secretary, members.hung, {**exempt, "reason": "Tuổi cao, sức yếu"})
    assert response.status_code == 201, response.json()
    assert Member.objects.get(pk=members.hung.pk).is_exempted
    assert post_event(users.secretary, members.hung, body).status_code == 201
    assert not Member.objects.get(pk=members.hung.pk).is_exempted


def test_discipline(users, members, probationary):
    body = {"kind": "disciplined", "effective_date": "01/08/2024", "form": "removal_from_post", "reason": "Vi phạm"}
    response = post_event(users.officer, probationary, body)
    assert response.json() == {
        "form": [
            "Đảng viên dự bị chỉ bị kỷ luật khiển trách hoặc cảnh cáo (QĐ 69-QĐ/TW); không áp dụng hình thức cách chức."
        ]
    }
    assert post_event(users.officer, probationary, {**body, "form": "bogus"}).status_code == 400
    response = post_event(users.officer, probationary, {**body, "form": "reprimand"})
    assert response.status_code == 201, response.json()
    assert response.json()["member_status"] == MemberStatus.PROBATIONARY


def test_strike_off(users, members):
    body = {"kind": "struck_off", "effective_date": "01/02/2024", "ground": "bogus"}
    response = post_event(users.officer, members.lan, body)
    assert response.status_code == 400 and list(response.json()) == ["ground"]
    response = post_event(users.officer, members.lan, {**body, "ground": StrikeOffGround.LEFT_ACTIVITY})
    assert response.status_code == 201, response.json()
    assert response.json()["member_status"] == MemberStatus.STRUCK_OFF


def test_expulsion_is_refused_for_a_probationary_member(users, members, probationary):
    body = {"kind": "expelled", "effective_date": "01/03/2024", "reason": "Vi phạm nghiêm trọng"}
    response = post_event(users.officer, probationary, body)
    assert response.json() == {
        "member": ["Không khai trừ đảng viên dự bị; đảng viên dự bị chỉ bị khiển trách hoặc cảnh cáo (QĐ 69-QĐ/TW)."]
    }
    assert post_event(users.officer, members.hung, body).json()["member_status"] == MemberStatus.EXPELLED


@pytest.mark.parametrize(
    ("kind", "status"), [("dismissed", MemberStatus.DISMISSED), ("resigned", MemberStatus.RESIGNED)]
)
def test_leaving_needs_a_reason(users, members, kind, status):
    body = {"kind": kind, "effective_date": "01/03/2024"}
    response = post_event(users.officer, members.lan, body)
    assert response.status_code == 400
    assert response.json() == {"reason": ["Phải ghi lý do."]}
    response = post_event(users.officer, members.lan, {**body, "reason": "Theo nguyện vọng"})
    assert response.status_code == 201
    assert status_of(members.lan) == status


def test_death_cannot_be_dated_in_the_future_nor_before_the_latest_event(users, members):
    response = post_event(users.officer, members.lan, {"kind": "deceased", "effective_date": "01/01/2999"})
    assert response.json() == {"effective_date": ["Ngày không được ở tương lai."]}
    response = post_event(users.officer, members.lan, {"kind": "deceased", "effective_date": "01/01/2011"})
    assert response.json() == {
        "effective_date": [
            "Ngày hiệu lực không được trước sự kiện gần nhất (công nhận đảng viên chính thức ngày 19/05/2011)."
        ]
    }
    response = post_event(users.officer, members.lan, {"kind": "deceased", "effective_date": "2024-03-01"})
    assert response.status_code == 201
    assert status_of(members.lan) == MemberStatus.DECEASED


def test_temporary_activity_starts_and_ends(users, members, tree):
    start = {"kind": "temporary_started", "effective_date": "01/03/2024", "until": "01/09/2024"}
    response = post_event(users.secretary, members.hung, start)
    assert response.json() == {
        "to_organization": ["Phải chọn tổ chức chuyển đến trong hệ thống hoặc ghi tên tổ chức đảng ngoài hệ thống."]
    }
    too_long = {**start, "to_organization": tree.village_b.code, "until": "01/03/2025"}
    assert post_event(users.secretary, members.hung, too_long).json() == {
        "until": [
            "Sinh hoạt tạm thời vì công tác, cư trú phải dưới 12 tháng (đến 01/03/2025 là 12 tháng); từ 12 tháng trở "
            "lên phải chuyển sinh hoạt chính thức, trừ khi có văn bản cho phép của cấp ủy có thẩm quyền."
        ]
    }
    response = post_event(users.secretary, members.hung, {**start, "to_organization": tree.village_b.code})
    assert response.status_code == 201, response.json()
    assert response.json()["to_organization"] == tree.village_b.pk
    end = {"kind": "temporary_ended", "effective_date": "01/09/2024"}
    assert post_event(users.secretary, members.hung, end).status_code == 201
    response = post_event(users.secretary, members.hung, {**end, "effective_date": "02/09/2024"})
    assert response.json() == {"member": ["Đảng viên không sinh hoạt tạm thời."]}


def test_party_card(users, members, probationary):
    body = {"kind": "party_card_issued", "card_number": "1234", "issued_on": "03/02/2024"}
    response = post_event(users.officer, members.hung, body)
    assert response.json() == {"card_number": ["Số thẻ đảng viên phải gồm đúng 8 chữ số."]}
    response = post_event(users.officer, members.hung, {**body, "card_number": "12345678"})
    assert response.status_code == 201
    assert Member.objects.get(pk=members.hung.pk).party_card_number == "12345678"
    response = post_event(users.officer, members.hung, {**body, "card_number": "12345679", "issued_on": "01/01/2999"})
    assert response.json() == {"issued_on": ["Ngày không được ở tương lai."]}  # the service's date, on its field


def test_badge(users, tree):
    old = admit(
        users.officer, tree.cell_1, ceremony=D(1994, 5, 19), decision=D(1994, 5, 10), birth_date=D(1970, 1, 1),
        official=True,
    )  # fmt: skip
    body = {"kind": "badge_awarded", "years": 35, "awarded_on": "19/05/2024", "decision_number": "5-QĐ/TU"}
    response = post_event(users.officer, old, body)
    assert response.status_code == 400 and "35 năm không phải mốc" in response.json()["years"][0]
    response = post_event(users.officer, old, {**body, "years": 30})
    assert response.status_code == 201, response.json()
    assert old.badges.get().years == 30


def test_readmission(users, members, tree):
    body = {
        "kind": "readmitted",
        "organization": tree.cell_2.code,
        "decision_number": "1-QĐ/ĐU",
        "decision_date": "01/03/2022",
        "issued_by": "Đảng ủy",
        "ceremony_date": "05/03/2022",
    }
    response = post_event(users.officer, members.hung, body)
    assert response.json() == {
        "member": ["Chỉ kết nạp lại người đã ra khỏi Đảng (tình trạng hiện tại: Đảng viên chính thức)."]
    }
    svc.member_strike_off(
        actor=users.officer, member=members.hung, ground=StrikeOffGround.LOST_WILL, effective_date=D(2019, 1, 1)
    )
    response = post_event(users.officer, members.hung, {**body, "organization": tree.cell_2.pk})
    assert response.status_code == 201, response.json()
    hung = Member.objects.get(pk=members.hung.pk)
    assert (hung.status, hung.organization) == (MemberStatus.PROBATIONARY, tree.cell_2)


def test_readmission_into_a_cell_out_of_reach_is_an_unknown_cell(users, members, tree):
    body = {"kind": "readmitted", "organization": tree.village_b.code, "decision_number": "1",
            "decision_date": "01/03/2022", "issued_by": "ĐU", "ceremony_date": "05/03/2022"}  # fmt: skip
    response = post_event(users.secretary, members.hung, body)
    assert response.json() == {"organization": ["Không có chi bộ đang hoạt động với mã này."]}


# --- transfers --------------------------------------------------------------------------------------------
def _transfer(users, members, tree, **extra):
    body = {"kind": "transferred_out", "issued_on": "06/05/2024", "letter_number": "25-GGT/ĐU",
            "to_organization": tree.village_b.code, **extra}  # fmt: skip
    return post_event(users.secretary, members.hung, body)


def test_a_transfer_is_issued_then_accepted_by_the_receiving_side(users, members, tree):
    response = _transfer(users, members, tree)
    assert response.status_code == 201, response.json()
    transfer_id = response.json()["transfer"]
    assert response.json()["member_status"] == MemberStatus.OFFICIAL  # moves only on acceptance
    url = f"/api/v1/transfers/{transfer_id}/accept/"
    waiting = client_for(users.outsider).get("/api/v1/transfers/", {"waiting": "true"}).json()["results"]
    assert [(t["id"], t["member_full_name"]) for t in waiting] == [(transfer_id, "Nguyễn Văn Hùng")]
    assert client_for(users.secretary).get("/api/v1/transfers/", {"waiting": "true"}).json()["count"] == 0
    assert client_for(users.secretary).post(url, {"accepted_on": "20/05/2024"}).status_code == 404  # sender
    assert client_for(users.nobody).post(url, {"accepted_on": "20/05/2024"}).status_code == 404
    response = client_for(users.outsider).post(url, {"accepted_on": "2024-05-20"})
    assert response.status_code == 200, response.json()
    assert response.json()["state"] == TransferState.ACCEPTED
    assert Member.objects.get(pk=members.hung.pk).organization == tree.village_b
    response = client_for(users.outsider).post(url, {"accepted_on": "2024-05-21"})
    assert response.json() == {"transfer": ["Giấy giới thiệu này không còn chờ tiếp nhận (trạng thái: Đã tiếp nhận)."]}


def test_a_late_acceptance_needs_the_members_explanation(users, members, tree):
    transfer_id = _transfer(users, members, tree).json()["transfer"]
    url = f"/api/v1/transfers/{transfer_id}/accept/"
    response = client_for(users.outsider).post(url, {"accepted_on": "01/07/2024"})
    assert response.status_code == 400
    assert "quá hạn" in response.json()["note"][0]
    response = client_for(users.outsider).post(url, {"accepted_on": "01/07/2024", "note": "Ốm nằm viện"})
    assert response.status_code == 200


def test_transfer_refusals_name_their_field(users, members, tree):
    response = _transfer(users, members, tree, to_organization=tree.school.code)
    assert response.json() == {"to_organization": ["Không có chi bộ đang hoạt động với mã này."]}
    response = _transfer(users, members, tree, to_organization=tree.cell_1.pk)
    assert response.json() == {"to_organization": ["Tổ chức chuyển đến phải khác chi bộ đang sinh hoạt."]}
    response = _transfer(users, members, tree, issued_on="01/01/2999")
    assert response.json() == {"issued_on": ["Ngày không được ở tương lai."]}  # `effective_date` to the service


def test_the_sender_cancels_a_letter_the_receiver_cannot(users, members, tree):
    transfer_id = _transfer(users, members, tree).json()["transfer"]
    url = f"/api/v1/transfers/{transfer_id}/cancel/"
    body = {"cancelled_on": "01/08/2024", "reason": "Không xuất trình"}
    assert client_for(users.outsider).post(url, body).status_code == 404
    response = client_for(users.secretary).post(url, {**body, "reason": " "})
    assert response.json() == {"reason": ["Phải ghi lý do hủy giấy giới thiệu."]}
    response = client_for(users.secretary).post(url, body)
    assert response.status_code == 200 and response.json()["state"] == TransferState.CANCELLED


# --- the request itself --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("kind", "start"),
    [("bogus", "Loại sự kiện «bogus» không ghi được qua API. Các loại được ghi: recognized_official, "),
     ("admitted", "Loại sự kiện «admitted» không ghi được qua API."),
     (None, "Phải ghi loại sự kiện (kind). Các loại được ghi: recognized_official, admission_annulled, "),
     (["exempted"], "Phải ghi loại sự kiện (kind).")],
)  # fmt: skip
def test_an_unknown_kind_lists_the_kinds(users, members, kind, start):
    body = {"effective_date": "01/02/2024"} if kind is None else {"kind": kind, "effective_date": "01/02/2024"}
    response = post_event(users.officer, members.hung, body)
    assert response.status_code == 400
    message = response.json()["kind"][0]
    assert message.startswith(start)
    assert message.endswith("party_card_issued, badge_awarded, readmitted, expulsion_cleared, badge_returned.")


def test_a_body_that_is_not_an_object_is_a_400(users, members):
    response = client_for(users.officer).post(f"/api/v1/members/{members.hung.pk}/events/", [1, 2], format="json")
    assert response.status_code == 400


def test_form_encoded_bodies_work_too(users, members):
    body = {"kind": "exempted", "effective_date": "01/02/2024", "reason": "Sức khỏe"}
    response = client_for(users.secretary).post(f"/api/v1/members/{members.hung.pk}/events/", body)
    assert response.status_code == 201


def test_missing_fields_and_bad_dates_are_named_in_vietnamese(users, members):
    response = post_event(users.officer, members.hung, {"kind": "party_card_issued"})
    assert response.json() == {"card_number": ["Trường này là bắt buộc."], "issued_on": ["Trường này là bắt buộc."]}
    response = post_event(users.officer, members.hung, {"kind": "deceased", "effective_date": "31/02/2024"})
    assert response.json() == {
        "effective_date": [
            "Ngày sai định dạng. Dùng một trong những định dạng sau để thay thế: DD/MM/YYYY, YYYY-MM-DD."
        ]
    }


@pytest.mark.parametrize(
    ("who", "expected"),
    [(None, 403), ("nobody", 404), ("outsider", 404), ("leader", 404), ("member", 404), ("secretary", 201),
     ("officer", 201), ("admin", 201)],
)  # fmt: skip
def test_recording_an_event_scope_matrix(users, members, who, expected):
    body = {"kind": "exempted", "effective_date": "01/02/2024", "reason": "Sức khỏe"}
    response = post_event(getattr(users, who) if who else None, members.hung, body)
    assert response.status_code == expected
    recorded = MembershipEvent.objects.filter(member=members.hung, kind=EventKind.EXEMPTED).exists()
    assert recorded == (expected == 201)


def test_a_read_only_role_is_refused_before_the_body_is_read(users, members):
    response = post_event(users.leader, members.hung, {"kind": "bogus"})
    assert response.status_code == 404
    assert response.json() == {"detail": "Bạn không có quyền với tổ chức hoặc đảng viên này."}


def test_the_recorded_event_is_listed_with_the_others(users, members):
    post_event(users.officer, members.hung, {"kind": "exempted", "effective_date": "01/02/2024", "reason": "Ốm"})
    rows = client_for(users.leader).get("/api/v1/events/", {"member": members.hung.pk}).json()["results"]
    assert rows[0]["kind"] == EventKind.EXEMPTED and rows[0]["effective_date"] == "2024-02-01"
