"""/api/v1/self-requests/: the member lists and files their own requests; the cell's secretary lists those
of their scope, approves or returns them; everyone else, the residence cell's secretary included, gets 404
(or an empty list) outside what the policy gives. Documented in the OpenAPI schema."""

import datetime as dt

import pytest

from conftest import _user
from xaydungdang.access.choices import Role, Scope
from xaydungdang.api.tests.clients import client_for
from xaydungdang.members.models import Member
from xaydungdang.residence import services as residence
from xaydungdang.selfservice.choices import RequestKind, RequestStatus
from xaydungdang.selfservice.models import SelfRequest

pytestmark = pytest.mark.django_db
URL = "/api/v1/self-requests/"


@pytest.fixture
def filed(users, members):
    """Hùng's correction of his address, filed through the API."""
    response = client_for(users.member).post(
        URL, {"kind": RequestKind.CORRECT_DATA, "address": "12 Trần Phú, phường Cái Khế", "note": "Chuyển nhà"},
        format="json",
    )  # fmt: skip
    assert response.status_code == 201, response.json()
    return SelfRequest.objects.get(pk=response.json()["id"])


def test_the_member_files_and_lists_their_own(users, members, filed):
    assert filed.member == members.hung and filed.payload == {"address": "12 Trần Phú, phường Cái Khế"}
    rows = client_for(users.member).get(URL).json()["results"]
    assert [(r["id"], r["status"], r["payload"]) for r in rows] == [
        (filed.pk, RequestStatus.SUBMITTED, {"address": "12 Trần Phú, phường Cái Khế"})
    ]
    again = client_for(users.member).post(URL, {"kind": RequestKind.CORRECT_DATA, "address": "Khác"}, format="json")
    assert again.status_code == 400 and again.json()["kind"] == ["Bạn đã có một đề nghị cùng loại đang chờ duyệt."]
    document = client_for(users.member).post(URL, {"kind": RequestKind.PARTY_AGE, "purpose": "Xét huy hiệu"})
    assert document.status_code == 201 and document.json()["payload"] == {"purpose": "Xét huy hiệu"}


def test_bad_input_is_a_clear_vietnamese_message(users):
    client = client_for(users.member)
    assert "kind" in client.post(URL, {"kind": "khac"}, format="json").json()
    no_record = client_for(users.secretary).post(URL, {"kind": RequestKind.PARTY_AGE}, format="json")
    assert no_record.status_code == 400 and "không gắn với hồ sơ đảng viên" in no_record.json()["member"][0]


def test_the_secretary_approves_and_the_change_has_its_history(users, members, filed):
    client = client_for(users.secretary)
    rows = client.get(URL, {"to_decide": "true"}).json()["results"]
    assert [r["id"] for r in rows] == [filed.pk] and rows[0]["personal_data_visible"] is True
    response = client.post(f"{URL}{filed.pk}/approve/", {}, format="json")
    assert response.status_code == 200 and response.json()["status"] == RequestStatus.DONE
    assert response.json()["decided_by"] == users.secretary.pk
    member = Member.objects.get(pk=members.hung.pk)
    assert member.address == "12 Trần Phú, phường Cái Khế"
    entry = member.history.first()
    assert entry.history_user == users.secretary and "Nguyễn Văn Hùng" in entry.history_change_reason
    assert client.get(URL, {"to_decide": "true"}).json()["count"] == 0
    twice = client.post(f"{URL}{filed.pk}/approve/", {}, format="json")
    assert twice.status_code == 400 and "đã được xử lý" in str(twice.json())


def test_the_secretary_returns_with_a_reason(users, filed):
    client = client_for(users.secretary)
    empty = client.post(f"{URL}{filed.pk}/return/", {"reason": " "}, format="json")
    assert empty.status_code == 400 and empty.json()["reason"] == ["Phải ghi lý do trả lại đề nghị."]
    response = client.post(f"{URL}{filed.pk}/return/", {"reason": "Thiếu số nhà"}, format="json")
    assert response.status_code == 200 and response.json()["return_reason"] == "Thiếu số nhà"
    assert client_for(users.member).get(f"{URL}{filed.pk}/").json()["status"] == RequestStatus.RETURNED


def test_the_member_never_decides_their_own(users, filed):
    client = client_for(users.member)
    assert client.post(f"{URL}{filed.pk}/approve/", {}, format="json").status_code == 404
    assert client.post(f"{URL}{filed.pk}/return/", {"reason": "x"}, format="json").status_code == 404
    assert SelfRequest.objects.get(pk=filed.pk).status == RequestStatus.SUBMITTED


def test_outside_the_scope_everything_is_404(users, members, tree, filed):
    """The other commune's officer, a user without grants, and the residence cell's secretary (narrow grant:
    the introduction and its comment, never the member's requests)."""
    residence_secretary = _user("bithu_noicutru", Role.SECRETARY, tree.village_b, Scope.NODE)
    residence.introduction_create(
        actor=users.secretary, member=members.hung, residence_organization=tree.village_b,
        letter_number="15-GGT/ĐU", letter_date=dt.date(2024, 3, 1),
    )  # fmt: skip
    for user in (users.outsider, users.nobody, residence_secretary):
        client = client_for(user)
        assert client.get(URL).json()["count"] == 0, user
        assert client.get(f"{URL}{filed.pk}/").status_code == 404, user
        assert client.post(f"{URL}{filed.pk}/approve/", {}, format="json").status_code == 404, user
        assert client.post(f"{URL}{filed.pk}/return/", {"reason": "x"}, format="json").status_code == 404, user
    assert SelfRequest.objects.get(pk=filed.pk).status == RequestStatus.SUBMITTED
    assert client_for(None).get(URL).status_code in (401, 403)


def test_a_leader_reads_without_personal_data_and_cannot_decide(users, filed):
    client = client_for(users.leader)
    row = client.get(f"{URL}{filed.pk}/").json()
    assert row["personal_data_visible"] is False
    assert row["payload"]["address"] != "12 Trần Phú, phường Cái Khế" and row["payload"]["address"]
    assert client.post(f"{URL}{filed.pk}/approve/", {}, format="json").status_code == 404


def test_the_schema_documents_the_endpoints_in_vietnamese(client):
    schema = client.get("/api/schema/?format=json").json()
    paths = schema["paths"]
    for path in (URL, f"{URL}{{id}}/", f"{URL}{{id}}/approve/", f"{URL}{{id}}/return/"):
        assert path in paths, path
    assert paths[URL]["post"]["summary"] == "Gửi đề nghị"
    assert "Bí thư chi bộ được thông báo" in paths[URL]["post"]["description"]
    assert paths[f"{URL}{{id}}/return/"]["post"]["summary"] == "Trả lại đề nghị"
