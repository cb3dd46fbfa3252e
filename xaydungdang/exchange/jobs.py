"""Running imports and exports in the background, and knowing when a runner died.

- A job is queued with django-q2 (`make run` starts its worker beside the web server). When no worker
  takes it within UNCLAIMED_AFTER seconds (the page that shows its progress asks), it runs in the web
  process, in a thread, with the same progress bar. A job is claimed by moving its row out of "pending"
  with one conditional UPDATE, so it never runs twice.
- While a job runs, its runner holds a lock that dies with its process: a PostgreSQL advisory lock on its
  connection, or (SQLite, one machine) an flock on a file. A job shown as running whose lock is free was
  killed (a restart, an out-of-memory kill): it is marked failed with a message, and since an import
  commits in one transaction, nothing of it was written.
- A job's progress (`Progress`) is seen by the page while the job's own transaction is still open: it goes
  through a second connection that commits at once (PostgreSQL), or into a file beside the job's lock
  (SQLite, one machine: one writer at a time, and the job's transaction is that writer).
"""

import contextlib
import fcntl
import hashlib
import logging
import os
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, OperationalError, close_old_connections, connection, connections, transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

UNCLAIMED_AFTER = 20  # seconds a queued job may wait for a worker before the web process runs it
LOCK_SPACE = 0x58594400  # "XYD": first key of the advisory locks; the second is (kind, id)
KINDS = {"import": 1, "export": 2}


def _key(kind: str, pk: int) -> int:
    return KINDS[kind] << 48 | pk


def _lock_path(kind: str, pk: int) -> Path:
    """The job's lock file, one folder per database; an in-memory database lives in one process only, so its
    folder is that process's (two processes with a memory database each do not share their jobs' ids)."""
    database = str(settings.DATABASES["default"].get("NAME", ""))
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        database += f"#{os.getpid()}"
    folder = Path(tempfile.gettempdir()) / "xaydungdang-jobs" / hashlib.sha256(database.encode()).hexdigest()[:12]
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{kind}-{pk}.lock"


@contextlib.contextmanager
def running(kind: str, pk: int):
    """Hold the job's lock while it runs (released when the block ends or the process dies)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [_key(kind, pk)])
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [_key(kind, pk)])
        return
    with open(_lock_path(kind, pk), "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def is_alive(kind: str, pk: int) -> bool:
    """Does some process hold the job's lock right now?"""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [_key(kind, pk)])
            free = cursor.fetchone()[0]
            if free:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [_key(kind, pk)])
        return not free
    path = _lock_path(kind, pk)
    if not path.exists():
        return False
    with open(path, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
        return False


def enqueue(task: str, *args) -> None:
    """Queue the task after the current transaction commits (so the worker finds its row)."""
    from django_q.tasks import async_task

    transaction.on_commit(lambda: async_task(task, *args))


def run_in_thread(function: Callable, *args) -> threading.Thread:
    """Run a job in this process, in a thread with its own database connection."""

    def target() -> None:
        close_old_connections()
        try:
            function(*args)
        except Exception:
            logger.exception("background job %s%r failed", getattr(function, "__name__", function), args)
        finally:
            connection.close()

    thread = threading.Thread(target=target, daemon=True, name=f"job-{getattr(function, '__name__', 'job')}")
    thread.start()
    return thread


def unclaimed(scheduled_at) -> bool:
    return scheduled_at is not None and (timezone.now() - scheduled_at).total_seconds() > UNCLAIMED_AFTER


REPORT_EVERY = 1.0  # seconds between two writes of a running job's progress


class Progress:
    """Rows done of a job, written where other processes see them at once, even from inside the job's
    transaction (a commit of an import is one). The count is also kept (`done`) for the job's row when the
    job ends. Call `close()` when the job is done."""

    def __init__(self, kind: str, model, pk: int) -> None:
        self.kind, self.model, self.pk = kind, model, pk
        self.done = 0
        self.side = None  # the second connection (PostgreSQL), opened on the first report
        self.at = float("-inf")  # when the count was last written

    def __call__(self, done: int) -> None:
        """Keep the count; write it at most once every REPORT_EVERY seconds (each write is a commit or a
        file's rewrite: 50 of them cost 0.5–1.6 s of a 100,000-row import under load). The job's own row
        gets the last count when it ends."""
        self.done = done
        if time.monotonic() - self.at >= REPORT_EVERY:
            self._write(done)
            self.at = time.monotonic()

    def _write(self, done: int) -> None:
        if connection.vendor != "postgresql":
            _progress_path(self.kind, self.pk).write_text(str(done))
            return
        if self.side is None:
            self.side = connections.create_connection(DEFAULT_DB_ALIAS)
            with self.side.cursor() as cursor:
                # The job's own transaction may hold the row (a caller that updated it in a transaction
                # of its own): the report gives up rather than wait for it for ever.
                cursor.execute("SET lock_timeout = '500ms'")
        table = connection.ops.quote_name(self.model._meta.db_table)
        try:
            with self.side.cursor() as cursor:  # autocommit: committed at once, whatever the job's transaction
                cursor.execute(f"UPDATE {table} SET processed_rows = %s WHERE id = %s", [done, self.pk])  # noqa: S608
        except OperationalError:
            logger.warning("progress of %s %s not reported: its row is locked", self.kind, self.pk)

    def close(self) -> None:
        if self.side is not None:
            self.side.close()
            self.side = None
        _progress_path(self.kind, self.pk).unlink(missing_ok=True)


def progress_seen(kind: str, pk: int) -> int | None:
    """The rows done a running job reported through a file (SQLite), or None (PostgreSQL: the job's row)."""
    if connection.vendor == "postgresql":
        return None
    try:
        return int(_progress_path(kind, pk).read_text())
    except (OSError, ValueError):
        return None


def _progress_path(kind: str, pk: int) -> Path:
    return _lock_path(kind, pk).with_suffix(".progress")
