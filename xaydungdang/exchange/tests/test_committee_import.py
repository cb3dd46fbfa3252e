"""Import of committee lists: dry run, all or nothing, idempotent, through the committees services."""

import datetime as dt

from xaydungdang.committees.models import Holding, Term
from xaydungdang.exchange.services import import_batch_run, import_batch_start
from xaydungdang.exchange.tests.helpers import xlsx

HEADERS = ["Mã tổ chức", "Nhiệm kỳ từ ngày", "Số lý lịch đảng viên", "Số CCCD", "Họ và tên", "Chức vụ", "Hình thức"]


def _rows(members):
    return [
        ["P92-A-S-1", "01/08/2025", members.hung.record_number, "", "Nguyễn Văn Hùng", "Bí thư", "Bầu tại đại hội"],
        ["P92-A-S-1", "01/08/2025", members.lan.record_number, "", "Trần Thị Lan", "Phó Bí thư", ""],
        ["P92-A-S", "15/06/2025", "", "092085000123", "Nguyễn Văn Hùng", "Cấp ủy viên", ""],
    ]


def _run(user, content, commit):
    batch = import_batch_start(actor=user, file_name="cu.xlsx", content=content, kind="committees")
    return import_batch_run(batch_id=batch.pk, commit=commit)


def test_dry_run_writes_nothing_then_commit_then_reimport_changes_nothing(users, tree, members):
    rows = _rows(members)
    content = xlsx(rows, headers=HEADERS)
    assert _run(users.officer, content, commit=False).errors == []
    assert Term.objects.count() == 0 and Holding.objects.count() == 0
    assert _run(users.officer, content, commit=True).summary == "3 mới, 0 cập nhật, 0 không đổi"
    assert Term.objects.filter(organization=tree.cell_1, starts_on=dt.date(2025, 8, 1)).count() == 1
    assert Holding.objects.filter(member=members.hung).count() == 2  # concurrent posts
    assert _run(users.officer, content, commit=True).summary == "0 mới, 0 cập nhật, 3 không đổi"
    assert Holding.objects.count() == 3


def test_one_bad_row_writes_nothing_and_names_row_and_column(users, tree, members):
    rows = _rows(members)
    rows.append(["P92-A-S-1", "01/08/2025", members.hoa.record_number, "", "Đặng Văn Sai", "Chi ủy viên", ""])
    rows.append(["P92-A-S-1", "01/08/2025", "", "", "Lê Văn Nam", "Chi ủy viên", ""])
    rows.append(["P92-B-V", "01/08/2025", members.tuan.record_number, "", "Phạm Minh Tuấn", "Bí thư", ""])
    rows.append(["P92-A-S-1", "01/08/2025", members.lan.record_number, "", "Trần Thị Lan", "Ủy viên Ban Thường vụ", ""])
    batch = _run(users.officer, xlsx(rows, headers=HEADERS), commit=True)
    errors = [(e["row"], e["column"], e["message"]) for e in batch.errors]
    assert errors[0] == (5, "Họ và tên", "Họ và tên không khớp với hồ sơ đảng viên (Đặng Thị Hoa).")
    assert errors[1][:2] == (6, "Số lý lịch đảng viên") and "số lý lịch đảng viên hoặc số CCCD" in errors[1][2]
    assert errors[2][:2] == (8, "Chức vụ") and "không có ở Chi bộ trực thuộc" in errors[2][2]
    assert len(errors) == 3  # commune B is the officer's: row 7 is fine
    assert Term.objects.count() == 0 and Holding.objects.count() == 0


def test_outside_the_scope_is_an_error_not_a_write(users, tree, members):
    rows = [["P92-A-S-1", "01/08/2025", members.hung.record_number, "", "Nguyễn Văn Hùng", "Bí thư", ""]]
    batch = _run(users.outsider, xlsx(rows, headers=HEADERS), commit=True)
    assert [(e["row"], e["column"]) for e in batch.errors] == [(2, "Mã tổ chức")]
    assert Holding.objects.count() == 0
