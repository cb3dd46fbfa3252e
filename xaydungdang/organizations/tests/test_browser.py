"""The cell page and the member page agree with themselves in a browser (issue 17 item 11)."""

import datetime as dt

import pytest
from django.urls import reverse

from conftest import browser_login

pytestmark = pytest.mark.browser


def test_cell_list_agrees_with_its_box_and_the_badge_card_with_the_badge_events(
    browser_page, live_server, users, members, tree
):
    from playwright.sync_api import expect

    from xaydungdang.members.choices import EventKind
    from xaydungdang.members.lifecycle.services import member_record_death
    from xaydungdang.members.models import MembershipEvent

    member_record_death(actor=users.officer, member=members.lan, effective_date=dt.date(2024, 3, 1))
    MembershipEvent.objects.create(
        member=members.hung, kind=EventKind.BADGE_AWARDED, effective_date=dt.date(2040, 2, 3), data={"years": 30}
    )
    page = browser_page
    browser_login(page, live_server, "bantochuc")
    page.goto(live_server.url + reverse("organizations:detail", args=[tree.cell_1.pk]))
    expect(page.locator(".tree-count").first).to_have_text("1")
    rows = page.locator("#org-members tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Nguyễn Văn Hùng")
    page.select_option("#id_show", "others")  # the filter applies on change, without a button
    expect(page.locator("#org-members tbody tr")).to_have_count(1)
    expect(page.locator("#org-members tbody tr").first).to_contain_text("Trần Thị Lan")
    expect(page.locator("#org-members tbody tr").first).to_contain_text("Từ trần")
    assert "show=others" in page.url

    page.goto(f"{live_server.url}/members/{members.hung.pk}/")
    page.click("#tab-timeline")
    expect(page.locator("#timeline")).to_contain_text("Tặng Huy hiệu Đảng: Huy hiệu 30 năm tuổi Đảng")
    card = page.locator("#badge-card")
    expect(card).to_contain_text("Huy hiệu 30 năm tuổi Đảng — 03/02/2040")
    expect(card).not_to_contain_text("Chưa có.")


def test_the_tree_at_phone_width_keeps_names_on_one_line_and_nothing_past_the_edge(
    browser_page, live_server, users, members, tree
):
    from playwright.sync_api import expect

    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    browser_login(page, live_server, "bantochuc")
    page.goto(live_server.url + reverse("organizations:tree"))
    name = page.locator(".org-name").first
    expect(name).to_contain_text("Đảng bộ thành phố Cần Thơ")
    assert name.bounding_box()["width"] > 250  # the name has the line (it was one word a line)
    right = page.evaluate(
        "Math.max(...Array.from(document.querySelectorAll('.org-line *')).map((e) => e.getBoundingClientRect().right))"
    )
    assert right <= 390
