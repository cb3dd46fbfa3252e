import datetime as dt
import re
from pathlib import Path

import pytest

from conftest import ARTIFACTS, browser_login
from xaydungdang.reports.models import AdmissionPlan


@pytest.mark.browser
def test_dashboard_draws_its_charts(transactional_db, browser_page, live_server, tree, varied, users):
    AdmissionPlan.objects.create(organization=tree.commune_a, year=dt.date.today().year, planned=3)
    AdmissionPlan.objects.create(organization=tree.commune_b, year=dt.date.today().year, planned=2)
    page = browser_page
    browser_login(page, live_server, users.officer.username)
    page.goto(f"{live_server.url}/reports/?org={tree.province.pk}")
    from playwright.sync_api import expect

    expect(page.locator("body")).to_have_attribute("data-charts-ready", re.compile(r"^[1-9]\d*$"))
    drawn = page.evaluate("document.querySelectorAll('canvas[data-chart]').length")
    assert page.evaluate("Number(document.body.dataset.chartsReady)") == drawn >= 10
    assert "Đảng bộ thành phố Cần Thơ" in page.inner_text("h1")
    Path(ARTIFACTS).mkdir(exist_ok=True)
    page.screenshot(path=f"{ARTIFACTS}/dashboard.png", full_page=True)


@pytest.mark.browser
def test_an_empty_dataset_shows_a_message_and_no_chart(transactional_db, browser_page, live_server, tree, users):
    """Issue 17 item 13: a new cell without members: no empty axes, a message in each chart's place."""
    from playwright.sync_api import expect

    from xaydungdang.organizations.choices import OrganizationKind
    from xaydungdang.organizations.tests.factories import make_org

    empty = make_org(tree.commune_b, OrganizationKind.GRASSROOTS_CELL, "Chi bộ khu vực 3", "P92-B-W")
    page = browser_page
    browser_login(page, live_server, users.officer.username)
    page.goto(f"{live_server.url}/reports/?org={empty.pk}")
    expect(page.locator("h1")).to_contain_text("Chi bộ khu vực 3")
    expect(page.locator(".chart-empty").first).to_have_text("Chưa có số liệu để vẽ biểu đồ.")
    assert page.locator(".chart-empty").count() >= 10  # every member chart and the plan
    assert page.locator("#dashboard-body canvas, #dashboard-body svg").count() == 0
    expect(page.locator("body")).to_have_attribute("data-charts-ready", "0")
