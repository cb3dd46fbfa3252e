"""API v1: the pages' scoping, writes through the services, Vietnamese errors as JSON."""

import pytest
from knox.models import AuthToken
from rest_framework.test import APIClient

from conftest import PASSWORD
from xaydungdang.members.choices import EventKind
from xaydungdang.members.models import Member

NEW_MEMBER = {
    "full_name": "Võ Thị Mai",
    "gender": "female",
    "birth_date": "12/04/1990",
    "national_id": "092190001234",
    "admission_date": "2015-06-01",
    "official_date": "01/06/2016",
}


def client_for(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def names(response) -> set[str]:
    return {row["full_name"] for row in response.json()["results"]}


# --- reads: the scope matrix ----------------------------------------------------------------------
def test_anonymous_requests_are_refused(users):
    assert client_for(None).get("/api/v1/members/").status_code in (401, 403)


def test_a_user_without_a_role_sees_empty_lists_and_no_object(users, members):
    client = client_for(users.nobody)
    assert client.get("/api/v1/members/").json()["count"] == 0
    assert client.get("/api/v1/organizations/").json()["count"] == 0
    assert client.get(f"/api/v1/members/{members.hung.pk}/").status_code == 404


def test_lists_hold_what_the_user_may_see(users, members):
    assert names(client_for(users.officer).get("/api/v1/members/")) == {m.full_name for m in vars(members).values()}
    assert names(client_for(users.secretary).get("/api/v1/members/")) == {"Nguyễn Văn Hùng", "Trần Thị Lan"}
    assert names(client_for(users.member).get("/api/v1/members/")) == {"Nguyễn Văn Hùng"}
    assert names(client_for(users.outsider).get("/api/v1/members/")) == {"Phạm Minh Tuấn"}


def test_an_object_out_of_scope_is_not_found(users, members, tree):
    client = client_for(users.outsider)
    assert client.get(f"/api/v1/members/{members.hung.pk}/").status_code == 404
    assert client.get(f"/api/v1/organizations/{tree.cell_1.pk}/").status_code == 404
    assert client.patch(f"/api/v1/members/{members.hung.pk}/", {"phone": "1", "reason": "x"}).status_code == 404


def test_filters_and_search_are_those_of_the_member_list(users, members, tree):
    client = client_for(users.officer)
    assert names(client.get("/api/v1/members/", {"q": "nguyen van hung"})) == {"Nguyễn Văn Hùng"}
    assert names(client.get("/api/v1/members/", {"org": tree.school.pk})) == {
        "Nguyễn Văn Hùng", "Trần Thị Lan", "Đặng Thị Hoa"}  # fmt: skip
    assert names(client.get("/api/v1/members/", {"gender": "female", "org": tree.commune_a.pk})) == {
        "Trần Thị Lan", "Đặng Thị Hoa"}  # fmt: skip
    response = client_for(users.secretary).get("/api/v1/members/", {"org": tree.commune_b.pk})
    assert response.status_code == 400  # an organization the user cannot see is not a valid choice


def test_personal_data_is_masked_for_readers_who_may_not_edit(users, members):
    url = f"/api/v1/members/{members.hung.pk}/"
    assert client_for(users.officer).get(url).json()["national_id"] == "092085000123"
    assert client_for(users.member).get(url).json()["national_id"] == "092085000123"  # their own record
    data = client_for(users.leader).get(url).json()
    assert data["national_id"] == "0920••••••23"
    assert data["personal_data_visible"] is False


def test_the_fast_personal_data_check_agrees_with_the_policy(users, members):
    from xaydungdang.access.policy import AccessPolicy
    from xaydungdang.exchange.exports import sees_personal_data

    for user in vars(users).values():
        policy = AccessPolicy(user)
        for member in Member.objects.select_related("organization"):
            assert sees_personal_data(policy, member) == policy.sees_personal_data(member), (user, member)


def test_lists_run_a_constant_number_of_queries(users, members, django_assert_max_num_queries):
    client = client_for(users.officer)
    with django_assert_max_num_queries(8):
        client.get("/api/v1/members/")
    with django_assert_max_num_queries(8):
        client.get("/api/v1/organizations/")
    with django_assert_max_num_queries(8):
        client.get("/api/v1/events/")


def test_organizations_show_their_parent(users, tree):
    data = client_for(users.officer).get(f"/api/v1/organizations/{tree.cell_1.pk}/").json()
    assert (data["code"], data["parent"], data["holds_members"]) == ("P92-A-S-1", tree.school.pk, True)
    assert client_for(users.officer).get(f"/api/v1/organizations/{tree.province.pk}/").json()["parent"] is None
    codes = [o["code"] for o in client_for(users.officer).get("/api/v1/organizations/", {"within": tree.school.pk})
             .json()["results"]]  # fmt: skip
    assert codes == ["P92-A-S", "P92-A-S-1", "P92-A-S-2"]


def test_events_filter_by_member_kind_and_dates(users, members):
    client = client_for(users.officer)
    rows = client.get("/api/v1/events/", {"member": members.hung.pk}).json()["results"]
    assert {r["kind"] for r in rows} == {EventKind.ADMITTED, EventKind.RECOGNIZED_OFFICIAL}
    rows = client.get("/api/v1/events/", {"kind": EventKind.ADMITTED, "date_from": "01/01/2010",
                                          "date_to": "2010-12-31"}).json()["results"]  # fmt: skip
    assert len(rows) == 5
    assert client_for(users.outsider).get("/api/v1/events/", {"member": members.hung.pk}).json()["count"] == 0


# --- writes ------------------------------------------------------------------------------------------
def test_an_officer_creates_a_member_through_the_service(users, tree):
    response = client_for(users.officer).post("/api/v1/members/", {**NEW_MEMBER, "organization": tree.cell_1.pk})
    assert response.status_code == 201, response.json()
    member = Member.objects.get(pk=response.json()["id"])
    assert response.json()["status"] == "official"
    assert list(member.events.values_list("kind", flat=True)) == [EventKind.ADMITTED, EventKind.RECOGNIZED_OFFICIAL]


def test_validation_errors_are_json_in_vietnamese(users, tree):
    bad = {**NEW_MEMBER, "national_id": "092185001234", "organization": tree.cell_1.pk}
    response = client_for(users.officer).post("/api/v1/members/", bad)
    assert response.status_code == 400
    assert response.json() == {"national_id": ["Số CCCD: chữ số thứ 5–6 (85) phải là hai số cuối của năm sinh (1990)."]}
    response = client_for(users.officer).post("/api/v1/members/", {**NEW_MEMBER, "organization": tree.school.pk})
    assert response.json() == {
        "organization": ["Chỉ chi bộ (chi bộ cơ sở, chi bộ trực thuộc) mới có đảng viên sinh hoạt trực tiếp."]
    }


def test_a_correction_needs_a_reason(users, members):
    client = client_for(users.officer)
    response = client.patch(f"/api/v1/members/{members.lan.pk}/", {"phone": "0912000111", "reason": " "})
    assert response.status_code == 400
    assert "reason" in response.json()
    response = client.patch(f"/api/v1/members/{members.lan.pk}/", {"phone": "0912000111", "reason": "Đối chiếu"})
    assert response.status_code == 200
    assert response.json()["phone"] == "0912000111"
    assert members.lan.events.filter(kind=EventKind.DATA_CORRECTED, reason="Đối chiếu").exists()


@pytest.mark.parametrize("role", ["leader", "member"])
def test_read_only_roles_get_404_on_writes_to_what_they_see(users, members, tree, role):
    client = client_for(getattr(users, role))
    response = client.patch(f"/api/v1/members/{members.hung.pk}/", {"phone": "1", "reason": "x"})
    assert response.status_code == 404  # the policy's refusal, as on the pages (issue 9)
    assert response.json() == {"detail": "Bạn không có quyền với tổ chức hoặc đảng viên này."}
    assert client.post("/api/v1/members/", {**NEW_MEMBER, "organization": tree.cell_1.pk}).status_code == 404
    assert client.patch(f"/api/v1/organizations/{tree.cell_1.pk}/", {"name": "X"}).status_code == 404
    members.hung.refresh_from_db()
    assert members.hung.phone == ""


def test_organizations_are_created_updated_and_moved_through_the_services(users, tree):
    client = client_for(users.officer)
    response = client.post("/api/v1/organizations/", {"parent": tree.school.pk, "code": "P92-A-S-3",
                                                       "name": "Chi bộ Giáo viên 3", "kind": "cell"})  # fmt: skip
    assert response.status_code == 201, response.json()
    new_id = response.json()["id"]
    assert response.json()["parent"] == tree.school.pk
    response = client.patch(f"/api/v1/organizations/{new_id}/", {"name": "Chi bộ Tổ Toán"})
    assert response.json()["name"] == "Chi bộ Tổ Toán"
    response = client.post(f"/api/v1/organizations/{tree.village_a.pk}/move/", {"new_parent": tree.commune_b.pk})
    assert response.status_code == 200, response.json()
    assert response.json()["parent"] == tree.commune_b.pk
    response = client.post(f"/api/v1/organizations/{tree.cell_1.pk}/move/", {"new_parent": tree.commune_b.pk})
    assert response.status_code == 400
    assert response.json() == {
        "new_parent": ["Chi bộ trực thuộc không thể trực thuộc đảng bộ cấp trên trực tiếp của tổ chức cơ sở đảng."]
    }


def test_a_secretary_cannot_move_their_cell_out_of_reach(users, tree):
    response = client_for(users.secretary).post(
        f"/api/v1/organizations/{tree.cell_1.pk}/move/", {"new_parent": tree.commune_b.pk}
    )
    assert response.status_code == 400  # the new parent is not visible to them: not a valid choice


# --- auth and docs -------------------------------------------------------------------------------------
def test_a_token_is_obtained_with_the_password_and_then_works(users):
    response = APIClient().post("/api/v1/auth/token/", {"username": "bantochuc", "password": PASSWORD})
    assert response.status_code == 200
    token = response.json()["token"]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/v1/members/").status_code == 200


def test_a_token_is_stored_hashed_expires_and_can_be_revoked(users):
    import datetime as dt

    from django.utils import timezone

    token = APIClient().post("/api/v1/auth/token/", {"username": "bantochuc", "password": PASSWORD}).json()["token"]
    stored = AuthToken.objects.get(user=users.officer)
    # Only the first characters (to find the row) and a SHA-512 digest are kept, never the token.
    assert token not in {stored.digest, stored.token_key} and len(stored.digest) == 128
    assert timezone.now() + dt.timedelta(days=29) < stored.expiry <= timezone.now() + dt.timedelta(days=30)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.post("/api/v1/auth/token/revoke/").status_code == 204
    assert client.get("/api/v1/members/").status_code in (401, 403)
    assert not AuthToken.objects.filter(user=users.officer).exists()


def test_an_expired_token_no_longer_works(users):
    from django.utils import timezone

    instance, token = AuthToken.objects.create(user=users.officer)
    AuthToken.objects.filter(pk=instance.pk).update(expiry=timezone.now())
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/v1/members/").status_code in (401, 403)


def test_the_schema_and_the_docs_page_describe_the_api(users, client):
    schema = client.get("/api/schema/?format=json").json()
    assert "/api/v1/members/" in schema["paths"]
    assert "/api/v1/organizations/{id}/move/" in schema["paths"]
    client.force_login(users.officer)
    page = client.get("/api/docs/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "/api/v1/members/{id}/" in text and "Đảng viên" in text
    assert "<code>q</code>" in text
