"""The monthly collection sheet (sổ thu đảng phí) on a phone: the secretary marks a cash payment."""

import os

import pytest

from conftest import ARTIFACTS, browser_login
from xaydungdang.access.policy import SYSTEM
from xaydungdang.core.dates import today
from xaydungdang.fees import services as svc
from xaydungdang.fees.choices import Category, PaymentMethod
from xaydungdang.fees.models import FeePayment
from xaydungdang.fees.rules import first_of_month

pytestmark = pytest.mark.browser


def test_secretary_marks_a_cash_payment_on_the_sheet_on_a_phone(browser_page, live_server, users, tree, members):
    from playwright.sync_api import expect

    for member in (members.hung, members.lan):
        svc.fee_basis_set(
            actor=SYSTEM, member=member, category=Category.PENSION, amount=6_000_000, valid_from=today().replace(day=1)
        )
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    browser_login(page, live_server, "bithu")
    page.goto(f"{live_server.url}/fees/org/{tree.cell_1.pk}/sheet/")
    row = page.locator(f"#fee-row-{members.lan.pk}")
    expect(row).to_contain_text("Mức đóng 30.000 đ")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing to scroll sideways
    row.get_by_role("button", name="Đã thu tiền mặt").click()
    page.wait_for_load_state("networkidle")
    row = page.locator(f"#fee-row-{members.lan.pk}")
    expect(row).to_contain_text("Đã đóng 30.000 đ")
    expect(row).to_contain_text(f"{today():%d/%m/%Y} · Tiền mặt")
    expect(row.get_by_role("button", name="Đã thu tiền mặt")).to_have_count(0)
    expect(page.locator(f"#fee-row-{members.hung.pk}").get_by_role("button", name="Đã thu tiền mặt")).to_be_visible()
    expect(page.locator("#sheet-totals")).to_contain_text("30.000 đ")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    os.makedirs(ARTIFACTS, exist_ok=True)
    page.screenshot(path=f"{ARTIFACTS}/fees-sheet-phone.png", full_page=True)
    payment = FeePayment.objects.get(member=members.lan)
    assert (payment.month, payment.amount, payment.method) == (first_of_month(today()), 30_000, PaymentMethod.CASH)
    assert not FeePayment.objects.filter(member=members.hung).exists()
