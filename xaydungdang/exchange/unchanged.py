# ruff: noqa: S608 - SQL is built only from our models' table and column names; every value is a parameter
"""Rows of a member import that are the same as when they were last seen unchanged, told apart before
any parsing: a hash of the row is looked up among the stored ones (exchange.ImportedRow) in one index
probe. A workbook's row is first hashed raw (its XML bytes, keyed by the workbook's styles and shared
strings and by the headers: readers.Table.skip_known_rows) and, when that hash is known, not even read;
the others are read and hashed by their cells' values. A stored row is valid for as long as its member
is unchanged: a trigger deletes it when an editable field, the cell or the member changes (migration
exchange 0007), so that no version of the member is computed here. The cell's code and the user's right
to change its members are still checked. Any other row goes through the full check, and the rows it
finds unchanged (or creates exactly as the file says) are remembered for the next import.
"""

import hashlib
from collections import deque
from collections.abc import Mapping
from functools import cache

from django.db import connection

from xaydungdang.access.choices import Action
from xaydungdang.core import bulk
from xaydungdang.exchange import triggers
from xaydungdang.exchange.models import ImportedRow
from xaydungdang.exchange.readers import Cells
from xaydungdang.members.models import Member
from xaydungdang.members.services import EDITABLE_FIELDS
from xaydungdang.organizations.models import Organization

KEYS = ("national_id", "record_number")


def row_hashes(raw: Mapping[str, list]) -> list[str]:
    """A hash per row of the chunk's raw cells as the file holds them (types told apart: 1, 1.0 and "1"
    differ), fields included; from the rows of a reader's Cells without making columns of them."""
    if isinstance(raw, Cells):
        names, rows = raw.names, raw.rows
    else:
        names = tuple(sorted(raw))
        rows = zip(*(raw[name] for name in names), strict=True)
    head = repr(names).encode()
    blake2b = hashlib.blake2b
    return [blake2b(head + repr(cells).encode(), digest_size=16).hexdigest() for cells in rows]


def _select(table: str, columns: tuple[str, ...], key: str, values: list) -> list[tuple]:
    """The rows whose `key` is one of `values`: an array parameter on PostgreSQL, an IN list elsewhere."""
    quote = connection.ops.quote_name
    names = ", ".join(quote(column) for column in columns)
    if connection.vendor == "postgresql":
        where, params = f"{quote(key)} = ANY(%s)", [values]
    else:
        where, params = f"{quote(key)} IN ({', '.join(['%s'] * len(values))})", values
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {names} FROM {quote(table)} WHERE {where}", params)
        return cursor.fetchall()


Hashes = tuple[str, str | None]  # of a row read: (of its values, of its raw XML when it has one)


