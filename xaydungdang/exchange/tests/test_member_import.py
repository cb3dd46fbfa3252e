"""Importing members: dry run lists every problem, commit is all or nothing, re-import changes nothing."""

import datetime as dt

import pytest

from xaydungdang.access.models import AccessLog
from xaydungdang.exchange import member_batch, member_commit, services
from xaydungdang.exchange.models import ImportBatch
from xaydungdang.exchange.services import import_batch_run, import_batch_start
from xaydungdang.exchange.tests.helpers import BINH, MAI, xlsx
from xaydungdang.members.choices import EventKind, MemberStatus
from xaydungdang.members.models import Member, MembershipEvent, MembershipPeriod
from xaydungdang.members.services import member_create


def run(user, content, *, commit, name="ds.xlsx", kind=ImportBatch.Kind.MEMBERS):
    batch = import_batch_start(actor=user, file_name=name, content=content, kind=kind)
    return import_batch_run(batch_id=batch.pk, commit=commit)


def row(base, **changes):
    """A copy of a template row with some cells changed, by header position."""
    from xaydungdang.exchange.tests.helpers import HEADERS

    values = list(base)
    for header, value in changes.items():
        values[HEADERS.index(header.replace("_", " "))] = value
    return values


def test_a_clean_file_is_checked_then_written(users, tree):
    content = xlsx([MAI, BINH])
    checked = run(users.officer, content, commit=False)
    assert checked.status == ImportBatch.Status.VALID
    assert checked.summary == "2 mới, 0 cập nhật, 0 không đổi"
    assert not Member.objects.filter(national_id="092190001234").exists()  # the dry run wrote nothing

    done = run(users.officer, content, commit=True)
    assert done.status == ImportBatch.Status.DONE
    assert (done.created_count, done.updated_count, done.error_count) == (2, 0, 0)
    mai = Member.objects.get(national_id="092190001234")
    assert mai.organization == tree.cell_1
    assert mai.status == MemberStatus.OFFICIAL
    assert (mai.qualification, mai.theory_level, mai.occupation) == ("bachelor", "intermediate", "public_employee")
    assert list(mai.events.values_list("kind", flat=True)) == [EventKind.ADMITTED, EventKind.RECOGNIZED_OFFICIAL]
    assert mai.periods.count() == 2
    assert mai.history.first().history_change_reason == "Nhập từ tệp ds.xlsx"
    binh = Member.objects.get(record_number="100002CT")
    assert (binh.ethnicity, binh.religion, binh.status) == ("02", "buddhism", MemberStatus.PROBATIONARY)
    assert done.started_at and done.finished_at


def test_every_import_is_in_the_access_log(users, tree):
    run(users.officer, xlsx([MAI]), commit=False)
    run(users.officer, xlsx([MAI]), commit=True)
    logs = AccessLog.objects.filter(kind=AccessLog.Kind.IMPORT, user=users.officer).order_by("at", "id")
    assert [log.detail["commit"] for log in logs] == [False, True]
    assert logs.last().what == "Nhập đảng viên từ tệp ds.xlsx"
    assert logs.last().detail["created"] == 1


