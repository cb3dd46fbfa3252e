"""A secretary finds a member of their cell by a name typed without diacritics and opens the record."""

import os

import pytest
from playwright.sync_api import expect

from conftest import ARTIFACTS, browser_login
from xaydungdang.access.choices import Role, Scope
from xaydungdang.access.models import Assignment
from xaydungdang.accounts.models import User
from xaydungdang.members.tests.factories import MemberFactory
from xaydungdang.organizations.choices import OrganizationKind as K
from xaydungdang.organizations.tests.factories import make_org

pytestmark = pytest.mark.browser


@pytest.fixture
def cell_with_members(transactional_db):
    province = make_org(None, K.PROVINCIAL, "Đảng bộ thành phố Cần Thơ", "P92")
    commune = make_org(province, K.UPPER_GRASSROOTS, "Đảng bộ phường Ninh Kiều", "P92-A")
    cell = make_org(commune, K.GRASSROOTS_CELL, "Chi bộ khu vực 3", "P92-A-3")
    other = make_org(commune, K.GRASSROOTS_CELL, "Chi bộ khu vực 4", "P92-A-4")
    secretary = User.objects.create_user(username="bithu", password="test-password-123", first_name="Trần Văn Bình")
    Assignment.objects.create(user=secretary, role=Role.SECRETARY, organization=cell, scope=Scope.NODE)
    hung = MemberFactory(
        organization=cell,
        full_name="Nguyễn Văn Hùng",
        national_id="092085000123",
        hometown="Phong Điền, Cần Thơ",
        address="12 Hòa Bình, Ninh Kiều",
        phone="0912345678",
        education_level="upper_secondary",
        qualification="bachelor",
        theory_level="intermediate",
        occupation="public_employee",
        party_card_number="92012345",
    )
    for name in ["Trần Thị Lan", "Lê Văn Nam", "Đặng Thị Hoa"]:
        MemberFactory(organization=cell, full_name=name)
    MemberFactory(organization=other, full_name="Nguyễn Văn Hưng")  # same folded name, another cell
    return hung


def test_secretary_searches_without_diacritics_and_opens_the_record(browser_page, live_server, cell_with_members):
    page = browser_page
    browser_login(page, live_server, "bithu")
    page.goto(f"{live_server.url}/members/")
    page.fill("#id_q", "nguyen van hung")
    expect(page.locator("#member-results tbody tr")).to_have_count(1)  # no eval under the CSP
    rows = page.locator("#member-results tbody tr")
    assert rows.count() == 1  # the namesake in another cell stays out of scope
    assert "Nguyễn Văn Hùng" in rows.first.inner_text()
    assert page.url.endswith("/members/?q=nguyen%20van%20hung")  # htmx pushed the search, without empty filters

    page.click("text=Nguyễn Văn Hùng")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == "Nguyễn Văn Hùng"
    assert page.locator("[data-field=national_id]").inner_text() == "092085000123"  # the secretary may see it
    os.makedirs(ARTIFACTS, exist_ok=True)
    page.screenshot(path=f"{ARTIFACTS}/member-detail.png", full_page=True)

    page.click("#tab-history")
    page.wait_for_selector("#pane-history.show")
    assert "Tạo mới" in page.locator("#pane-history").inner_text()
