"""Rows to bytes: the .xlsx template and exports in the same layout (no queries)."""

import io
from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from xaydungdang.exchange.columns import CHOICE, DATE, Column

HEADER_FILL = PatternFill("solid", fgColor="C00000")
HEADER_FONT = Font(bold=True, color="FFFFFF")


def write_xlsx(columns: tuple[Column, ...], rows: Iterable[dict], *, title: str, sheet: str = "Dữ liệu") -> bytes:
    """One sheet: the title, a blank line, then the table. Every cell is text (dates as dd/mm/yyyy),
    so Excel does not drop the leading zero of a CCCD nor reinterpret a date in another locale."""
    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet)
    for index, column in enumerate(columns, start=1):
        worksheet.column_dimensions[get_column_letter(index)].width = column.width
    _add_choice_lists(worksheet, columns)
    worksheet.append([title])
    worksheet.append([])
    worksheet.append([_header_cell(worksheet, column) for column in columns])
    for row in rows:
        worksheet.append([column.label_of(row.get(column.field)) for column in columns])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _header_cell(worksheet, column: Column):
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(worksheet, value=column.header + (" *" if column.required else ""))
    cell.font = HEADER_FONT
    cell.fill = HEADER_FILL
    cell.alignment = Alignment(wrap_text=True, vertical="center")
    return cell


def _add_choice_lists(worksheet, columns: tuple[Column, ...]) -> None:
    """Drop-down lists on choice columns (short ones only: Excel caps a list formula at 255 characters)."""
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        if column.kind == CHOICE:
            labels = ",".join(label for _value, label in column.choices)
            if len(labels) <= 250 and not any("," in label or '"' in label for _v, label in column.choices):
                validation = DataValidation(type="list", formula1=f'"{labels}"', allow_blank=True)
                validation.add(f"{letter}4:{letter}100000")
                worksheet.data_validations.append(validation)
        elif column.kind == DATE:
            validation = DataValidation(
                type="custom",
                formula1="TRUE",
                promptTitle="Ngày",
                prompt="Ghi theo dạng dd/mm/yyyy",
                showInputMessage=True,
            )
            validation.add(f"{letter}4:{letter}100000")
            worksheet.data_validations.append(validation)