def test_every_problem_is_listed_by_row_and_column_and_nothing_is_written(users, tree):
    rows = [
        row(MAI, **{"Ngày sinh": "31/02/1990"}),  # 2
        row(MAI, **{"Giới tính": "Không rõ", "Số CCCD": "092190001235", "Số lý lịch": "A2"}),  # 3
        row(MAI, **{"Họ và tên": "", "Số CCCD": "092190001236", "Số lý lịch": "A3"}),  # 4
        row(MAI, **{"Số CCCD": "092185001237", "Số lý lịch": "A4"}),  # 5: digits 5-6 are not the birth year
        row(MAI, **{"Mã chi bộ": "KHONG-CO", "Số CCCD": "092190001238", "Số lý lịch": "A5"}),  # 6
        row(MAI, **{"Mã chi bộ": "P92-A-S", "Số CCCD": "092190001239", "Số lý lịch": "A6"}),  # 7: not a cell
        row(MAI, **{"Số CCCD": "092190001240", "Số lý lịch": "A7", "Ngày chính thức": "01/01/2015"}),  # 8
        row(MAI, **{"Số CCCD": "092190001240", "Số lý lịch": "A8"}),  # 9: same CCCD as row 8
        row(MAI, **{"Số CCCD": "", "Số lý lịch": ""}),  # 10: no key
        row(MAI, **{"Dân tộc": "Không có", "Số CCCD": "092190001241", "Số lý lịch": "A10"}),  # 11
        row(MAI, **{"Số CCCD": "0921••••••42", "Số lý lịch": "A11"}),  # 12
        row(MAI, **{"Số CCCD": "092190001243", "Số lý lịch": "A12", "Ngày vào Đảng": "01/06/2099"}),  # 13
    ]
    batch = run(users.officer, xlsx(rows), commit=False)
    assert batch.status == ImportBatch.Status.INVALID
    found = {(e["row"], e["column"], e["message"]) for e in batch.errors}
    expected = {
        (2, "Ngày sinh", "Ngày không hợp lệ: «31/02/1990»; hãy ghi theo dạng ngày/tháng/năm (dd/mm/yyyy)."),
        (3, "Giới tính", "Giá trị «Không rõ» không có trong danh mục; các giá trị hợp lệ: Nam, Nữ."),
        (4, "Họ và tên", "Không được để trống."),
        (5, "Số CCCD", "Số CCCD: chữ số thứ 5–6 (85) phải là hai số cuối của năm sinh (1990)."),
        (6, "Mã chi bộ", "Không có tổ chức mã «KHONG-CO» trong phạm vi quản lý của bạn."),
        (7, "Mã chi bộ", "Chỉ chi bộ (chi bộ cơ sở, chi bộ trực thuộc) mới có đảng viên sinh hoạt trực tiếp."),
        (8, "Ngày chính thức", "Ngày chính thức phải sau ngày vào Đảng."),
        (9, "Số CCCD", "Trùng với dòng 8 của tệp."),
        (10, "Số CCCD", "Phải có Số CCCD hoặc Số lý lịch để nhận ra đảng viên khi nhập lại tệp."),
        (11, "Dân tộc", found_message(batch, 11, "Dân tộc")),
        (12, "Số CCCD", "Giá trị đã bị che khi xuất tệp (•••), không nhập lại được."),
        (13, "Ngày vào Đảng", "Ngày không được ở tương lai."),
    }
    assert expected <= found
    assert found_message(batch, 11, "Dân tộc").startswith("Giá trị «Không có» không có trong danh mục")
    assert {e["row"] for e in batch.errors} == set(range(2, 14))
    assert batch.error_count == len(batch.errors)
    assert not Member.objects.filter(full_name="Võ Thị Mai").exists()
    committed = run(users.officer, xlsx(rows), commit=True)
    assert committed.status == ImportBatch.Status.FAILED
    assert committed.summary == "0 mới, 0 cập nhật, 0 không đổi"
    assert not Member.objects.filter(full_name="Võ Thị Mai").exists()


def found_message(batch, row_number, column):
    return next(e["message"] for e in batch.errors if e["row"] == row_number and e["column"] == column)


def test_one_bad_row_keeps_the_good_rows_out_too(users, tree):
    batch = run(users.officer, xlsx([MAI, row(BINH, **{"Ngày sinh": "hôm qua"})]), commit=True)
    assert batch.status == ImportBatch.Status.FAILED
    assert [(e["row"], e["column"]) for e in batch.errors] == [(3, "Ngày sinh")]
    assert not Member.objects.filter(national_id__in=["092190001234", "092088004321"]).exists()


def test_reimporting_the_same_file_changes_nothing(users, tree):
    content = xlsx([MAI, BINH])
    run(users.officer, content, commit=True)
    counts = (Member.objects.count(), MembershipEvent.objects.count(), Member.history.count())
    again = run(users.officer, content, commit=True)
    assert again.status == ImportBatch.Status.DONE
    assert again.summary == "0 mới, 0 cập nhật, 2 không đổi"
    assert (Member.objects.count(), MembershipEvent.objects.count(), Member.history.count()) == counts


def test_a_changed_row_is_a_correction_with_the_file_as_reason(users, tree):
    run(users.officer, xlsx([MAI]), commit=True)
    batch = run(users.officer, xlsx([row(MAI, **{"Nơi cư trú": "Bình Thủy"})]), commit=True, name="sua.xlsx")
    assert batch.summary == "0 mới, 1 cập nhật, 0 không đổi"
    mai = Member.objects.get(national_id="092190001234")
    assert mai.address == "Bình Thủy"
    correction = mai.events.get(kind=EventKind.DATA_CORRECTED)
    assert correction.reason == "Nhập từ tệp sua.xlsx"
    assert correction.data == {"address": ["Ninh Kiều", "Bình Thủy"]}


def test_rows_are_matched_on_record_number_when_the_cccd_is_new(users, tree, members):
    members.lan.refresh_from_db()
    lan = row(MAI, **{"Họ và tên": "Trần Thị Lan", "Số CCCD": "092185000777", "Ngày sinh": "15/03/1985",
                      "Số lý lịch": members.lan.record_number})  # fmt: skip
    batch = run(users.officer, xlsx([lan]), commit=False)
    assert batch.status == ImportBatch.Status.VALID, batch.errors
    assert batch.summary == "0 mới, 1 cập nhật, 0 không đổi"


def test_a_different_cell_is_refused_as_a_transfer(users, tree, members):
    hung = row(MAI, **{"Họ và tên": "Nguyễn Văn Hùng", "Giới tính": "Nam", "Số CCCD": "092085000123",
                       "Ngày sinh": "15/03/1985", "Mã chi bộ": "P92-A-S-2", "Số lý lịch": ""})  # fmt: skip
    batch = run(users.officer, xlsx([hung]), commit=False)
    [error] = [e for e in batch.errors if e["column"] == "Mã chi bộ"]
    assert error["message"].startswith("Đảng viên đang sinh hoạt ở «Chi bộ Giáo viên 1»; chuyển sinh hoạt đảng")


