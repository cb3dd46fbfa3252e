import datetime as dt
import os

import pytest

from conftest import ARTIFACTS, browser_login
from xaydungdang.meetings.choices import MeetingState, Presence
from xaydungdang.meetings.models import Attendance, Meeting

pytestmark = pytest.mark.browser


def test_secretary_enters_attendance_on_a_phone(browser_page, live_server, users, members, plan):
    from playwright.sync_api import expect

    meeting = plan(dt.date.today() - dt.timedelta(days=1))
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    browser_login(page, live_server, "bithu")
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/")
    page.click("#record-attendance")
    expect(page.locator("#attendance-form")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing to scroll sideways
    page.select_option(f"#id_m{members.lan.pk}", Presence.EXCUSED)
    page.click("#save-attendance")
    expect(page.locator(f"#row-{members.lan.pk} .invalid-feedback")).to_contain_text("phải ghi lý do")
    page.fill(f"#id_r{members.lan.pk}", "Đi công tác")
    os.makedirs(ARTIFACTS, exist_ok=True)
    page.screenshot(path=f"{ARTIFACTS}/meetings-attendance-phone.png", full_page=True)
    page.click("#save-attendance")
    expect(page.locator("#meeting-state")).to_have_text("Đã sinh hoạt")
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.HELD
    rows = dict(Attendance.objects.filter(meeting=meeting).values_list("member__full_name", "presence"))
    assert rows == {"Nguyễn Văn Hùng": Presence.PRESENT, "Trần Thị Lan": Presence.EXCUSED}
    assert Attendance.objects.get(meeting=meeting, member=members.lan).reason == "Đi công tác"
    assert Meeting.objects.count() == 1
