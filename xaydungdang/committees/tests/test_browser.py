"""An officer opens the "Cấp ủy" tab, looks at a past date, then the structure table and its chart."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from conftest import browser_login
from xaydungdang.access.choices import Role
from xaydungdang.access.models import Assignment
from xaydungdang.accounts.models import User
from xaydungdang.committees.tests.factories import term_with
from xaydungdang.members.tests.factories import MemberFactory
from xaydungdang.organizations.choices import OrganizationKind as K
from xaydungdang.organizations.tests.factories import make_org

pytestmark = pytest.mark.browser


@pytest.fixture
def committee(transactional_db):
    province = make_org(None, K.PROVINCIAL, "Đảng bộ thành phố Cần Thơ", "P92")
    commune = make_org(province, K.UPPER_GRASSROOTS, "Đảng bộ phường Ninh Kiều", "P92-A")
    cell = make_org(commune, K.GRASSROOTS_CELL, "Chi bộ khu vực 3", "P92-A-3")
    officer = User.objects.create_user(username="bantochuc", password="test-password-123", first_name="Lê Thị Thu")
    Assignment.objects.create(user=officer, role=Role.OFFICER, organization=province)
    hung = MemberFactory(organization=cell, full_name="Nguyễn Văn Hùng")
    lan = MemberFactory(organization=cell, full_name="Trần Thị Lan")
    nam = MemberFactory(organization=cell, full_name="Lê Văn Nam")
    term_with(cell, starts_on=dt.date(2020, 9, 1), posts=[(nam, "bi-thu"), (hung, "chi-uy-vien")])
    term_with(cell, starts_on=dt.date(2025, 8, 1), posts=[(hung, "bi-thu"), (lan, "pho-bi-thu")])
    return cell, hung


def test_officer_reads_the_committee_on_a_past_date_and_the_structure(browser_page, live_server, committee):
    cell, hung = committee
    page = browser_page
    browser_login(page, live_server, "bantochuc")
    page.goto(f"{live_server.url}/orgs/{cell.pk}/?tab=committee")
    table = page.locator("#committee-members")
    table.wait_for()
    assert "Nguyễn Văn Hùng" in table.inner_text() and "Phó Bí thư" in table.inner_text()
    assert "2020–2025" in page.locator("#terms").inner_text()

    page.fill("#committee-tab input[name=on]", "01/01/2022")
    page.click("#committee-tab button[type=submit]")
    expect(page.locator("#committee-members")).to_contain_text("Lê Văn Nam")  # no eval under the CSP
    rows = page.locator("#committee-members").inner_text()
    assert "Lê Văn Nam" in rows and "Phó Bí thư" not in rows

    page.goto(f"{live_server.url}/members/{hung.pk}/")
    page.click("#tab-posts")
    page.locator("#member-posts").wait_for()
    expect(page.locator("#member-posts")).to_contain_text("Hết nhiệm kỳ")

    page.goto(f"{live_server.url}/committees/orgs/{cell.pk}/structure/")
    assert page.locator("#structure tbody tr").count() == 2
    drawn = "!!(window.Chart && Chart.getChart(document.getElementById('structure-chart')))"
    for _attempt in range(100):  # page.evaluate, not wait_for_function: the CSP forbids the latter's eval
        if page.evaluate(drawn):
            break
        page.wait_for_timeout(100)
    else:
        pytest.fail("the structure chart was not drawn")
    with page.expect_download() as download:
        page.click("text=Tải .xlsx")
    assert download.value.suggested_filename.endswith(".xlsx")
