"""Defect 9: clear answers to bad input: a body too large, fields a write does not take, a name of digits."""

import json

import pytest
from django.urls import reverse

from xaydungdang.api.tests.clients import client_for
from xaydungdang.members.models import Member
from xaydungdang.members.tests.test_views_forms import edit_data
from xaydungdang.organizations.tests import helpers

pytestmark = pytest.mark.django_db


def test_a_body_over_the_size_limit_is_a_json_400_with_a_message(users, members):
    body = json.dumps({"hometown": "x" * 3_000_000, "reason": "Sửa quê quán"})
    response = client_for(users.officer).generic(
        "PATCH", f"/api/v1/members/{members.hung.pk}/", body, content_type="application/json"
    )
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert "quá lớn" in response.json()["detail"]


def test_a_patch_with_unknown_or_read_only_fields_is_refused_naming_them(users, members):
    response = client_for(users.officer).patch(
        f"/api/v1/members/{members.hung.pk}/",
        {"hometown": "Phong Điền", "status": "expelled", "ho_ten": "X", "reason": "Sửa"},
        format="json",
    )
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"status", "ho_ten"}
    assert "“status”" in body["status"][0] and "chỉ đọc" in body["status"][0]
    member = Member.objects.get(pk=members.hung.pk)
    assert member.hometown == "" and member.status != "expelled"


def test_a_patch_with_known_fields_still_works(users, members):
    response = client_for(users.officer).patch(
        f"/api/v1/members/{members.hung.pk}/", {"hometown": "Phong Điền", "reason": "Sửa"}, format="json"
    )
    assert response.status_code == 200 and response.json()["hometown"] == "Phong Điền"


@pytest.mark.parametrize("name", ["12345", "0912 345 678", "  --- . "])
def test_a_name_without_letters_is_refused_by_the_api(users, members, name):
    response = client_for(users.officer).patch(
        f"/api/v1/members/{members.hung.pk}/", {"full_name": name, "reason": "Sửa tên"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["full_name"] == ["Họ và tên phải có chữ cái, không thể chỉ gồm chữ số hay ký hiệu."]
    assert Member.objects.get(pk=members.hung.pk).full_name == "Nguyễn Văn Hùng"


def test_a_name_of_digits_is_refused_on_the_edit_page(users, members):
    url = reverse("members:edit", args=[members.hung.pk])
    response = helpers.client_for(users.officer).post(url, edit_data(members.hung, full_name="0912345678", reason="x"))
    assert "Họ và tên phải có chữ cái, không thể chỉ gồm chữ số hay ký hiệu." in helpers.text(response)
    assert Member.objects.get(pk=members.hung.pk).full_name == "Nguyễn Văn Hùng"
