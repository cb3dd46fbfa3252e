"""A meeting's attendance from a spreadsheet (the roster template filled in), and the template itself.

The file names each member by record number (số lý lịch); the rows go to `meetings.services.attendance_record`
as the phone form's do, so the same rules refuse them; all or nothing, each error with its row and column.
"""

from functools import cache

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from xaydungdang.core.spreadsheets import xlsx_bytes
from xaydungdang.exchange.columns import CHOICE, CellError, Column, _vi_choices, parse_cell
from xaydungdang.exchange.readers import FileError, read_table
from xaydungdang.meetings import services
from xaydungdang.meetings.choices import Presence
from xaydungdang.meetings.selectors import roster

MAX_ROWS = 5000


@cache
def attendance_columns() -> tuple[Column, ...]:
    return (
        Column("record_number", "Số lý lịch", required=True, aliases=("Số lý lịch đảng viên",)),
        Column("full_name", "Họ và tên", width=28),
        Column("presence", "Tình hình dự", CHOICE, _vi_choices(Presence.choices), required=True, width=26),
        Column("reason", "Lý do", width=30),
    )


def template_xlsx(meeting) -> bytes:
    """The meeting's roster with each member's default attendance, ready to fill in."""
    columns = attendance_columns()

    def write(book):
        sheet = book.sheet(_("Điểm danh"), widths=[c.width for c in columns])
        sheet.title(f"{meeting.get_kind_display()} — {meeting.organization.name}")
        sheet.blank()
        sheet.header([c.header for c in columns])
        for row in roster(meeting):
            presence = columns[2].label_of(row.default_presence)
            sheet.row([row.member.record_number, row.member.full_name, presence, ""])

    return xlsx_bytes(write)


def _read(meeting, file_name: str, content: bytes) -> tuple[dict, dict[int, int], list[str]]:
    columns = {c.field: c for c in attendance_columns()}
    by_record = {row.member.record_number: row.member for row in roster(meeting) if row.member.record_number}
    entries: dict[int, tuple[str, str]] = {}
    rows_of: dict[int, int] = {}
    errors: list[str] = []
    try:
        table = read_table(file_name, content, tuple(columns.values()))
    except FileError as exc:
        return {}, {}, [str(exc)]
    for raw in table.rows:
        if len(rows_of) >= MAX_ROWS:
            errors.append(_("Tệp có quá %(n)s dòng.") % {"n": MAX_ROWS})
            break
        values = {}
        for name, column in columns.items():
            try:
                values[name] = parse_cell(column, raw.values.get(name))
            except CellError as exc:
                errors.append(_("Dòng %(row)s, cột «%(column)s»: %(error)s") % {
                    "row": raw.number, "column": column.header, "error": exc})  # fmt: skip
        if len(values) < len(columns):
            continue
        member = by_record.get(str(values["record_number"]).strip())
        if member is None:
            errors.append(_("Dòng %(row)s, cột «Số lý lịch»: không có đảng viên «%(value)s» trong danh sách "
                            "sinh hoạt của buổi này.") % {"row": raw.number, "value": values["record_number"]})  # fmt: skip
        elif member.pk in entries:
            errors.append(_("Dòng %(row)s: đảng viên %(name)s đã có ở dòng %(first)s.") % {
                "row": raw.number, "name": member.full_name, "first": rows_of[member.pk]})  # fmt: skip
        else:
            entries[member.pk] = (values["presence"], values["reason"] or "")
            rows_of[member.pk] = raw.number
    return entries, rows_of, errors


def attendance_import(*, actor, meeting, held_on, file_name: str, content: bytes):
    """Record the attendance the file gives; refuses the whole file on the first error of any row."""
    entries, rows_of, errors = _read(meeting, file_name, content)
    if errors:
        raise ValidationError({"file": errors})
    try:
        return services.attendance_record(actor=actor, meeting=meeting, held_on=held_on, entries=entries)
    except ValidationError as exc:
        if not hasattr(exc, "error_dict"):
            raise
        messages = []
        for key, texts in exc.message_dict.items():
            row = rows_of.get(int(key[1:])) if key.startswith("m") and key[1:].isdigit() else None
            for text in texts:
                messages.append(_("Dòng %(row)s: %(error)s") % {"row": row, "error": text} if row else text)
        raise ValidationError({"file": messages}) from exc
