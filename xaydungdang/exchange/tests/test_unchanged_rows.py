"""A re-import counts the rows it saw unchanged last time without parsing them (exchange.unchanged), and
checks a row in full again once its member was changed by any other path."""

import datetime as dt

import pytest
from django.db import connection
from django.db.models import DateField

from xaydungdang.access.choices import Role
from xaydungdang.access.models import Assignment
from xaydungdang.accounts.models import User
from xaydungdang.exchange import jobs, member_commit, services, xlsx
from xaydungdang.exchange.columns import member_columns
from xaydungdang.exchange.models import ImportBatch, ImportedRow
from xaydungdang.exchange.readers import Cells
from xaydungdang.exchange.services import import_batch_run, import_batch_start
from xaydungdang.exchange.tests.test_member_batch import _rows, country  # noqa: F401 - the fixture
from xaydungdang.exchange.unchanged import row_hashes
from xaydungdang.exchange.writers import write_csv, write_xlsx
from xaydungdang.members.models import Member
from xaydungdang.members.services import EDITABLE_FIELDS, member_update
from xaydungdang.reports.models import RollupFootprint


def _run(user, content, *, commit=True, name="lai.xlsx") -> ImportBatch:
    batch = import_batch_start(actor=user, file_name=name, content=content)
    return import_batch_run(batch_id=batch.pk, commit=commit)


def _counts(batch) -> tuple[int, int, int, int]:
    return batch.created_count, batch.updated_count, batch.unchanged_count, batch.error_count


@pytest.fixture
def parsed(monkeypatch) -> list[int]:
    """The numbers of the rows parsed (the full check), whatever the pass."""
    numbers: list[int] = []
    parse = member_commit.parse_chunk

    def counting(chunk_numbers, *args):
        numbers.extend(chunk_numbers)
        return parse(chunk_numbers, *args)

    monkeypatch.setattr(member_commit, "parse_chunk", counting)
    return numbers


@pytest.fixture(autouse=True)
def small_windows(monkeypatch):
    """Windows of a few rows: the title and header rows alone in the first, the rows below told by their
    raw XML window after window."""
    monkeypatch.setattr(xlsx, "FIRST_WINDOW_ROWS", 2)
    monkeypatch.setattr(xlsx, "WINDOW_ROWS", 5)


@pytest.fixture
def read(monkeypatch) -> list[int]:
    """The numbers of the rows below the header (row 3) that calamine read, with a value."""
    numbers: list[int] = []
    blocks = xlsx._calamine_blocks

    def counting(package):
        for first, rows in blocks(package):
            numbers.extend(n for n, values in enumerate(rows, start=first) if n > 3 and any(v != "" for v in values))
            yield first, rows

    monkeypatch.setattr(xlsx, "_calamine_blocks", counting)
    return numbers


@pytest.fixture
def imported(country, monkeypatch):  # noqa: F811 - the fixture imported above
    officer, cells = country
    monkeypatch.setattr(member_commit, "BATCH_THRESHOLD", 1)
    content = write_xlsx(member_columns(), _rows(cells, count=12), title="Danh sách")
    assert _counts(_run(officer, content)) == (12, 0, 0, 0)
    return officer, cells, content


@pytest.mark.django_db
def test_rows_created_as_the_file_says_are_not_parsed_on_re_import(imported, parsed):
    officer, _cells, content = imported
    remembered = ImportedRow.objects.count()
    assert 0 < remembered <= 12  # a row whose dates the replay stores differently is not remembered
    assert _counts(_run(officer, content)) == (0, 0, 12, 0)
    assert ImportedRow.objects.count() == 12  # the rest remembered once seen unchanged
    parsed.clear()
    assert _counts(_run(officer, content)) == (0, 0, 12, 0)
    assert parsed == []


@pytest.mark.django_db
def test_a_member_edited_after_the_import_is_checked_again(imported, parsed, read):
    officer, _cells, content = imported
    _run(officer, content)
    member = Member.objects.get(national_id="092060000000")
    member_update(actor=officer, member=member, reason="Đính chính tên", full_name="Nguyễn Văn Đổi Tên")
    parsed.clear()
    read.clear()
    batch = _run(officer, content)
    assert _counts(batch) == (0, 1, 11, 0)  # the file's name is written back
    assert parsed == read == [4]  # that row, once: a commit is one pass
    member.refresh_from_db()
    assert member.full_name == "Nguyễn Văn Thử 0"
    parsed.clear()  # written back, the row is checked once more (found unchanged, remembered)…
    assert _counts(_run(officer, content)) == (0, 0, 12, 0)
    assert len(parsed) == 1
    parsed.clear()  # …then counted unread
    assert _counts(_run(officer, content)) == (0, 0, 12, 0)
    assert parsed == []