class UnchangedRows:
    """Per import pass: splits each chunk into the rows known unchanged (counted, never parsed) and the
    others; with a workbook, first each window into the rows known by their raw XML (never read) and the
    others (`table`: readers.Table.skip_known_rows)."""

    def __init__(self, importer, table=None) -> None:
        self.importer = importer  # its `keys`: the members and keys of the rows read so far
        self.allowed: dict[int, bool] = {}  # organization id -> the user may change its members
        self.codes: dict[int, str] = {}  # organization id -> its code in upper case, as stored with the rows
        self.raw: deque[tuple[int, str]] = deque()  # (row number, raw hash) of the rows left to read, in order
        self.skipped = 0  # rows known by their raw XML since the last take_skipped()
        self.table = table
        triggers.ensure()
        if table is not None:
            table.skip_known_rows(self.known_raw)

    def known_raw(self, numbers: list[int], raw_hashes: list[str]) -> list[bool]:
        """Whether each row of a window counts unchanged by the hash of its raw XML (as split tells by
        the hash of its values); the raw hashes of the others are kept for when they are read."""
        known = self._known("raw_hash", raw_hashes)
        rest = set(self._accept(numbers, raw_hashes, known))
        self.raw.extend((numbers[i], raw_hashes[i]) for i in sorted(rest))
        self.skipped += len(numbers) - len(rest)
        if len(rest) < len(numbers):
            self._stop_speculating()
        return [index not in rest for index in range(len(numbers))]

    def take_skipped(self) -> int:
        """The rows counted unchanged by their raw XML since the last call (for the progress)."""
        skipped, self.skipped = self.skipped, 0
        return skipped

    def split(self, numbers: list[int], raw: Mapping[str, list]) -> tuple[list[int], Mapping, dict[int, Hashes]]:
        """The rows still to check (numbers, raw columns) and the hashes of each by row number. A row counts
        unchanged when its hash is stored for one member still as stored, in a cell the user may change,
        and neither the row (repeated) nor the member or its keys came earlier in the file. The rows
        counted so whose raw XML was not known are remembered with it, to be skipped unread next time."""
        hashes = row_hashes(raw)
        known = self._known("row_hash", hashes)
        rest = self._accept(numbers, hashes, known)
        raw_of = self._raw_hashes(numbers[-1]).get
        if len(rest) < len(numbers):
            self._stop_speculating()
            accepted = set(range(len(numbers))) - set(rest)
            _set_raw([(known[hashes[i]][0], raw_hash) for i in sorted(accepted) if (raw_hash := raw_of(numbers[i]))])
        if len(rest) == len(numbers):
            return numbers, raw, {n: (h, raw_of(n)) for n, h in zip(numbers, hashes, strict=True)}
        if isinstance(raw, Cells):
            kept = raw.subset(rest)
        else:
            kept = {name: [cells[i] for i in rest] for name, cells in raw.items()}
        return [numbers[i] for i in rest], kept, {numbers[i]: (hashes[i], raw_of(numbers[i])) for i in rest}

    def _stop_speculating(self) -> None:
        """Rows turn out known unchanged: the reader stops parsing chunks ahead (readers.Table.prepare),
        which would be parsing rows never checked."""
        if self.table is not None:
            self.table.speculate = False

    def _raw_hashes(self, last: int) -> dict[int, str]:
        """Row number -> raw hash of the rows left to read up to row `last` (those of a chunk; the rows
        calamine found empty are dropped so), taken from the queue."""
        queue, taken = self.raw, {}
        while queue and queue[0][0] <= last:
            number, raw_hash = queue.popleft()
            taken[number] = raw_hash
        return taken

    def _accept(self, numbers: list[int], hashes: list[str], known: dict[str, tuple | None]) -> list[int]:
        """Count the rows known unchanged (their members and keys now seen); the indexes of the others."""
        importer, rest, unchanged = self.importer, [], 0
        seen = importer.keys  # ("member", pk), (key field, value) -> the first row using it
        seen.look_up(_looked_up(known))
        for index, row_hash in enumerate(hashes):
            entry = known.get(row_hash)
            if entry is None or seen.member(entry[0]) is not None or (entry[1] and _any_in(entry[1], seen)):
                rest.append(index)  # a row repeated in the file repeats its member: checked in full
                continue
            seen.claim_member(entry[0], numbers[index], unchanged=True)  # its keys with it (import_keys)
            unchanged += 1
        importer.plan.unchanged += unchanged
        return rest

    def _known(self, column: str, hashes: list[str]) -> dict[str, tuple | None]:
        """hash -> (member id, the member's keys, cell code) of the rows stored with these hashes (in
        `column`) whose cell still has the code stored, a cell the user may change; None for the others
        and for a hash stored for more than one member (only the full check can tell)."""
        rows = _known_rows(column, sorted(set(hashes)))
        self._read_organizations({row[2] for row in rows})
        allowed, codes = self.allowed, self.codes
        known: dict[str, tuple | None] = {}
        national, record = KEYS
        for row_hash, member_id, organization_id, national_id, record_number, code in rows:
            if code != codes.get(organization_id) or not allowed[organization_id] or row_hash in known:
                known[row_hash] = None
            elif national_id and record_number:
                known[row_hash] = (member_id, ((national, national_id), (record, record_number)), code)
            else:  # a key may be empty (MemberImporter.keys holds the others)
                known[row_hash] = (member_id, _keys(national_id, record_number), code)
        return known

    def _read_organizations(self, ids: set[int]) -> None:
        """The code of these cells and whether the user may change their members: read once per pass, in
        one query for the cells not seen yet (a cell since deleted: no code)."""
        missing = ids - self.allowed.keys()
        if not missing:
            return
        can = self.importer.policy.can_in_organization
        for organization in Organization.objects.filter(pk__in=missing).only("pk", "path", "code"):
            self.allowed[organization.pk] = can(Action.CHANGE, organization)
            self.codes[organization.pk] = organization.code.upper()
        for pk in missing - self.allowed.keys():
            self.allowed[pk] = False


