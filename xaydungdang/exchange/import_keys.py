# ruff: noqa: S608 - SQL is built only from this module's own table name; every value is a parameter
"""What a member import remembers of the rows it has read, for the whole file, kept in a temporary table
of the database rather than in the importer's memory, so that an import's memory is that of a chunk
whatever the number of rows.

A key is (kind, value): a national ID or record number a row used ("national_id", "record_number":
"Trùng với dòng N"), a member a row stood for ("member"; when that row was known unchanged, the member's
national ID and record number count as used by that row, without a key each: exchange.member_import),
a member the import wrote ("created"); beside it the number of the first row that used it. Per chunk, the chunk's keys are looked up in one statement (`look_up`), the chunk's
rows then `claim` them in their order (the first claim of a key wins; later ones get that first row's
number), and the keys first claimed in the chunk are written in one statement (`flush`: COPY on
PostgreSQL, every key written being new). Within a chunk, the keys claimed are held until then.
"""

import json
from collections.abc import Iterable

from django.db import connection

TABLE = "exchange_import_keys"
KINDS = {"national_id": 0, "record_number": 1, "member": 2, "created": 3}
NUMBERED = frozenset({"member", "created"})  # their values are ids

Key = tuple[str, object]


class FileKeys:
    """The keys of one pass over a file (a temporary table, created at the first use, one per pass)."""

    def __init__(self) -> None:
        self.created_table = False
        self.written: set[str] = set()  # the kinds of the keys written (a key of another kind is not stored)
        self.before: dict[Key, int] = {}  # keys of this chunk claimed in an earlier one
        self.claimed: dict[Key, int] = {}  # keys first claimed in this chunk, to write
        # A member's first row is stored negative when that row was known unchanged (see member()).

    def look_up(self, keys: Iterable[Key]) -> None:
        """Read which of these keys earlier chunks claimed, in one statement (before `first`/`claim`: a
        key claimed must have been looked up, so that only new keys are written)."""
        written, before, claimed = self.written, self.before, self.claimed
        wanted = {key for key in keys if key[0] in written and key not in before and key not in claimed}
        if not wanted:
            return
        payload = json.dumps([[KINDS[kind], str(value)] for kind, value in wanted], ensure_ascii=False)
        names = {number: kind for kind, number in KINDS.items()}
        with connection.cursor() as cursor:
            cursor.execute(_LOOK_UP[connection.vendor == "postgresql"], [payload])
            for number, value, row in cursor.fetchall():
                kind = names[number]
                before[(kind, int(value) if kind in NUMBERED else value)] = row

    def first(self, key: Key) -> int | None:
        """The row that claimed this key first (a key looked up for this chunk), or None."""
        earlier = self.before.get(key)
        return self.claimed.get(key) if earlier is None else earlier

    def claim(self, key: Key, row: int) -> int | None:
        """The row that claimed this key before (a key looked up for this chunk), or None: the key is then
        this row's."""
        earlier = self.before.get(key)
        if earlier is None:
            earlier = self.claimed.setdefault(key, row)
            return None if earlier == row else earlier
        return earlier

    def member(self, pk: int) -> tuple[int, bool] | None:
        """The first row that stood for this member (looked up for this chunk) and whether that row was
        known unchanged (its national ID and record number are then that row's too), or None."""
        earlier = self.first(("member", pk))
        return None if earlier is None else (abs(earlier), earlier < 0)

    def claim_member(self, pk: int, row: int, *, unchanged: bool = False) -> None:
        """The member is this row's (a member no row stood for, looked up for this chunk)."""
        self.claimed[("member", pk)] = -row if unchanged else row

    def add(self, key: Key, row: int) -> None:
        """A key known to be new (a member just written), without a look-up."""
        self.claimed[key] = row

    def flush(self) -> None:
        """Write the keys this chunk claimed first (one statement) and forget the chunk's."""
        claimed, self.claimed, self.before = self.claimed, {}, {}
        if not claimed:
            return
        self._create()
        self.written.update(kind for kind, _value in claimed)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {TABLE} (kind, value, first_row) FROM STDIN") as stream:
                    write = stream.write_row
                    for (kind, value), row in claimed.items():
                        write((KINDS[kind], str(value), row))
                return
            payload = json.dumps([[KINDS[kind], str(value), row] for (kind, value), row in claimed.items()])
            cursor.execute(_INSERT, [payload])

    def created(self) -> str:
        """The members the pass wrote (claimed as "created"): a query selecting their ids, to be read in
        the database while the table lasts (the ids of a large import are not brought into memory);
        empty when there are none."""
        self.flush()
        if "created" not in self.written:
            return ""
        return f"SELECT CAST(value AS bigint) AS id FROM {TABLE} WHERE kind = {KINDS['created']}"

    def close(self) -> None:
        """Drop the table (unless the transaction it was created in is being rolled back: that drops it)."""
        self.claimed, self.before, self.written = {}, {}, set()
        if self.created_table and not connection.needs_rollback:
            with connection.cursor() as cursor:
                cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")
        self.created_table = False

    def _create(self) -> None:
        if self.created_table:
            return
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")  # left by a pass of this connection that failed
            cursor.execute(_CREATE[connection.vendor == "postgresql"])
        self.created_table = True


# [elsewhere (SQLite), PostgreSQL]
_CREATE = (
    f"CREATE TEMP TABLE {TABLE} (kind integer NOT NULL, value text NOT NULL, first_row integer NOT NULL,"
    " PRIMARY KEY (kind, value)) WITHOUT ROWID",
    f'CREATE TEMP TABLE {TABLE} (kind smallint NOT NULL, value text COLLATE "C" NOT NULL,'
    " first_row integer NOT NULL, PRIMARY KEY (kind, value))",
)
# Each key probed in the primary key's index (PostgreSQL: OFFSET 0 keeps the planner, which has no
# statistics of a temporary table, from scanning the table for the whole array).
_LOOK_UP = (
    f"SELECT k.kind, k.value, k.first_row FROM json_each(%s) AS e"
    f"  JOIN {TABLE} AS k ON k.kind = json_extract(e.value, '$[0]') AND k.value = json_extract(e.value, '$[1]')",
    f"SELECT k.kind, k.value, k.first_row FROM json_array_elements(%s::json) AS e(item)"
    f" CROSS JOIN LATERAL (SELECT kind, value, first_row FROM {TABLE}"
    f"                      WHERE kind = (e.item->>0)::smallint AND value = e.item->>1 OFFSET 0) AS k",
)
_INSERT = (  # elsewhere (SQLite)
    f"INSERT INTO {TABLE} (kind, value, first_row)"
    f" SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]') FROM json_each(%s)"
)
