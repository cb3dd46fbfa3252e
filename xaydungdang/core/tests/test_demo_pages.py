"""The main pages of the demo, opened in a browser as each demo user (issue 17 item 15 and the CSP):

- no Content-Security-Policy violation (a `securitypolicyviolation` event or a "Refused to…" console message);
- no duplicated heading: two identical consecutive h1/h2, or an h1 repeated by the heading right after it.

The demo is a small province (seed_demo --members 80); the pages are the first of each user's menu and a few
records, in one browser; the walk's own checks are proven first on pages given an inline script and a duplicated
heading. Under 90 s on an idle machine.
"""

import re

import pytest
from django.core.management import call_command

from conftest import browser_login
from xaydungdang.demo.accounts import DEMO_PASSWORD

pytestmark = pytest.mark.browser

USERS = ["quantri", "bantochuc", "bithu", "dangvien"]
MAX_PAGES = 12  # per user: the menu's pages and the records below
LISTEN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(e.violatedDirective + " " + e.blockedURI));
"""
HEADINGS = """
Array.from(document.querySelectorAll("main h1, main h2, #content h1, #content h2"))
  .filter((h) => h.offsetParent !== null)
  .map((h) => [h.tagName, h.innerText.trim().replace(/\\s+/g, " ")])
"""
SKIP = re.compile(r"^/(accounts/logout|i18n|admin|api/v1|healthz)|\.(xlsx|docx|pdf|csv|ics)$|[?&]format=")


def _records(page) -> list[str]:
    """A few record pages reachable from the lists: an organization, a member, a meeting."""
    found = []
    for selector in [
        "#org-members a[href^='/members/']",
        ".member-table a[href^='/members/']",
        "a[href^='/meetings/']",
    ]:
        hrefs = page.eval_on_selector_all(selector, "els => els.map((e) => e.getAttribute('href'))")
        found += [h for h in hrefs if re.search(r"/\d+/$", h)][:1]
    return found


def _menu(page) -> list[str]:
    hrefs = page.eval_on_selector_all("nav a[href^='/']", "els => els.map((e) => e.getAttribute('href'))")
    return list(dict.fromkeys(h.split("#")[0] for h in hrefs if h.split("#")[0] and not SKIP.search(h)))


def _duplicated(headings: list[list[str]]) -> list[str]:
    wrong = []
    for (tag, text), (next_tag, next_text) in zip(headings, headings[1:], strict=False):
        if text and text == next_text and (tag == next_tag or "H1" in (tag, next_tag)):
            wrong.append(f"{tag} and {next_tag} both read {text!r}")
    return wrong


def _the_checks_see_a_violation_and_a_duplicated_heading(page, live_server, console: list[str]) -> None:
    """The checks themselves: an inline script added to the login page is refused, and both signals report it;
    a heading repeated right after the page's h1 is found."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.evaluate("document.head.appendChild(Object.assign(document.createElement('script'), {text: '1'}))")
    page.wait_for_timeout(200)
    assert any("script-src" in v for v in page.evaluate("window.__csp")), "no securitypolicyviolation event"
    assert console, "no console message for the refused script"
    console.clear()
    page.evaluate(
        """(() => {
        const main = document.querySelector("main") || document.body;
        const h1 = Object.assign(document.createElement("h1"), {textContent: "Đảng viên"});
        const h2 = Object.assign(document.createElement("h2"), {textContent: "Đảng viên"});
        main.prepend(h1, h2);
        })()"""
    )
    assert _duplicated(page.evaluate(HEADINGS)), "the duplicated heading was not found"


def test_duplicated_headings_are_found():
    assert _duplicated([["H1", "Đảng viên"], ["H2", "Đảng viên"], ["H2", "Hồ sơ"]]) == [
        "H1 and H2 both read 'Đảng viên'"
    ]
    assert _duplicated([["H2", "Tổ chức"], ["H2", "Tổ chức"]]) == ["H2 and H2 both read 'Tổ chức'"]
    assert _duplicated([["H1", "Đảng viên"], ["H2", "Hồ sơ"], ["H2", "Đảng viên"]]) == []


def test_main_pages_of_the_demo_have_no_csp_violation_and_no_duplicated_heading(
    transactional_db, browser_page, live_server
):
    call_command("seed_demo", members=80, seed=7, verbosity=0)
    page = browser_page
    page.add_init_script(LISTEN)
    console: list[str] = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text)
            if "Content Security Policy" in message.text or "Refused to" in message.text
            else None
        ),
    )
    _the_checks_see_a_violation_and_a_duplicated_heading(page, live_server, console)
    problems, opened = [], 0
    for username in USERS:
        page.context.clear_cookies()
        browser_login(page, live_server, username, DEMO_PASSWORD)
        queue, seen = ["/", *_menu(page)], set()
        while queue and len(seen) < MAX_PAGES:
            path = queue.pop(0)
            if path in seen:
                continue
            seen.add(path)
            console.clear()
            response = page.goto(live_server.url + path, wait_until="load")
            if response is None or response.status != 200:
                continue
            opened += 1
            where = f"{username} {path}"
            problems += [f"{where}: CSP {v}" for v in page.evaluate("window.__csp || []")]
            problems += [f"{where}: console {text}" for text in console]
            problems += [f"{where}: {d}" for d in _duplicated(page.evaluate(HEADINGS))]
            if path in ("/orgs/", "/members/", "/meetings/") or path.startswith("/orgs/"):
                queue += [p for p in _records(page) if p not in seen]
    assert opened >= 30, opened
    assert problems == []