def _keys(national_id: str | None, record_number: str | None) -> tuple:
    """The member's keys as MemberImporter.keys holds them."""
    if national_id and record_number:
        return (KEYS[0], national_id), (KEYS[1], record_number)
    if national_id:
        return ((KEYS[0], national_id),)
    return ((KEYS[1], record_number),) if record_number else ()


def _any_in(keys: tuple, seen) -> bool:
    for key in keys:
        if seen.first(key) is not None:
            return True
    return False


def _looked_up(known: dict[str, tuple | None]):
    """The keys split() asks the importer's keys about: the known rows' members and keys."""
    for entry in known.values():
        if entry is not None:
            yield ("member", entry[0])
            yield from entry[1]


STORED = ("member_id", "organization_id", "national_id", "record_number", "organization_code")


def _known_rows(column: str, hashes: list[str]) -> list[tuple]:
    """(hash, member id, organization id, national ID, record number, cell code) of the rows stored with
    these hashes in `column`: one index probe per hash. On PostgreSQL the hashes are sent as one text (an
    array of thousands costs the driver a quoting check each) and each is probed in the index (OFFSET 0
    keeps the planner from scanning the table with the array as a filter)."""
    if not hashes:
        return []
    quote = connection.ops.quote_name
    if connection.vendor != "postgresql":
        return _select(ImportedRow._meta.db_table, (column, *STORED), column, hashes)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT h.row_hash, {', '.join(f'r.{name}' for name in STORED)}"
            f"  FROM unnest(string_to_array(%s, ',')) AS h(row_hash)"
            f" CROSS JOIN LATERAL (SELECT {', '.join(STORED)} FROM {quote(ImportedRow._meta.db_table)}"
            f"                      WHERE {quote(column)} = h.row_hash OFFSET 0) AS r",
            [",".join(hashes)],
        )
        return cursor.fetchall()


def _set_raw(entries: list[tuple[int, str]]) -> None:
    """Store the raw hash of (member id, raw hash) rows known by their values' hash: only the hash is
    written (the row is otherwise as stored; deleted meanwhile, it stays so)."""
    if not entries:
        return
    table = connection.ops.quote_name(ImportedRow._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # sent as two texts: the driver dumps a list item by item
            ids, raw_hashes = (",".join(map(str, column)) for column in zip(*entries, strict=True))
            cursor.execute(
                f"UPDATE {table} r SET raw_hash = e.raw_hash"
                f"  FROM unnest(string_to_array(%s, ',')::bigint[], string_to_array(%s, ','))"
                f" AS e(member_id, raw_hash) WHERE r.member_id = e.member_id",
                [ids, raw_hashes],
            )
        else:
            cursor.executemany(f"UPDATE {table} SET raw_hash = %s WHERE member_id = %s", [(h, pk) for pk, h in entries])


def remember(entries: list[tuple[int, str, str | None, str]]) -> None:
    """Store (member id, hash of the row's values, of its raw XML or None, cell code) of rows seen to be the
    member as stored, with the member's cell and keys as stored now (the trigger forgets them when these
    or the member's editable fields change)."""
    if not entries:
        return
    if connection.vendor == "postgresql":
        _remember_sql(entries)
        return
    stored = {
        pk: rest
        for pk, *rest in _select(
            Member._meta.db_table,
            ("id", "organization_id", "national_id", "record_number"),
            "id",
            [e[0] for e in entries],
        )
    }
    rows = [
        ImportedRow(
            member_id=pk,
            row_hash=row_hash,
            raw_hash=raw_hash,
            organization_id=stored[pk][0],
            national_id=stored[pk][1],
            record_number=stored[pk][2],
            organization_code=code.upper(),
        )
        for pk, row_hash, raw_hash, code in entries
        if pk in stored
    ]
    ImportedRow.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["member"],
        update_fields=["row_hash", "raw_hash", "organization_id", "national_id", "record_number", "organization_code"],
    )


