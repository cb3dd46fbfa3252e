"""The everyday pages in a browser: the menu's search at 1366 px, the member list and record at 390 px."""

import os

import pytest

from conftest import ARTIFACTS, browser_login

pytestmark = pytest.mark.browser


def test_search_from_the_menu_and_the_phone_width(browser_page, live_server, users, members, tree):
    from playwright.sync_api import expect

    page = browser_page
    browser_login(page, live_server, "bantochuc")
    page.fill("#menu-q", "nguyen van hung")
    page.keyboard.press("Enter")
    expect(page.locator("#search-members")).to_contain_text("Nguyễn Văn Hùng")
    expect(page.locator("#search-members")).not_to_contain_text("Trần Thị Lan")

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/members/")
    expect(page.locator("#member-filter")).to_be_hidden()  # the filters fold away
    page.click("#member-filter-toggle")
    expect(page.locator("#member-filter")).to_be_visible()
    expect(page.locator(".member-table thead")).to_be_hidden()  # rows are cards
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    os.makedirs(ARTIFACTS, exist_ok=True)
    page.screenshot(path=f"{ARTIFACTS}/members-390.png", full_page=True)
    page.goto(f"{live_server.url}/members/{members.hung.pk}/")
    box = page.locator(".avatar").bounding_box()
    assert abs(box["width"] - box["height"]) < 1  # the avatar stays a circle
