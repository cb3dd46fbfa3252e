"""Pages of the exchange, the command, exports and the export → import round trip."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from conftest import PASSWORD
from xaydungdang.access.models import AccessLog
from xaydungdang.exchange import services
from xaydungdang.exchange.models import ImportBatch
from xaydungdang.exchange.services import import_batch_run, import_batch_start
from xaydungdang.exchange.tests.helpers import BINH, MAI, xlsx
from xaydungdang.members.models import Member


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def upload(client, content, name="ds.xlsx", kind="members"):
    return client.post("/exchange/", {"kind": kind, "file": SimpleUploadedFile(name, content)})


def sheet_rows(content: bytes) -> list[tuple]:
    return list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))


# --- the scope matrix -------------------------------------------------------------------------------
def test_anonymous_users_are_sent_to_login(client):
    for url in ("/exchange/", "/exchange/batches/", "/exchange/members.xlsx", "/exchange/templates/members.xlsx"):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("role", ["nobody", "leader", "member"])
def test_import_pages_are_not_found_for_roles_that_do_not_write(client, users, role):
    login(client, getattr(users, role))
    assert client.get("/exchange/").status_code == 404
    assert client.get("/exchange/batches/").status_code == 404
    assert upload(client, xlsx([MAI])).status_code == 404
    assert not ImportBatch.objects.exists()


def test_upload_checks_the_file_and_shows_the_result(client, users, tree):
    login(client, users.officer)
    assert client.get("/exchange/").status_code == 200
    response = upload(client, xlsx([MAI, BINH]))
    batch = ImportBatch.objects.get()
    assert response["Location"] == f"/exchange/batches/{batch.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "2 mới, 0 cập nhật, 0 không đổi" in page
    assert "Xác nhận ghi dữ liệu" in page
    assert not Member.objects.filter(national_id="092190001234").exists()
    client.post(f"/exchange/batches/{batch.pk}/confirm/")
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE
    assert Member.objects.filter(national_id="092190001234").exists()
    assert "ds.xlsx" in client.get("/exchange/batches/").content.decode()


def test_the_error_table_lists_row_column_and_message(client, users, tree):
    login(client, users.officer)
    bad = list(MAI)
    bad[2] = "31/02/1990"
    response = upload(client, xlsx([bad]))
    page = client.get(response["Location"]).content.decode()
    assert "<td>2</td><td>Ngày sinh</td><td>Ngày không hợp lệ: «31/02/1990»" in page
    assert "Xác nhận ghi dữ liệu" not in page
    batch = ImportBatch.objects.get()
    client.post(f"/exchange/batches/{batch.pk}/confirm/")
    assert ImportBatch.objects.get().status == ImportBatch.Status.INVALID  # not committed


def test_a_batch_of_another_user_is_not_found(client, users, tree):
    batch = import_batch_start(actor=users.officer, file_name="ds.xlsx", content=xlsx([MAI]))
    login(client, users.outsider)
    assert client.get(f"/exchange/batches/{batch.pk}/").status_code == 404
    assert client.post(f"/exchange/batches/{batch.pk}/confirm/").status_code == 404


def test_a_large_file_runs_in_the_background_and_the_page_polls_its_progress(
    client, users, tree, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(services, "INLINE_MAX_ROWS", 1)
    login(client, users.officer)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = upload(client, xlsx([MAI, BINH]))
    batch = ImportBatch.objects.get()
    fragment = client.get(response["Location"], HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 1s"' in fragment and "progress-bar" in fragment
    assert "<h1" not in fragment  # the fragment only
    for callback in callbacks:
        callback()  # the worker (django-q, synchronous in tests) runs the job
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.VALID
    fragment = client.get(response["Location"], HTTP_HX_REQUEST="true").content.decode()
    assert "every 1s" not in fragment and "2 mới" in fragment


def test_templates_have_the_vietnamese_headers(client, users):
    login(client, users.officer)
    response = client.get("/exchange/templates/members.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    headers = sheet_rows(response.content)[2]
    assert headers[:3] == ("Họ và tên *", "Giới tính *", "Ngày sinh *")
    assert "Số CCCD" in headers and "Lý luận chính trị" in headers
    assert client.get("/exchange/templates/nothing.xlsx").status_code == 404


# --- export ------------------------------------------------------------------------------------------
def test_export_uses_the_list_filters_and_is_logged(client, users, members, tree):
    login(client, users.officer)
    response = client.get("/exchange/members.xlsx", {"org": tree.school.pk, "gender": "female"})
    rows = sheet_rows(response.content)[3:]
    assert sorted(r[0] for r in rows) == ["Trần Thị Lan", "Đặng Thị Hoa"]
    log = AccessLog.objects.get(kind=AccessLog.Kind.EXPORT)
    assert log.user == users.officer
    assert log.detail == {"filters": {"org": str(tree.school.pk), "gender": "female"}, "rows": 2}


def test_export_masks_personal_data_for_readers(client, users, members):
    login(client, users.leader)
    rows = sheet_rows(client.get("/exchange/members.xlsx", {"q": "hung"}).content)[3:]
    assert [(r[0], r[5]) for r in rows] == [("Nguyễn Văn Hùng", "0920••••••23")]


def test_export_for_a_user_without_a_role_is_empty(client, users, members):
    login(client, users.nobody)
    assert sheet_rows(client.get("/exchange/members.xlsx").content)[3:] == []


def test_export_then_import_changes_nothing(client, users, members, tree):
    login(client, users.officer)
    content = client.get("/exchange/members.xlsx").content
    counts = (Member.objects.count(), Member.history.count())
    batch = import_batch_start(actor=users.officer, file_name="xuat.xlsx", content=content)
    batch = import_batch_run(batch_id=batch.pk, commit=True)
    assert batch.status == ImportBatch.Status.DONE, batch.errors
    assert batch.summary == "0 mới, 0 cập nhật, 5 không đổi"
    assert (Member.objects.count(), Member.history.count()) == counts


def test_an_imported_file_exports_back_identically(client, users, tree):
    batch = import_batch_start(actor=users.officer, file_name="ds.xlsx", content=xlsx([MAI, BINH]))
    import_batch_run(batch_id=batch.pk, commit=True)
    login(client, users.officer)
    rows = sheet_rows(client.get("/exchange/members.xlsx", {"q": "vo thi mai"}).content)[3:]
    dates = [v.strftime("%d/%m/%Y") if isinstance(v, dt.datetime) else v for v in rows[0]]
    assert [tuple(v or "" for v in dates)] == [tuple(MAI)]


# --- organizations -----------------------------------------------------------------------------------
ORG_HEADERS = ["Mã tổ chức", "Tên tổ chức", "Loại tổ chức", "Mã tổ chức cấp trên", "Lĩnh vực"]


def test_organizations_are_imported_in_file_order_and_reimport_changes_nothing(users, tree):
    rows = [
        ["P92-A-S-9", "Đảng bộ bộ phận Khối 10", "Đảng bộ bộ phận", "P92-A-S", "Đơn vị sự nghiệp"],
        ["P92-A-S-9-1", "Chi bộ Lớp 10A", "Chi bộ trực thuộc", "P92-A-S-9", ""],
    ]
    content = xlsx(rows, headers=ORG_HEADERS)
    batch = import_batch_start(actor=users.officer, file_name="tc.xlsx", content=content, kind="organizations")
    assert import_batch_run(batch_id=batch.pk, commit=True).summary == "2 mới, 0 cập nhật, 0 không đổi"
    assert import_batch_run(batch_id=batch.pk, commit=True).summary == "0 mới, 0 cập nhật, 2 không đổi"


def test_organization_errors_come_from_the_services(users, tree):
    rows = [
        ["P92-A-S-1-1", "Tổ 1", "Chi bộ trực thuộc", "P92-A-S-1", ""],
        ["X-1", "Chi bộ X", "Chi bộ trực thuộc", "KHONG", ""],
    ]
    batch = import_batch_start(actor=users.officer, file_name="tc.xlsx", content=xlsx(rows, headers=ORG_HEADERS),
                               kind="organizations")  # fmt: skip
    batch = import_batch_run(batch_id=batch.pk, commit=False)
    assert [(e["row"], e["column"], e["message"]) for e in batch.errors] == [
        (2, "Loại tổ chức", "Chi bộ Giáo viên 1 là chi bộ, không có tổ chức đảng trực thuộc."),
        (3, "Mã tổ chức cấp trên", "Không có tổ chức mã «KHONG» trong phạm vi quản lý của bạn."),
    ]


# --- the command ---------------------------------------------------------------------------------------
def test_the_command_checks_then_imports(users, tree, tmp_path, capsys):
    path = tmp_path / "ds.xlsx"
    path.write_bytes(xlsx([MAI, BINH]))
    call_command("import_members", str(path), user="bantochuc", dry_run=True)
    assert "Hợp lệ, chờ xác nhận: 2 mới, 0 cập nhật, 0 không đổi; 0 lỗi." in capsys.readouterr().out
    assert not Member.objects.filter(national_id="092190001234").exists()
    call_command("import_members", str(path), user="bantochuc")
    assert Member.objects.filter(national_id="092190001234").exists()


def test_the_command_reports_errors_and_fails(users, tree, tmp_path, capsys):
    bad = list(MAI)
    bad[1] = "?"
    path = tmp_path / "ds.xlsx"
    path.write_bytes(xlsx([bad]))
    with pytest.raises(CommandError, match="Không ghi dữ liệu nào"):
        call_command("import_members", str(path), user="bantochuc")
    assert "Dòng 2, cột «Giới tính»: Giá trị «?» không có trong danh mục" in capsys.readouterr().out
    with pytest.raises(CommandError, match="không có quyền"):
        call_command("import_members", str(path), user="lanhdao")