_UPSERT = (
    "INSERT INTO exchange_importedrow AS r"
    " (member_id, row_hash, raw_hash, organization_id, national_id, record_number, organization_code)"
    " SELECT m.id, e.row_hash, e.raw_hash, m.organization_id, m.national_id, m.record_number, upper(e.code)"
    "   FROM {source} JOIN members_member m ON m.id = e.member_id"
    "  ORDER BY m.id"
    " ON CONFLICT (member_id) DO UPDATE SET row_hash = EXCLUDED.row_hash, raw_hash = EXCLUDED.raw_hash,"
    " organization_id = EXCLUDED.organization_id, national_id = EXCLUDED.national_id,"
    " record_number = EXCLUDED.record_number, organization_code = EXCLUDED.organization_code"
)


def _remember_sql(entries: list[tuple[int, str, str | None, str]]) -> None:
    """remember() in one statement: the cell and keys from the members' stored rows."""
    ids, hashes, raw_hashes, codes = (list(column) for column in zip(*entries, strict=True))
    source = "unnest(%s::bigint[], %s::text[], %s::text[], %s::text[]) AS e(member_id, row_hash, raw_hash, code)"
    with connection.cursor() as cursor:
        cursor.execute(_UPSERT.format(source=source), [ids, hashes, raw_hashes, codes])


class CreatedRows:
    """The rows of the new members a write pass created as their rows say, remembered (ImportedRow) chunk by
    chunk: on PostgreSQL copied straight into the table (a new member has no stored row yet), with the cell and
    keys the batch path wrote; elsewhere stored with those of the members' rows."""

    def add(
        self, rows: list, member_ids: list[int], hashes: dict[int, Hashes], rewritten: list[set], keys: list[tuple]
    ) -> None:
        """The chunk's new members whose stored values are those of their row: not those where the batch
        path wrote a field differently from the file (`rewritten`: per member, such fields, e.g. a date the
        replay gives otherwise): such a row is checked in full next time. `keys`: per member, the (cell,
        national ID, record number) written."""
        entries = [
            (pk, *hashes[row.number], row, row.organization.code, key)
            for row, pk, fields, key in zip(rows, member_ids, rewritten, keys, strict=True)
            if row.number in hashes and not (fields & row.data.keys())
        ]
        if not entries:
            return
        if connection.vendor == "postgresql":
            bulk.copy(
                _created_table(),
                ((pk, row_hash, raw_hash, *key, code.upper()) for pk, row_hash, raw_hash, _row, code, key in entries),
            )
            return
        stored = {
            pk: dict(zip(EDITABLE_FIELDS, rest, strict=True))
            for pk, *rest in _select(Member._meta.db_table, ("id", *EDITABLE_FIELDS), "id", [e[0] for e in entries])
        }
        remember(
            [
                (pk, row_hash, raw_hash, code)
                for pk, row_hash, raw_hash, row, code, _key in entries
                if all(stored[pk][k] == v for k, v in row.data.items() if k != "organization_code")
            ]
        )


@cache
def _created_table() -> bulk.Table:
    columns = ("member_id", "row_hash", "raw_hash", "organization_id", "national_id", "record_number")
    return bulk.Table(ImportedRow, (*columns, "organization_code"))
