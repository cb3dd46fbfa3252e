"""Import batches: start, check (dry run), commit; each batch is its own audit record and is logged."""

import contextlib
import gc
import logging
import tempfile
import threading
from collections.abc import Iterator
from typing import BinaryIO

from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xaydungdang.access.models import AccessLog
from xaydungdang.access.policy import policy_for
from xaydungdang.access.services import access_log_record
from xaydungdang.exchange import jobs
from xaydungdang.exchange.committee_import import import_committees
from xaydungdang.exchange.member_commit import BATCH_THRESHOLD, analyze_bulk_tables, check_members, commit_members
from xaydungdang.exchange.member_import import CHUNK, parse_chunk
from xaydungdang.exchange.models import ImportBatch
from xaydungdang.exchange.organization_import import import_organizations
from xaydungdang.exchange.readers import FileError, count_rows, read_table

logger = logging.getLogger(__name__)

INLINE_MAX_ROWS = 2000  # larger files run as a background job, with a progress bar
CANNOT_IMPORT = gettext_lazy("Bạn không có quyền nhập dữ liệu.")
INTERRUPTED = gettext_lazy(
    "Đợt nhập bị gián đoạn (máy chủ đã dừng khi đang xử lý); không có dữ liệu nào được ghi. Hãy tải tệp lên lại."
)
SYSTEM_ERROR = gettext_lazy("Lỗi hệ thống khi nhập tệp; không có dữ liệu nào được ghi. Hãy báo quản trị hệ thống.")
Status = ImportBatch.Status


@transaction.atomic
def import_batch_start(*, actor, file_name: str, content: bytes, kind: str = ImportBatch.Kind.MEMBERS) -> ImportBatch:
    policy_for(actor).require_can_change_anything(str(CANNOT_IMPORT))
    try:
        rows, refused = count_rows(file_name, content), None
    except FileError as exc:  # over a limit (a zip bomb): refused at once, without reading further
        rows, refused = 0, str(exc)
    batch = ImportBatch.objects.create(
        user=actor, kind=kind, file_name=file_name[:255], content=content, total_rows=rows
    )
    if refused:
        _set(batch, status=Status.INVALID, errors=[{"row": 0, "column": "", "message": refused}], error_count=1)
    return batch


def import_batch_schedule(*, batch: ImportBatch, commit: bool) -> ImportBatch:
    """Run the batch now when the file is small, or as a background job (django-q2) after this
    transaction commits, so that the worker finds the batch (or, without a worker, the web process:
    import_batch_rescue)."""
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=Status.PENDING, processed_rows=0, scheduled_at=timezone.now(), scheduled_commit=commit
    )
    if batch.total_rows <= INLINE_MAX_ROWS:
        return import_batch_run(batch_id=batch.pk, commit=commit)
    jobs.enqueue("xaydungdang.exchange.tasks.run_batch", batch.pk, commit)
    batch.refresh_from_db()
    return batch


def import_batch_rescue(*, batch: ImportBatch) -> ImportBatch:
    """What the progress page does on each poll: a batch no worker took runs in this process; a batch
    shown as running whose runner died is marked failed, with a message (nothing of it was written:
    the commit is one transaction)."""
    seen = jobs.progress_seen("import", batch.pk) if batch.is_running else None
    if seen is not None and seen > batch.processed_rows:  # reported from inside the job's transaction
        batch.processed_rows = seen
    if batch.status == Status.PENDING and jobs.unclaimed(batch.scheduled_at):
        jobs.run_in_thread(_run_claimed, batch.pk, batch.scheduled_commit)
    elif batch.status in (Status.VALIDATING, Status.COMMITTING) and not jobs.is_alive("import", batch.pk):
        batch.refresh_from_db()
        if batch.status in (Status.VALIDATING, Status.COMMITTING) and not jobs.is_alive("import", batch.pk):
            _set(
                batch,
                status=Status.FAILED,
                errors=[{"row": 0, "column": "", "message": str(INTERRUPTED)}],
                error_count=1,
                created_count=0,
                updated_count=0,
                unchanged_count=0,
                finished_at=timezone.now(),
            )
            logger.warning("import batch %s was interrupted; marked failed", batch.pk)
    return batch


