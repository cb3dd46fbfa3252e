"""The statistical tables as an .xlsx laid out like the official forms: title block, unit, date,
numbered columns, a totals row and the note on the missing official column list."""

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from xaydungdang.core.dates import format_vn_date
from xaydungdang.organizations.models import Organization
from xaydungdang.reports.tables import GAP_NOTE, FilledTable

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
NUMBER_FORMAT = "#,##0"  # Excel shows the grouping the way the user's locale writes it (2.517 in vi-VN)
HEADER_ROW = 7


def _title_block(sheet, filled: FilledTable, width: int) -> None:
    parent = Organization.objects.get_parent(filled.organization)
    sheet["A1"] = parent.name.upper() if parent else ""
    sheet["A2"] = filled.organization.name.upper()
    sheet["A2"].font = Font(bold=True)
    sheet.cell(row=1, column=width, value="ĐẢNG CỘNG SẢN VIỆT NAM").font = Font(bold=True, underline="single")
    sheet.cell(row=1, column=width).alignment = Alignment(horizontal="right")
    sheet.cell(row=2, column=width, value=f"Biểu {filled.table.code}").alignment = Alignment(horizontal="right")
    sheet.merge_cells(start_row=4, start_column=1, end_row=4, end_column=width)
    sheet["A4"] = filled.table.title.upper()
    sheet["A4"].font = Font(bold=True, size=14)
    sheet["A4"].alignment = CENTER
    sheet.merge_cells(start_row=5, start_column=1, end_row=5, end_column=width)
    sheet["A5"] = f"Đơn vị: {filled.organization.name} — số liệu tính đến ngày {format_vn_date(filled.on)}"
    sheet["A5"].alignment = CENTER
    sheet["A5"].font = Font(italic=True)


def _write_table(sheet, filled: FilledTable) -> None:
    labels = ["STT", "Tên tổ chức đảng", *(column.label for column in filled.table.columns)]
    width = len(labels)
    _title_block(sheet, filled, width)
    for index, label in enumerate(labels, start=1):
        for row, value in ((HEADER_ROW, label), (HEADER_ROW + 1, f"({index})")):
            cell = sheet.cell(row=row, column=index, value=value)
            cell.font, cell.alignment, cell.border = Font(bold=True), CENTER, BOX
    row = HEADER_ROW + 2
    for number, (name, values) in enumerate(filled.rows, start=1):
        _write_row(sheet, row, [number, name, *values])
        row += 1
    _write_row(sheet, row, ["", "Tổng cộng", *filled.total], bold=True)
    sheet.cell(row=row + 2, column=1, value=GAP_NOTE).font = Font(italic=True, size=9)
    sheet.column_dimensions["A"].width = 6
    sheet.column_dimensions["B"].width = 40
    for index in range(3, width + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 14
    sheet.row_dimensions[HEADER_ROW].height = 45
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 2, column=3)


def _write_row(sheet, row: int, values: list, *, bold: bool = False) -> None:
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=column, value=value)
        cell.border = BOX
        cell.font = Font(bold=bold)
        if column > 2:
            cell.number_format = NUMBER_FORMAT
        elif column == 1:
            cell.alignment = Alignment(horizontal="center")


def tables_xlsx(tables: list[FilledTable]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for filled in tables:
        _write_table(workbook.create_sheet(filled.table.code), filled)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
