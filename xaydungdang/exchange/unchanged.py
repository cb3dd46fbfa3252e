# ruff: noqa: S608 - SQL is built only from our models' table and column names; every value is a parameter
"""Rows of a member import that are the same as when they were last seen unchanged, told apart before
any parsing: a hash of the row's raw cells (and of the fields they are in) is looked up among the stored
ones (exchange.ImportedRow); the row counts unchanged when the member's edit version and cell code are
still those stored beside it. Any other row goes through the full check, and the rows it finds unchanged
(or creates exactly as the file says) are remembered for the next import.
"""

import hashlib
from collections.abc import Mapping
from types import SimpleNamespace

from django.db import connection

from xaydungdang.access.choices import Action
from xaydungdang.core.versions import version_of
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


def version(values: dict) -> str:
    """members.services.member_version of a member's stored values (no model instance needed)."""
    return version_of(SimpleNamespace(**values), EDITABLE_FIELDS)


def version_sql(alias: str) -> str:
    """A version of the member row `alias` computed by PostgreSQL, so that a re-import compares versions
    without fetching the members' fields: the first 16 hex digits of the MD5 of the row of its editable
    fields as text (a row's text quotes its fields, so other values give another text; dates written out,
    whatever the session's DateStyle). Not member_version's value (a SHA-256 of JSON, three times the
    cost): on PostgreSQL every stored version is computed here, and only ever compared with this."""
    quote = connection.ops.quote_name
    fields = []
    for name in EDITABLE_FIELDS:
        field = Member._meta.get_field(name)
        column = f"{alias}.{quote(field.column)}"
        fields.append(f"to_char({column}, 'YYYY-MM-DD')" if field.get_internal_type() == "DateField" else column)
    return f"left(md5(row({', '.join(fields)})::text), 16)"


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


class UnchangedRows:
    """Per import pass: splits each chunk into the rows known unchanged (counted, never parsed) and the others."""

    def __init__(self, importer) -> None:
        self.importer = importer  # its `keys`: the members and keys of the rows read so far
        self.allowed: dict[int, bool] = {}  # organization id -> the user may change its members
        self.codes: dict[int, str] = {}  # organization id -> its code in upper case, as stored with the rows

    def split(self, numbers: list[int], raw: Mapping[str, list]) -> tuple[list[int], Mapping, dict[int, str]]:
        """The rows still to check (numbers, raw columns) and the hash of each by row number. A row counts
        unchanged when its hash is stored for one member still as stored, in a cell the user may change,
        and neither the row (repeated) nor the member or its keys came earlier in the file."""
        hashes = row_hashes(raw)
        known = self._known(hashes)
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
        if len(rest) == len(numbers):
            return numbers, raw, dict(zip(numbers, hashes, strict=True))
        if isinstance(raw, Cells):
            kept = raw.subset(rest)
        else:
            kept = {name: [cells[i] for i in rest] for name, cells in raw.items()}
        return [numbers[i] for i in rest], kept, {numbers[i]: hashes[i] for i in rest}

    def _known(self, hashes: list[str]) -> dict[str, tuple | None]:
        """hash -> (member id, the member's keys) of the stored rows whose member is still as stored (its
        version and cell code), in a cell the user may change; None for the others and for a hash stored
        for more than one member (only the full check can tell)."""
        wanted = sorted(set(hashes))
        rows = _known_sql(wanted) if connection.vendor == "postgresql" else _known_python(wanted)
        self._read_organizations({row[2] for row in rows})
        allowed, codes = self.allowed, self.codes
        known: dict[str, tuple | None] = {}
        national, record = KEYS
        for row_hash, member_id, organization_id, national_id, record_number, same_version, code in rows:
            if not (same_version and code == codes[organization_id] and allowed[organization_id]) or row_hash in known:
                known[row_hash] = None
            elif national_id and record_number:
                known[row_hash] = (member_id, ((national, national_id), (record, record_number)))
            else:  # a key may be empty (MemberImporter.keys holds the others)
                known[row_hash] = (member_id, _keys(national_id, record_number))
        return known

    def _read_organizations(self, ids: set[int]) -> None:
        """The code of these cells and whether the user may change their members: read once per pass, in
        one query for the cells not seen yet."""
        missing = ids - self.allowed.keys()
        if not missing:
            return
        can = self.importer.policy.can_in_organization
        for organization in Organization.objects.filter(pk__in=missing).only("pk", "path", "code"):
            self.allowed[organization.pk] = can(Action.CHANGE, organization)
            self.codes[organization.pk] = organization.code.upper()


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


def _known_sql(hashes: list[str]) -> list[tuple]:
    """(hash, member id, organization id, national ID, record number, whether the member's version is
    still the stored one, the cell code stored) of the stored rows with these hashes, in one query
    (PostgreSQL). Each hash is looked up in the index and each member by its key: OFFSET 0 keeps the
    planner from scanning the whole table with the array as a filter (or hash-joining the members) for
    every chunk."""
    quote = connection.ops.quote_name
    stored, members = quote(ImportedRow._meta.db_table), quote(Member._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT h.row_hash, r.member_id, m.organization_id, m.national_id, m.record_number, m.same, r.code"
            f"  FROM unnest(string_to_array(%s, ',')) AS h(row_hash)"
            f" CROSS JOIN LATERAL (SELECT r.member_id, r.version, r.organization_code FROM {stored} r"
            f"                      WHERE r.row_hash = h.row_hash OFFSET 0) AS r(member_id, version, code)"
            f" CROSS JOIN LATERAL (SELECT m.organization_id, m.national_id, m.record_number,"
            f"                            r.version = {version_sql('m')}"
            f"                       FROM {members} m WHERE m.id = r.member_id OFFSET 0)"
            f"       AS m(organization_id, national_id, record_number, same)",
            [",".join(hashes)],  # one text: an array of thousands costs the driver a quoting check each
        )
        return cursor.fetchall()


