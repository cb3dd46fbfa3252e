"""Bulk writes of many rows: COPY on PostgreSQL, bulk_create elsewhere (the demo builder, large imports).

Rows are plain tuples in the order of the columns a `Table` names; every other concrete field of the
model gets its default (so a field added later with a default does not break a loader), except an
automatic primary key left out of the columns, which the database assigns. COPY skips Django's per-value
formatting in Python, which is most of the cost of bulk_create at tens of thousands of rows.

These writes bypass Model.save(), signals and simple-history: a caller writes what those would (derived
columns, history rows) itself, and checks its rows first.
"""

import json
from collections.abc import Iterable

from django.db import connection
from django.db.models import AutoField, Max


class Table:
    def __init__(self, model, columns: tuple[str, ...]) -> None:
        self.model = model
        self.columns = columns
        fields = {field.attname: field for field in model._meta.concrete_fields}
        unknown = set(columns) - set(fields)
        if unknown:
            raise ValueError(f"{model.__name__} has no fields {sorted(unknown)}")
        self.rest = [
            field
            for name, field in fields.items()
            if name not in columns and not (field.primary_key and isinstance(field, AutoField))
        ]
        self.defaults = tuple(field.get_default() for field in self.rest)
        self.db_columns = [fields[name].column for name in columns] + [field.column for field in self.rest]
        self.json_positions = [i for i, name in enumerate(columns) if fields[name].get_internal_type() == "JSONField"]

    def next_id(self) -> int:
        return (self.model._base_manager.aggregate(top=Max("pk"))["top"] or 0) + 1


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def write(table: Table, rows: Iterable[tuple], *, batch_size: int = 2000) -> None:
    """Insert the rows (a list, or a generator that builds them while they are written): COPY on
    PostgreSQL, bulk_create elsewhere."""
    if isinstance(rows, list) and not rows:
        return
    if is_postgresql():
        copy(table, rows)
        return
    names = table.columns
    objects = [table.model(**dict(zip(names, row, strict=True))) for row in rows]
    table.model.objects.bulk_create(objects, batch_size=batch_size)


def copy(table: Table, rows: Iterable[tuple]) -> None:
    """COPY the rows into the table (PostgreSQL); JSON columns are given as Python values."""
    columns = ", ".join(connection.ops.quote_name(name) for name in table.db_columns)
    sql = f"COPY {connection.ops.quote_name(table.model._meta.db_table)} ({columns}) FROM STDIN"
    suffix = tuple(json.dumps(value) if isinstance(value, dict | list) else value for value in table.defaults)
    positions = table.json_positions
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as stream:
        for row in rows:
            if positions:
                row = list(row)
                for position in positions:
                    row[position] = json.dumps(row[position], ensure_ascii=False)
            stream.write_row((*row, *suffix) if suffix else row)


# The sequence looked up once per statement (pg_get_serial_sequence per id, and its text cast to regclass, cost
# nine tenths of the statement); one nextval per id, as concurrent inserts take theirs meanwhile. The ids come back
# as their bounds when they follow each other (no other session took one meanwhile), else as an array.
_RESERVE = """
WITH sequence AS MATERIALIZED (SELECT pg_get_serial_sequence(%s, %s)::regclass AS name),
     taken AS (SELECT nextval(s.name) AS id FROM sequence s CROSS JOIN generate_series(1, %s))
SELECT min(id), max(id), CASE WHEN max(id) - min(id) + 1 = count(*) THEN NULL ELSE array_agg(id) END FROM taken
"""


def reserve_ids(model, count: int) -> list[int]:
    """`count` primary keys, increasing, for rows written later in this transaction, so that rows can refer to
    rows not yet written. PostgreSQL: taken from the table's sequence, one value per id (safe beside concurrent
    inserts, which take theirs from it meanwhile: the ids then have gaps). Elsewhere (SQLite, one writer at a
    time): the ids after the largest one."""
    if count <= 0:
        return []
    if is_postgresql():
        with connection.cursor() as cursor:
            cursor.execute(_RESERVE, [model._meta.db_table, model._meta.pk.column, count])
            first, last, scattered = cursor.fetchone()
        return list(range(first, last + 1)) if scattered is None else sorted(scattered)
    start = (model._base_manager.aggregate(top=Max("pk"))["top"] or 0) + 1
    return list(range(start, start + count))


def without_jit() -> None:
    """No JIT compilation for the rest of the transaction (PostgreSQL). A large import's statements are planned
    from estimates (1,000 rows per generate_series or unnest, the statistics of before the import) that pass
    jit_above_cost, and compiling costs them more CPU than it saves: ~0.5 s per rollup statement, tens of ms per
    look-up of a chunk's 2,000 row hashes."""
    if is_postgresql():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")


def analyze(*models) -> None:
    """Refresh the planner's statistics after a bulk write (PostgreSQL), so that the next queries on these
    tables are planned for their new size instead of waiting for autovacuum."""
    if not is_postgresql():
        return
    tables = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in models)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {tables}")
