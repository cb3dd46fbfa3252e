"""Issue 16, defect 5: two officers editing the same member. Each edit carries the version it started from;
the second save is refused with what changed (theirs against yours) and the first one's change is kept."""

import re

import pytest
from django.urls import reverse

from xaydungdang.api.tests.clients import client_for as api_client_for
from xaydungdang.members.models import Member
from xaydungdang.members.services import member_update, member_version
from xaydungdang.members.tests.test_views_forms import edit_data
from xaydungdang.organizations.tests.helpers import client_for, text

pytestmark = pytest.mark.django_db


def loaded_version(response) -> str:
    """The hidden version of an edit form, as a browser would send it back."""
    return re.search(r'name="version" value="([0-9a-f]+)"', response.content.decode()).group(1)


def test_the_second_of_two_edit_forms_is_refused_and_the_first_change_kept(users, members):
    url = reverse("members:edit", args=[members.hung.pk])
    officer, secretary = client_for(users.officer), client_for(users.secretary)
    officer_version = loaded_version(officer.get(url))
    secretary_version = loaded_version(secretary.get(url))
    assert officer_version == secretary_version == member_version(members.hung)

    first = edit_data(members.hung, phone="0912000111", reason="Số mới", version=officer_version)
    assert officer.post(url, first).status_code == 302
    # The secretary's form still holds the old phone; saving it would have reverted the officer's change.
    second = edit_data(members.hung, hometown="Phong Điền", reason="Theo lý lịch", version=secretary_version)
    response = secretary.post(url, second)
    assert response.status_code == 200
    member = Member.objects.get(pk=members.hung.pk)
    assert member.phone == "0912000111" and member.hometown == ""
    page = text(response)
    assert "Hồ sơ đã được người khác sửa sau khi bạn mở để sửa" in page
    [conflict] = response.context["form"].conflicts
    assert (conflict.field, conflict.label, conflict.theirs, conflict.yours) == (
        "phone",
        "Số điện thoại",
        "0912000111",
        "—",
    )
    assert 'data-field="phone"' in response.content.decode()

    # The form now carries the stored version: saving again is a deliberate choice, and it goes through.
    assert loaded_version(response) == member_version(member)
    again = {**second, "phone": "0912000111", "version": loaded_version(response)}
    assert secretary.post(url, again).status_code == 302
    member.refresh_from_db()
    assert (member.phone, member.hometown) == ("0912000111", "Phong Điền")


def test_a_change_to_another_field_by_an_event_also_makes_the_form_stale(users, members):
    """The version covers every editable field, whatever wrote it (here the service directly)."""
    version = member_version(members.hung)
    member_update(actor=users.officer, member=members.hung, reason="Sửa quê", hometown="Ô Môn")
    url = reverse("members:edit", args=[members.hung.pk])
    response = client_for(users.secretary).post(url, edit_data(members.hung, phone="0900", reason="x", version=version))
    assert response.status_code == 200
    conflicts = {c.field: (c.theirs, c.yours) for c in response.context["form"].conflicts}
    assert conflicts == {"hometown": ("Ô Môn", "—")}
    assert Member.objects.get(pk=members.hung.pk).phone != "0900"


# --- API ---------------------------------------------------------------------------------------------------
def test_the_api_gives_the_version_and_refuses_a_stale_patch_with_409(users, members):
    url = f"/api/v1/members/{members.hung.pk}/"
    officer, secretary = api_client_for(users.officer), api_client_for(users.secretary)
    read = secretary.get(url)
    version = read.json()["version"]
    assert read["ETag"] == f'"{version}"'

    changed = officer.patch(url, {"phone": "0912000111", "reason": "Số mới", "version": version}, format="json")
    assert changed.status_code == 200 and changed.json()["version"] != version
    assert changed["ETag"] == f'"{changed.json()["version"]}"'

    stale = secretary.patch(
        url, {"phone": "0988777666", "reason": "Số khác"}, format="json", HTTP_IF_MATCH=f'"{version}"'
    )
    assert stale.status_code == 409
    body = stale.json()
    assert "Hồ sơ đã được người khác sửa" in body["detail"]
    assert body["version"] == changed.json()["version"]
    assert body["conflicts"] == [
        {"field": "phone", "label": "Số điện thoại", "theirs": "0912000111", "yours": "0988777666"}
    ]
    body_version = secretary.patch(url, {"phone": "0988777666", "reason": "x", "version": version}, format="json")
    assert body_version.status_code == 409
    assert Member.objects.get(pk=members.hung.pk).phone == "0912000111"

    # With the current version (from the 409), the write goes through.
    fresh = secretary.patch(
        url, {"phone": "0988777666", "reason": "Số khác"}, format="json", HTTP_IF_MATCH=body["version"]
    )
    assert fresh.status_code == 200
    assert Member.objects.get(pk=members.hung.pk).phone == "0988777666"


def test_an_unknown_version_lists_every_field_where_the_values_differ(users, members):
    stale = api_client_for(users.officer).patch(
        f"/api/v1/members/{members.hung.pk}/",
        {"hometown": "Cờ Đỏ", "reason": "x", "version": "0000000000000000"},
        format="json",
    )
    assert stale.status_code == 409
    assert [c["field"] for c in stale.json()["conflicts"]] == ["hometown"]
