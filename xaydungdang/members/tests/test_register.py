"""Sổ danh sách đảng viên (7-HSĐV): the 14 columns, as of any date, as a page and as .xlsx."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from conftest import PASSWORD
from xaydungdang.access.models import AccessLog
from xaydungdang.access.policy import SYSTEM
from xaydungdang.members.lifecycle import services as svc
from xaydungdang.members.lifecycle.register import COLUMNS, register_rows

pytestmark = pytest.mark.django_db
D = dt.date


def test_register_has_14_columns_and_a_row_per_member_ever_attached(tree, members, users):
    assert len(COLUMNS) == 14
    svc.transfer_issue(
        actor=users.officer,
        member=members.hung,
        to_organization=tree.village_b,
        letter_number="1",
        issued_on=D(2024, 5, 6),
    )
    svc.transfer_accept(actor=users.officer, transfer=members.hung.transfers.get(), accepted_on=D(2024, 5, 10))
    svc.member_record_death(actor=users.officer, member=members.lan, effective_date=D(2024, 6, 1))
    rows = {row.member.full_name: row.cells for row in register_rows(tree.cell_1, D(2024, 12, 31), SYSTEM)}
    assert set(rows) == {"Nguyễn Văn Hùng", "Trần Thị Lan"}
    assert rows["Nguyễn Văn Hùng"][8] == "06/05/2024"  # transfer-out date
    assert rows["Nguyễn Văn Hùng"][5] == "19/05/2010; 19/05/2011"
    assert rows["Trần Thị Lan"][10] == "01/06/2024"
    assert rows["Trần Thị Lan"][1] == "Nữ; Kinh; Không"
    arrived = {row.member.full_name: row.cells for row in register_rows(tree.village_b, D(2024, 12, 31), SYSTEM)}
    assert arrived["Nguyễn Văn Hùng"][9] == "10/05/2024; Chi bộ Giáo viên 1"


def test_register_as_of_a_past_date_shows_only_what_had_happened(tree, members, users):
    svc.member_record_death(actor=users.officer, member=members.lan, effective_date=D(2024, 6, 1))
    rows = {row.member.full_name: row.cells for row in register_rows(tree.cell_1, D(2020, 1, 1), SYSTEM)}
    assert rows["Trần Thị Lan"][10] == ""
    assert register_rows(tree.cell_1, D(2009, 1, 1), SYSTEM) == []


@pytest.mark.parametrize(("who", "expected"), [(None, 302), ("nobody", 404), ("leader", 200), ("outsider", 404)])
def test_register_page_scope(client, users, members, tree, who, expected):
    if who:
        client.login(username=getattr(users, who).username, password=PASSWORD)
    response = client.get(reverse("lifecycle:register", args=[tree.cell_1.pk]), {"on": "31/12/2024"})
    assert response.status_code == expected
    if expected == 200:
        assert "Nguyễn Văn Hùng" in response.content.decode()


def test_register_page_query_count_is_constant(client, users, tree, django_assert_max_num_queries):
    from xaydungdang.members.tests.factories import MemberFactory

    for n in range(12):
        MemberFactory(organization=tree.cell_2, full_name=f"Người Thứ {n}")
    client.login(username=users.officer.username, password=PASSWORD)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("lifecycle:register", args=[tree.school.pk]))
    assert response.status_code == 200


def test_register_xlsx_is_logged(client, users, members, tree):
    client.login(username=users.secretary.username, password=PASSWORD)
    response = client.get(reverse("lifecycle:register_export", args=[tree.cell_1.pk]), {"on": "31/12/2024"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "SỔ DANH SÁCH ĐẢNG VIÊN (Mẫu 7-HSĐV)"
    assert sheet.cell(row=4, column=2).value == "Họ và tên"
    assert {sheet.cell(row=r, column=2).value for r in (6, 7)} == {"Nguyễn Văn Hùng", "Trần Thị Lan"}
    assert AccessLog.objects.filter(kind=AccessLog.Kind.EXPORT, user=users.secretary).exists()
