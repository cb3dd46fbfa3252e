# ruff: noqa: S608 - SQL is built only from our models' table names; every value is a bound parameter
"""Many new members added to the rollups at once (a large import), from the rows being written.

The batch writer (exchange.member_batch) hands each new member's attributes and periods to `AddedMembers`
as it builds them, so nothing is read back or derived again in SQL: each member's footprint and deltas
come from the Python reference (contributions.py, the same functions `rollup_member_changed` uses), the
deltas are summed across the whole file in a bounded Counter, and the sums go to the stored rows in a few
set-based statements at the end (PostgreSQL: COPY into a work table, then one UPDATE and one INSERT per
table; elsewhere the upserts of store.apply_deltas). The footprints are written as each chunk ends.
"""

import datetime as dt
from collections import Counter
from functools import lru_cache

from django.db import connection

from xaydungdang.core import bulk
from xaydungdang.reports.dimensions import (
    AGE_BANDS,
    PARTY_AGE_BANDS,
    STATIC_FIELDS,
    age_band,
    band_changes,
    party_age_band,
    static_buckets,
)
from xaydungdang.reports.models import RollupFootprint
from xaydungdang.reports.rollups import sql, version
from xaydungdang.reports.rollups.contributions import counted, entries_and_exits, footprint
from xaydungdang.reports.rollups.store import apply_deltas, rollup_targets

# Distinct keys summed in memory (Sums) before they go to the database (≈ 200 bytes each): the parts are
# then added up there. A 100,000-member import in 40 cells gives ≈ 765,000 day rows.
MAX_KEYS = 100_000
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


class Sums:
    """The deltas of many members summed, equal to the sum of contributions.deltas of their footprints but
    cheaper: a member's changes are kept once per set of rollup organizations (not once per organization),
    and the date-free buckets of a period (total, status, gender, ...: 11 of them) as one key per day
    and kind of member, spread into their buckets and organizations only by `items()`."""

    def __init__(self) -> None:
        self.dated: Counter = Counter()  # (rollup organizations, day, dimension, bucket) -> delta
        self.static: Counter = Counter()  # (rollup organizations, day, (status, exempted, attributes)) -> delta

    def __len__(self) -> int:
        return len(self.dated) + len(self.static)

    def add(self, member: dict, periods: list[tuple], rows: list[list], targets: dict[int, list[int]]) -> None:
        """A member's periods (store.PERIOD_FIELDS) and the rows of its footprint (contributions.footprint)."""
        dated, static = self.dated, self.static
        attributes = tuple(member[field] for field in STATIC_FIELDS.values())
        birth = member["birth_date"]
        groups = set()
        for organization_id, attachment, status, is_exempted, start, end, party_age_start in periods:
            if not counted(attachment, status) or not targets.get(organization_id):
                continue
            group = tuple(targets[organization_id])
            groups.add(group)
            kind = (status, is_exempted, attributes)
            static[(group, start, kind)] += 1
            if end:
                static[(group, end, kind)] -= 1
            _bands(dated, group, "age_band", _age_bands(birth), start, end)
            _bands(dated, group, "party_age_band", _party_age_bands(party_age_start), start, end)
        if len(groups) == 1:  # the usual case: the changes of every organization of the group are alike
            (group,) = groups
            alike = [[*row[:5], [group], *row[6:]] for row in rows]
            dated.update(entries_and_exits(alike))
        else:
            for (target, *rest), delta in entries_and_exits(rows).items():
                dated[((target,), *rest)] += delta

    def items(self):
        """(organization, day, dimension, bucket) -> delta, without zeros."""
        result: Counter = Counter()
        for (group, day, dimension, bucket), delta in self.dated.items():
            if delta:
                for target in group:
                    result[(target, day, dimension, bucket)] += delta
        for (group, day, kind), delta in self.static.items():
            if delta:
                buckets = _static_buckets(kind)
                for target in group:
                    for dimension, bucket in buckets:
                        result[(target, day, dimension, bucket)] += delta
        return ((key, delta) for key, delta in result.items() if delta)


@lru_cache(maxsize=1 << 12)
def _static_buckets(kind: tuple) -> list[tuple[str, str]]:
    status, is_exempted, attributes = kind
    return static_buckets(dict(zip(STATIC_FIELDS.values(), attributes, strict=True)), status, is_exempted)


@lru_cache(maxsize=1 << 16)
def _age_bands(birth: dt.date) -> tuple:
    return birth, band_changes(AGE_BANDS, birth), age_band


@lru_cache(maxsize=1 << 16)
def _party_age_bands(party_age_start: dt.date | None) -> tuple:
    return party_age_start, band_changes(PARTY_AGE_BANDS, party_age_start), party_age_band


