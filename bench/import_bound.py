"""The SQL bound of a member import (bench/import_bench.py): what COPY alone takes to write the rows the
import wrote (members, events, periods, their history, the rollup rows, footprints, remembered rows) into
tables with the same indexes, unique and check constraints (`CREATE TABLE ... (LIKE ... INCLUDING ALL)`),
in one transaction rolled back at the end. Foreign keys are not copied: their checks at COMMIT are the
import's own cost above the bound. The bench database holds only what the import wrote, so each table's
rows are the import's."""

import tempfile
import time

from django.db import connection, transaction

TABLES = (
    "members_member",
    "members_membershipevent",
    "members_membershipperiod",
    "members_historicalmember",
    "members_historicalmembershipevent",
    "reports_rollupday",
    "reports_rollupmonth",
    "reports_rollupyear",
    "reports_rollupfootprint",
    "exchange_importedrow",
)


class _Rollback(Exception):
    pass


def copy_bound() -> tuple[float, int]:
    """(seconds COPY took, rows written); prints each table's share."""
    files, rows = {}, 0
    with connection.cursor() as cursor:
        for table in TABLES:  # the rows as COPY text, outside the timing
            files[table] = tempfile.TemporaryFile()
            with cursor.cursor.copy(f"COPY {table} TO STDOUT") as stream:
                for block in stream:
                    files[table].write(block)
            cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 - our table names
            rows += cursor.fetchone()[0]
    seconds = 0.0
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            for table in TABLES:
                cursor.execute(f"CREATE TABLE bound_{table} (LIKE {table} INCLUDING ALL)")
            for table, handle in files.items():
                started = time.perf_counter()
                handle.seek(0)
                with cursor.cursor.copy(f"COPY bound_{table} FROM STDIN") as stream:
                    while block := handle.read(1 << 20):
                        stream.write(block)
                took = time.perf_counter() - started
                print(f"    {took:6.2f} s COPY {table}")
                seconds += took
            raise _Rollback
    except _Rollback:
        pass
    for handle in files.values():
        handle.close()
    return seconds, rows
