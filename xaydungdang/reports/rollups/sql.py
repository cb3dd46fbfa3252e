# ruff: noqa: S608 - SQL is built only from our models' table names; every value is a bound parameter
"""The set-based rebuild and verify on PostgreSQL: the database computes the same rows as rollups.python.

The counted periods (official attachment, probationary or official status, in a member-holding
organization under a rollup organization) are chained into "stays": a member's unbroken run of periods
under the same deepest rollup organization. A stay adds +1 to each bucket of the member's record on its
first day and -1 on its end day, and moves the member from one age (party age) band to the next on the
anniversaries inside it (29/02 turning on 01/03, as core.dates.anniversary says; party age counts from
the period's party_age_start, the lifecycle rule's base cached by the replay); status and exemption
change per period, so they are counted per period. Sums being linear, this gives exactly the Python
engine's rows: a period boundary inside a stay adds and removes the same bucket on the same day.

The sums are made once per deepest rollup organization ("own" rows), then added up to every rollup
organization above. `rebuild` then writes only the rows that differ from the stored ones, so an
already-correct table costs no writes and readers never wait.
"""

from django.db import connection, transaction

from xaydungdang.members.choices import ACTIVE_STATUSES, AttachmentKind, MemberStatus
from xaydungdang.members.ethnicities import KINH
from xaydungdang.members.models import Member, MembershipEvent, MembershipPeriod
from xaydungdang.organizations.choices import MEMBER_HOLDING_KINDS
from xaydungdang.organizations.models import Organization
from xaydungdang.reports.dimensions import (
    ADMISSION_KINDS,
    AGE_BANDS,
    MEMBER_FIELDS,
    MINORITY,
    PARTY_AGE_BANDS,
    STATIC_FIELDS,
    UNKNOWN,
)
from xaydungdang.reports.models import RollupDay, RollupFootprint, RollupMonth, RollupYear
from xaydungdang.reports.rollups.contributions import ADMISSION, ENTRY, EXIT, TRANSFERRED
from xaydungdang.reports.rollups.differences import difference_line
from xaydungdang.reports.rollups.store import ROLLUP_KINDS

# Hash aggregation of a national rebuild needs more than the default 4 MB to stay in memory.
WORK_MEM = "256MB"

ORGANIZATIONS = Organization._meta.db_table
PERIODS = MembershipPeriod._meta.db_table
MEMBERS = Member._meta.db_table
DAYS, MONTHS, FOOTPRINTS = RollupDay._meta.db_table, RollupMonth._meta.db_table, RollupFootprint._meta.db_table
YEARS = RollupYear._meta.db_table
EVENTS = MembershipEvent._meta.db_table

WORK_TABLES = (
    "rollup_holding",
    "rollup_upward",
    "rollup_parent",
    "rollup_counted",
    "rollup_admissions",
    "rollup_stays",
    "rollup_own",
    "rollup_expected_day",
    "rollup_expected_month",
    "rollup_expected_year",
    "rollup_expected_footprint",
    "rollup_expected_day_differs",
    "rollup_expected_month_differs",
    "rollup_expected_year_differs",
    "rollup_footprint_differs",
)


def _params(kinds=ROLLUP_KINDS) -> dict:
    return {
        "step": Organization.steplen,
        "rollup_kinds": sorted(kinds),
        "holding_kinds": sorted(MEMBER_HOLDING_KINDS),
        "official": AttachmentKind.OFFICIAL.value,
        "active": sorted(ACTIVE_STATUSES),
        "kinh": KINH,
        "minority": MINORITY,
        "unknown": UNKNOWN,
        "age_keys": [key for key, _edge, _label in AGE_BANDS],
        "age_edges": [edge for _key, edge, _label in AGE_BANDS],
        "party_keys": [key for key, _edge, _label in PARTY_AGE_BANDS],
        "party_edges": [edge for _key, edge, _label in PARTY_AGE_BANDS],
        "admission_kinds": [str(kind) for kind in ADMISSION_KINDS],
    }


