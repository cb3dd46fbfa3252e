"""Import of members: check every row with the UI's rules, then write all rows or none.

Validation is `members.services.member_validate` (the same rules as the forms) on each row, with the two
checks that would query the database once per row (uniqueness of national ID and record number, and the
CHECK constraint that `rules.validate_member_dates` already checks with the same message) done once for
the whole file instead. Rows are keyed on the national ID, then the record number, so re-importing a file
changes nothing.
"""

from dataclasses import dataclass, field
from functools import cache

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Q
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from xaydungdang.access.choices import Action
from xaydungdang.access.policy import policy_for
from xaydungdang.exchange.columns import CellError, Column, member_columns, parse_cell, parse_plain_column
from xaydungdang.exchange.import_keys import FileKeys
from xaydungdang.exchange.readers import RawRow
from xaydungdang.members.models import Member
from xaydungdang.members.services import member_validate, members_validate_columns, require_member_holding
from xaydungdang.organizations.models import Organization

CHUNK = 2000
NULLABLE_KEYS = ("national_id", "record_number")  # unique and nullable: an empty cell is None

REQUIRED = _("Không được để trống.")
NO_KEY = _("Phải có Số CCCD hoặc Số lý lịch để nhận ra đảng viên khi nhập lại tệp.")
DUPLICATE_IN_FILE = _("Trùng với dòng %(row)s của tệp.")
TAKEN = _("%(value)s đã thuộc một đảng viên khác.")
UNKNOWN_ORG = _("Không có tổ chức mã «%(code)s» trong phạm vi quản lý của bạn.")
READ_ONLY_ORG = _("Bạn chỉ được xem, không được nhập đảng viên vào tổ chức «%(org)s».")
OUT_OF_SCOPE_MEMBER = _("Đảng viên này thuộc tổ chức ngoài phạm vi được sửa của bạn.")
TRANSFER = _(
    "Đảng viên đang sinh hoạt ở «%(org)s»; chuyển sinh hoạt đảng phải làm bằng thủ tục chuyển sinh hoạt, "
    "không qua nhập tệp."
)


@dataclass
class Row:
    number: int
    data: dict
    errors: list[tuple[str, str]] = field(default_factory=list)  # (field, message)
    organization: Organization | None = None
    member: Member | None = None  # the existing member the row updates
    changes: dict = field(default_factory=dict)

    def fail(self, field_name: str, message) -> None:
        self.errors.append((field_name, str(message)))


@dataclass
class Plan:
    columns: tuple[Column, ...]
    present: set[str]
    creates: list[Row] = field(default_factory=list)  # of the chunk being checked (see settle)
    updates: list[Row] = field(default_factory=list)
    created: int = 0  # rows of the whole file, counted as each chunk is settled
    updated: int = 0
    unchanged: int = 0
    errors: list[dict] = field(default_factory=list)

    def settle(self) -> None:
        """Count the chunk's creates and updates and let their rows go: memory stays that of a chunk."""
        self.created += len(self.creates)
        self.updated += len(self.updates)
        self.creates, self.updates = [], []

    def add_errors(self, row: Row) -> None:
        headers = {c.field: c.header for c in self.columns}
        headers["organization"] = headers["organization_code"]
        for field_name, message in row.errors:
            self.errors.append({"row": row.number, "column": headers.get(field_name, ""), "message": message})


def parse_row(raw: RawRow, columns: tuple[Column, ...], present: set[str]) -> Row:
    row = Row(raw.number, {})
    for column in columns:
        if column.field not in present:
            continue
        try:
            value = parse_cell(column, raw.values.get(column.field))
        except CellError as exc:
            row.fail(column.field, exc)
            continue
        if column.required and value in (None, ""):
            row.fail(column.field, REQUIRED)
        row.data[column.field] = None if (column.field in NULLABLE_KEYS and value == "") else value
    return row