@pytest.mark.django_db
def test_a_member_transferred_after_the_import_is_checked_again(imported, read):
    officer, cells, content = imported
    _run(officer, content)
    member = Member.objects.get(national_id="092060000000")
    Member.objects.filter(pk=member.pk).update(organization=cells[1])  # a transfer, whatever its path
    read.clear()
    batch = _run(officer, content, commit=False)
    assert _counts(batch) == (0, 0, 11, 1)
    assert "chuyển sinh hoạt" in batch.errors[0]["message"]
    assert read == [4]


@pytest.mark.django_db
def test_rows_known_by_their_raw_xml_are_neither_read_nor_parsed_and_still_counted(imported, parsed, read):
    officer, _cells, content = imported
    _run(officer, content)  # the rows not remembered at their creation are now
    parsed.clear()
    read.clear()
    for commit in (False, True):
        batch = _run(officer, content, commit=commit)
        assert _counts(batch) == (0, 0, 12, 0)
        assert batch.processed_rows == 12  # the progress counts them
    assert parsed == read == []


@pytest.mark.django_db
def test_a_changed_cell_of_the_file_makes_its_row_read_and_checked(imported, parsed, read):
    officer, cells, content = imported
    _run(officer, content)
    rows = list(_rows(cells, count=12))
    rows[5]["address"] = "Số 9, Ninh Kiều"
    parsed.clear()
    read.clear()
    assert _counts(_run(officer, write_xlsx(member_columns(), rows, title="Danh sách"))) == (0, 1, 11, 0)
    assert parsed == read == [9]  # below the header (row 3): the sixth


@pytest.mark.django_db
def test_a_member_deleted_is_created_again_by_its_row(imported, parsed, read):
    officer, _cells, content = imported
    _run(officer, content)
    Member.objects.get(national_id="092060000000").delete()
    parsed.clear()
    read.clear()
    assert _counts(_run(officer, content)) == (1, 0, 11, 0)
    assert parsed == read == [4]


@pytest.mark.django_db
def test_columns_in_another_order_are_read_but_not_checked_then_known_raw(imported, parsed, read):
    """The headers are part of a raw row's hash: the same cells under other columns are read (their
    values' hashes are the same: not checked), then remembered raw as they are now."""
    officer, cells, content = imported
    _run(officer, content)
    reordered = write_xlsx(tuple(reversed(member_columns())), _rows(cells, count=12), title="Danh sách")
    parsed.clear()
    read.clear()
    assert _counts(_run(officer, reordered)) == (0, 0, 12, 0)
    assert parsed == [] and len(read) == 12
    read.clear()
    assert _counts(_run(officer, reordered)) == (0, 0, 12, 0)
    assert parsed == read == []


@pytest.mark.django_db
def test_remembered_rows_are_still_checked_for_the_user_and_for_repeats(imported):
    officer, cells, content = imported
    _run(officer, content)
    outsider = User.objects.create_user(username="chibo-khac", password="x")  # noqa: S106
    Assignment.objects.create(user=outsider, role=Role.OFFICER, organization=cells[2])
    batch = _run(outsider, content, commit=False)
    assert batch.unchanged_count == 4  # only the rows of the cell they manage
    assert {e["message"] for e in batch.errors if e["column"] == "Số CCCD"} == {
        "Đảng viên này thuộc tổ chức ngoài phạm vi được sửa của bạn."
    }
    twice = write_xlsx(member_columns(), [*_rows(cells, count=12), next(_rows(cells, count=1))], title="Danh sách")
    batch = _run(officer, twice, commit=False)
    assert _counts(batch) == (0, 0, 12, 3)  # the repeated row: its CCCD, its record number, its member
    assert "Trùng với dòng" in batch.errors[0]["message"]


