"""The inbox and the preferences on a phone (390×844), in one browser: a long digest with links fits the
width, opening a notification marks it read and goes to its page, the preferences are saved."""

import pytest

from conftest import browser_login
from xaydungdang.notifications import services
from xaydungdang.notifications.models import Notification, Preference

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


def no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url


def test_inbox_and_preferences_on_a_phone(browser_page, live_server, users):
    from playwright.sync_api import expect

    link = "https://dang.example.vn/due/org/123456/?kind=late_self_reviews&amp;on=02/12/2026&amp;format=xlsx"
    services.notify(
        recipients=[users.secretary], kind="digest", title="Tóm tắt ngày 02/12/2026: 1 thông báo chưa đọc",
        body=f"Việc cần làm: 3\n- Đảng viên chưa nộp bản tự kiểm điểm (đã quá hạn): 3 — {link}", email=False,
    )  # fmt: skip
    [meeting] = services.notify(
        recipients=[users.secretary], kind="meeting_notice", title="Thông báo sinh hoạt thường kỳ tháng 12",
        url="/notifications/preferences/", email=False,
    )  # fmt: skip
    page = browser_page
    page.set_viewport_size(PHONE)
    browser_login(page, live_server, "bithu")
    page.goto(f"{live_server.url}/notifications/")
    expect(page.locator(f"[data-notification='{meeting.pk}']")).to_contain_text("tháng 12")
    no_sideways_scroll(page)
    page.locator(f"[data-notification='{meeting.pk}'] button[name=open]").click()
    page.wait_for_url("**/notifications/preferences/")
    assert Notification.objects.get(pk=meeting.pk).read_at is not None
    no_sideways_scroll(page)
    page.uncheck("#meeting_notice-email")
    page.click("#save-preferences")
    expect(page.locator(".alert")).to_contain_text("Đã lưu tùy chọn thông báo")
    assert Preference.objects.get(user=users.secretary, kind="meeting_notice").email is False
    page.goto(f"{live_server.url}/notifications/?unread=1")
    expect(page.locator("[data-notification]")).to_have_count(1)
    no_sideways_scroll(page)
    page.click("#read-all")
    expect(page.locator("[data-notification].list-group-item-warning")).to_have_count(0)
    assert not Notification.objects.filter(user=users.secretary, read_at=None).exists()