def parse_chunk(numbers: list[int], raw: dict[str, list], columns: tuple[Column, ...], present: set[str]) -> list[Row]:
    """parse_row for a chunk, column by column: each distinct cell of a column is read once, then the
    column's values are looked up for all its cells at once (the messages are parse_row's). Rows the reader
    already parsed ahead (readers.Table.prepare: parse_chunk itself, with these columns) are taken as they are."""
    prepared = getattr(raw, "prepared", None)
    if prepared is not None and len(prepared) == len(numbers):
        return prepared
    rows = [Row(number, {}) for number in numbers]
    names, values = [], []
    failed: list[tuple[str, list[int]]] = []  # (field, rows whose cell was refused) per column
    for column in columns:
        if column.field not in present:
            continue
        name, parsed, refused = column.field, *_parse_column(column, raw[column.field])
        if refused:
            for index in refused:
                rows[index].errors.append((name, parsed[index].message))
            failed.append((name, refused))
        if column.required:
            for index, value in enumerate(parsed):
                if value is None or value == "":
                    rows[index].errors.append((name, str(REQUIRED)))
        names.append(name)
        values.append(parsed)
    for row, found in zip(rows, zip(*values, strict=True), strict=True):
        row.data = dict(zip(names, found, strict=True))
    for name, refused in failed:  # a refused cell gives no value (as in parse_row)
        for index in refused:
            del rows[index].data[name]
    return rows


class _Refused:
    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message


def _parse_column(column: Column, cells: list) -> tuple[list, list[int]]:
    """The column's values (a _Refused where a cell cannot be read) and the indexes of those cells.
    Cells are told apart by type as well as value (1, 1.0 and True are equal keys of a dict)."""
    nullable = column.field in NULLABLE_KEYS
    plain = parse_plain_column(column, cells)
    if plain is not None:
        return ([None if value == "" else value for value in plain] if nullable else plain), []
    keys = list(zip(map(type, cells), cells, strict=True))
    known: dict = {}
    for key in set(keys):
        try:
            value = parse_cell(column, key[1])
            known[key] = None if nullable and value == "" else value
        except CellError as exc:
            known[key] = _Refused(str(exc))
    values = list(map(known.__getitem__, keys))
    if not any(isinstance(value, _Refused) for value in known.values()):
        return values, []
    return values, [index for index, value in enumerate(values) if isinstance(value, _Refused)]


class _Existing:
    """What the importer needs of a member already stored: its key, cell and the imported fields."""

    __slots__ = ("pk", "organization_id", "organization", "values")

    def __init__(self, pk: int, organization_id: int, values: dict) -> None:
        self.pk, self.organization_id, self.organization, self.values = pk, organization_id, None, values

    def as_member(self) -> Member:
        return Member(pk=self.pk, organization=self.organization, **self.values)


IMPORTED_FIELDS = tuple(c.field for c in member_columns() if c.field != "organization_code")


def _stored(values: dict[str, list]) -> list[tuple]:
    """(pk, organization_id, *IMPORTED_FIELDS) of the members holding any of these key values. On
    PostgreSQL one array parameter per key (`= ANY(%s)`): a chunk's thousands of values as an IN list
    would be thousands of placeholders for the driver to split."""
    if connection.vendor != "postgresql":
        wanted = Q()
        for key, found in values.items():
            if found:
                wanted |= Q(**{f"{key}__in": found})
        return list(Member.objects.filter(wanted).values_list("pk", "organization_id", *IMPORTED_FIELDS))
    quote = connection.ops.quote_name
    columns = ", ".join(quote(Member._meta.get_field(name).column) for name in ("id", "organization", *IMPORTED_FIELDS))
    keys = [key for key, found in values.items() if found]
    where = " OR ".join(f"{quote(key)} = ANY(%s)" for key in keys)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM {quote(Member._meta.db_table)} WHERE {where}", [values[k] for k in keys])  # noqa: S608 - names from the model
        return cursor.fetchall()