# For each member-holding organization under a rollup organization: the deepest one (the partition of the
# Python engine) and all of them, shallowest first, as the footprint lists them.
HOLDING = f"""
CREATE TEMP TABLE rollup_holding ON COMMIT DROP AS
SELECT o.id AS organization_id,
       (array_agg(r.id ORDER BY length(r.path) DESC))[1] AS deepest_id,
       jsonb_agg(r.id ORDER BY length(r.path)) AS targets
  FROM {ORGANIZATIONS} o
 CROSS JOIN LATERAL generate_series(%(step)s, length(o.path), %(step)s) AS cut(n)
  JOIN {ORGANIZATIONS} r ON r.path = substr(o.path, 1, cut.n) AND r.kind = ANY(%(rollup_kinds)s)
 WHERE o.kind = ANY(%(holding_kinds)s)
 GROUP BY o.id
"""

# Each rollup organization and the rollup organizations its rows add up to (itself included).
UPWARD = f"""
CREATE TEMP TABLE rollup_upward ON COMMIT DROP AS
SELECT d.id AS deepest_id, r.id AS target_id
  FROM {ORGANIZATIONS} d
  JOIN {ORGANIZATIONS} r ON left(d.path, length(r.path)) = r.path
 WHERE d.kind = ANY(%(rollup_kinds)s) AND r.kind = ANY(%(rollup_kinds)s)
"""

COUNTED = f"""
CREATE TEMP TABLE rollup_counted ON COMMIT DROP AS
SELECT p.id, p.member_id, p.organization_id, h.deepest_id, p.status, p.is_exempted, p.valid_from, p.valid_to,
       p.party_age_start
  FROM {PERIODS} p
  JOIN rollup_holding h ON h.organization_id = p.organization_id
 WHERE p.attachment = %(official)s AND p.status = ANY(%(active)s)
"""


def admissions_statement(members: str = "TRUE") -> str:
    """rollup_admissions: the admissions (dimensions.ADMISSION_KINDS, of the members `members` selects)
    into any organization under a rollup organization, with the deepest one above it and all of them,
    shallowest first (as rollup_holding lists them for the periods)."""
    admissions = f"e.kind = ANY(%(admission_kinds)s) AND {members}"
    return f"""
CREATE TEMP TABLE rollup_admissions ON COMMIT DROP AS
WITH receiving AS (
    SELECT o.id AS organization_id,
           (array_agg(r.id ORDER BY length(r.path) DESC))[1] AS deepest_id,
           jsonb_agg(r.id ORDER BY length(r.path)) AS targets
      FROM {ORGANIZATIONS} o
     CROSS JOIN LATERAL generate_series(%(step)s, length(o.path), %(step)s) AS cut(n)
      JOIN {ORGANIZATIONS} r ON r.path = substr(o.path, 1, cut.n) AND r.kind = ANY(%(rollup_kinds)s)
     WHERE o.id IN (SELECT e.to_organization_id FROM {EVENTS} e WHERE {admissions})
     GROUP BY o.id
)
SELECT e.member_id, e.to_organization_id AS organization_id, e.effective_date AS day, r.deepest_id, r.targets
  FROM {EVENTS} e JOIN receiving r ON r.organization_id = e.to_organization_id
 WHERE {admissions}
"""


ADMISSIONS = admissions_statement()

# An admission counts +1 on its day: summed per deepest rollup organization, then up the levels as the rest.
ADMISSION_BUCKETS = f"""
INSERT INTO rollup_own
SELECT deepest_id, day, '{ADMISSION}', '', count(*)::int FROM rollup_admissions GROUP BY 1, 2
"""

# A new stay opens where a period does not start on the day the member's previous one (same deepest
# rollup organization, same base of party age) ended.
STAYS = f"""
CREATE TEMP TABLE rollup_stays ON COMMIT DROP AS
WITH chained AS (
    SELECT member_id, deepest_id, party_age_start, valid_from, valid_to,
           CASE WHEN valid_from = lag(valid_to) OVER run THEN 0 ELSE 1 END AS opens
      FROM rollup_counted
    WINDOW run AS (PARTITION BY member_id, deepest_id, party_age_start ORDER BY valid_from, valid_to)
), numbered AS (
    SELECT *, sum(opens) OVER (PARTITION BY member_id, deepest_id, party_age_start ORDER BY valid_from, valid_to
                               ROWS UNBOUNDED PRECEDING) AS stay
      FROM chained
), stays AS (
    SELECT member_id, deepest_id, party_age_start, min(valid_from) AS start,
           CASE WHEN bool_or(valid_to IS NULL) THEN NULL ELSE max(valid_to) END AS stop
      FROM numbered
     GROUP BY member_id, deepest_id, party_age_start, stay
)
SELECT s.*, {", ".join(f"m.{field}" for field in MEMBER_FIELDS)}
  FROM stays s JOIN {MEMBERS} m ON m.id = s.member_id
"""

