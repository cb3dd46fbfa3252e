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

    def split(self, numbers: list[int], raw: dict[str, list]) -> tuple[list[int], dict[str, list], dict[int, str]]:
        """The rows still to check (numbers, raw columns) and the hash of each by row number."""
        hashes = row_hashes(raw)
        known = self._known(hashes)
        rest = []
        for index, (number, row_hash) in enumerate(zip(numbers, hashes, strict=True)):
            if row_hash in self.hashes or not self._unchanged(number, known.get(row_hash)):
                rest.append(index)
            self.hashes.add(row_hash)
        if len(rest) == len(numbers):
            return numbers, raw, dict(zip(numbers, hashes, strict=True))
        kept = {name: [cells[i] for i in rest] for name, cells in raw.items()}
        return [numbers[i] for i in rest], kept, {numbers[i]: hashes[i] for i in rest}

    def _known(self, hashes: list[str]) -> dict[str, tuple | None]:
        """hash -> (member's current values, organization, stored version, stored code); None when the
        hash is stored for more than one member (only the full check can tell)."""
        stored = _select(
            ImportedRow._meta.db_table, ("row_hash", "member_id", "version", "organization_code"), "row_hash",
            sorted(set(hashes)),
        )  # fmt: skip
        if not stored:
            return {}
        members = {
            pk: (organization_id, dict(zip(EDITABLE_FIELDS, rest, strict=True)))
            for pk, organization_id, *rest in _select(
                Member._meta.db_table, ("id", "organization_id", *EDITABLE_FIELDS), "id", [row[1] for row in stored]
            )
        }
        organizations = Organization.objects.in_bulk({found[0] for found in members.values()})
        known: dict[str, tuple | None] = {}
        for row_hash, member_id, stored_version, code in stored:
            if member_id in members:
                organization_id, values = members[member_id]
                entry = (member_id, values, organizations[organization_id], stored_version, code)
                known[row_hash] = None if row_hash in known else entry
        return known

    def _unchanged(self, number: int, entry: tuple | None) -> bool:
        if entry is None:
            return False
        member_id, values, organization, stored_version, code = entry
        importer = self.importer
        keys = [(key, values[key]) for key in KEYS if values[key]]
        if (
            code != organization.code.upper()
            or member_id in importer.seen_members
            or any(key in importer.seen for key in keys)
            or not importer.policy.can_in_organization(Action.CHANGE, organization)
            or version(values) != stored_version
        ):
            return False
        importer.seen_members[member_id] = number
        for key in keys:
            importer.seen[key] = number
        importer.plan.unchanged += 1
        return True


def remember(entries: list[tuple[int, str, dict, str]]) -> None:
    """Store (member id, row hash, the member's values, cell code) of rows seen to be the member as stored."""
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


def remember_created(rows: list, member_ids: list[int], hashes: dict[int, str]) -> None:
    """The new members whose stored values are those of their row (the batch path may have replayed a
    date differently: such a row is checked in full next time)."""
    stored = {
        pk: dict(zip(EDITABLE_FIELDS, rest, strict=True))
        for pk, *rest in _select(Member._meta.db_table, ("id", *EDITABLE_FIELDS), "id", member_ids)
    }
    entries = []
    for row, pk in zip(rows, member_ids, strict=True):
        values = stored[pk]
        if row.number in hashes and all(values[k] == v for k, v in row.data.items() if k != "organization_code"):
            entries.append((pk, hashes[row.number], values, row.organization.code))
    remember(entries)
