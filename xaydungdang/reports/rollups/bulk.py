# ruff: noqa: S608 - SQL is built only from our models' table names; every value is a bound parameter
"""Many new members added to the rollups at once (a large import), in a few set-based statements.

The rows are those `rollup_member_changed` would add member by member: on PostgreSQL the set-based
engine (rollups.sql) computes the contributions of these members only, and they are added to the stored
rows with one upsert per table; elsewhere the Python reference (contributions.py) sums them in memory.
"""

from collections import Counter

from django.db import connection

from xaydungdang.core import bulk
from xaydungdang.members.models import Member, MembershipPeriod
from xaydungdang.reports.dimensions import MEMBER_FIELDS
from xaydungdang.reports.models import RollupFootprint
from xaydungdang.reports.rollups import sql, version
from xaydungdang.reports.rollups.contributions import deltas, footprint
from xaydungdang.reports.rollups.store import PERIOD_FIELDS, admissions_of, apply_deltas, rollup_targets

CHUNK = 2000
ADDED = "rollup_added"  # the members added (a work table, PostgreSQL)

# rollups.sql's counted periods, of the given members only.
COUNTED = f"{sql.COUNTED.rstrip()}\n   AND p.member_id IN (SELECT id FROM {ADDED})\n"
# rollups.sql's admissions, of the given members only.
ADMISSIONS = sql.admissions_statement(f"e.member_id IN (SELECT id FROM {ADDED})")


def _add(cursor, table: str, date_column: str, expected: str) -> None:
    """Add the expected deltas (one row per key: the expected tables are grouped) to the stored rows: the
    keys already stored updated, then the others inserted, in the order of the table's key (the caller
    holds the tables against other writers). Cheaper than one INSERT ... ON CONFLICT, which inserts each
    row speculatively: a large import's keys are mostly new. When no stored row lies within the days of
    an organization's expected rows (new organizations, a first import), no key can match: the rows are
    inserted straight, without looking for them."""
    match = (
        f"s.organization_id = e.organization_id AND s.{date_column} = e.day"
        " AND s.dimension = e.dimension AND s.bucket = e.bucket"
    )
    cursor.execute(f"""
        SELECT EXISTS (SELECT FROM (SELECT organization_id, min(day) AS first, max(day) AS last FROM {expected}
                                     GROUP BY 1) AS r
                        WHERE EXISTS (SELECT FROM {table} s WHERE s.organization_id = r.organization_id
                                                            AND s.{date_column} BETWEEN r.first AND r.last))
    """)
    stored = cursor.fetchone()[0]
    if stored:
        cursor.execute(f"UPDATE {table} s SET delta = s.delta + e.delta FROM {expected} e WHERE {match}")
    cursor.execute(
        f"INSERT INTO {table} (organization_id, {date_column}, dimension, bucket, delta)"
        f" SELECT e.organization_id, e.day, e.dimension, e.bucket, e.delta FROM {expected} e"
        + (f" WHERE NOT EXISTS (SELECT FROM {table} s WHERE {match})" if stored else "")
        + " ORDER BY 1, 2, 3, 4"
    )


def rollup_members_added(members: list[int] | str) -> None:
    """Add to the rollups what these members contribute, and store their footprints.

    `members`: their ids, or a query that selects them (one column, each id once), read by the database
    so that the ids of a large import never come into memory. For members that have no footprint yet
    (just created, with their periods written): one that has makes the footprint insert fail. Call
    inside the transaction that wrote them.
    """
    if not members:
        return
    if connection.vendor == "postgresql":
        _added_sql(members)
    else:
        for chunk in _chunks(members):
            _added_python(chunk)


def _chunks(members: list[int] | str):
    """The ids CHUNK at a time (from a query: by keyset, a chunk in memory at a time)."""
    if not isinstance(members, str):
        for start in range(0, len(members), CHUNK):
            yield list(members[start : start + CHUNK])
        return
    last = None
    with connection.cursor() as cursor:
        while True:
            where = "" if last is None else f"WHERE q.id > {int(last)}"
            cursor.execute(f"SELECT q.id FROM ({members}) AS q {where} ORDER BY 1 LIMIT {CHUNK}")
            chunk = [pk for (pk,) in cursor.fetchall()]
            if not chunk:
                return
            yield chunk
            last = chunk[-1]