_STATIC_BUCKETS = ", ".join(
    [
        "('total', '')",
        *(f"('{dimension}', coalesce(s.{field}, %(unknown)s))" for dimension, field in STATIC_FIELDS.items()),
        "('minority', CASE WHEN s.ethnicity = %(kinh)s THEN 'kinh' ELSE %(minority)s END)",
    ]
)

STAY_BUCKETS = f"""
CREATE TEMP TABLE rollup_own ON COMMIT DROP AS
SELECT s.deepest_id, e.day, b.dimension, b.bucket, sum(e.delta)::int AS delta
  FROM rollup_stays s
 CROSS JOIN LATERAL (VALUES {_STATIC_BUCKETS}) AS b(dimension, bucket)
 CROSS JOIN LATERAL (VALUES (s.start, 1), (s.stop, -1)) AS e(day, delta)
 WHERE e.day IS NOT NULL
 GROUP BY 1, 2, 3, 4
HAVING sum(e.delta) <> 0
"""

PERIOD_BUCKETS = """
INSERT INTO rollup_own
SELECT c.deepest_id, e.day, b.dimension, b.bucket, sum(e.delta)::int
  FROM rollup_counted c
 CROSS JOIN LATERAL (VALUES ('status', c.status::text),
                            ('exempted', CASE WHEN c.is_exempted THEN 'yes' ELSE 'no' END)) AS b(dimension, bucket)
 CROSS JOIN LATERAL (VALUES (c.valid_from, 1), (c.valid_to, -1)) AS e(day, delta)
 WHERE e.day IS NOT NULL
 GROUP BY 1, 2, 3, 4
HAVING sum(e.delta) <> 0
"""


# date_part (double precision) rather than extract (numeric since PostgreSQL 14): the same whole numbers,
# at a third less CPU over the millions of dates a rebuild or a large import reads.
def _completed_years(start: str, on: str) -> str:
    """SQL of core.dates.completed_years (= members.lifecycle.rules.party_years)."""
    return (
        f"(date_part('year', {on})::int - date_part('year', {start})::int"
        f" - ((date_part('month', {on}) * 100 + date_part('day', {on}))"
        f" < (date_part('month', {start}) * 100 + date_part('day', {start})))::int)"
    )


def _anniversary(base: str, years: str) -> str:
    """SQL of core.dates.anniversary: adding whole years only clamps 29/02 to 28/02, which becomes 01/03."""
    shifted = f"({base} + make_interval(years => {years}))"
    return f"({shifted}::date + (date_part('day', {base}) <> date_part('day', {shifted}))::int)"


def _band_index(on: str) -> str:
    """1-based index of the band on `on`: the number of band edges the completed years reach."""
    return f"greatest(width_bucket({_completed_years('x.base', on)}, b.edges), 1)"