def _bands(out: Counter, group: tuple, dimension: str, bands: tuple, start: dt.date, end: dt.date | None) -> None:
    """contributions._band_changes, keyed by the group."""
    base, moves, band_of = bands
    band = band_of(base, start)
    out[(group, start, dimension, band)] += 1
    for day, new_band in moves:
        if day <= start or (end and day >= end) or new_band == band:
            continue
        out[(group, day, dimension, band)] -= 1
        out[(group, day, dimension, new_band)] += 1
        band = new_band
    if end:
        out[(group, end, dimension, band)] -= 1


class AddedMembers:
    """The rollups of members just created in bulk (no footprint yet: one that has makes the footprint
    insert fail). `add` each member with its periods, `write` at the end of each chunk, `finish` once, all
    inside the transaction that writes the members."""

    def __init__(self) -> None:
        self.targets: dict[int, list[int]] = {}  # organization -> its rollup organizations
        self.sums = Sums()
        self.footprints: list[tuple[int, dict]] = []
        self.organizations: set[int] = set()  # rollup organizations whose rows change
        self.flushed = False  # some sums are in the work table already

    def add(self, member_id: int, member: dict, periods: list[tuple]) -> None:
        """A member: its fields as stored (at least dimensions.MEMBER_FIELDS) and its periods
        (store.PERIOD_FIELDS, in the order of their start)."""
        targets = self.targets
        if missing := {period[0] for period in periods if period[0] not in targets}:
            found = rollup_targets(missing)
            targets.update(found)
            self.organizations.update(target for ids in found.values() for target in ids)
        data = footprint(member, periods, targets)
        if data:
            self.sums.add(member, periods, data["periods"], targets)
            self.footprints.append((member_id, data))

    def write(self) -> None:
        """Write the footprints added so far; the sums too once they are many."""
        bulk.write(_FOOTPRINTS, self.footprints)
        self.footprints = []
        if len(self.sums) >= MAX_KEYS:
            self._flush()

    def finish(self) -> None:
        self.write()
        if connection.vendor != "postgresql":
            self._flush()
        elif self.flushed or len(self.sums):
            self._apply()
        if self.organizations:
            version.bump(self.organizations)

    def _flush(self) -> None:
        """The sums so far added to the stored rows (SQLite) or to the work table (PostgreSQL)."""
        change, self.sums = self.sums.items(), Sums()
        if connection.vendor != "postgresql":
            apply_deltas(Counter(dict(change)))  # additive upserts: as well a part at a time
            return
        with connection.cursor() as cursor:
            if not self.flushed:
                _create(cursor, WORK_TABLE)
                self.flushed = True
            _copy(cursor, WORK_TABLE, change)

    def _apply(self) -> None:
        """The sums into the stored rows (PostgreSQL): summed again by the database when some were written to
        the work table already, otherwise straight from the last ones."""
        with connection.cursor() as cursor:
            sql._drop_work_tables(cursor)
            cursor.execute(f"SET LOCAL work_mem = '{sql.WORK_MEM}'")
            if self.flushed:
                self._flush()
                cursor.execute(
                    "CREATE TEMP TABLE rollup_expected_day ON COMMIT DROP AS SELECT organization_id, day, dimension,"
                    f" bucket, sum(delta)::int AS delta FROM {WORK_TABLE} GROUP BY 1, 2, 3, 4 HAVING sum(delta) <> 0"
                )
                cursor.execute(f"DROP TABLE {WORK_TABLE}")
                self.flushed = False
            else:
                _create(cursor, "rollup_expected_day")
                _copy(cursor, "rollup_expected_day", self.sums.items())
                self.sums = Sums()
            for expected, source, unit in (
                ("rollup_expected_month", "rollup_expected_day", "month"),
                ("rollup_expected_year", "rollup_expected_month", "year"),
            ):
                cursor.execute(
                    f"CREATE TEMP TABLE {expected} ON COMMIT DROP AS SELECT organization_id,"
                    f" date_trunc('{unit}', day)::date AS day, dimension, bucket, sum(delta)::int AS delta"
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


def _create(cursor, table: str) -> None:
    cursor.execute(f"DROP TABLE IF EXISTS {table}")
    cursor.execute(
        f"CREATE TEMP TABLE {table} (organization_id bigint, day date, dimension varchar(20), bucket varchar(24),"
        " delta integer) ON COMMIT DROP"
    )


def _copy(cursor, table: str, rows) -> None:
    with cursor.cursor.copy(f"COPY {table} (organization_id, day, dimension, bucket, delta) FROM STDIN") as stream:
        for key, delta in rows:
            stream.write_row((*key, delta))
