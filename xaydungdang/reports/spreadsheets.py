"""The statistical tables as an .xlsx laid out like the official forms: title block, unit, date,
numbered columns, a totals row and the note on the missing official column list."""

from xaydungdang.core.dates import format_vn_date
from xaydungdang.core.spreadsheets import Sheet, Workbook, xlsx_bytes
from xaydungdang.organizations.models import Organization
from xaydungdang.reports.tables import GAP_NOTE, FilledTable

NUMBER_FORMAT = "#,##0"  # Excel shows the grouping the way the user's locale writes it (2.517 in vi-VN)
HEADER_ROW = 7  # 1-based, as Excel numbers rows
BOX = {"border": 1}
CENTER = {"align": "center", "valign": "vcenter", "text_wrap": True}


def _title_block(sheet: Sheet, workbook: Workbook, filled: FilledTable, width: int) -> None:
    """Rows 1-5 (0-based 0-4): superior and issuing organization, the Party's name, the form's code,
    the title and the unit with the date."""
    parent = Organization.objects.get_parent(filled.organization)
    last = width - 1
    right = workbook.format(align="right")
    sheet.put(0, 0, parent.name.upper() if parent else "")
    sheet.put(0, last, "ĐẢNG CỘNG SẢN VIỆT NAM", workbook.format(bold=True, underline=1, align="right"))
    sheet.put(1, 0, filled.organization.name.upper(), workbook.format(bold=True))
    sheet.put(1, last, f"Biểu {filled.table.code}", right)
    sheet.worksheet.merge_range(
        3, 0, 3, last, filled.table.title.upper(), workbook.format(bold=True, font_size=14, **CENTER)
    )
    unit = f"Đơn vị: {filled.organization.name} — số liệu tính đến ngày {format_vn_date(filled.on)}"
    sheet.worksheet.merge_range(4, 0, 4, last, unit, workbook.format(italic=True, **CENTER))
    sheet.next_row = HEADER_ROW - 1


def _write_table(workbook: Workbook, filled: FilledTable) -> None:
    labels = ["STT", "Tên tổ chức đảng", *(column.label for column in filled.table.columns)]
    width = len(labels)
    sheet = workbook.sheet(filled.table.code, widths=[6, 40, *([14] * (width - 2))])
    _title_block(sheet, workbook, filled, width)
    header = workbook.format(bold=True, **CENTER, **BOX)
    sheet.worksheet.set_row(sheet.next_row, 45)
    sheet.row(labels, [header] * width)
    sheet.row([f"({index})" for index in range(1, width + 1)], [header] * width)
    sheet.worksheet.freeze_panes(sheet.next_row, 2)
    for bold in (False, True):
        formats = [
            workbook.format(bold=bold, align="center", **BOX),
            workbook.format(bold=bold, **BOX),
            *([workbook.format(bold=bold, num_format=NUMBER_FORMAT, **BOX)] * (width - 2)),
        ]
        if not bold:
            for number, (name, values) in enumerate(filled.rows, start=1):
                sheet.row([number, name, *values], formats)
        else:
            sheet.row(["", "Tổng cộng", *filled.total], formats)
    sheet.blank()
    sheet.row([GAP_NOTE], [workbook.format(italic=True, font_size=9)])


def tables_xlsx(tables: list[FilledTable]) -> bytes:
    def write(workbook: Workbook) -> None:
        for filled in tables:
            _write_table(workbook, filled)

    return xlsx_bytes(write)