# Per stay and band dimension: +1 in the band of the first day, -1 in the band of the last day, and the
# moves on the anniversaries in between (an open stay moves through every later band, as in Python).
# Moves depend only on the anniversary date, so stays alike are counted together first.
BAND_BUCKETS = f"""
INSERT INTO rollup_own
WITH banded AS MATERIALIZED (
    SELECT s.deepest_id, s.start, s.stop, b.dimension, b.keys, b.edges, x.base,
           CASE WHEN x.base IS NULL THEN 1 ELSE {_band_index("s.start")} END AS first,
           CASE WHEN x.base IS NULL THEN 1
                WHEN s.stop IS NULL THEN cardinality(b.edges)
                ELSE {_band_index("(s.stop - 1)")} END AS last
      FROM rollup_stays s
     CROSS JOIN (VALUES ('age_band', %(age_keys)s::text[], %(age_edges)s::int[]),
                        ('party_age_band', %(party_keys)s::text[], %(party_edges)s::int[])) AS b(dimension, keys, edges)
     CROSS JOIN LATERAL (SELECT CASE WHEN b.dimension = 'age_band' THEN s.birth_date
                                     ELSE s.party_age_start END AS base) AS x
), alike AS (
    SELECT deepest_id, dimension, keys, edges, base, first, last, count(*)::int AS n
      FROM banded WHERE last > first
     GROUP BY 1, 2, 3, 4, 5, 6, 7
), changes AS (
    SELECT deepest_id, start AS day, dimension, keys[first] AS bucket, 1 AS delta FROM banded
    UNION ALL
    SELECT deepest_id, stop, dimension, keys[last], -1 FROM banded WHERE stop IS NOT NULL
    UNION ALL
    SELECT a.deepest_id, {_anniversary("a.base", "a.edges[k]")}, a.dimension, move.bucket, move.delta
      FROM alike a
     CROSS JOIN LATERAL generate_series(a.first + 1, a.last) AS k
     CROSS JOIN LATERAL (VALUES (a.keys[k], a.n), (a.keys[k - 1], -a.n)) AS move(bucket, delta)
)
SELECT deepest_id, day, dimension, bucket, sum(delta)::int
  FROM changes
 GROUP BY 1, 2, 3, 4
HAVING sum(delta) <> 0
"""

# The day rows are added up a level at a time, from the deepest rollup organizations to the root: an
# organization's rows are its own ones plus those of the rollup organizations right below it. The deepest
# ones' rows are their own, copied; each sum then reads the level below once (not every descendant's own
# rows once per ancestor), which at national size halves the rows aggregated.
PARENTS = f"""
CREATE TEMP TABLE rollup_parent ON COMMIT DROP AS
SELECT u.deepest_id AS child_id, (array_agg(u.target_id ORDER BY length(t.path) DESC))[1] AS parent_id,
       max(length(t.path)) AS parent_depth
  FROM rollup_upward u JOIN {ORGANIZATIONS} t ON t.id = u.target_id
 WHERE u.target_id <> u.deepest_id
 GROUP BY u.deepest_id
"""

LEAF_DAYS = """
CREATE TEMP TABLE rollup_expected_day ON COMMIT DROP AS
SELECT o.deepest_id AS organization_id, o.day, o.dimension, o.bucket, o.delta
  FROM rollup_own o
 WHERE NOT EXISTS (SELECT FROM rollup_parent p WHERE p.parent_id = o.deepest_id)
"""

LEVEL_DAYS = """
INSERT INTO rollup_expected_day
SELECT x.organization_id, x.day, x.dimension, x.bucket, sum(x.delta)::int
  FROM (SELECT p.parent_id AS organization_id, e.day, e.dimension, e.bucket, e.delta
          FROM rollup_expected_day e JOIN rollup_parent p ON p.child_id = e.organization_id
         WHERE p.parent_depth = %(depth)s
        UNION ALL
        SELECT o.deepest_id, o.day, o.dimension, o.bucket, o.delta
          FROM rollup_own o
         WHERE o.deepest_id IN (SELECT parent_id FROM rollup_parent WHERE parent_depth = %(depth)s)) AS x
 GROUP BY 1, 2, 3, 4
HAVING sum(x.delta) <> 0
"""


def expected_days(cursor) -> None:
    """rollup_expected_day: every rollup organization's day rows (the sum of its subtree's own rows)."""
    cursor.execute(PARENTS)
    cursor.execute(LEAF_DAYS)
    cursor.execute("SELECT DISTINCT parent_depth FROM rollup_parent ORDER BY 1 DESC")
    for (depth,) in cursor.fetchall():
        cursor.execute(LEVEL_DAYS, {"depth": depth})


EXPECTED_MONTHS = """
CREATE TEMP TABLE rollup_expected_month ON COMMIT DROP AS
SELECT organization_id, date_trunc('month', day)::date AS day, dimension, bucket, sum(delta)::int AS delta
  FROM rollup_expected_day
 GROUP BY 1, 2, 3, 4
HAVING sum(delta) <> 0
"""

