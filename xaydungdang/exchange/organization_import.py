"""Import of organizations: small files (a tree has hundreds of nodes), so every row goes through the
organization services themselves, in file order (a parent may be created a few rows above its children),
each in a savepoint; the whole file is rolled back on any error or in a dry run."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from xaydungdang.exchange.columns import organization_columns
from xaydungdang.exchange.member_import import Row, parse_row
from xaydungdang.exchange.readers import read_table
from xaydungdang.organizations.models import Organization
from xaydungdang.organizations.services import organization_create, organization_update
from xaydungdang.reorganizations.services import organization_move

UPDATABLE = ("name", "sector", "admin_unit_code", "founded_on", "founding_decision")
UNKNOWN_PARENT = _("Không có tổ chức mã «%(code)s» trong phạm vi quản lý của bạn.")
KIND_CHANGED = _("Không đổi được loại tổ chức khi nhập tệp; hãy dùng chức năng sắp xếp tổ chức.")
CODE_TAKEN = _("Mã tổ chức «%(code)s» đã được dùng cho một tổ chức khác.")


class _Rollback(Exception):
    pass


def import_organizations(*, user, file_name: str, content: bytes, commit: bool):
    """Returns (errors, (created, updated, unchanged)); raises readers.FileError for an unreadable file."""
    columns = organization_columns()
    table = read_table(file_name, content, columns)
    headers = {c.field: c.header for c in columns}
    headers["parent"] = headers["new_parent"] = headers["parent_code"]
    errors: list[dict] = []
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    try:
        with transaction.atomic():
            for raw in table.rows:
                row = parse_row(raw, columns, table.present)
                if not row.errors:
                    _apply_row(user=user, row=row, counts=counts, reason=f"Nhập từ tệp {file_name}")
                errors.extend({"row": row.number, "column": headers.get(f, ""), "message": m} for f, m in row.errors)
            if errors or not commit:
                raise _Rollback
    except _Rollback:
        pass
    return errors, (counts["created"], counts["updated"], counts["unchanged"])


def _find(user, code: str, *, scoped: bool) -> Organization | None:
    queryset = Organization.objects.visible_to(user) if scoped else Organization.objects
    return queryset.annotate(code_upper=Upper("code")).filter(code_upper=code.upper()).first()


def _apply_row(*, user, row: Row, counts: dict, reason: str) -> None:
    data = row.data
    parent = None
    if data.get("parent_code"):
        parent = _find(user, data["parent_code"], scoped=True)
        if parent is None:
            row.fail("parent_code", UNKNOWN_PARENT % {"code": data["parent_code"]})
            return
    try:
        with transaction.atomic():
            _upsert(user=user, row=row, parent=parent, counts=counts, reason=reason)
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            for message in messages:
                row.fail(name, message)
    except PermissionDenied as exc:
        row.fail("parent_code", str(exc))


def _upsert(*, user, row: Row, parent, counts: dict, reason: str) -> None:
    data = row.data
    existing = _find(user, data["code"], scoped=False)
    fields = {name: data[name] for name in UPDATABLE if name in data}
    if existing is None:
        extra = {k: v for k, v in fields.items() if k != "name"}
        organization_create(
            actor=user, parent=parent, code=data["code"], name=data["name"], kind=data["kind"], reason=reason, **extra
        )
        counts["created"] += 1
        return
    if not Organization.objects.visible_to(user).filter(pk=existing.pk).exists():
        row.fail("code", CODE_TAKEN % {"code": data["code"]})
        return
    if existing.kind != data["kind"]:
        row.fail("kind", KIND_CHANGED)
        return
    changes = {name: value for name, value in fields.items() if getattr(existing, name) != value}
    moved = "parent_code" in data and parent is not None and Organization.objects.get_parent(existing).pk != parent.pk
    if moved:
        organization_move(actor=user, organization=existing, new_parent=parent, reason=reason)
        existing = Organization.objects.get(pk=existing.pk)
    if changes:
        organization_update(actor=user, organization=existing, reason=reason, **changes)
    counts["updated" if changes or moved else "unchanged"] += 1
