"""My space and the request pages on a phone (390×844), in one browser: the member files a correction, the
secretary approves it from the cell's list; a document request returned with a reason; the accounts page."""

import os

import pytest

from conftest import ARTIFACTS, browser_login
from xaydungdang.members.models import Member
from xaydungdang.selfservice.choices import RequestStatus
from xaydungdang.selfservice.models import SelfRequest

pytestmark = pytest.mark.browser
SECTIONS = ("ho-so", "tuoi-dang", "chuc-vu", "sinh-hoat", "nhiem-vu", "dang-phi", "hoc-tap", "danh-gia", "de-nghi")


def no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_member_files_a_correction_on_a_phone_and_the_secretary_approves_it(
    browser_page, live_server, users, members, tree
):
    from playwright.sync_api import expect

    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    browser_login(page, live_server, "dangvien")
    assert page.url.endswith("/me/")  # the home page of a member-only user
    for section in SECTIONS:
        expect(page.locator(f"#{section}")).to_be_visible()
    no_sideways_scroll(page)
    os.makedirs(ARTIFACTS, exist_ok=True)
    page.screenshot(path=f"{ARTIFACTS}/selfservice-my-space-phone.png", full_page=True)

    page.click("text=Đề nghị đính chính thông tin")
    expect(page.locator("#id_address")).to_be_visible()  # the next page, before it is measured
    no_sideways_scroll(page)
    page.fill("#id_address", "12 Trần Phú, phường Cái Khế")
    page.click("#send-request")
    expect(page.locator("#de-nghi")).to_contain_text("Đã gửi, chờ duyệt")
    request = SelfRequest.objects.get(member=members.hung)

    page.context.clear_cookies()  # log out
    browser_login(page, live_server, "bithu")
    page.goto(f"{live_server.url}/me/requests/{request.pk}/")
    expect(page.locator("body")).to_contain_text("12 Trần Phú, phường Cái Khế")
    no_sideways_scroll(page)
    page.click("#approve")
    expect(page.locator("#request-status")).to_have_text("Hoàn thành")
    assert SelfRequest.objects.get(pk=request.pk).status == RequestStatus.DONE
    assert Member.objects.get(pk=members.hung.pk).address == "12 Trần Phú, phường Cái Khế"

    # A document request, returned with a reason from the cell's list of requests.
    page.context.clear_cookies()
    browser_login(page, live_server, "dangvien")
    page.click("text=Xin giấy xác nhận tuổi đảng")
    expect(page.locator("#id_purpose")).to_be_visible()
    no_sideways_scroll(page)
    page.fill("#id_purpose", "Bổ sung hồ sơ xét Huy hiệu Đảng")
    page.click("#send-request")
    page.wait_for_load_state("networkidle")
    expect(page.locator("#de-nghi")).to_contain_text("Đã gửi, chờ duyệt")
    page.context.clear_cookies()
    browser_login(page, live_server, "bithu")
    page.goto(f"{live_server.url}/me/cell/{tree.cell_1.pk}/requests/")
    no_sideways_scroll(page)
    page.click("#waiting >> text=Nguyễn Văn Hùng")
    expect(page.locator("#id_reason")).to_be_visible()
    no_sideways_scroll(page)
    page.fill("#id_reason", "Đề nghị bổ sung lý do xin giấy xác nhận.")
    page.click("#return")
    expect(page.locator("#request-status")).to_have_text("Trả lại")
    page.goto(f"{live_server.url}/me/cell/{tree.cell_1.pk}/requests/")
    expect(page.locator("#waiting")).to_contain_text("Không có đề nghị nào chờ duyệt.")
    page.goto(f"{live_server.url}/me/cell/{tree.cell_1.pk}/accounts/")
    expect(page.locator("#without-account")).to_contain_text("Trần Thị Lan")
    no_sideways_scroll(page)
    page.context.clear_cookies()
    browser_login(page, live_server, "dangvien")
    expect(page.locator("#de-nghi")).to_contain_text("Đề nghị bổ sung lý do xin giấy xác nhận.")
    no_sideways_scroll(page)
