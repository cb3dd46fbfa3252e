import datetime as dt
import os

import pytest

from conftest import ARTIFACTS, browser_login
from xaydungdang.members.choices import TheoryLevel
from xaydungdang.training import services as svc
from xaydungdang.training.choices import Result
from xaydungdang.training.models import Certificate, Enrollment

pytestmark = pytest.mark.browser


def test_officer_opens_a_class_enrols_a_member_and_records_the_result(browser_page, live_server, users, tree, kinds):
    from playwright.sync_api import expect

    from xaydungdang.members.models import Member

    lan = Member.objects.get(full_name="Trần Thị Lan")
    training_class = svc.class_create(
        actor=users.officer, organization=tree.commune_a, course_kind=kinds.so_cap,
        name="Lớp sơ cấp lý luận chính trị khóa 1/2025", organizer="Trung tâm chính trị phường Ninh Kiều",
        starts_on=dt.date(2025, 3, 3), ends_on=dt.date(2025, 5, 30), capacity=30,
    )  # fmt: skip
    page = browser_page
    browser_login(page, live_server, "bantochuc")
    page.goto(f"{live_server.url}/training/org/{tree.commune_a.pk}/")
    page.click(f"a[href='/training/classes/{training_class.pk}/']")
    expect(page.locator("h1")).to_have_text("Lớp sơ cấp lý luận chính trị khóa 1/2025")
    expect(page.locator("#trainees")).to_contain_text("Chưa có học viên.")

    page.select_option("#id_member", str(lan.pk))
    page.click("#enroll-form button[type=submit]")
    enrollment = Enrollment.objects.get(training_class=training_class, member=lan)
    row = page.locator(f"tr[data-enrollment='{enrollment.pk}']")
    expect(row).to_contain_text("Trần Thị Lan")
    expect(row).to_contain_text("Đang học")

    row.get_by_role("link", name="Ghi kết quả").click()
    page.select_option("#id_result", Result.PASSED)
    page.fill("#id_score", "9")
    page.fill("#id_certificate_number", "0012/SC-2025")
    page.fill("#id_certificate_date", "20/05/2025")  # before the closing day: refused, nothing written
    page.click("#training-form button[type=submit]")
    expect(page.locator("#training-form .invalid-feedback")).to_contain_text("không được trước ngày bế giảng")
    assert not Certificate.objects.exists()
    page.fill("#id_certificate_date", "06/06/2025")
    os.makedirs(ARTIFACTS, exist_ok=True)
    page.screenshot(path=f"{ARTIFACTS}/training-result.png", full_page=True)
    page.click("#training-form button[type=submit]")

    row = page.locator(f"tr[data-enrollment='{enrollment.pk}']")
    expect(row).to_contain_text("Hoàn thành")
    expect(row).to_contain_text("0012/SC-2025")
    enrollment.refresh_from_db()
    assert (enrollment.result, enrollment.score) == (Result.PASSED, 9)
    certificate = Certificate.objects.get(enrollment=enrollment)
    assert (certificate.member, certificate.issued_on) == (lan, dt.date(2025, 6, 6))
    lan.refresh_from_db()
    assert lan.theory_level == TheoryLevel.ELEMENTARY
