"""The API docs page in a browser (issue 17 item 15): Vietnamese for an English browser unless the user picks
English, no heading repeated, each operation's responses described, nothing wider than 1366 px."""

import os
import re

import pytest
from django.conf import settings

from conftest import ARTIFACTS, browser_login

pytestmark = pytest.mark.browser
ETHNICITIES = [f"{number:02d}" for number in range(1, 55)]  # the type lists the codes, not the names again
VIETNAMESE_LETTERS = "[ạảấầẩẫậắằẳẵặẹẻẽếềểễệịỉọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ]"


def _headings(page) -> list[str]:
    return [text.strip() for text in page.locator("h1, h2").all_inner_texts()]


def test_the_api_docs_page_speaks_one_language_with_no_repeated_heading(browser_page, live_server, users):
    from playwright.sync_api import expect

    page = browser_page
    page.set_extra_http_headers({"Accept-Language": "en-US,en;q=0.9"})  # an office's English browser
    browser_login(page, live_server, "bantochuc")
    page.goto(f"{live_server.url}/api/docs/")
    expect(page.locator("h1")).to_contain_text("API của hệ thống quản lý công tác xây dựng Đảng")
    headings = _headings(page)
    assert len(headings) >= 12 and len(headings) == len(set(headings)), headings
    update = page.locator("#v1_members_partial_update")
    update.locator("summary").click()
    expect(update).to_contain_text("Sửa một phần: đảng viên")
    rows = update.locator("table").last
    expect(rows).to_contain_text("409")
    expect(rows).to_contain_text("Xung đột: bản ghi đã được người khác sửa")
    assert not re.search(r"\b(the|of|and)\b", update.inner_text())
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    os.makedirs(ARTIFACTS, exist_ok=True)
    page.screenshot(path=f"{ARTIFACTS}/api-docs-vi.png")

    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}])
    page.reload()
    expect(page.locator("h1")).to_contain_text("API of the party-building work management system")
    headings = _headings(page)
    assert "Calling the API" in headings and len(headings) == len(set(headings)), headings
    update = page.locator("#v1_members_partial_update")
    update.locator("summary").click()
    expect(update).to_contain_text("Conflict: someone else changed the record")
    lines = update.inner_text().splitlines()
    assert [line for line in lines if re.search(VIETNAMESE_LETTERS, line, re.IGNORECASE)] == []
    assert [line.rstrip() for line in lines if line.startswith("ethnicity")] == [
        "ethnicity\t" + " | ".join(ETHNICITIES)
    ]
    page.screenshot(path=f"{ARTIFACTS}/api-docs-en.png")
