# ruff: noqa: S608 - SQL is built only from our models' table and column names; every value is a parameter
"""Rows of a member import that are the same as when they were last seen unchanged, told apart before
any parsing: a hash of the row's raw cells (and of the fields they are in) is looked up among the stored
ones (exchange.ImportedRow); the row counts unchanged when the member's edit version and cell code are
still those stored beside it. Any other row goes through the full check, and the rows it finds unchanged
(or creates exactly as the file says) are remembered for the next import.
"""

import hashlib
from types import SimpleNamespace

from django.db import connection

from xaydungdang.access.choices import Action
from xaydungdang.core.versions import version_of
from xaydungdang.exchange.models import ImportedRow
from xaydungdang.members.models import Member
from xaydungdang.members.services import EDITABLE_FIELDS
from xaydungdang.organizations.models import Organization

KEYS = ("national_id", "record_number")


def row_hashes(raw: dict[str, list]) -> list[str]:
    """A hash per row of the chunk's raw cells (types told apart: 1, 1.0 and "1" differ), fields included."""
    names = sorted(raw)
    head = repr(names).encode()
    return [
        hashlib.blake2b(head + repr(cells).encode(), digest_size=16).hexdigest()
        for cells in zip(*(raw[name] for name in names), strict=True)
    ]


def version(values: dict) -> str:
    """members.services.member_version of a member's stored values (no model instance needed)."""
    return version_of(SimpleNamespace(**values), EDITABLE_FIELDS)


def version_sql(alias: str) -> str:
    """members.services.member_version of the member row `alias`, computed by PostgreSQL (core.versions:
    the first 16 hex digits of the SHA-256 of the JSON list of the fields' texts, "" for none), so that a
    re-import compares versions without fetching the members' fields. A value PostgreSQL would write
    differently from Python only costs that row the full check."""
    quote = connection.ops.quote_name
    texts = []
    for name in EDITABLE_FIELDS:
        field = Member._meta.get_field(name)
        column = f"{alias}.{quote(field.column)}"
        text = f"to_char({column}, 'YYYY-MM-DD')" if field.get_internal_type() == "DateField" else column
        texts.append(f"to_json(coalesce({text}, ''))::text")
    listed = f"'[' || concat_ws(', ', {', '.join(texts)}) || ']'"
    return f"left(encode(sha256(convert_to({listed}, 'UTF8')), 'hex'), 16)"


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
        self.importer = importer
        self.hashes: set[str] = set()  # of the rows read so far: a row repeated in the file is checked in full
        self.allowed: dict[int, bool] = {}  # organization id -> the user may change its members

    def split(self, numbers: list[int], raw: dict[str, list]) -> tuple[list[int], dict[str, list], dict[int, str]]:
        """The rows still to check (numbers, raw columns) and the hash of each by row number."""
        hashes = row_hashes(raw)
        known = self._known(hashes)
        rest = []
        seen = self.hashes
        for index, (number, row_hash) in enumerate(zip(numbers, hashes, strict=True)):
            if row_hash in seen or not self._unchanged(number, known.get(row_hash)):
                rest.append(index)
            seen.add(row_hash)
        if len(rest) == len(numbers):
            return numbers, raw, dict(zip(numbers, hashes, strict=True))
        kept = {name: [cells[i] for i in rest] for name, cells in raw.items()}
        return [numbers[i] for i in rest], kept, {numbers[i]: hashes[i] for i in rest}

    def _known(self, hashes: list[str]) -> dict[str, tuple | None]:
        """hash -> (member id, organization id, the member's keys, whether its version and cell code are
        still those stored); None when the hash is stored for more than one member (only the full check
        can tell)."""
        wanted = sorted(set(hashes))
        rows = _known_sql(wanted) if connection.vendor == "postgresql" else _known_python(wanted)
        known: dict[str, tuple | None] = {}
        for row_hash, member_id, organization_id, national_id, record_number, same in rows:
            keys = tuple((key, value) for key, value in zip(KEYS, (national_id, record_number), strict=True) if value)
            known[row_hash] = None if row_hash in known else (member_id, organization_id, keys, same)
        return known

    def _unchanged(self, number: int, entry: tuple | None) -> bool:
        if entry is None:
            return False
        member_id, organization_id, keys, same = entry
        importer = self.importer
        if (
            not same
            or member_id in importer.seen_members
            or any(key in importer.seen for key in keys)
            or not self._allowed(organization_id)
        ):
            return False
        importer.seen_members[member_id] = number
        for key in keys:
            importer.seen[key] = number
        importer.plan.unchanged += 1
        return True

    def _allowed(self, organization_id: int) -> bool:
        allowed = self.allowed.get(organization_id)
        if allowed is None:
            organization = Organization.objects.get(pk=organization_id)
            allowed = self.allowed[organization_id] = self.importer.policy.can_in_organization(
                Action.CHANGE, organization
            )
        return allowed


def _known_sql(hashes: list[str]) -> list[tuple]:
    """(hash, member id, organization id, national ID, record number, version and code still the stored
    ones) of the stored rows with these hashes, in one query (PostgreSQL)."""
    quote = connection.ops.quote_name
    members, organizations = quote(Member._meta.db_table), quote(Organization._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            # Each member by its key (a chunk's few thousand rows): OFFSET 0 keeps the planner from a
            # hash join that would read the whole members table for every chunk.
            f"SELECT r.row_hash, r.member_id, m.organization_id, m.national_id, m.record_number, m.same"
            f"  FROM {quote(ImportedRow._meta.db_table)} r"
            f" CROSS JOIN LATERAL (SELECT m.organization_id, m.national_id, m.record_number,"
            f"                            r.version = {version_sql('m')} AND r.organization_code = upper(o.code)"
            f"                       FROM {members} m JOIN {organizations} o ON o.id = m.organization_id"
            f"                      WHERE m.id = r.member_id OFFSET 0)"
            f"       AS m(organization_id, national_id, record_number, same)"
            f" WHERE r.row_hash = ANY(%s)",
            [hashes],
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
    codes = dict(Organization.objects.filter(pk__in={found[0] for found in members.values()}).values_list("pk", "code"))
    rows = []
    for row_hash, member_id, stored_version, code in stored:
        if member_id in members:
            organization_id, values = members[member_id]
            same = code == codes[organization_id].upper() and version(values) == stored_version
            rows.append((row_hash, member_id, organization_id, values["national_id"], values["record_number"], same))
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