def test_a_member_outside_the_importers_scope_is_refused(users, tree, members):
    tuan = row(MAI, **{"Số CCCD": "", "Số lý lịch": members.tuan.record_number, "Mã chi bộ": "P92-B-V"})
    batch = run(users.secretary, xlsx([tuan]), commit=False)
    messages = {(e["column"], e["message"]) for e in batch.errors}
    assert ("Số CCCD", "Đảng viên này thuộc tổ chức ngoài phạm vi được sửa của bạn.") in messages


def test_a_secretary_imports_only_into_their_own_cell(users, tree):
    batch = run(users.secretary, xlsx([MAI, BINH]), commit=False)
    assert [(e["row"], e["column"], e["message"]) for e in batch.errors] == [
        (3, "Mã chi bộ", "Không có tổ chức mã «P92-A-V» trong phạm vi quản lý của bạn.")
    ]


def test_read_only_roles_cannot_start_an_import(users):
    from django.core.exceptions import PermissionDenied

    for user in (users.leader, users.member, users.nobody):
        with pytest.raises(PermissionDenied):
            import_batch_start(actor=user, file_name="ds.xlsx", content=xlsx([MAI]))


def test_an_error_during_the_commit_leaves_nothing_written(users, tree, monkeypatch):
    calls = []

    def failing_create(**kwargs):
        calls.append(kwargs)
        if len(calls) == 2:
            raise RuntimeError("the disk is full")
        return member_create(**kwargs)

    monkeypatch.setattr(member_commit, "member_create", failing_create)
    batch = run(users.officer, xlsx([MAI, BINH]), commit=True)
    assert len(calls) == 2
    assert batch.status == ImportBatch.Status.FAILED
    assert batch.errors[0]["message"].startswith("Lỗi hệ thống khi nhập tệp; không có dữ liệu nào được ghi.")
    assert not Member.objects.filter(national_id__in=["092190001234", "092088004321"]).exists()


def test_an_error_in_the_batch_path_leaves_nothing_written(users, tree, monkeypatch):
    monkeypatch.setattr(member_commit, "BATCH_THRESHOLD", 1)

    def boom(member_ids):
        raise RuntimeError("lost the connection")

    monkeypatch.setattr(member_batch, "rollup_members_added", boom)
    batch = run(users.officer, xlsx([MAI, BINH]), commit=True)
    assert batch.status == ImportBatch.Status.FAILED
    assert not Member.objects.filter(national_id__in=["092190001234", "092088004321"]).exists()
    assert not MembershipPeriod.objects.filter(member__full_name="Võ Thị Mai").exists()


def _snapshot(member):
    member.refresh_from_db()
    events = [(e.kind, e.effective_date, e.decision_date, e.to_organization_id) for e in member.events.all()]
    periods = [
        (p.organization_id, p.attachment, p.status, p.is_exempted, p.valid_from, p.valid_to)
        for p in member.periods.order_by("valid_from")
    ]
    state = (member.organization_id, member.status, member.is_exempted, member.search_name, member.full_name)
    return state, events, periods


def test_the_batch_path_writes_what_member_create_writes(users, tree, monkeypatch):
    from xaydungdang.reports.models import RollupFootprint

    monkeypatch.setattr(member_commit, "BATCH_THRESHOLD", 1)
    run(users.officer, xlsx([MAI]), commit=True)
    batched = Member.objects.get(national_id="092190001234")
    by_service = member_create(
        actor=users.officer, organization=tree.cell_1, full_name="Võ Thị Mai", gender="female",
        birth_date=dt.date(1990, 4, 12), admission_date=dt.date(2015, 6, 1),
        admission_decision_date=dt.date(2015, 5, 20), official_date=dt.date(2016, 6, 1),
        education_level="upper_secondary", qualification="bachelor", theory_level="intermediate",
        occupation="public_employee",
    )  # fmt: skip
    assert _snapshot(batched) == _snapshot(by_service)
    assert batched.history.get().history_user == users.officer
    assert batched.events.first().history.get().history_user == users.officer
    footprint = RollupFootprint.objects.get(member_id=batched.pk).data
    assert footprint
    assert footprint == RollupFootprint.objects.get(member_id=by_service.pk).data


def test_background_job_runs_through_django_q_with_progress(
    users, tree, monkeypatch, django_capture_on_commit_callbacks
):
    from django_q.models import Task

    monkeypatch.setattr(services, "INLINE_MAX_ROWS", 0)
    batch = import_batch_start(actor=users.officer, file_name="lon.xlsx", content=xlsx([MAI, BINH]))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        scheduled = services.import_batch_schedule(batch=batch, commit=False)
    assert scheduled.status == ImportBatch.Status.PENDING
    assert len(callbacks) == 1
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.VALID
    assert (batch.processed_rows, batch.progress_percent) == (2, 100)
    assert Task.objects.filter(func="xaydungdang.exchange.tasks.run_batch", success=True).exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.import_batch_schedule(batch=batch, commit=True)
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE
    assert Member.objects.filter(national_id="092190001234").exists()