class MemberImporter:
    """Validates rows chunk by chunk against the database state, remembering what the file already used
    (`keys`, in the database: the keys of its rows, the members they matched, the members written)."""

    def __init__(self, *, user, present: set[str], validate_new: bool = True):
        self.user = user
        self.validate_new = validate_new  # False when the same rows were already checked (a commit's pass)
        self.policy = policy_for(user)
        self.plan = Plan(member_columns(), present)
        # (key field, value), ("member", pk) -> the first row using it; ("created", pk): members this
        # import wrote (its later rows do not match them). See import_keys.
        self.keys = FileKeys()
        self.unchanged_rows: list[Row] = []  # of the last chunk (exchange.unchanged remembers them)

    def add(self, rows: list[Row]) -> None:
        organizations = self._organizations({r.data.get("organization_code") for r in rows})
        by_key = self._members({key: {r.data.get(key) for r in rows} for key in NULLABLE_KEYS})
        for row in rows:
            self._check(row, organizations, by_key)
        if self.validate_new:
            self._validate_new([row for row in rows if row.member is None])
        self.unchanged_rows = []
        for row in rows:
            if row.errors:
                self.plan.add_errors(row)
            elif row.member is None:
                self.plan.creates.append(row)
            elif row.changes:
                self.plan.updates.append(row)
            else:
                self.plan.unchanged += 1
                self.unchanged_rows.append(row)

    # --- lookups, once per chunk ------------------------------------------------------------------
    def _organizations(self, codes: set) -> dict[str, Organization]:
        codes = {c.upper() for c in codes if c}
        visible = Organization.objects.visible_to(self.user).annotate(code_upper=Upper("code"))
        return {o.code_upper: o for o in visible.filter(code_upper__in=codes)}

    def _members(self, values: dict[str, set]) -> dict[str, dict[str, _Existing]]:
        """The members holding these national IDs or record numbers: {key field: {value: member}}
        (their imported fields as plain values, not model instances: most rows of a re-import only
        compare)."""
        values = {key: sorted({v for v in found if v}) for key, found in values.items()}
        by_key: dict[str, dict[str, _Existing]] = {key: {} for key in values}
        rows = _stored(values) if any(values.values()) else []
        # What earlier chunks claimed of the chunk's keys and of these members, in one lookup.
        keys = self.keys
        keys.look_up(
            [
                *((key, value) for key, found in values.items() for value in found),
                *((kind, row[0]) for row in rows for kind in ("member", "created")),
            ]
        )
        members = [
            _Existing(pk, org, dict(zip(IMPORTED_FIELDS, rest, strict=True)))
            for pk, org, *rest in rows
            if keys.first(("created", pk)) is None
        ]
        # Their organizations once each (a chunk's members share a few cells), not a join per member.
        organizations = Organization.objects.in_bulk({m.organization_id for m in members})
        for member in members:
            member.organization = organizations[member.organization_id]
            for key in values:
                if member.values[key]:
                    by_key[key][member.values[key]] = member
        return by_key

    # --- one row ----------------------------------------------------------------------------------
    def _check(self, row: Row, organizations: dict, by_key: dict) -> None:
        self._check_keys(row, by_key)
        self._check_organization(row, organizations)
        if row.member is not None:
            self._diff(row)
            if row.changes:
                self._validate(row)

    def _check_keys(self, row: Row, by_key: dict) -> None:
        data = row.data
        if not any(data.get(k) for k in NULLABLE_KEYS) and not any(f in dict(row.errors) for f in NULLABLE_KEYS):
            row.fail("national_id", NO_KEY)
        matches = {k: by_key[k].get(data.get(k)) for k in NULLABLE_KEYS if data.get(k)}
        keys = self.keys
        for key in NULLABLE_KEYS:
            value = data.get(key)
            if not value:
                continue
            # The keys of a member a row known unchanged stood for are that row's (see import_keys).
            held = matches.get(key)
            stood = keys.member(held.pk) if held is not None else None
            earlier = stood[0] if stood is not None and stood[1] else keys.claim((key, value), row.number)
            if earlier is not None:
                row.fail(key, DUPLICATE_IN_FILE % {"row": earlier})
        member = matches.get("national_id") or matches.get("record_number")
        other = matches.get("record_number")
        if member and other and other.pk != member.pk:
            row.fail("record_number", TAKEN % {"value": data["record_number"]})
        if member is None:
            return
        stood = keys.member(member.pk)
        if stood is None:
            keys.claim_member(member.pk, row.number)
        else:
            row.fail("national_id", DUPLICATE_IN_FILE % {"row": stood[0]})
        # Member rows are scoped by their organization (access.policy): no per-row query needed.
        if not self.policy.can_in_organization(Action.CHANGE, member.organization):
            row.fail("national_id", OUT_OF_SCOPE_MEMBER)
            return  # say nothing more of a record outside the user's scope (not even its cell)
        row.member = member

    def _check_organization(self, row: Row, organizations: dict) -> None:
        code = row.data.get("organization_code")
        if not code:
            return
        organization = organizations.get(code.upper())
        if organization is None:
            row.fail("organization_code", UNKNOWN_ORG % {"code": code})
            return
        row.organization = organization
        if row.member is not None:
            if row.member.organization_id != organization.pk:
                row.fail("organization_code", TRANSFER % {"org": row.member.organization.name})
            return
        if not self.policy.can_in_organization(Action.CHANGE, organization):
            row.fail("organization_code", READ_ONLY_ORG % {"org": organization.name})
            return
        try:
            require_member_holding(organization)
        except ValidationError as exc:
            for messages in exc.message_dict.values():
                for message in messages:
                    row.fail("organization_code", message)

    def _diff(self, row: Row) -> None:
        stored = row.member.values
        for name, value in row.data.items():
            if name != "organization_code" and stored[name] != value:
                row.changes[name] = value

    def _validate_new(self, rows: list[Row]) -> None:
        """The new members of a chunk, column by column (members.services.members_validate_columns: the
        UI's rules, each field's own check once per distinct value)."""
        if not rows:
            return
        # A column per field (absent ones with their defaults, as _with_defaults gives them), straight from
        # the rows: no dict of each row's fields on the way.
        data = [row.data for row in rows]
        columns = {name: [values.get(name, default) for values in data] for name, default in _defaults().items()}
        skip = [{f for f, _message in row.errors if f in _MODEL_FIELDS} if row.errors else _NONE for row in rows]
        for row, errors in zip(rows, members_validate_columns(columns, skip=skip), strict=True):
            for name, messages in errors.items():
                for message in messages:
                    row.fail(name, message)

    def _validate(self, row: Row) -> None:
        member = row.member.as_member()
        for name, value in row.changes.items():
            setattr(member, name, value)
        failed = tuple({f for f, _message in row.errors if f in _MODEL_FIELDS})
        for name, messages in _member_validate_in_bulk(member, exclude=failed).items():
            for message in messages:
                row.fail(name, message)