EXPECTED_YEARS = """
CREATE TEMP TABLE rollup_expected_year ON COMMIT DROP AS
SELECT organization_id, date_trunc('year', day)::date AS day, dimension, bucket, sum(delta)::int AS delta
  FROM rollup_expected_month
 GROUP BY 1, 2, 3, 4
HAVING sum(delta) <> 0
"""


# contributions.exit_reason of the official period that starts the day a counted one ends.
_STAYING = ", ".join(f"'{status}'" for status in sorted({*ACTIVE_STATUSES, MemberStatus.TRANSFERRED_OUT}))
_REASON = f"""(SELECT coalesce(min(CASE WHEN n.status IN ({_STAYING}) THEN NULL ELSE n.status END COLLATE "C"),
                        '{TRANSFERRED}')
  FROM {PERIODS} n
 WHERE n.member_id = {{alias}}.member_id AND n.valid_from = {{alias}}.valid_to
   AND n.attachment = '{AttachmentKind.OFFICIAL.value}')"""

# Entries and exits of each rollup organization's subtree (contributions.entries_and_exits): they do not
# add up from the deepest organizations (a move between two provinces is neither at the root), so they
# are counted per target organization and added to the expected day rows directly.
CHANGES = f"""
INSERT INTO rollup_expected_day
WITH x AS MATERIALIZED (
    SELECT c.member_id, u.target_id, c.valid_from, c.valid_to
      FROM rollup_counted c JOIN rollup_upward u ON u.deepest_id = c.deepest_id
), changes AS (
    SELECT a.target_id, a.valid_from AS day, '{ENTRY}' AS dimension, '' AS bucket
      FROM x a
     WHERE NOT EXISTS (SELECT FROM x b WHERE b.member_id = a.member_id AND b.target_id = a.target_id
                                         AND b.valid_to = a.valid_from)
    UNION ALL
    SELECT a.target_id, a.valid_to, '{EXIT}', {_REASON.format(alias="a")}
      FROM x a
     WHERE a.valid_to IS NOT NULL
       AND NOT EXISTS (SELECT FROM x b WHERE b.member_id = a.member_id AND b.target_id = a.target_id
                                         AND b.valid_from = a.valid_to)
)
SELECT target_id, day, dimension, bucket, count(*)::int FROM changes GROUP BY 1, 2, 3, 4
"""


def footprints_select() -> str:
    """(member_id, data): the footprint of each member of rollup_counted or rollup_admissions, as rollups.python
    writes it. Dates go in as dates: their JSON is always ISO 8601 ("YYYY-MM-DD", whatever DateStyle says), as
    Python's isoformat, and cheaper than to_char."""
    member = ", ".join(f"'{field}', m.{field}" for field in MEMBER_FIELDS)
    period = (
        "c.organization_id, c.status, c.is_exempted, c.valid_from, c.valid_to, h.targets, c.party_age_start,"
        f" CASE WHEN c.valid_to IS NOT NULL THEN {_REASON.format(alias='c')} END"
    )
    return f"""
SELECT m.id AS member_id,
       jsonb_build_object('member', jsonb_build_object({member}), 'periods', coalesce(p.periods, '[]'::jsonb))
       || CASE WHEN a.admissions IS NULL THEN '{{}}'::jsonb
               ELSE jsonb_build_object('admissions', a.admissions) END AS data
  FROM (SELECT c.member_id, jsonb_agg(jsonb_build_array({period}) ORDER BY c.valid_from, c.id) AS periods
          FROM rollup_counted c
          JOIN rollup_holding h ON h.organization_id = c.organization_id
         GROUP BY c.member_id) AS p
  FULL JOIN (SELECT member_id, jsonb_agg(jsonb_build_array(organization_id, day, targets)
                                         ORDER BY day, organization_id) AS admissions
               FROM rollup_admissions GROUP BY member_id) AS a ON a.member_id = p.member_id
  JOIN {MEMBERS} m ON m.id = coalesce(p.member_id, a.member_id)
"""


def _expected_footprints() -> str:
    return f"CREATE TEMP TABLE rollup_expected_footprint ON COMMIT DROP AS {footprints_select()}"


def _drop_work_tables(cursor) -> None:
    """Drop the work tables now: inside an outer transaction (a test, a caller's atomic) no commit drops them."""
    cursor.execute(f"DROP TABLE IF EXISTS {', '.join(WORK_TABLES)}")