def _added_members(cursor, members: list[int] | str) -> bool:
    """The work table of the members added, with its primary key; False when there are none. The key
    keeps the join to the periods cheap whatever the plan: within the import's transaction the periods'
    statistics are those of before it (at first, an empty table), so the planner may loop over them."""
    cursor.execute(f"DROP TABLE IF EXISTS {ADDED}")
    cursor.execute(f"CREATE TEMP TABLE {ADDED} (id bigint PRIMARY KEY) ON COMMIT DROP")
    source, params = (
        (f"SELECT q.id FROM ({members}) AS q", None)
        if isinstance(members, str)
        else ("SELECT DISTINCT unnest(%s::bigint[])", [list(members)])
    )
    cursor.execute(f"INSERT INTO {ADDED} (id) {source}", params)
    if not cursor.rowcount:
        cursor.execute(f"DROP TABLE {ADDED}")
        return False
    cursor.execute(f"ANALYZE {ADDED}")
    return True


def _added_sql(members: list[int] | str) -> None:
    params = sql._params()
    with connection.cursor() as cursor:
        sql._drop_work_tables(cursor)
        if not _added_members(cursor, members):
            return
        version.bump_all()
        cursor.execute(f"SET LOCAL work_mem = '{sql.WORK_MEM}'")
        # The planner's estimates of these statements (a row per anniversary, guessed from 1,000 per
        # generate_series) would make it compile each one with JIT.
        bulk.without_jit()
        # The work tables that are joined analyzed once filled: without statistics the planner guesses a
        # few rows and joins millions of them by nested loops. The stays and the organizations' own rows
        # are only read whole and grouped (~0.1 s of ANALYZE each per 100,000 members, for the same plans).
        steps = (
            (sql.HOLDING, "rollup_holding"),
            (sql.UPWARD, "rollup_upward"),
            (COUNTED, "rollup_counted"),
            (sql.STAYS, None),
            (sql.STAY_BUCKETS, None),
            (sql.PERIOD_BUCKETS, None),
            (sql.BAND_BUCKETS, None),
            (ADMISSIONS, None),
            (sql.ADMISSION_BUCKETS, None),
            (sql.expected_days, None),
            (sql.CHANGES, "rollup_expected_day"),
            (sql.EXPECTED_MONTHS, "rollup_expected_month"),
            (sql.EXPECTED_YEARS, "rollup_expected_year"),
        )
        for step, table in steps:
            if callable(step):
                step(cursor)
            else:
                cursor.execute(step, params if "%(" in step else None)
            if table:
                cursor.execute(f"ANALYZE {table}")
        # Writers of these tables (the member services' hook) wait the few seconds until this
        # transaction ends, readers do not.
        cursor.execute(f"LOCK TABLE {sql.DAYS}, {sql.MONTHS}, {sql.YEARS} IN SHARE ROW EXCLUSIVE MODE")
        _add(cursor, sql.DAYS, "day", "rollup_expected_day")
        _add(cursor, sql.MONTHS, "month", "rollup_expected_month")
        _add(cursor, sql.YEARS, "year", "rollup_expected_year")
        # Straight into the footprints (no work table: nothing compares them first).
        cursor.execute(f"INSERT INTO {sql.FOOTPRINTS} (member_id, data) {sql.footprints_select()} ORDER BY m.id")
        sql._drop_work_tables(cursor)
        cursor.execute(f"DROP TABLE {ADDED}")


def _added_python(member_ids: list[int]) -> None:
    members = {
        row[0]: dict(zip(MEMBER_FIELDS, row[1:], strict=True))
        for row in Member.objects.filter(pk__in=member_ids).values_list("pk", *MEMBER_FIELDS)
    }
    periods: dict[int, list[tuple]] = {pk: [] for pk in members}
    rows = MembershipPeriod.objects.filter(member_id__in=member_ids).order_by("member_id", "valid_from", "id")
    for member_id, *period in rows.values_list("member_id", *PERIOD_FIELDS):
        periods[member_id].append(tuple(period))
    admitted: dict[int, list[tuple]] = {pk: [] for pk in members}
    for member_id, *event in admissions_of(member_ids).values_list("member_id", "to_organization_id", "effective_date"):
        admitted[member_id].append(tuple(event))
    organizations = {period[0] for found in periods.values() for period in found}
    targets = rollup_targets(organizations | {event[0] for found in admitted.values() for event in found})
    change: Counter = Counter()
    footprints = []
    for pk, attributes in members.items():
        data = footprint(attributes, periods[pk], targets, admitted[pk])
        if data:
            change.update(deltas(data))
            footprints.append(RollupFootprint(member_id=pk, data=data))
    apply_deltas(change)
    RollupFootprint.objects.bulk_create(footprints, batch_size=CHUNK)
