import pytest
from django.urls import reverse

from xaydungdang.members.models import Member
from xaydungdang.organizations.models import Organization
from xaydungdang.reorganizations.models import Reorganization

pytestmark = pytest.mark.django_db

DECISION = {"effective_date": "01/07/2025", "decision_number": "12-QĐ/ĐU", "decision_date": "25/06/2025"}


def test_history_page_scope(client, users, tree):
    url = reverse("reorganize:history", args=[tree.cell_2.pk])
    assert client.get(url).status_code == 302
    client.force_login(users.outsider)
    assert client.get(url).status_code == 404
    client.force_login(users.leader)
    response = client.get(url)
    assert response.status_code == 200
    assert "Đổi tên" not in response.content.decode()  # read-only role: no actions
    client.force_login(users.officer)
    assert "Đổi tên" in client.get(url).content.decode()


def test_read_only_roles_cannot_open_the_forms(client, users, tree):
    url = reverse("reorganize:perform", args=[tree.cell_2.pk, "rename"])
    for user in (users.leader, users.member, users.outsider, users.nobody):
        client.force_login(user)
        assert client.get(url).status_code == 404


def test_absorb_through_the_page(client, users, tree, members):
    client.force_login(users.officer)
    url = reverse("reorganize:perform", args=[tree.cell_1.pk, "absorb"])
    response = client.post(url, {**DECISION, "sources": [tree.cell_2.pk]})
    assert response.status_code == 302
    assert Member.objects.get(pk=members.hoa.pk).organization_id == tree.cell_1.pk
    assert Reorganization.objects.get().kind == "absorb"


def test_errors_from_the_rules_are_shown_on_the_form(client, users, tree, members):
    client.force_login(users.officer)
    url = reverse("reorganize:perform", args=[tree.village_b.pk, "dissolve"])
    response = client.post(url, DECISION)
    assert response.status_code == 200
    assert "Còn 1 đảng viên đang sinh hoạt" in response.content.decode()
    assert Organization.objects.get(pk=tree.village_b.pk).dissolved_on is None


def test_bad_dates_and_unknown_parent_code_get_vietnamese_messages(client, users, tree):
    client.force_login(users.officer)
    url = reverse("reorganize:perform", args=[tree.village_b.pk, "relocate"])
    response = client.post(url, {**DECISION, "effective_date": "31/02/2025", "new_parent_code": "KHONG-CO"})
    body = response.content.decode()
    assert "Ngày 31/02/2025 không có thật: tháng 2 năm 2025 chỉ có 28 ngày." in body
    response = client.post(url, {**DECISION, "new_parent_code": "KHONG-CO"})
    assert "Không tìm thấy tổ chức có mã này trong phạm vi của bạn." in response.content.decode()


def test_split_through_the_page(client, users, tree, members):
    client.force_login(users.officer)
    url = reverse("reorganize:perform", args=[tree.village_a.pk, "split"])
    response = client.post(
        url, {**DECISION, "parts": "V1 | Chi bộ ấp 1\nV2 | Chi bộ ấp 2", f"member_{members.nam.pk}": "1"}
    )
    assert response.status_code == 302
    assert Member.objects.get(pk=members.nam.pk).organization.code == "V2"