def _expected(cursor, *, footprints: bool, kinds=ROLLUP_KINDS) -> None:
    """The rows the raw data gives, in the temporary tables rollup_expected_day / _month (/ _footprint),
    for the rollup organizations of `kinds`."""
    params = _params(kinds)
    _drop_work_tables(cursor)
    cursor.execute(f"SET LOCAL work_mem = '{WORK_MEM}'")
    statements = (HOLDING, UPWARD, COUNTED, STAYS, STAY_BUCKETS, PERIOD_BUCKETS, BAND_BUCKETS, ADMISSIONS)
    for statement in (*statements, ADMISSION_BUCKETS):
        cursor.execute(statement, params)
    expected_days(cursor)
    cursor.execute(CHANGES, params)
    cursor.execute(EXPECTED_MONTHS)
    cursor.execute(EXPECTED_YEARS)
    if footprints:
        cursor.execute(_expected_footprints())
    cursor.execute("ANALYZE rollup_expected_day, rollup_expected_month, rollup_expected_year")


def _match(left: str, right: str, date_column: str) -> str:
    return (
        f"{left}.organization_id = {right}.organization_id AND {left}.{date_column} = {right}.day"
        f" AND {left}.dimension = {right}.dimension AND {left}.bucket = {right}.bucket"
    )


def _differ(cursor, table: str, date_column: str, expected: str) -> str:
    """The temporary table of the keys whose stored delta differs from the expected one (0 when absent)."""
    differences = f"{expected}_differs"
    cursor.execute(f"""
        CREATE TEMP TABLE {differences} ON COMMIT DROP AS
        SELECT coalesce(s.organization_id, e.organization_id) AS organization_id,
               coalesce(s.{date_column}, e.day) AS day, coalesce(s.dimension, e.dimension) AS dimension,
               coalesce(s.bucket, e.bucket) AS bucket, s.organization_id IS NOT NULL AS present,
               coalesce(s.delta, 0) AS stored, coalesce(e.delta, 0) AS expected
          FROM {table} AS s
          FULL JOIN {expected} AS e ON {_match("s", "e", date_column)}
         WHERE coalesce(s.delta, 0) <> coalesce(e.delta, 0) OR s.delta = 0
    """)
    return differences


# Rows inserted in the order of the table's unique key go to the right end of its btree, a page at a time,
# instead of dirtying pages all over it (at national size the index is far larger than shared_buffers).
_IN_KEY_ORDER = "ORDER BY organization_id, day, dimension, bucket"


def _apply(cursor, table: str, date_column: str, differences: str) -> int:
    """Write the differences into the table: delete the rows to be zero, update or insert the others."""
    match = _match("s", "d", date_column)
    cursor.execute(f"DELETE FROM {table} s USING {differences} d WHERE {match} AND d.present AND d.expected = 0")
    written = cursor.rowcount
    cursor.execute(
        f"UPDATE {table} s SET delta = d.expected FROM {differences} d WHERE {match} AND d.present AND d.expected <> 0"
    )
    written += cursor.rowcount
    cursor.execute(
        f"INSERT INTO {table} (organization_id, {date_column}, dimension, bucket, delta)"
        f" SELECT organization_id, day, dimension, bucket, expected FROM {differences} WHERE NOT present {_IN_KEY_ORDER}"
    )
    return written + cursor.rowcount


def _sync(cursor, table: str, date_column: str, expected: str) -> int:
    """Make the table's rows the expected ones: straight from them into an empty table (a first build),
    otherwise by writing only the differences."""
    cursor.execute(f"SELECT NOT EXISTS (SELECT FROM {table})")
    if cursor.fetchone()[0]:
        cursor.execute(
            f"INSERT INTO {table} (organization_id, {date_column}, dimension, bucket, delta)"
            f" SELECT organization_id, day, dimension, bucket, delta FROM {expected} {_IN_KEY_ORDER}"
        )
        return cursor.rowcount
    return _apply(cursor, table, date_column, _differ(cursor, table, date_column, expected))


