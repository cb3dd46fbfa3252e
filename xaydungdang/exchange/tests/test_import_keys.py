"""The file-wide state of a member import (the keys already used, for "Trùng với dòng N"; the members
updated; the rows read; the members written) is kept in the database, not in the importer: the
errors are those of the rows as they always were, across chunk boundaries, and what the importer holds
in memory does not grow with the file."""

import pytest

from xaydungdang.exchange import member_commit, services, unchanged
from xaydungdang.exchange.columns import member_columns
from xaydungdang.exchange.models import ImportBatch
from xaydungdang.exchange.services import import_batch_run, import_batch_start
from xaydungdang.exchange.tests.test_member_batch import _rows, country  # noqa: F401 - the fixture
from xaydungdang.exchange.writers import write_xlsx
from xaydungdang.members.models import Member

FIRST = 4  # the row of the file's first member: a title, a blank line and the header above


def _run(officer, rows, *, commit) -> ImportBatch:
    content = write_xlsx(member_columns(), rows, title="Danh sách")
    batch = import_batch_start(actor=officer, file_name="trung.xlsx", content=content)
    return import_batch_run(batch_id=batch.pk, commit=commit)


@pytest.fixture
def chunks_of_5(monkeypatch):
    monkeypatch.setattr(services, "CHUNK", 5)
    monkeypatch.setattr(member_commit, "BATCH_THRESHOLD", 1)


@pytest.mark.django_db
def test_duplicates_in_the_file_are_found_across_chunks_with_the_row_seen_first(country, chunks_of_5):  # noqa: F811
    """A national ID repeated two chunks later, a record number repeated in the next chunk, a member found
    unchanged by a row and updated by a row of a later chunk (found by its record number), a national ID
    repeated within a chunk: each later row names the first, in the preview and in the commit alike."""
    officer, cells = country
    rows = list(_rows(cells, count=20))
    assert _run(officer, rows[4:5], commit=True).status == ImportBatch.Status.DONE
    stored = Member.objects.get()  # row 4 finds it unchanged, row 13 updates it
    rows[13] = {**rows[13], "organization_code": rows[4]["organization_code"], "record_number": stored.record_number}
    rows[12] = {**rows[12], "national_id": rows[2]["national_id"]}  # chunk 3 repeats chunk 1
    rows[6] = {**rows[6], "record_number": rows[3]["record_number"]}  # chunk 2 repeats chunk 1
    rows[17] = {**rows[17], "national_id": rows[16]["national_id"]}  # within chunk 4
    preview = _run(officer, rows, commit=False)
    batch = _run(officer, rows, commit=True)

    duplicate = "Trùng với dòng %s của tệp."
    assert [(e["row"], e["column"], e["message"]) for e in preview.errors] == [
        (FIRST + 6, "Số lý lịch", duplicate % (FIRST + 3)),
        (FIRST + 12, "Số CCCD", duplicate % (FIRST + 2)),
        (FIRST + 13, "Số lý lịch", duplicate % (FIRST + 4)),
        (FIRST + 13, "Số CCCD", duplicate % (FIRST + 4)),  # the member, updated twice
        (FIRST + 17, "Số CCCD", duplicate % (FIRST + 16)),
    ]
    assert batch.status == ImportBatch.Status.FAILED
    assert batch.errors == preview.errors
    assert list(Member.objects.values_list("pk", flat=True)) == [stored.pk]


@pytest.mark.django_db
def test_a_row_repeated_in_a_later_chunk_of_a_reimport_is_checked_in_full(country, chunks_of_5):  # noqa: F811
    """Rows known unchanged are counted without a check, but not a repeated one: it names the row before."""
    officer, cells = country
    rows = list(_rows(cells, count=12))
    assert _run(officer, rows, commit=True).status == ImportBatch.Status.DONE
    again = [*rows, rows[1]]
    preview = _run(officer, again, commit=False)
    batch = _run(officer, again, commit=True)

    duplicate = "Trùng với dòng %s của tệp." % (FIRST + 1)
    assert [(e["row"], e["column"], e["message"]) for e in preview.errors] == [
        (FIRST + 12, "Số CCCD", duplicate),
        (FIRST + 12, "Số lý lịch", duplicate),
        (FIRST + 12, "Số CCCD", duplicate),  # the member, updated twice
    ]
    assert batch.errors == preview.errors
    assert (preview.created_count, preview.unchanged_count) == (0, 12)