def import_batches_recover() -> int:
    """Mark every batch whose runner died (the `recover_jobs` command; a worker's start)."""
    count = 0
    for batch in ImportBatch.objects.filter(status__in=(Status.VALIDATING, Status.COMMITTING)).defer("content"):
        if import_batch_rescue(batch=batch).status == Status.FAILED:
            count += 1
    return count


def _run_claimed(batch_id: int, commit: bool) -> None:
    import_batch_run(batch_id=batch_id, commit=commit, claimed=False)


def import_batch_run(*, batch_id: int, commit: bool, progress=None, claimed: bool = True) -> ImportBatch | None:
    """Check every row (and write them all, in one transaction, when `commit` and there is no error).
    With `claimed=False` (a queued job), run only if no one else took the batch; returns None then."""
    now = timezone.now()
    fields = {"status": Status.VALIDATING, "processed_rows": 0, "started_at": now, "finished_at": None}
    taken = ImportBatch.objects.filter(pk=batch_id, status=Status.PENDING).update(**fields)
    if not taken and not claimed:
        return None
    if not taken:
        ImportBatch.objects.filter(pk=batch_id).update(**fields)
    batch = ImportBatch.objects.select_related("user").defer("content").get(pk=batch_id)  # see _opened
    with jobs.running("import", batch.pk), _fewer_collections():
        return _run(batch, commit=commit, progress=progress)


_collections = {"depth": 0, "threshold": gc.get_threshold()}
_collections_lock = threading.Lock()
YOUNG_THRESHOLD = 50_000  # allocations between two collections of the youngest objects (Python's default: 700)


@contextlib.contextmanager
def _fewer_collections():
    """An import allocates millions of short-lived tuples, each few hundred of which set off the cyclic
    garbage collector, whose older passes walk every object the process holds (Django's, the modules'):
    a fifth of the import's Python time. For the run those objects are set aside (gc.freeze) and the young
    ones collected less often; as before once the last import running in the process is done."""
    with _collections_lock:
        if not _collections["depth"]:
            _collections["threshold"] = gc.get_threshold()
            gc.freeze()
            gc.set_threshold(YOUNG_THRESHOLD, *_collections["threshold"][1:])
        _collections["depth"] += 1
    try:
        yield
    finally:
        with _collections_lock:
            _collections["depth"] -= 1
            if not _collections["depth"]:
                gc.set_threshold(*_collections["threshold"])
                gc.unfreeze()


def _run(batch: ImportBatch, *, commit: bool, progress) -> ImportBatch:
    failed = False
    with translation.override("vi"):
        try:
            errors, counts = _check_and_apply(batch, commit=commit, progress=progress)
        except FileError as exc:
            errors, counts = [{"row": 0, "column": "", "message": str(exc)}], (0, 0, 0)
        except Exception:
            logger.exception("import batch %s failed", batch.pk)
            errors, failed = [{"row": 0, "column": "", "message": str(SYSTEM_ERROR)}], True
    if failed or (commit and errors):
        status, counts = Status.FAILED, (0, 0, 0)
    elif errors:
        status = Status.INVALID
    else:
        status = Status.DONE if commit else Status.VALID
    created, updated, unchanged = counts
    _set(
        batch,
        status=status,
        errors=errors,
        error_count=len(errors),
        created_count=created,
        updated_count=updated,
        unchanged_count=unchanged,
        finished_at=timezone.now(),
    )
    _log(batch, commit=commit)
    return batch


def _check_and_apply(batch: ImportBatch, *, commit: bool, progress) -> tuple[list[dict], tuple[int, int, int]]:
    with _opened(batch) as content:
        try:
            if batch.kind == ImportBatch.Kind.ORGANIZATIONS:
                return import_organizations(
                    user=batch.user, file_name=batch.file_name, content=content.read(), commit=commit
                )
            if batch.kind == ImportBatch.Kind.COMMITTEES:
                return import_committees(
                    user=batch.user, file_name=batch.file_name, content=content.read(), commit=commit
                )
            table = _member_table(batch, content)
        except FileError as exc:
            return [{"row": 0, "column": "", "message": str(exc)}], (0, 0, 0)
        return _members(batch, table, commit=commit, progress=progress)


