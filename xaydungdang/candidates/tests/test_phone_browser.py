"""The candidates list at phone width (issue 15/17 leftover): rows become cards like the member list."""

import datetime as dt

import pytest

from conftest import browser_login
from xaydungdang.candidates import services as svc

pytestmark = pytest.mark.browser


def test_the_candidates_list_is_cards_at_390_px(browser_page, live_server, users, tree):
    from playwright.sync_api import expect

    for n in range(3):
        svc.candidate_create(
            actor=users.officer, organization=tree.cell_1, recorded_on=dt.date(2024, 1, 5),
            full_name=f"Nguyễn Thị Phương Thảo Ngọc Hân {n}", gender="female", birth_date=dt.date(2000, 4, 2),
            education_level="upper_secondary",
        )  # fmt: skip
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    browser_login(page, live_server, "bantochuc")
    page.goto(f"{live_server.url}/candidates/org/{tree.cell_1.pk}/")
    expect(page.locator("table.table-cards tbody tr")).to_have_count(3)
    expect(page.locator("table.table-cards thead")).to_be_hidden()  # rows are cards
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