def _sync_footprints(cursor) -> int:
    """Make the footprints the expected ones, writing only those that differ (all of them, straight, into
    an empty table)."""
    cursor.execute(f"SELECT NOT EXISTS (SELECT FROM {FOOTPRINTS})")
    if cursor.fetchone()[0]:
        cursor.execute(
            f"INSERT INTO {FOOTPRINTS} (member_id, data)"
            " SELECT member_id, data FROM rollup_expected_footprint ORDER BY member_id"
        )
        return cursor.rowcount
    cursor.execute(f"""
        CREATE TEMP TABLE rollup_footprint_differs ON COMMIT DROP AS
        SELECT coalesce(s.member_id, e.member_id) AS member_id, s.member_id IS NOT NULL AS stored, e.data
          FROM {FOOTPRINTS} AS s
          FULL JOIN rollup_expected_footprint AS e ON e.member_id = s.member_id
         WHERE s.data IS DISTINCT FROM e.data
    """)
    differences = "rollup_footprint_differs"
    cursor.execute(
        f"DELETE FROM {FOOTPRINTS} s USING {differences} d WHERE s.member_id = d.member_id AND d.data IS NULL"
    )
    written = cursor.rowcount
    cursor.execute(
        f"UPDATE {FOOTPRINTS} s SET data = d.data FROM {differences} d WHERE s.member_id = d.member_id AND d.data IS NOT NULL"
    )
    written += cursor.rowcount
    cursor.execute(
        f"INSERT INTO {FOOTPRINTS} (member_id, data)"
        f" SELECT member_id, data FROM {differences} WHERE NOT stored ORDER BY member_id"
    )
    return written + cursor.rowcount


def _count(cursor, query: str) -> int:
    cursor.execute(query)
    return cursor.fetchone()[0]


@transaction.atomic
def rebuild_sql(kinds=ROLLUP_KINDS) -> dict[str, int]:
    """Make every rollup row and footprint what the raw rows give. Returns row counts (and rows written).

    With `kinds` a part of ROLLUP_KINDS, only their organizations get rows (the others' are deleted) and the
    footprints list only them as targets.

    The rollup tables are locked against writes (the member services' hook waits; reads go on, seeing
    the old rows until the commit), so no change slips between the computation and the commit.
    """
    with connection.cursor() as cursor:
        cursor.execute(f"LOCK TABLE {DAYS}, {MONTHS}, {YEARS}, {FOOTPRINTS} IN EXCLUSIVE MODE")
        _expected(cursor, footprints=True, kinds=kinds)
        written = _sync(cursor, DAYS, "day", "rollup_expected_day")
        written += _sync(cursor, MONTHS, "month", "rollup_expected_month")
        written += _sync(cursor, YEARS, "year", "rollup_expected_year")
        written += _sync_footprints(cursor)
        counts = {
            "organizations": _count(cursor, "SELECT count(DISTINCT organization_id) FROM rollup_expected_day"),
            "days": _count(cursor, "SELECT count(*) FROM rollup_expected_day"),
            "months": _count(cursor, "SELECT count(*) FROM rollup_expected_month"),
            "years": _count(cursor, "SELECT count(*) FROM rollup_expected_year"),
            "members": _count(cursor, "SELECT count(*) FROM rollup_expected_footprint"),
            "written": written,
        }
        _drop_work_tables(cursor)
    return counts


def _differences(cursor, table: str, stored: str, date_column: str, expected: str) -> list[str]:
    differences = _differ(cursor, stored, date_column, expected)
    cursor.execute(
        f"SELECT organization_id, day, dimension, bucket, stored, expected FROM {differences}"
        " WHERE stored <> expected ORDER BY 1, 2, 3, 4"
    )
    return [difference_line(table, *row) for row in cursor.fetchall()]


@transaction.atomic
def verify_sql() -> list[str]:
    """Differences between the stored rollups and the raw rows, one line each (empty when they agree)."""
    with connection.cursor() as cursor:
        _expected(cursor, footprints=False)
        problems = _differences(cursor, "day", DAYS, "day", "rollup_expected_day")
        problems += _differences(cursor, "month", MONTHS, "month", "rollup_expected_month")
        problems += _differences(cursor, "year", YEARS, "year", "rollup_expected_year")
        _drop_work_tables(cursor)
    return problems
