"""Rows to files: the .xlsx template and exports in the same layout, through core.spreadsheets (no queries)."""

import io
from collections.abc import Iterable

from xaydungdang.core.spreadsheets import Workbook, csv_bytes
from xaydungdang.exchange.columns import CHOICE, DATE, Column

HEADER_ROW = 3  # title, a blank line, then the header (1-based, as Excel numbers rows)
VALIDATED_ROWS = 100000


def cell_value(column: Column, value):
    """What the file holds for a stored value: dates stay dates, choices become their Vietnamese labels."""
    if value in (None, ""):
        return None
    if column.kind == DATE:
        return value
    return column.label_of(value)


def write_xlsx(
    columns: tuple[Column, ...], rows: Iterable[dict], *, title: str, sheet: str = "Dữ liệu", target=None, progress=None
) -> bytes | None:
    """One sheet: the title, a blank line, then the table with its header frozen. Text stays text (a CCCD
    keeps its leading zero), dates are dates shown dd/mm/yyyy. Written to `target` (a path or file) when
    given, else returned as bytes. `progress(rows_written)` is called every 1,000 rows."""
    buffer = io.BytesIO() if target is None else None
    with Workbook(buffer if target is None else target) as workbook:
        worksheet = workbook.sheet(sheet, widths=[column.width for column in columns])
        worksheet.title(title)
        worksheet.blank()
        worksheet.header([column.header + (" *" if column.required else "") for column in columns], height=32)
        _add_choice_lists(worksheet.worksheet, columns)
        written = 0
        for row in rows:
            worksheet.row([cell_value(column, row.get(column.field)) for column in columns])
            written += 1
            if progress and written % 1000 == 0:
                progress(written)
        if progress:
            progress(written)
    return buffer.getvalue() if buffer is not None else None


def write_csv(columns: tuple[Column, ...], rows: Iterable[dict]) -> bytes:
    return csv_bytes(
        [column.header for column in columns],
        ([cell_value(column, row.get(column.field)) for column in columns] for row in rows),
    )


def _add_choice_lists(worksheet, columns: tuple[Column, ...]) -> None:
    """Drop-down lists on choice columns (short ones only: Excel caps a list formula at 255 characters)."""
    first, last = HEADER_ROW, HEADER_ROW + VALIDATED_ROWS  # 0-based rows below the header
    for index, column in enumerate(columns):
        if column.kind == CHOICE:
            labels = [label for _value, label in column.choices]
            if len(",".join(labels)) <= 250 and not any("," in label or '"' in label for label in labels):
                worksheet.data_validation(first, index, last, index, {"validate": "list", "source": labels})
        elif column.kind == DATE:
            worksheet.data_validation(
                first,
                index,
                last,
                index,
                {"validate": "any", "input_title": "Ngày", "input_message": "Ghi theo dạng dd/mm/yyyy"},
            )
