"""A commit is one pass over the file, in one transaction: each chunk checked then written as it is read;
at the first error nothing more is written, every row is still checked (the errors are the preview's), and
everything is rolled back. Its progress is seen from outside while the transaction runs."""

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections

from xaydungdang.exchange import jobs, member_commit, services
from xaydungdang.exchange.columns import member_columns
from xaydungdang.exchange.models import ImportBatch
from xaydungdang.exchange.services import import_batch_rescue, import_batch_run, import_batch_start
from xaydungdang.exchange.tests.test_member_batch import _rows, country  # noqa: F401 - the fixture
from xaydungdang.exchange.writers import write_xlsx
from xaydungdang.members.models import Member
from xaydungdang.members.services import member_create


def _run(officer, content, *, commit, progress=None) -> ImportBatch:
    batch = import_batch_start(actor=officer, file_name="lon.xlsx", content=content)
    return import_batch_run(batch_id=batch.pk, commit=commit, progress=progress)


@pytest.fixture
def chunks_of_5(monkeypatch):
    monkeypatch.setattr(services, "CHUNK", 5)
    monkeypatch.setattr(member_commit, "BATCH_THRESHOLD", 1)


@pytest.mark.django_db
def test_a_commit_reads_the_file_once(country, chunks_of_5, monkeypatch):  # noqa: F811 - the fixture
    officer, cells = country
    reads = []
    read_table = services.read_table
    monkeypatch.setattr(services, "read_table", lambda *args: reads.append(args) or read_table(*args))
    batch = _run(officer, write_xlsx(member_columns(), _rows(cells, count=12), title="Danh sách"), commit=True)
    assert batch.status == ImportBatch.Status.DONE and batch.created_count == 12
    assert len(reads) == 1


@pytest.mark.django_db
def test_an_error_in_a_late_chunk_rolls_back_the_chunks_written_and_lists_the_previews_errors(
    country,  # noqa: F811 - the fixture imported above
    chunks_of_5,
):
    """The last row's CCCD belongs to a member of another cell (a transfer), and row 9 repeats the CCCD of
    row 1 (written by then): the errors are exactly the preview's, and nothing of the file stays."""
    officer, cells = country
    rows = list(_rows(cells, count=12))
    rows[8] = {**rows[8], "national_id": rows[0]["national_id"]}
    last = rows[-1]
    other = next(c for c in cells if c.code != last["organization_code"])
    member_create(
        actor=officer, organization=other, full_name="Người Khác", gender=last["gender"],
        birth_date=last["birth_date"], admission_date=last["admission_date"], national_id=last["national_id"],
    )  # fmt: skip
    content = write_xlsx(member_columns(), rows, title="Danh sách")
    preview = _run(officer, content, commit=False)
    written = []
    batch = _run(officer, content, commit=True, progress=lambda done: written.append(Member.objects.count()))

    assert batch.status == ImportBatch.Status.FAILED
    assert batch.errors == preview.errors
    assert [e["row"] for e in batch.errors] == [3 + 9, 3 + 12]  # title, blank line and header above
    assert "chuyển sinh hoạt" in batch.errors[1]["message"]
    assert written[0] == 1 + 5  # the first chunk was written before the error was found
    assert list(Member.objects.values_list("full_name", flat=True)) == ["Người Khác"]


def _seen_from_outside(batch_id: int) -> int:
    """The rows done as the progress page, in another process, sees them."""
    if connection.vendor != "postgresql":  # SQLite: the page asks import_batch_rescue (a file beside the lock)
        return import_batch_rescue(batch=ImportBatch.objects.defer("content").get(pk=batch_id)).processed_rows
    other = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT processed_rows FROM exchange_importbatch WHERE id = %s", [batch_id])
            return cursor.fetchone()[0]
    finally:
        other.close()


@pytest.mark.django_db(transaction=True)
def test_the_progress_of_a_commit_is_seen_while_its_transaction_runs(country, chunks_of_5, monkeypatch):  # noqa: F811
    officer, cells = country
    monkeypatch.setattr(jobs, "REPORT_EVERY", 0)  # every chunk's count written (a real job: once a second)
    batch = import_batch_start(
        actor=officer, file_name="lon.xlsx", content=write_xlsx(member_columns(), _rows(cells, 12), title="DS")
    )
    seen = []

    def progress(done: int) -> None:
        seen.append((done, Member.objects.count(), _seen_from_outside(batch.pk)))

    batch = import_batch_run(batch_id=batch.pk, commit=True, progress=progress)
    assert batch.status == ImportBatch.Status.DONE
    assert seen == [(5, 5, 5), (10, 10, 10), (12, 12, 12)]  # written in the transaction, and seen outside
    batch.refresh_from_db()
    assert batch.processed_rows == 12
