import os

import pytest

from conftest import ARTIFACTS, browser_login
from xaydungdang.members.tests.factories import MemberFactory
from xaydungdang.reviews import services
from xaydungdang.reviews.models import CriteriaGroup, Dossier

pytestmark = pytest.mark.browser


def _criteria_groups():
    """Transactional tests flush the rows of data migrations: put the default groups back."""
    from importlib import import_module

    defaults = import_module("xaydungdang.reviews.migrations.0002_default_criteria_groups").DEFAULTS
    for subject, code, name, points, position in defaults:
        CriteriaGroup.objects.get_or_create(
            subject=subject, code=code, defaults={"name": name, "max_points": points, "position": position}
        )


def test_secretary_fills_the_grid_meets_the_quota_and_submits(browser_page, live_server, users, tree, members):
    from playwright.sync_api import expect

    _criteria_groups()
    for name in ("Võ Minh Khang", "Huỳnh Thị Mai", "Đỗ Quốc Bảo"):
        MemberFactory(organization=tree.cell_1, full_name=name)
    period = services.period_open(
        actor=users.officer,
        organization=tree.province,
        year=2024,
        deadlines={"cell": __import__("datetime").date(2024, 12, 10)},
    )
    page = browser_page
    browser_login(page, live_server, "bithu")
    page.goto(f"{live_server.url}/reviews/periods/{period.pk}/org/{tree.cell_1.pk}/")
    assert not Dossier.objects.exists()  # reading the page writes nothing; the secretary opens the dossier
    page.click("#open-dossier")
    page.wait_for_load_state("networkidle")
    dossier = Dossier.objects.get(period=period, organization=tree.cell_1)
    rows = {r.subject_name: r.pk for r in dossier.reviews.all()}

    def saved(action):
        """Each change saves its row; wait for the answer (SQLite in tests takes one writer at a time)."""
        with page.expect_response(lambda r: "/reviews/rows/" in r.url):
            action()

    def pick(name, level):
        saved(lambda: page.select_option(f"#id_r{rows[name]}-chosen_level", level))

    def score(name, general, results):
        page.focus(f"#id_r{rows[name]}-score_general")
        page.keyboard.type(general)
        saved(lambda: page.keyboard.press("Tab"))  # Tab moves to the next score of the same row
        page.keyboard.type(results)
        saved(lambda: page.keyboard.press("Tab"))
        saved(lambda: page.select_option(f"#id_r{rows[name]}-task_progress", "exceeded"))

    for name in ("Trần Thị Lan", "Võ Minh Khang", "Huỳnh Thị Mai", str(tree.cell_1)):
        pick(name, "good")
    for name in rows:
        if name != str(tree.cell_1):
            saved(lambda name=name: page.check(f"#id_r{rows[name]}-self_assessed"))
    score("Nguyễn Văn Hùng", "28", "65")
    score("Đỗ Quốc Bảo", "29", "66")
    expect(page.locator("#quota-used")).to_have_text("2")
    violations = page.locator("#violations")
    expect(violations).to_contain_text("vượt quá 1")
    expect(violations).to_contain_text("(Đỗ Quốc Bảo, Nguyễn Văn Hùng)")
    expect(page.locator("#submit-dossier")).to_be_disabled()
    os.makedirs(ARTIFACTS, exist_ok=True)
    page.screenshot(path=f"{ARTIFACTS}/reviews-grid-violation.png", full_page=True)

    pick("Đỗ Quốc Bảo", "good")  # the cell keeps one "excellent", as the quota allows
    expect(page.locator("#quota-used")).to_have_text("1")
    expect(page.locator("#submit-dossier")).to_be_enabled()
    page.locator(f"#row-{rows['Nguyễn Văn Hùng']} details summary").click()
    page.screenshot(path=f"{ARTIFACTS}/reviews-grid.png", full_page=True)
    page.click("#submit-dossier")
    expect(page.locator(".alert-success").first).to_contain_text("Đã trình hồ sơ lên cấp trên.")
    dossier.refresh_from_db()
    assert dossier.status == "submitted"


def test_member_writes_the_self_review_on_a_phone_and_the_secretary_lists_it(
    browser_page, live_server, users, tree, members
):
    """390×844: from My space to the self-review form, submitted; the secretary's list of the cell's
    self-reviews (late ones first) and the submitted one, each without sideways scrolling."""
    from playwright.sync_api import expect

    from xaydungdang.reviews.models import SelfReview

    def no_sideways_scroll() -> None:
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, page.url

    period = services.period_open(
        actor=users.officer, organization=tree.province, year=2024,
        deadlines={"cell": __import__("datetime").date(2024, 12, 10)},
    )  # fmt: skip
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    browser_login(page, live_server, "dangvien")
    page.click(f"[data-self-review-period='{period.pk}'] >> text=Viết bản tự kiểm điểm")
    expect(page.locator("#id_political_ideology")).to_be_visible()  # the form, before it is measured
    no_sideways_scroll()
    for name in ("political_ideology", "ethics_lifestyle", "discipline", "task_results", "limitations"):
        page.fill(f"#id_{name}", "Hoàn thành tốt nhiệm vụ được giao, giữ gìn đạo đức, lối sống.")
    page.select_option("#id_proposed_level", index=1)
    page.click("#submit-self-review")
    expect(page.locator("body")).to_contain_text("Đã nộp bản tự kiểm điểm")
    assert SelfReview.objects.get(period=period, member=members.hung).submitted_at is not None
    no_sideways_scroll()

    page.context.clear_cookies()
    browser_login(page, live_server, "bithu")
    page.goto(f"{live_server.url}/reviews/periods/{period.pk}/org/{tree.cell_1.pk}/self-reviews/")
    expect(page.locator("#self-review-rows li").first).to_contain_text("Trần Thị Lan")  # late, first
    expect(page.locator("#self-review-counts")).to_contain_text("Đã nộp 1/2")
    no_sideways_scroll()
    page.click("#self-review-rows >> text=Nguyễn Văn Hùng")
    expect(page.locator("body")).to_contain_text("giữ gìn đạo đức")
    no_sideways_scroll()
