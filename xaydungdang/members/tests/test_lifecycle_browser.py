"""In the browser: the member page's "Quá trình" tab loads the timeline, and an event recorded shows in it."""

import datetime as dt
import os

import pytest

from conftest import ARTIFACTS, browser_login
from xaydungdang.access.choices import Role, Scope
from xaydungdang.access.models import Assignment
from xaydungdang.accounts.models import User
from xaydungdang.members.tests.factories import MemberFactory
from xaydungdang.organizations.choices import OrganizationKind as K
from xaydungdang.organizations.tests.factories import make_org

pytestmark = pytest.mark.browser


@pytest.fixture
def member(transactional_db):
    province = make_org(None, K.PROVINCIAL, "Đảng bộ thành phố Cần Thơ", "P92")
    cell = make_org(province, K.GRASSROOTS_CELL, "Chi bộ khu vực 3", "P92-3")
    secretary = User.objects.create_user(username="bithu", password="test-password-123", first_name="Trần Văn Bình")
    Assignment.objects.create(user=secretary, role=Role.SECRETARY, organization=cell, scope=Scope.NODE)
    return MemberFactory(organization=cell, full_name="Nguyễn Văn Hùng")


def test_timeline_tab_and_recording_an_exemption(browser_page, live_server, member):
    page = browser_page
    browser_login(page, live_server, "bithu")
    page.goto(f"{live_server.url}/members/{member.pk}/")
    page.click("#tab-timeline")
    page.wait_for_selector("#timeline")
    assert "19/05/2010" in page.inner_text("#timeline")
    assert page.locator("a", has_text="Tải văn bản (.docx)").count() == 2
    page.click("#timeline a[href$='/events/exempted/']")
    page.wait_for_selector("#event-form")
    page.fill("#id_effective_date", dt.date(2024, 2, 1).strftime("%d/%m/%Y"))
    page.click("#event-form button[type=submit]")
    assert "Phải ghi lý do miễn công tác" in page.inner_text("#event-form")
    page.fill("#id_reason", "Tuổi cao, sức khỏe yếu")
    page.click("#event-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    page.click("#tab-timeline")
    page.wait_for_selector("#timeline")
    assert "01/02/2024" in page.inner_text("#timeline")
    page.wait_for_timeout(400)  # the tab pane fades in
    os.makedirs(ARTIFACTS, exist_ok=True)
    page.screenshot(path=f"{ARTIFACTS}/lifecycle-timeline.png", full_page=True)