def _known_python(hashes: list[str]) -> list[tuple]:
    """_known_sql's rows, the versions computed here (other databases)."""
    stored = _select(
        ImportedRow._meta.db_table, ("row_hash", "member_id", "version", "organization_code"), "row_hash", hashes
    )
    if not stored:
        return []
    members = {
        pk: (organization_id, dict(zip(EDITABLE_FIELDS, rest, strict=True)))
        for pk, organization_id, *rest in _select(
            Member._meta.db_table, ("id", "organization_id", *EDITABLE_FIELDS), "id", [row[1] for row in stored]
        )
    }
    rows = []
    for row_hash, member_id, stored_version, code in stored:
        if member_id in members:
            organization_id, values = members[member_id]
            same = version(values) == stored_version
            rows.append(
                (row_hash, member_id, organization_id, values["national_id"], values["record_number"], same, code)
            )
    return rows


def remember(entries: list[tuple[int, str, dict, str]]) -> None:
    """Store (member id, row hash, the member's values, cell code) of rows seen to be the member as stored
    (on PostgreSQL the version is computed from the stored row: the values are not needed)."""
    if not entries:
        return
    if connection.vendor == "postgresql":
        _remember_sql([(pk, row_hash, code) for pk, row_hash, _values, code in entries])
        return
    rows = [
        ImportedRow(member_id=pk, row_hash=row_hash, version=version(values), organization_code=code.upper())
        for pk, row_hash, values, code in entries
    ]
    ImportedRow.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["member"],
        update_fields=["row_hash", "version", "organization_code"],
    )


def _remember_sql(entries: list[tuple[int, str, str]]) -> None:
    """remember() in one statement: the versions from the members' stored rows."""
    quote = connection.ops.quote_name
    ids, hashes, codes = (list(column) for column in zip(*entries, strict=True))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(ImportedRow._meta.db_table)} AS r (member_id, row_hash, version, organization_code)"
            f" SELECT m.id, e.row_hash, {version_sql('m')}, upper(e.code)"
            f"   FROM unnest(%s::bigint[], %s::text[], %s::text[]) AS e(member_id, row_hash, code)"
            f"   JOIN {quote(Member._meta.db_table)} m ON m.id = e.member_id"
            f"  ORDER BY m.id"
            f" ON CONFLICT (member_id) DO UPDATE"
            f" SET row_hash = EXCLUDED.row_hash, version = EXCLUDED.version, organization_code = EXCLUDED.organization_code",
            [ids, hashes, codes],
        )


class CreatedRows:
    """The rows of the new members a write pass created as their rows say, remembered (ImportedRow) when
    the pass is done: on PostgreSQL copied chunk by chunk into a temporary table, then stored in one
    statement (the versions from the members' rows); elsewhere stored chunk by chunk."""

    TABLE = "exchange_created_rows"

    def __init__(self) -> None:
        self.staged = False

    def add(self, rows: list, member_ids: list[int], hashes: dict[int, str], rewritten: list[set]) -> None:
        """The chunk's new members whose stored values are those of their row: not those where the batch
        path wrote a field differently from the file (`rewritten`: per member, such fields, e.g. a date the
        replay gives otherwise): such a row is checked in full next time."""
        entries = [
            (pk, hashes[row.number], row, row.organization.code)
            for row, pk, fields in zip(rows, member_ids, rewritten, strict=True)
            if row.number in hashes and not (fields & row.data.keys())
        ]
        if not entries:
            return
        if connection.vendor == "postgresql":
            self._stage([(pk, row_hash, code) for pk, row_hash, _row, code in entries])
            return
        stored = {
            pk: dict(zip(EDITABLE_FIELDS, rest, strict=True))
            for pk, *rest in _select(Member._meta.db_table, ("id", *EDITABLE_FIELDS), "id", [e[0] for e in entries])
        }
        remember(
            [
                (pk, row_hash, stored[pk], code)
                for pk, row_hash, row, code in entries
                if all(stored[pk][k] == v for k, v in row.data.items() if k != "organization_code")
            ]
        )

    def _stage(self, entries: list[tuple[int, str, str]]) -> None:
        with connection.cursor() as cursor:
            if not self.staged:
                cursor.execute(f"DROP TABLE IF EXISTS {self.TABLE}")
                cursor.execute(
                    f"CREATE TEMP TABLE {self.TABLE} (member_id bigint, row_hash text, code text) ON COMMIT DROP"
                )
                self.staged = True
            with cursor.cursor.copy(f"COPY {self.TABLE} (member_id, row_hash, code) FROM STDIN") as stream:
                for entry in entries:
                    stream.write_row(entry)

    def finish(self) -> None:
        if not self.staged:
            return
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {self.TABLE}")
            cursor.execute(
                f"INSERT INTO {quote(ImportedRow._meta.db_table)} (member_id, row_hash, version, organization_code)"
                f" SELECT m.id, e.row_hash, {version_sql('m')}, upper(e.code)"
                f"   FROM {self.TABLE} e JOIN {quote(Member._meta.db_table)} m ON m.id = e.member_id"
                f"  ORDER BY m.id"
                f" ON CONFLICT (member_id) DO UPDATE SET row_hash = EXCLUDED.row_hash, version = EXCLUDED.version,"
                f" organization_code = EXCLUDED.organization_code"
            )
            cursor.execute(f"DROP TABLE {self.TABLE}")
        self.staged = False