@pytest.mark.django_db
def test_the_remembered_row_is_forgotten_by_any_edit_of_an_editable_field_or_of_the_cell(imported):
    """The trigger (migration exchange 0007) watches every editable field and the cell, whatever writes
    them (here a bare UPDATE), and nothing else."""
    _officer, cells, _content = imported
    changes = {name: '9,"(x)"'[: Member._meta.get_field(name).max_length] for name in EDITABLE_FIELDS}
    changes["organization_id"] = None  # another cell than the member's, below
    members = list(Member.objects.order_by("pk"))
    for index, (name, value) in enumerate(changes.items()):
        member = members[index % len(members)]
        _remember_again(member.pk)
        same = Member.objects.filter(pk=member.pk)
        same.update(status=member.status, full_name=same.get().full_name)  # nothing watched changed: kept
        assert ImportedRow.objects.filter(member_id=member.pk).exists(), name
        if name == "organization_id":
            value = next(cell.pk for cell in cells if cell.pk != same.get().organization_id)
        elif isinstance(Member._meta.get_field(name), DateField):  # a day later (official) or earlier
            value = _another_day(same.get(), name)
        same.update(**{name: value})
        assert not ImportedRow.objects.filter(member_id=member.pk).exists(), name


def _another_day(member: Member, name: str) -> dt.date:
    if name == "official_date":
        return (member.official_date or member.admission_date + dt.timedelta(days=365)) + dt.timedelta(days=1)
    return (getattr(member, name) or member.admission_date) - dt.timedelta(days=1)


def _remember_again(member_id: int) -> None:
    from xaydungdang.exchange.unchanged import remember

    remember([(member_id, "0" * 32, None, Member.objects.get(pk=member_id).organization.code)])


@pytest.mark.django_db
def test_a_member_deleted_takes_its_remembered_row_and_footprint_along(imported):
    """ImportedRow and the rollup footprint have no database constraint (derived rows): Django's cascade
    still deletes them with their member."""
    _officer, _cells, _content = imported
    member_id = ImportedRow.objects.values_list("member_id", flat=True).first()
    assert RollupFootprint.objects.filter(member_id=member_id).exists()
    Member.objects.get(pk=member_id).delete()
    assert not ImportedRow.objects.filter(member_id=member_id).exists()
    assert not RollupFootprint.objects.filter(member_id=member_id).exists()


@pytest.mark.django_db
def test_a_csv_re_import_is_counted_without_parsing_and_a_changed_cell_is_checked(imported, parsed):
    officer, cells, _content = imported
    rows = list(_rows(cells, count=12))
    content = write_csv(member_columns(), rows)
    batch = import_batch_start(actor=officer, file_name="lai.csv", content=content)
    assert _counts(import_batch_run(batch_id=batch.pk, commit=True)) == (0, 0, 12, 0)  # remembered as text
    parsed.clear()
    assert _counts(_run(officer, content, name="lai.csv")) == (0, 0, 12, 0)
    assert parsed == []
    rows[3]["address"] = "Số 9, Ninh Kiều"
    assert _counts(_run(officer, write_csv(member_columns(), rows), name="lai.csv")) == (0, 1, 11, 0)
    assert parsed == [5]  # that row only (below the header), once: a commit checks and writes in one pass


@pytest.mark.django_db
def test_the_same_rows_saved_with_shared_strings_are_counted_without_parsing(imported, parsed, read):
    """The shared strings are part of a raw row's hash: the rows of the other file are read (not
    checked), then known raw; the first file's rows are read again (one raw hash per member)."""
    from xaydungdang.exchange.tests.test_xlsx import _with_shared_strings

    officer, _cells, content = imported
    _run(officer, content)  # every row remembered
    shared = _with_shared_strings(content)
    assert b"sharedStrings" in shared
    parsed.clear()
    read.clear()
    assert _counts(_run(officer, shared)) == (0, 0, 12, 0)
    assert parsed == [] and len(read) == 12
    read.clear()
    assert _counts(_run(officer, shared)) == (0, 0, 12, 0)
    assert parsed == read == []
    assert _counts(_run(officer, content)) == (0, 0, 12, 0)
    assert parsed == [] and len(read) == 12