_MODEL_FIELDS = frozenset(f.name for f in Member._meta.get_fields())


def _with_defaults(fields: dict) -> dict:
    """Absent columns take the model's defaults (a template with fewer columns is still a valid file)."""
    for name, default in _defaults().items():
        if name not in fields:
            fields[name] = default
    return fields


@cache
def _defaults() -> dict:
    """field -> the value a row without the column gives it, for each imported field (in IMPORTED_FIELDS' order)."""
    return {
        column.field: None if column.field in NULLABLE_KEYS else column.default
        for column in member_columns()
        if column.field != "organization_code"
    }


_NONE: frozenset[str] = frozenset()


def _skip(*args, **kwargs) -> None:
    return None


def _member_validate_in_bulk(member: Member, *, exclude: tuple[str, ...]) -> dict[str, list[str]]:
    """`member_validate` without its per-row queries (uniqueness and the CHECK constraint; see the module
    docstring): the importer checks uniqueness for the whole file, and the constraint's rule is in
    rules.validate_member_dates, which member_validate runs."""
    member.validate_unique = _skip
    member.validate_constraints = _skip
    try:
        member_validate(member, exclude=exclude)
    except ValidationError as exc:
        return exc.message_dict
    finally:
        del member.validate_unique, member.validate_constraints
    return {}
