"""Fee pages: the scope matrix, the sheet and its quick payment, corrections, the report and its .xlsx,
the member's own tab, the due sections."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from python_calamine import CalamineWorkbook

from conftest import PASSWORD
from xaydungdang.access.policy import SYSTEM
from xaydungdang.core.dates import today
from xaydungdang.duework.registry import items_of
from xaydungdang.fees import services as svc
from xaydungdang.fees.choices import Category
from xaydungdang.fees.models import FeePayment, FeeRelief

pytestmark = pytest.mark.django_db
D = dt.date
JUNE = D(2026, 6, 1)


def login(client, user):
    if user is not None:
        client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def bases(members):
    for member in (members.hung, members.lan, members.hoa, members.nam, members.tuan):
        svc.fee_basis_set(
            actor=SYSTEM, member=member, category=Category.PENSION, amount=6_000_000, valid_from=D(2026, 1, 1)
        )


@pytest.mark.parametrize(
    ("who", "expected"),
    [(None, 302), ("nobody", 404), ("member", 404), ("outsider", 404), ("leader", 200), ("secretary", 200)],
)
def test_sheet_scope(client, users, tree, bases, who, expected):
    response = login(client, getattr(users, who) if who else None).get(
        reverse("fees:sheet", args=[tree.cell_1.pk]), {"month": "06/2026"}
    )
    assert response.status_code == expected
    if expected == 200:
        text = response.content.decode()
        assert "Nguyễn Văn Hùng" in text and "30.000" in text
        assert ("Đã thu tiền mặt" in text) == (who == "secretary")


def test_bad_month_is_a_400_with_the_rule(client, users, tree):
    response = login(client, users.secretary).get(reverse("fees:sheet", args=[tree.cell_1.pk]), {"month": "13/2026"})
    assert response.status_code == 400


def test_quick_payment_from_the_sheet_and_its_correction(client, users, tree, members, bases):
    login(client, users.secretary)
    response = client.post(
        reverse("fees:pay", args=[tree.cell_1.pk]), {"member": members.hung.pk, "first_month": "06/2026"}
    )
    assert response.status_code == 302
    payment = FeePayment.objects.get(member=members.hung, month=JUNE)
    assert (payment.amount, payment.method, payment.paid_on) == (30_000, "cash", today())
    again = client.post(
        reverse("fees:pay", args=[tree.cell_1.pk]), {"member": members.hung.pk, "first_month": "06/2026"}
    )
    assert again.status_code == 400 and "đã đóng đảng phí tháng 06/2026" in again.content.decode()
    url = reverse("fees:payment_edit", args=[payment.pk])
    data = {"amount": "35000", "paid_on": today().strftime("%d/%m/%Y"), "method": "bank", "reason": "Sai số tiền"}
    assert client.post(url, data).status_code == 302
    page = client.get(url).content.decode()
    assert "Sai số tiền" in page and "30000" in page.replace(".", "")
    assert login(client, users.outsider).get(url).status_code == 404


def test_advance_payment_form_refusal_names_the_field(client, users, tree, members, bases):
    login(client, users.secretary)
    response = client.post(
        reverse("fees:pay", args=[tree.cell_1.pk]),
        {
            "member": members.hung.pk,
            "first_month": "06/2026",
            "months": "13",
            "method": "bank",
            "paid_on": "05/06/2026",
        },
    )
    assert response.status_code == 400 and "Mỗi lần đóng từ 1 đến 12 tháng." in response.content.decode()


def test_report_page_and_xlsx_sum_the_subtree(client, users, tree, members, bases):
    for member in (members.hung, members.nam):
        svc.payment_record(actor=SYSTEM, member=member, first_month=JUNE, paid_on=D(2026, 6, 5))
    login(client, users.leader)
    url = reverse("fees:report", args=[tree.commune_a.pk])
    response = client.get(url, {"start": "06/2026", "end": "06/2026"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "fees-chart-data" in text and "Chi bộ Giáo viên 1" in text
    download = client.get(url, {"start": "06/2026", "end": "06/2026", "format": "xlsx"})
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = CalamineWorkbook.from_filelike(io.BytesIO(download.content)).get_sheet_by_index(0).to_python()
    total = next(r for r in rows if r[0] == "Tổng cộng")
    assert total[1:3] == [120_000, 60_000]  # due: 4 members of the commune x 30,000; collected: 2 x 30,000
    assert login(client, users.outsider).get(url).status_code == 404
    assert login(client, users.leader).get(url, {"start": "07/2026", "end": "06/2026"}).status_code == 400


def test_a_member_sees_their_own_fee_history_only(client, users, members, bases):
    svc.payment_record(actor=SYSTEM, member=members.hung, first_month=today().replace(day=1), paid_on=today())
    login(client, users.member)
    own = client.get(reverse("fees:member_tab", args=[members.hung.pk]))
    assert own.status_code == 200 and "30.000" in own.content.decode()
    assert client.get(reverse("fees:member_tab", args=[members.lan.pk])).status_code == 404


def test_relief_form_is_for_the_competent_level(client, users, tree, members):
    url = reverse("fees:relief_create", args=[members.hung.pk])
    assert login(client, users.secretary).get(url).status_code == 404  # the cell does not decide for itself
    login(client, users.officer)
    data = {
        "kind": "reduction",
        "reason": "hardship",
        "reduction_percent": "50",
        "valid_from": "03/2026",
        "valid_to": "03/2027",
        "decision_number": "7-QĐ/ĐU",
        "decision_date": "20/02/2026",
    }
    response = client.post(url, data)
    assert response.status_code == 200 and "tối đa 12 tháng" in response.content.decode()
    data["valid_to"] = "02/2027"
    assert client.post(url, data).status_code == 302
    assert FeeRelief.objects.get(member=members.hung).decided_by == tree.school


def test_due_sections_list_arrears_and_reliefs_ending(users, tree, members, bases):
    on = today()
    found = items_of("fee_arrears", organization=tree.province, on=on, user=users.officer)
    assert {item.subject for item in found} >= {members.hung, members.lan}  # nothing paid all year
    assert items_of("fee_arrears", organization=tree.province, on=on, user=users.outsider).total == 1  # own subtree
    svc.relief_grant(
        actor=SYSTEM,
        member=members.nam,
        kind="reduction",
        reason="hardship",
        reduction_percent=30,
        valid_from=on.replace(day=1),
        valid_to=on.replace(day=1),
        decision_number="3-QĐ/CB",
        decision_date=on,
        decided_by=tree.village_a,
    )
    ending = items_of("fee_reliefs_ending", organization=tree.province, on=on, user=users.officer)
    assert [item.subject for item in ending] == [members.nam]


def test_tabs_are_registered_on_member_and_organization_pages(client, users, tree, members):
    login(client, users.secretary)
    assert client.get(reverse("fees:organization_tab", args=[tree.cell_1.pk])).status_code == 200
    assert client.get(reverse("fees:organization_tab", args=[tree.cell_2.pk])).status_code == 404
    login(client, users.member)
    assert client.get(reverse("fees:organization_tab", args=[tree.cell_1.pk])).status_code == 404
