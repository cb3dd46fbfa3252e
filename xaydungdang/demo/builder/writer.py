"""Bulk writes of generated rows: COPY on PostgreSQL, bulk_create elsewhere.

Rows are plain tuples in the order of the columns the builder names; every other concrete field of the
model gets its default, so a field added later with a default does not break the seed. Ids are given by
the builder (events and periods refer to members before they are written), and the sequences are reset
at the end.
"""

import json
from contextlib import contextmanager

from django.core.management.color import no_style
from django.db import connection
from django.db.models import Max


class Table:
    def __init__(self, model, columns: tuple[str, ...]) -> None:
        self.model = model
        self.columns = columns
        fields = {field.attname: field for field in model._meta.concrete_fields}
        unknown = set(columns) - set(fields)
        if unknown:
            raise ValueError(f"{model.__name__} has no fields {sorted(unknown)}")
        self.rest = [field for name, field in fields.items() if name not in columns]
        self.defaults = tuple(field.get_default() for field in self.rest)
        self.db_columns = [fields[name].column for name in columns] + [field.column for field in self.rest]
        self.json_positions = [i for i, name in enumerate(columns) if fields[name].get_internal_type() == "JSONField"]

    def next_id(self) -> int:
        return (self.model._base_manager.aggregate(top=Max("pk"))["top"] or 0) + 1


class Sink:
    """Writes rows to the default database; `copy` is used on PostgreSQL."""

    def __init__(self, batch_size: int = 2000) -> None:
        self.postgres = connection.vendor == "postgresql"
        self.batch_size = batch_size
        self.models: set = set()

    def write(self, table: Table, rows: list[tuple]) -> None:
        if not rows:
            return
        self.models.add(table.model)
        if self.postgres:
            self._copy(table, rows)
        else:
            names = table.columns
            objects = [table.model(**dict(zip(names, row, strict=True))) for row in rows]
            table.model.objects.bulk_create(objects, batch_size=self.batch_size)

    def _copy(self, table: Table, rows: list[tuple]) -> None:
        columns = ", ".join(connection.ops.quote_name(name) for name in table.db_columns)
        sql = f"COPY {connection.ops.quote_name(table.model._meta.db_table)} ({columns}) FROM STDIN"
        suffix = tuple(json.dumps(value) if isinstance(value, dict | list) else value for value in table.defaults)
        positions = table.json_positions
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for row in rows:
                if positions:
                    row = list(row)
                    for position in positions:
                        row[position] = json.dumps(row[position], ensure_ascii=False)
                copy.write_row((*row, *suffix))

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
