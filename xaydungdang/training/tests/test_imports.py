"""Import of a class list with results: dry run, all or nothing, idempotent."""

import datetime as dt

import pytest
from django.urls import reverse

from conftest import PASSWORD
from xaydungdang.candidates import services as candidate_services
from xaydungdang.core.spreadsheets import xlsx_bytes
from xaydungdang.training.imports import COLUMN_HEADERS, class_list_import
from xaydungdang.training.models import Certificate, Enrollment

pytestmark = pytest.mark.django_db


def workbook(rows) -> bytes:
    def write(book):
        sheet = book.sheet("Danh sách")
        sheet.title("Danh sách học viên lớp nhận thức về Đảng")
        sheet.header(COLUMN_HEADERS)
        for row in rows:
            sheet.row(row)

    return xlsx_bytes(write)


@pytest.fixture
def second(tree, users):
    return candidate_services.candidate_create(
        actor=users.secretary, organization=tree.cell_1, recorded_on=dt.date(2024, 1, 5), full_name="Lý Văn Phúc",
        gender="male", birth_date=dt.date(1999, 8, 9), education_level="upper_secondary", national_id="092099000456",
    )  # fmt: skip


GOOD = [
    ["Huỳnh Thị Ngọc", "", "", "Hoàn thành", "8,5", "GCN 21", "06/02/2024"],
    ["Lý Văn Phúc", "092099000456", "", "Không đạt", "", "", ""],
]


def run(users, awareness_class, rows, commit):
    return class_list_import(
        actor=users.officer, training_class=awareness_class, file_name="lop.xlsx", content=workbook(rows), commit=commit
    )


def test_dry_run_writes_nothing_then_commit_then_same_file_changes_nothing(users, candidate, second, awareness_class):
    report = run(users, awareness_class, GOOD, commit=False)
    assert (report.errors, report.rows, report.enrolled, report.committed) == ([], 2, 2, False)
    assert not Enrollment.objects.exists()

    report = run(users, awareness_class, GOOD, commit=True)
    assert report.committed and (report.enrolled, report.results) == (2, 2)
    ngoc = Enrollment.objects.get(candidate=candidate)
    assert (ngoc.result, str(ngoc.score), ngoc.certificate.number) == ("passed", "8.50", "GCN 21")
    assert Enrollment.objects.get(candidate=second).result == "failed"

    report = run(users, awareness_class, GOOD, commit=True)
    assert (report.enrolled, report.results, report.unchanged, report.errors) == (0, 0, 2, [])
    assert Certificate.objects.count() == 1 and ngoc.history.count() == 2


def test_one_bad_row_writes_nothing_and_every_error_names_row_and_column(users, candidate, second, awareness_class):
    rows = [
        GOOD[0],
        ["Lý Văn Phúc", "092099000456", "", "Hoàn thành", "", "GCN 21", "32/02/2024"],
        ["Không Có Ai", "", "", "", "", "", ""],
    ]
    report = run(users, awareness_class, rows, commit=True)
    assert not report.committed and not Enrollment.objects.exists() and not Certificate.objects.exists()
    assert (4, "Ngày cấp") in [(row, column) for row, column, _message in report.errors]
    assert (5, "Họ và tên", "Không tìm thấy người này trong tổ chức đảng mở lớp.") in report.errors


def test_import_page_reports_errors(client, users, candidate, awareness_class):
    client.login(username=users.officer.username, password=PASSWORD)
    content = workbook([["Huỳnh Thị Ngọc", "", "", "Đã xong", "", "", ""]])
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("lop.xlsx", content)
    response = client.post(reverse("training:import", args=[awareness_class.pk]), {"file": upload, "commit": "on"})
    page = response.content.decode()
    assert "Có 1 lỗi; chưa ghi gì vào hệ thống." in page and "Giá trị «Đã xong» không có trong danh mục" in page
    assert not Enrollment.objects.exists()
