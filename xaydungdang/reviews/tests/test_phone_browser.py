"""The review periods list at phone width (issue 15/17 leftover): rows become cards like the member list."""

import datetime as dt

import pytest

from conftest import browser_login
from xaydungdang.reviews import services

pytestmark = pytest.mark.browser


def test_the_review_periods_list_is_cards_at_390_px(browser_page, live_server, users, tree):
    from playwright.sync_api import expect

    for year in (2023, 2024):
        services.period_open(
            actor=users.officer, organization=tree.province, year=year, deadlines={"cell": dt.date(year, 12, 10)}
        )
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    browser_login(page, live_server, "bantochuc")
    page.goto(f"{live_server.url}/reviews/")
    expect(page.locator("table.table-cards tbody tr")).to_have_count(2)
    expect(page.locator("table.table-cards thead")).to_be_hidden()  # rows are cards
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
