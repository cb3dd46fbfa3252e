"""The Python side of a large import: the workbook read ahead in a thread of its own gives exactly what it
gave before, and the collector is set back after an import."""

import gc
import itertools
import threading

import pytest

from xaydungdang.exchange import services
from xaydungdang.exchange.ahead import read_ahead
from xaydungdang.exchange.columns import member_columns
from xaydungdang.exchange.member_import import parse_chunk
from xaydungdang.exchange.readers import Cells, FileError, read_table
from xaydungdang.exchange.services import import_batch_run, import_batch_start
from xaydungdang.exchange.tests.helpers import BINH, MAI, xlsx
from xaydungdang.exchange.xlsx import Sheet


def _chunks_of(content: bytes, size: int, *, ahead: bool, known=None) -> list:
    table = read_table("members.xlsx", content, member_columns())
    if known is not None:
        table.skip_known_rows(known)
    return [(numbers, dict(cells)) for numbers, cells in table.chunks(size, ahead=ahead)]


def _rows(count: int) -> list[list]:
    rows = []
    for index in range(count):
        row = list(MAI if index % 2 else BINH)
        row[5] = f"0921900{index:05d}"
        rows.append(row)
    return rows


def test_chunks_read_ahead_are_the_chunks_read_in_turn(monkeypatch):
    monkeypatch.setattr("xaydungdang.exchange.xlsx.FIRST_WINDOW_ROWS", 3)
    monkeypatch.setattr("xaydungdang.exchange.xlsx.WINDOW_ROWS", 7)  # many windows, chunks across them
    content = xlsx(_rows(40))

    assert _chunks_of(content, 6, ahead=True) == _chunks_of(content, 6, ahead=False)


def test_the_known_rows_are_asked_in_the_consumers_thread_at_the_same_points(monkeypatch):
    """The look-up of raw rows queries the database: it runs in the thread that asked for the chunks, and
    the chunks it skips rows of are the same as without reading ahead."""
    monkeypatch.setattr("xaydungdang.exchange.xlsx.FIRST_WINDOW_ROWS", 3)
    monkeypatch.setattr("xaydungdang.exchange.xlsx.WINDOW_ROWS", 7)
    content = xlsx(_rows(40))
    asked: list[tuple] = []

    def known(numbers, hashes):
        asked.append((threading.current_thread(), tuple(numbers)))
        return [number % 3 == 0 for number in numbers]

    in_turn = _chunks_of(content, 6, ahead=False, known=known)
    asked_in_turn, asked[:] = list(asked), []
    ahead = _chunks_of(content, 6, ahead=True, known=known)

    assert ahead == in_turn
    assert asked == asked_in_turn
    assert {thread for thread, _numbers in asked} == {threading.current_thread()}


def test_an_error_of_the_reader_is_raised_where_the_consumer_asks_for_the_chunk(settings, monkeypatch):
    monkeypatch.setattr("xaydungdang.exchange.xlsx.FIRST_WINDOW_ROWS", 3)
    monkeypatch.setattr("xaydungdang.exchange.xlsx.WINDOW_ROWS", 7)
    settings.IMPORT_MAX_ROWS = 25
    table = read_table("members.xlsx", xlsx(_rows(40)), member_columns())
    chunks = table.chunks(5, ahead=True)
    first = next(chunks)

    assert first[0] == [2, 3, 4, 5, 6]
    with pytest.raises(FileError, match="25"):
        list(chunks)


def test_a_consumer_that_stops_early_stops_the_reader():
    def endless():
        yield from itertools.count()

    items = read_ahead(endless())
    assert [next(items) for _index in range(3)] == [0, 1, 2]
    items.close()

    assert not [t for t in threading.enumerate() if t.name == "import-read-ahead"]


def test_a_failing_routed_call_stops_the_reader_and_raises_in_the_consumer():
    class Source:
        def known(self, numbers):
            raise RuntimeError("database gone")

    source = Source()

    def reading():
        yield 1
        yield source.known([2])

    items = read_ahead(reading(), routed=source)
    assert next(items) == 1
    with pytest.raises(RuntimeError, match="database gone"):
        next(items)
    assert not [t for t in threading.enumerate() if t.name == "import-read-ahead"]
    assert source.known.__func__ is Source.known  # given back


def test_a_sheet_without_rows_reads_ahead_to_nothing():
    table = read_table("members.xlsx", xlsx([]), member_columns())
    assert isinstance(table.sheet, Sheet)
    assert list(table.chunks(10, ahead=True)) == []


def test_chunks_read_ahead_are_parsed_ahead_as_parse_chunk_parses_them():
    table = read_table("members.xlsx", xlsx(_rows(12)), member_columns())
    columns, present = member_columns(), table.present
    table.prepare = lambda numbers, cells: parse_chunk(numbers, cells, columns, present)

    for numbers, cells in table.chunks(4, ahead=True):
        assert cells.prepared is not None
        fresh = Cells(cells.names, cells.rows, cells.empty_as_none)
        assert [(r.number, r.data, r.errors) for r in cells.prepared] == [
            (r.number, r.data, r.errors) for r in parse_chunk(numbers, fresh, columns, present)
        ]
        assert parse_chunk(numbers, cells, columns, present) is cells.prepared
        half = cells.subset([0, 2])
        assert parse_chunk([numbers[0], numbers[2]], half, columns, present) == [cells.prepared[0], cells.prepared[2]]


def test_no_chunk_is_parsed_ahead_once_rows_turn_out_known():
    content = xlsx(_rows(40))
    table = read_table("members.xlsx", content, member_columns())
    table.prepare = lambda numbers, cells: ["parsed"] * len(numbers)
    assert next(table.chunks(4, ahead=False))[1].prepared is None  # only read ahead

    table = read_table("members.xlsx", content, member_columns())
    table.prepare = lambda numbers, cells: ["parsed"] * len(numbers)
    prepared = []
    for _numbers, cells in table.chunks(4, ahead=True):
        prepared.append(cells.prepared is not None)
        table.speculate = False
    assert prepared[0] is True
    assert prepared[-1] is False


@pytest.mark.django_db
def test_an_import_sets_the_collector_back_as_it_was(country_for_gc):
    """The import runs with fewer collections (services._fewer_collections); after it, the thresholds and
    the objects set aside are the process's again, also when two imports overlapped."""
    before = gc.get_threshold()
    with services._fewer_collections():
        assert gc.get_threshold()[0] == services.YOUNG_THRESHOLD
        assert gc.get_freeze_count() > 0
        with services._fewer_collections():
            pass
        assert gc.get_threshold()[0] == services.YOUNG_THRESHOLD  # the other import still runs
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0

    batch = import_batch_start(actor=country_for_gc, file_name="m.xlsx", content=xlsx([MAI]))
    import_batch_run(batch_id=batch.pk, commit=False)
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


@pytest.fixture
def country_for_gc(db):
    from xaydungdang.accounts.models import User

    return User.objects.create_superuser(username="gc-admin", password="x")  # noqa: S106
