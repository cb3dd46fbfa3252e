"""Import of members' fee bases (căn cứ đóng đảng phí) from .xlsx/.csv: each row checked by the same
service as the form (`fees.services.fee_basis_set`), all or nothing, every error by row and column; a row
equal to the member's current basis changes nothing, so re-importing a file is harmless."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from xaydungdang.access.policy import OutOfScope, policy_for
from xaydungdang.exchange.columns import CHOICE, DATE, DIGITS, CellError, Column, _vi_choices, parse_cell
from xaydungdang.exchange.fee_statements import parse_amount
from xaydungdang.exchange.readers import read_table
from xaydungdang.fees.choices import Category, Zone
from xaydungdang.fees.models import FeeBasis
from xaydungdang.fees.services import fee_basis_set
from xaydungdang.members.models import Member


def basis_columns() -> tuple[Column, ...]:
    return (
        Column("record_number", "Số lý lịch", aliases=("Số lý lịch đảng viên",)),
        Column("national_id", "Số CCCD", kind=DIGITS, aliases=("CCCD", "Căn cước công dân")),
        Column("full_name", "Họ và tên", aliases=("Họ tên",)),
        Column("category", "Đối tượng", kind=CHOICE, choices=_vi_choices(Category.choices), required=True),
        Column("amount", "Số tiền làm căn cứ", aliases=("Tiền lương", "Lương hưu", "Số tiền")),
        Column(
            "zone",
            "Vùng",
            kind=CHOICE,
            choices=tuple(
                (str(v), f"Vùng {roman}") for v, roman in zip(Zone.values, ("I", "II", "III", "IV"), strict=True)
            ),
        ),
        Column("valid_from", "Áp dụng từ ngày", kind=DATE, required=True, aliases=("Từ ngày",)),
    )


@dataclass
class BasisImport:
    created: int = 0
    unchanged: int = 0
    errors: list[dict] = field(default_factory=list)


class _Rollback(Exception):
    pass


def import_fee_bases(*, actor, file_name: str, content: bytes, commit: bool) -> BasisImport:
    """Raises readers.FileError for a file that is not a table."""
    policy_for(actor).require_can_change_anything()
    columns = basis_columns()
    headers = {c.field: c.header for c in columns}
    table = read_table(file_name, content, columns)
    result = BasisImport()
    visible = Member.objects.visible_to(actor)
    try:
        with transaction.atomic():
            for raw in table.rows:
                _row(actor, raw, columns, headers, visible, result)
            if result.errors or not commit:
                raise _Rollback
    except _Rollback:
        pass  # a dry run, or an error: nothing is written
    return result


def _row(actor, raw, columns, headers, visible, result: BasisImport) -> None:
    data, failed = {}, False

    def fail(name: str, message) -> None:
        nonlocal failed
        failed = True
        result.errors.append({"row": raw.number, "column": headers.get(name, ""), "message": str(message)})

    for column in columns:
        if column.field == "amount":
            cell = raw.values.get("amount")
            try:
                data["amount"] = parse_amount(cell) if cell not in (None, "", 0) else 0
            except CellError as exc:
                fail("amount", exc)
            continue
        try:
            data[column.field] = parse_cell(column, raw.values.get(column.field))
        except CellError as exc:
            fail(column.field, exc)
    for name in ("category", "valid_from"):
        if not failed and not data.get(name):
            fail(name, _("Không được để trống."))
    if failed:
        return
    member = _member(visible, data)
    if member is None:
        fail("record_number", _("Không tìm thấy đảng viên theo số lý lịch hoặc số CCCD trong phạm vi của bạn."))
        return
    zone = int(data["zone"]) if data.get("zone") else None
    current = FeeBasis.objects.filter(member=member).order_by("-valid_from").first()
    if current and (current.valid_from, current.category, current.amount, current.zone) == (
        data["valid_from"], data["category"], data["amount"], zone if data["category"] == Category.NOT_INSURED else None
    ):  # fmt: skip
        result.unchanged += 1
        return
    try:
        with transaction.atomic():
            fee_basis_set(
                actor=actor, member=member, category=data["category"], valid_from=data["valid_from"],
                amount=data["amount"], zone=zone,
            )  # fmt: skip
    except OutOfScope:
        fail("record_number", _("Bạn không có quyền sửa hồ sơ đảng phí của đảng viên này."))
        return
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            for message in messages:
                fail(name if name in headers else "", message)
        return
    result.created += 1


def _member(visible, data) -> Member | None:
    if data.get("record_number"):
        return visible.filter(record_number=data["record_number"]).first()
    if data.get("national_id"):
        return visible.filter(national_id=data["national_id"]).first()
    return None
