"""The user guide is a page linked from the menu, with its screenshots; report pages print cleanly on A4."""

import pytest
from django.urls import reverse

from conftest import browser_login

pytestmark = pytest.mark.django_db


def test_the_guide_is_linked_from_the_menu_and_shows_its_screenshots(client, users):
    assert client.get(reverse("guide")).status_code == 302  # login first
    client.force_login(users.secretary)
    home = client.get(reverse("reports:dashboard")).content.decode()
    assert f'href="{reverse("guide")}"' in home and "Hướng dẫn" in home
    page = client.get(reverse("guide")).content.decode()
    assert "<h1>Hướng dẫn sử dụng xaydungdang</h1>" in page
    assert '<img src="screenshots/02-tong-quan-1366.jpg"' in page
    image = client.get(reverse("guide_screenshot", args=["02-tong-quan-1366.jpg"]))
    assert image.status_code == 200 and image["Content-Type"] == "image/jpeg"
    assert client.get(reverse("guide_screenshot", args=["..%2Fsettings.py"])).status_code == 404
    assert client.get(reverse("guide_screenshot", args=["khong-co-1366.jpg"])).status_code == 404


def test_the_guide_escapes_raw_html(settings, tmp_path):
    from xaydungdang.core import guide

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "huong-dan-su-dung.md").write_text("# A\n<script>alert(1)</script>\n", encoding="utf-8")
    settings.BASE_DIR = tmp_path
    html = guide.guide_html()
    assert "<script>" not in html and "&lt;script&gt;" in html


@pytest.mark.browser
def test_a_report_page_prints_without_the_menu_and_with_repeated_table_headers(browser_page, live_server, users, tree):
    page = browser_page
    browser_login(page, live_server, users.officer.username)
    page.goto(f"{live_server.url}{reverse('reports:forms')}?org={tree.province.pk}&form=03")
    assert page.locator("nav.navbar").is_visible()
    page.emulate_media(media="print")
    assert not page.locator("nav.navbar").is_visible()
    assert not page.locator("form").first.is_visible()
    header = page.locator("#form-03 thead").evaluate("e => getComputedStyle(e).display")
    row = page.locator("#form-03 tbody tr").first.evaluate("e => getComputedStyle(e).breakInside")
    assert header == "table-header-group" and row == "avoid"
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


@pytest.mark.browser
def test_the_menu_bar_fits_1366_px_with_the_language_in_the_account_menu(browser_page, live_server, users):
    """The screenshots showed "English" cut at the right edge and the search box reading "Tìm đả"."""
    from playwright.sync_api import expect

    from xaydungdang.notifications.services import notify

    for number in range(44):  # a two-digit unread badge, as the demo officers have
        notify(recipients=[users.officer], kind="due.probation", title=f"Việc {number}", email=False)
    page = browser_page
    browser_login(page, live_server, users.officer.username)
    page.goto(f"{live_server.url}/members/")
    expect(page.locator("nav.navbar")).to_contain_text("44")
    overflow = page.evaluate(
        "Math.max(...Array.from(document.querySelectorAll('nav.navbar *')).map((e) => e.getBoundingClientRect().right))"
    )
    assert overflow <= 1366
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    assert page.locator("#menu-q").bounding_box()["width"] >= 130
    page.click("#menu-account")
    page.locator("#menu-language button").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.click("#menu-account")
    expect(page.locator("#menu-language button")).to_have_text("Tiếng Việt")