def test_row_hashes_tell_types_and_empty_cells_apart_and_are_those_of_the_columns():
    values = [1, 1.0, "1", True, dt.date(2020, 1, 1), dt.datetime(2020, 1, 1), "2020-01-01", "", " ", None]
    cells = Cells(("full_name", "phone"), [(value, "0912") for value in values], empty_as_none=True)
    hashes = row_hashes(cells)
    assert len(set(hashes)) == len(values)
    assert hashes == row_hashes({"phone": ["0912"] * len(values), "full_name": values})
    assert row_hashes(Cells(("address", "phone"), cells.rows, empty_as_none=True)) != hashes  # fields count


@pytest.mark.django_db
def test_progress_is_written_at_most_once_every_few_seconds_and_at_the_end(imported, monkeypatch):
    officer, _cells, content = imported
    monkeypatch.setattr(xlsx, "FIRST_WINDOW_ROWS", 64)  # every row read (none skipped by its raw XML)
    monkeypatch.setattr(services, "CHUNK", 2)  # six chunks
    monkeypatch.setattr(jobs, "REPORT_EVERY", 3600)
    written = []
    write = jobs.Progress._write
    monkeypatch.setattr(jobs.Progress, "_write", lambda self, done: (written.append(done), write(self, done)))
    batch = import_batch_start(actor=officer, file_name="lai.xlsx", content=content)
    batch = import_batch_run(batch_id=batch.pk, commit=False)
    assert written == [2]  # the first chunk; the others within the hour
    batch.refresh_from_db()
    assert batch.processed_rows == 12  # the job's row at the end


@pytest.mark.django_db
def test_without_its_triggers_every_remembered_row_is_forgotten_and_the_triggers_made_again(imported, parsed):
    """SQLite drops a table's triggers when Django remakes the table (a migration altering a column): the
    next import forgets every remembered row (they may be stale) and creates the triggers again."""
    from xaydungdang.exchange import triggers

    officer, _cells, content = imported
    _run(officer, content)
    with connection.cursor() as cursor:
        triggers.drop(connection.vendor, cursor.execute)
    member = Member.objects.get(national_id="092060000000")
    Member.objects.filter(pk=member.pk).update(full_name="Nguyễn Văn Không Ai Biết")  # not forgotten: no trigger
    assert ImportedRow.objects.filter(member_id=member.pk).exists()
    parsed.clear()
    assert _counts(_run(officer, content)) == (0, 1, 11, 0)  # the name written back, as it must
    assert len(parsed) == 12
    Member.objects.filter(pk=member.pk).update(full_name="Tên khác")  # the trigger is back
    assert not ImportedRow.objects.filter(member_id=member.pk).exists()


@pytest.mark.django_db
def test_a_watched_column_can_still_change_type(db):
    """PostgreSQL refuses ALTER COLUMN ... TYPE of a column a trigger's WHEN clause uses: the triggers
    compare in their function's body, so a later migration may widen a watched column."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite remakes the table (and the next import makes the triggers again)")
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE members_member ALTER COLUMN full_name TYPE varchar(300)")


@pytest.mark.django_db
def test_triggers_watching_other_columns_are_made_again_and_every_remembered_row_forgotten(imported):
    """Triggers made when EDITABLE_FIELDS had fewer fields (here: without the phone) do not forget a row on
    an edit of the new one: the next import pass finds them out of date, forgets every remembered row and
    makes them again, watching every editable field."""
    from xaydungdang.exchange import triggers

    officer, _cells, content = imported
    _run(officer, content)
    older = tuple(column for column in triggers.watched() if column != "phone")
    with connection.cursor() as cursor:
        triggers.drop(connection.vendor, cursor.execute)
        triggers.create(connection.vendor, cursor.execute, older)
    member = Member.objects.get(national_id="092060000000")
    Member.objects.filter(pk=member.pk).update(phone="0900000000")  # not watched by the older triggers
    assert ImportedRow.objects.filter(member_id=member.pk).exists()
    assert _counts(_run(officer, content)) == (0, 1, 11, 0)  # the phone written back from the file
    other = Member.objects.exclude(pk=member.pk).first()
    assert ImportedRow.objects.filter(member_id=other.pk).exists()
    Member.objects.filter(pk=other.pk).update(phone="0900000001")  # the triggers watch the phone again
    assert not ImportedRow.objects.filter(member_id=other.pk).exists()
