"""A re-import counts the rows it saw unchanged last time without parsing them (exchange.unchanged), and
checks a row in full again once its member was changed by any other path."""

import datetime as dt

import pytest
from django.db import connection

from xaydungdang.access.choices import Role
from xaydungdang.access.models import Assignment
from xaydungdang.accounts.models import User
from xaydungdang.exchange import jobs, member_commit, services
from xaydungdang.exchange.columns import member_columns
from xaydungdang.exchange.models import ImportBatch, ImportedRow
from xaydungdang.exchange.readers import Cells
from xaydungdang.exchange.services import import_batch_run, import_batch_start
from xaydungdang.exchange.tests.test_member_batch import _rows, country  # noqa: F401 - the fixture
from xaydungdang.exchange.unchanged import row_hashes, version_sql
from xaydungdang.exchange.writers import write_csv, write_xlsx
from xaydungdang.members.models import Member
from xaydungdang.members.services import EDITABLE_FIELDS, member_create, member_update
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
def test_a_member_edited_after_the_import_is_checked_again(imported, parsed):
    officer, _cells, content = imported
    _run(officer, content)
    member = Member.objects.get(national_id="092060000000")
    member_update(actor=officer, member=member, reason="Đính chính tên", full_name="Nguyễn Văn Đổi Tên")
    parsed.clear()
    batch = _run(officer, content)
    assert _counts(batch) == (0, 1, 11, 0)  # the file's name is written back
    assert len(parsed) == 1  # that row, once: a commit is one pass
    member.refresh_from_db()
    assert member.full_name == "Nguyễn Văn Thử 0"
    parsed.clear()  # the member is again what it was when its row was remembered: the same version
    assert _counts(_run(officer, content)) == (0, 0, 12, 0)
    assert parsed == []


@pytest.mark.django_db
def test_a_member_transferred_after_the_import_is_checked_again(imported):
    officer, cells, content = imported
    _run(officer, content)
    member = Member.objects.get(national_id="092060000000")
    Member.objects.filter(pk=member.pk).update(organization=cells[1])  # a transfer, whatever its path
    batch = _run(officer, content, commit=False)
    assert _counts(batch) == (0, 0, 11, 1)
    assert "chuyển sinh hoạt" in batch.errors[0]["message"]


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
def test_the_database_version_changes_with_every_editable_field_and_only_with_them(country):  # noqa: F811
    """On PostgreSQL the versions of a re-import are computed by the database (unchanged.version_sql):
    any editable field changed, to any text, a date or none, gives another version."""
    if connection.vendor != "postgresql":
        pytest.skip("the SQL version is PostgreSQL's")
    officer, cells = country
    member = member_create(
        actor=officer, organization=cells[0], full_name="Nguyễn Thị \"Út\" Hà", gender="female",
        birth_date=dt.date(1960, 2, 29), admission_date=dt.date(1985, 9, 2), national_id="092160000001",
        address='Số 5\\ngõ "Hẻm", (ấp)\tBình Thủy, Cần Thơ 😀', hometown="",
    )  # fmt: skip
    seen = {_database_version(member.pk)}
    Member.objects.filter(pk=member.pk).update(status=member.status)  # no editable field: the same version
    assert seen == {_database_version(member.pk)}
    dates = {"birth_date": dt.date(1959, 1, 1), "admission_date": dt.date(1985, 9, 3)}
    dates |= {"admission_decision_date": dt.date(1985, 8, 1), "official_date": dt.date(1986, 9, 3)}
    for name in EDITABLE_FIELDS:
        value = dates.get(name, '9,"(x)"'[: Member._meta.get_field(name).max_length])
        Member.objects.filter(pk=member.pk).update(**{name: value})
        seen.add(_database_version(member.pk))
        assert len(seen) == EDITABLE_FIELDS.index(name) + 2, name
    Member.objects.filter(pk=member.pk).update(official_date=None, hometown="")
    assert _database_version(member.pk) not in seen


def _database_version(pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {version_sql('m')} FROM members_member m WHERE m.id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


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
def test_the_same_rows_saved_with_shared_strings_are_counted_without_parsing(imported, parsed):
    from xaydungdang.exchange.tests.test_xlsx import _with_shared_strings

    officer, _cells, content = imported
    _run(officer, content)  # every row remembered
    shared = _with_shared_strings(content)
    assert b"sharedStrings" in shared
    parsed.clear()
    assert _counts(_run(officer, shared)) == (0, 0, 12, 0)
    assert parsed == []


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