def _members(batch: ImportBatch, table, *, commit: bool, progress) -> tuple[list[dict], tuple[int, int, int]]:
    def report(done: int) -> None:
        reported(done)
        if progress:
            progress(done)

    user, present, reason = batch.user, table.present, import_reason(batch.file_name)
    pass_ = commit_members if commit else check_members
    if commit:
        _set(batch, status=Status.COMMITTING)
    with contextlib.closing(jobs.Progress("import", ImportBatch, batch.pk)) as reported:
        # read while the chunk before is written; closed (its reader done) before the file is
        with contextlib.closing(table.chunks(CHUNK, ahead=True)) as chunks:
            plan = pass_(user=user, chunks=chunks, present=present, reason=reason, progress=report, table=table)
        _set(batch, processed_rows=reported.done)
    if commit and not plan.errors and plan.created >= BATCH_THRESHOLD:
        analyze_bulk_tables()  # after the commit: the planner sees the new rows at once
    return plan.errors, (plan.created, plan.updated, plan.unchanged)


def _member_table(batch: ImportBatch, content):
    from xaydungdang.exchange.columns import member_columns

    columns = member_columns()
    table = read_table(batch.file_name, content, columns)
    present = table.present
    table.prepare = lambda numbers, cells: parse_chunk(numbers, cells, columns, present)  # parsed read ahead
    return table


PIECE = 1 << 20  # bytes of the file read from the database at a time


@contextlib.contextmanager
def _opened(batch: ImportBatch) -> Iterator[BinaryIO]:
    """The file, copied out of the database a piece at a time into a temporary file on disk, open at its
    start: a workbook is then read from the disk as it is streamed, the process never holding it whole
    (the ORM would read a bytea whole, as hex text beside its decoded copy, ≈ 6× the file)."""
    with tempfile.TemporaryFile(prefix="xaydungdang-import-") as handle:
        for piece in _pieces(batch):
            handle.write(piece)
        handle.seek(0)
        yield handle


def _pieces(batch: ImportBatch) -> Iterator[bytes]:
    """The file's bytes PIECE at a time (substring/substr of the column: nothing else is read whole).
    On PostgreSQL in binary: a bytea's text form is its hex, twice its size."""
    table = connection.ops.quote_name(ImportBatch._meta.db_table)
    if connection.vendor != "postgresql":
        piece_sql = f"SELECT substr(content, %s, %s) FROM {table} WHERE id = %s"  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT length(content) FROM {table} WHERE id = %s", [batch.pk])  # noqa: S608
            size = cursor.fetchone()[0] or 0
            for start in range(1, size + 1, PIECE):
                cursor.execute(piece_sql, [start, PIECE, batch.pk])
                yield bytes(cursor.fetchone()[0])
        return
    import psycopg

    connection.ensure_connection()
    piece_sql = f"SELECT substring(content FROM %s FOR %s) FROM {table} WHERE id = %s"  # noqa: S608
    with psycopg.Cursor(connection.connection) as cursor:  # Django's cursors are client-side: text only
        cursor.execute(f"SELECT octet_length(content) FROM {table} WHERE id = %s", [batch.pk])  # noqa: S608
        size = cursor.fetchone()[0] or 0
        for start in range(1, size + 1, PIECE):
            cursor.execute(piece_sql, [start, PIECE, batch.pk], binary=True)
            yield cursor.fetchone()[0]


def import_reason(file_name: str) -> str:
    return _("Nhập từ tệp %(name)s") % {"name": file_name}


def _set(batch: ImportBatch, **fields) -> None:
    for name, value in fields.items():
        setattr(batch, name, value)
    ImportBatch.objects.filter(pk=batch.pk).update(**fields)


def _log(batch: ImportBatch, *, commit: bool) -> None:
    what = _("Nhập %(kind)s từ tệp %(name)s") % {"kind": batch.get_kind_display().lower(), "name": batch.file_name}
    access_log_record(
        user=batch.user,
        kind=AccessLog.Kind.IMPORT,
        what=what if commit else _("Kiểm tra trước: %(what)s") % {"what": what},
        detail={
            "batch": batch.pk,
            "commit": commit,
            "status": batch.status,
            "created": batch.created_count,
            "updated": batch.updated_count,
            "unchanged": batch.unchanged_count,
            "errors": batch.error_count,
        },
    )