def _held(objects) -> dict[str, int]:
    """The size of every container the import's own objects hold, by the path to it."""
    sizes, seen = {}, set()

    def walk(obj, path):
        if id(obj) in seen:
            return
        seen.add(id(obj))
        for name, value in vars(obj).items():
            if isinstance(value, list | dict | set | tuple | frozenset):
                sizes[f"{path}.{name}"] = len(value)
            elif type(value).__module__.startswith("xaydungdang.exchange") and hasattr(value, "__dict__"):
                walk(value, f"{path}.{name}")

    for path, obj in objects.items():
        walk(obj, path)
    return sizes


def _recorded(monkeypatch) -> dict:
    """The importer, its unchanged-row split and its writer of the last pass, kept for inspection."""
    objects = {}
    for module, name in (
        (member_commit, "MemberImporter"),
        (member_commit, "UnchangedRows"),
        (member_commit, "_Creates"),
    ):
        cls = getattr(module, name)
        recording = type(name, (cls,), {"__init__": _recording_init(cls, name, objects)})
        monkeypatch.setattr(module, name, recording)
    return objects


def _recording_init(cls, name, objects):
    def __init__(self, *args, **kwargs):
        cls.__init__(self, *args, **kwargs)
        objects[name] = self

    return __init__


@pytest.mark.django_db
@pytest.mark.parametrize("reimport", [False, True], ids=["new", "unchanged"])
def test_what_an_import_holds_in_memory_does_not_grow_with_the_file(country, chunks_of_5, monkeypatch, reimport):  # noqa: F811
    officer, cells = country
    rows = list(_rows(cells, count=60))
    held = []
    for part in (rows[:20], rows[20:]):  # 20 rows, then 40 others
        if reimport:
            assert _run(officer, part, commit=True).status == ImportBatch.Status.DONE
        objects = _recorded(monkeypatch)
        batch = _run(officer, part, commit=True)
        assert batch.status == ImportBatch.Status.DONE, batch.errors
        assert batch.unchanged_count == (len(part) if reimport else 0)
        assert {"MemberImporter", "UnchangedRows", "_Creates"} <= objects.keys()
        held.append(_held(objects))
        monkeypatch.setattr(member_commit, "MemberImporter", member_commit.MemberImporter.__mro__[1])
        monkeypatch.setattr(member_commit, "UnchangedRows", unchanged.UnchangedRows)
        monkeypatch.setattr(member_commit, "_Creates", member_commit._Creates.__mro__[1])
    assert held[0] == held[1]


@pytest.mark.django_db
@pytest.mark.parametrize("piece", [1000, 0])
def test_the_file_is_copied_from_its_row_piece_by_piece_into_a_file(country, monkeypatch, piece):  # noqa: F811
    officer, cells = country
    content = write_xlsx(member_columns(), _rows(cells, count=3), title="Danh sách")
    batch = import_batch_start(actor=officer, file_name="trung.xlsx", content=content)
    batch = ImportBatch.objects.defer("content").get(pk=batch.pk)
    monkeypatch.setattr(services, "PIECE", piece or len(content))
    with services._opened(batch) as handle:
        assert handle.fileno() >= 0  # a file on disk, not bytes in memory
        assert handle.read() == content


@pytest.mark.django_db
def test_an_import_reads_the_workbook_from_a_file_never_whole(country, monkeypatch):  # noqa: F811 - the fixture
    officer, cells = country
    content = write_xlsx(member_columns(), _rows(cells, count=30), title="Danh sách")
    given = []
    read_table = services.read_table

    def recorded(file_name, source, columns):
        given.append(source)
        return read_table(file_name, source, columns)

    monkeypatch.setattr(services, "PIECE", 1000)
    monkeypatch.setattr(services, "read_table", recorded)
    batch = import_batch_start(actor=officer, file_name="trung.xlsx", content=content)
    batch = import_batch_run(batch_id=batch.pk, commit=True)
    assert batch.status == ImportBatch.Status.DONE, batch.errors
    assert batch.created_count == 30
    assert len(given) == 1 and not isinstance(given[0], bytes | bytearray | memoryview)
    assert given[0].closed  # the temporary file is gone once the import is done
