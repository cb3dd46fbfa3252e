"""Payment statements for party fees: a bank's or the National Public Service Portal's .xlsx/.csv, read with
the tolerant reader, every cell checked, then matched and recorded by `fees.statements` (all or nothing on
unreadable cells: a row whose date or amount cannot be read stops the import with its row and column)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from xaydungdang.exchange.columns import CellError, Column, clean_text, parse_date
from xaydungdang.exchange.readers import read_table
from xaydungdang.fees.statements import StatementRow, period_in

_THOUSANDS = re.compile(r"\d{1,3}(?:[.,]\d{3})+")
_DECIMALS = re.compile(r"([\d.,]*\d)[.,]\d{1,2}")


def statement_columns() -> tuple[Column, ...]:
    return (
        Column("paid_on", "Ngày giao dịch", required=True, aliases=("Ngày", "Ngày nộp", "Ngày hiệu lực", "Ngày GD")),
        Column("amount", "Số tiền", required=True, aliases=("Ghi có", "Số tiền ghi có", "Có", "Số tiền nộp")),
        Column(
            "description", "Nội dung", aliases=("Diễn giải", "Nội dung chuyển khoản", "Mô tả", "Nội dung giao dịch")
        ),
        Column("reference", "Mã giao dịch", aliases=("Số tham chiếu", "Số bút toán", "Mã tham chiếu", "Số GD")),
        Column("member_code", "Mã đảng viên", aliases=("Số CCCD", "Số thẻ đảng viên", "Số lý lịch", "CCCD")),
        Column("period", "Kỳ đóng", aliases=("Tháng", "Kỳ", "Tháng đóng")),
    )


def parse_amount(raw) -> int:
    """Whole đồng from 150000, 150000.0, "150.000", "150,000 VND", "150.000,00"."""
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        if raw < 0 or raw != int(raw):
            raise CellError(_("Số tiền phải là số đồng nguyên dương: «%(value)s».") % {"value": raw})
        return int(raw)
    text = re.sub(r"[^\d.,]", "", clean_text(raw))
    decimals = _DECIMALS.fullmatch(text)
    if decimals and not _THOUSANDS.fullmatch(text):
        text = decimals[1]
    digits = text.replace(".", "").replace(",", "")
    if not digits or int(digits) <= 0:
        raise CellError(_("Số tiền không hợp lệ: «%(value)s».") % {"value": clean_text(raw)})
    return int(digits)


def read_statement(file_name: str, content: bytes) -> list[StatementRow]:
    """The statement's rows; a ValidationError listing every unreadable cell by row and column."""
    columns = statement_columns()
    headers = {c.field: c.header for c in columns}
    table = read_table(file_name, content, columns)
    rows, errors = [], []
    for raw in table.rows:
        values = raw.values
        try:
            paid_on = parse_date(values.get("paid_on"))
            if paid_on is None:
                raise CellError(_("Thiếu ngày giao dịch."))
        except CellError as exc:
            errors.append(
                _("Dòng %(row)s, cột «%(column)s»: %(message)s") % _where(raw.number, headers["paid_on"], exc)
            )
            continue
        try:
            amount = parse_amount(values.get("amount"))
        except CellError as exc:
            errors.append(_("Dòng %(row)s, cột «%(column)s»: %(message)s") % _where(raw.number, headers["amount"], exc))
            continue
        period_text = clean_text(values.get("period"))
        rows.append(
            StatementRow(
                row_number=raw.number,
                paid_on=paid_on,
                amount=amount,
                description=clean_text(values.get("description")),
                reference=clean_text(values.get("reference")),
                member_code=clean_text(values.get("member_code")),
                period=period_in(f"T{period_text}") if period_text else None,
            )
        )
    if errors:
        raise ValidationError({"file": errors})
    return rows


def _where(number: int, column: str, exc: CellError) -> dict:
    return {"row": number, "column": column, "message": str(exc)}
