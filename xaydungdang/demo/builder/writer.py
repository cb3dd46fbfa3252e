"""Bulk writes of generated rows: COPY on PostgreSQL, bulk_create elsewhere.

Rows are plain tuples in the order of the columns the builder names; every other concrete field of the
model gets its default, so a field added later with a default does not break the seed. Ids are given by
the builder (events and periods refer to members before they are written), and the sequences are reset
at the end.
"""

from contextlib import contextmanager

from django.core.management.color import no_style
from django.db import connection

from xaydungdang.core import bulk
from xaydungdang.core.bulk import Table

__all__ = ["Sink", "Table", "secondary_indexes_dropped"]


class Sink:
    """Writes rows to the default database (core.bulk: COPY on PostgreSQL, bulk_create elsewhere)."""

    def __init__(self, batch_size: int = 2000) -> None:
        self.postgres = connection.vendor == "postgresql"
        self.batch_size = batch_size
        self.models: set = set()

    def write(self, table: Table, rows: list[tuple]) -> None:
        if not rows:
            return
        self.models.add(table.model)
        bulk.write(table, rows, batch_size=self.batch_size)

    def reset_sequences(self) -> None:
        statements = connection.ops.sequence_reset_sql(no_style(), sorted(self.models, key=lambda m: m.__name__))
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


@contextmanager
def secondary_indexes_dropped(models):
    """On PostgreSQL, drop the indexes that back no constraint while loading, and build them once after.

    Maintaining a trigram GIN index row by row is what makes a large load slow; one CREATE INDEX over the
    loaded table is several times faster. DDL is transactional: call this inside the load's transaction.
    """
    if connection.vendor != "postgresql":
        yield
        return
    tables = [model._meta.db_table for model in models]
    with connection.cursor() as cursor:
        # Deferred foreign-key checks left pending would forbid CREATE INDEX later in this transaction.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(
            """
            SELECT i.indexname, i.indexdef FROM pg_indexes i
            WHERE i.schemaname = current_schema() AND i.tablename = ANY(%s)
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
            """,
            [tables],
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        for _name, definition in indexes:
            cursor.execute(definition)
        for table in tables:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
