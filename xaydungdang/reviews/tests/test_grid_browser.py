"""The review grid at 1366 px: it fits, the header row and name column stay in view, and a submitted
dossier is read-only."""

import pytest

from conftest import browser_login
from xaydungdang.reviews.choices import DossierStatus
from xaydungdang.reviews.models import Dossier
from xaydungdang.reviews.tests.conftest import rows_by_name
from xaydungdang.reviews.tests.test_browser import _criteria_groups

pytestmark = pytest.mark.browser


def test_the_grid_fits_keeps_its_header_and_is_read_only_once_submitted(browser_page, live_server, users, tree, period):
    from playwright.sync_api import expect

    from xaydungdang.reviews import services

    _criteria_groups()
    dossier = services.dossier_open(actor=users.secretary, period=period, organization=tree.cell_1)
    page = browser_page
    browser_login(page, live_server, "bithu")
    url = f"{live_server.url}/reviews/periods/{period.pk}/org/{tree.cell_1.pk}/"
    page.goto(url)
    expect(page.locator("#grid-untouched")).to_be_visible()  # no violations before anything is typed
    expect(page.locator("#self-review-warning")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366  # the page fits; the grid scrolls inside
    assert page.evaluate("getComputedStyle(document.querySelector('#member-grid thead th')).position") == "sticky"
    assert page.evaluate("getComputedStyle(document.querySelector('#member-grid tbody td')).position") == "sticky"

    Dossier.objects.filter(pk=dossier.pk).update(status=DossierStatus.SUBMITTED)
    page.goto(url)
    expect(page.locator("#read-only-notice")).to_be_visible()
    row = rows_by_name(dossier)["Nguyễn Văn Hùng"]
    expect(page.locator(f"#id_r{row.pk}-score_general")).to_be_disabled()
    expect(page.locator(f"#id_r{row.pk}-chosen_level")).to_be_disabled()
