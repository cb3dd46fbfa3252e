# ruff: noqa: S608 - SQL is built only from our models' table names; every value is a bound parameter
"""Many new members added to the rollups at once (a large import), from the rows being written.

The batch writer (exchange.member_batch) hands each new member's attributes and periods to `AddedMembers`
as it builds them, so nothing is read back or derived again in SQL: each member's footprint and deltas
come from the Python reference (contributions.py, the same functions `rollup_member_changed` uses), the
deltas are summed across the whole file in a bounded Counter, and the sums go to the stored rows in a few
set-based statements at the end (PostgreSQL: COPY into a work table, then one UPDATE and one INSERT per
table; elsewhere the upserts of store.apply_deltas). The footprints are written as each chunk ends.
"""

from collections import Counter

from django.db import connection

from xaydungdang.core import bulk
from xaydungdang.reports.models import RollupFootprint
from xaydungdang.reports.rollups import sql, version
from xaydungdang.reports.rollups.contributions import deltas, footprint
from xaydungdang.reports.rollups.store import apply_deltas, rollup_targets

# Distinct keys summed in memory before they go to the database (≈ 200 bytes each): the file's sums are
# then added up there. A 100,000-member import in 40 cells has ≈ 765,000 distinct day keys.
MAX_KEYS = 200_000
WORK_TABLE = "rollup_added_delta"
_FOOTPRINTS = bulk.Table(RollupFootprint, ("member_id", "data"))


def _add(cursor, table: str, date_column: str, expected: str) -> None:
    """Add the expected deltas (one row per key: the expected tables are grouped) to the stored rows: the
    keys already stored updated, then the others inserted, in the order of the unique index (the caller
    holds the tables against other writers). Cheaper than one INSERT ... ON CONFLICT, which inserts each
    row speculatively: a large import's keys are mostly new."""
    match = (
        f"s.organization_id = e.organization_id AND s.{date_column} = e.day"
        " AND s.dimension = e.dimension AND s.bucket = e.bucket"
    )
    cursor.execute(f"UPDATE {table} s SET delta = s.delta + e.delta FROM {expected} e WHERE {match}")
    cursor.execute(
        f"INSERT INTO {table} (organization_id, {date_column}, dimension, bucket, delta)"
        f" SELECT e.organization_id, e.day, e.dimension, e.bucket, e.delta FROM {expected} e"
        f" WHERE NOT EXISTS (SELECT FROM {table} s WHERE {match}) ORDER BY 1, 2, 3, 4"
    )


class AddedMembers:
    """The rollups of members just created in bulk (no footprint yet: one that has makes the footprint
    insert fail). `add` each member with its periods, `write` at the end of each chunk, `finish` once, all
    inside the transaction that writes the members."""

    def __init__(self) -> None:
        self.targets: dict[int, list[int]] = {}  # organization -> its rollup organizations
        self.change: Counter = Counter()
        self.footprints: list[tuple[int, dict]] = []
        self.organizations: set[int] = set()  # rollup organizations whose rows change
        self.flushed = False  # some sums are in the work table already

    def add(self, member_id: int, attributes: dict, periods: list[tuple]) -> None:
        """A member: its rollup attributes (dimensions.MEMBER_FIELDS, as stored) and its periods
        (store.PERIOD_FIELDS, in the order of their start)."""
        targets = self.targets
        if missing := {period[0] for period in periods if period[0] not in targets}:
            found = rollup_targets(missing)
            targets.update(found)
            self.organizations.update(target for ids in found.values() for target in ids)
        data = footprint(attributes, periods, targets)
        if data:
            self.change.update(deltas(data))
            self.footprints.append((member_id, data))

    def write(self) -> None:
        """Write the footprints added so far; the sums too once they are many."""
        bulk.write(_FOOTPRINTS, self.footprints)
        self.footprints = []
        if len(self.change) >= MAX_KEYS:
            self._flush()

    def finish(self) -> None:
        self.write()
        if connection.vendor != "postgresql":
            self._flush()
        elif self.flushed or self.change:
            self._flush()
            self._apply_work_table()
        if self.organizations:
            version.bump(self.organizations)

    def _flush(self) -> None:
        change = {key: delta for key, delta in self.change.items() if delta}
        self.change = Counter()
        if connection.vendor != "postgresql":
            apply_deltas(Counter(change))  # additive upserts: as well a part at a time
            return
        with connection.cursor() as cursor:
            if not self.flushed:
                cursor.execute(f"DROP TABLE IF EXISTS {WORK_TABLE}")
                cursor.execute(
                    f"CREATE TEMP TABLE {WORK_TABLE} (organization_id bigint, day date, dimension varchar(20),"
                    " bucket varchar(24), delta integer) ON COMMIT DROP"
                )
                self.flushed = True
            copy = f"COPY {WORK_TABLE} (organization_id, day, dimension, bucket, delta) FROM STDIN"
            with cursor.cursor.copy(copy) as stream:
                for key, delta in change.items():
                    stream.write_row((*key, delta))

    def _apply_work_table(self) -> None:
        with connection.cursor() as cursor:
            sql._drop_work_tables(cursor)
            cursor.execute(f"SET LOCAL work_mem = '{sql.WORK_MEM}'")
            for expected, source, unit in (
                ("rollup_expected_day", WORK_TABLE, None),
                ("rollup_expected_month", "rollup_expected_day", "month"),
                ("rollup_expected_year", "rollup_expected_month", "year"),
            ):
                day = f"date_trunc('{unit}', day)::date" if unit else "day"
                cursor.execute(
                    f"CREATE TEMP TABLE {expected} ON COMMIT DROP AS"
                    f" SELECT organization_id, {day} AS day, dimension, bucket, sum(delta)::int AS delta"
                    f" FROM {source} GROUP BY 1, 2, 3, 4 HAVING sum(delta) <> 0"
                )
            cursor.execute("ANALYZE rollup_expected_day, rollup_expected_month, rollup_expected_year")
            # Writers of these tables (the member services' hook) wait the few seconds until this
            # transaction ends, readers do not.
            cursor.execute(f"LOCK TABLE {sql.DAYS}, {sql.MONTHS}, {sql.YEARS} IN SHARE ROW EXCLUSIVE MODE")
            _add(cursor, sql.DAYS, "day", "rollup_expected_day")
            _add(cursor, sql.MONTHS, "month", "rollup_expected_month")
            _add(cursor, sql.YEARS, "year", "rollup_expected_year")
            sql._drop_work_tables(cursor)
            cursor.execute(f"DROP TABLE {WORK_TABLE}")
        self.flushed = False
