"""The residence liaison's pages on a phone (390×844), in one browser: the workplace secretary introduces a
member and downloads the letter; the residence cell's secretary (another subtree) reads the list and the
introduction and enters the yearly comment."""

import pytest

from conftest import _user, browser_login
from xaydungdang.access.choices import Role, Scope
from xaydungdang.residence.models import Comment, Introduction

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


def no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url


def test_residence_pages_on_a_phone(browser_page, live_server, users, members, tree):
    from playwright.sync_api import expect

    _user("bithu_noicutru", Role.SECRETARY, tree.village_b, Scope.NODE)
    page = browser_page
    page.set_viewport_size(PHONE)
    browser_login(page, live_server, "bithu")
    page.goto(f"{live_server.url}/residence/members/{members.lan.pk}/new/")
    no_sideways_scroll(page)
    page.select_option("#id_residence_organization", str(tree.village_b.pk))
    page.fill("#id_residence_address", "Số 4, khu vực 2, phường Cái Khế")
    page.fill("#id_letter_number", "16-GGT/ĐU")
    page.fill("#id_letter_date", "01/03/2024")
    page.click("#create-introduction")
    introduction = Introduction.objects.get(member=members.lan)
    expect(page.locator("#introduction")).to_contain_text("16-GGT/ĐU")
    no_sideways_scroll(page)
    with page.expect_download() as download:
        page.click("#download-letter")
    assert download.value.suggested_filename.endswith(".docx")
    page.goto(f"{live_server.url}/residence/")
    expect(page.locator("#mine")).to_contain_text("Trần Thị Lan")
    no_sideways_scroll(page)

    page.context.clear_cookies()  # the residence cell's secretary, in another subtree
    browser_login(page, live_server, "bithu_noicutru")
    page.goto(f"{live_server.url}/residence/")
    expect(page.locator("#received")).to_contain_text("Trần Thị Lan")
    no_sideways_scroll(page)
    page.click("#received >> text=Trần Thị Lan")
    expect(page.locator("#comment-form")).to_be_visible()
    no_sideways_scroll(page)
    page.fill("#id_text", "Gương mẫu ở khu dân cư.")
    page.fill("#id_commented_on", "05/11/2024")
    page.fill("#id_commenter", "Lê Văn Tư, Bí thư chi bộ")
    page.select_option("#id_year", "2024") if page.locator("select#id_year").count() else page.fill("#id_year", "2024")
    page.click("#save-comment")
    expect(page.locator("#comments")).to_contain_text("Gương mẫu ở khu dân cư.")
    no_sideways_scroll(page)
    assert Comment.objects.get(introduction=introduction).year == 2024
