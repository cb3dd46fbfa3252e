import datetime as dt
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
    page.wait_for_function("document.body.dataset.chartsReady > 0")
    drawn = page.evaluate("document.querySelectorAll('canvas[data-chart]').length")
    assert page.evaluate("Number(document.body.dataset.chartsReady)") == drawn >= 10
    assert "Đảng bộ thành phố Cần Thơ" in page.inner_text("h1")
    Path(ARTIFACTS).mkdir(exist_ok=True)
    page.screenshot(path=f"{ARTIFACTS}/dashboard.png", full_page=True)
