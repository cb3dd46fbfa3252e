"""The one writer of .xlsx and .csv files: every export, register, table and template goes through here.

- **No formula reaches the reader's machine** (OWASP "CSV injection"): text that begins with `=`, `+`, `-`,
  `@`, a tab or a carriage return is written as text, never as a formula. In .xlsx it is a string cell with
  Excel's quote prefix (shown as typed, kept as text when edited); in .csv it gets a leading apostrophe,
  which the importer takes off again (`unescape`), so an export imports back unchanged.
- **Constant memory**: rows are written in order and flushed (xlsxwriter's constant_memory mode), so a
  150,000-row export costs the same memory as a 1,000-row one.
- **Typed cells**: dates stay dates (shown dd/mm/yyyy), numbers stay numbers; the header row is frozen and
  the columns have widths.
"""

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

import xlsxwriter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
HEADER_COLOR = "#C00000"


def formula_like(value) -> bool:
    """Would a spreadsheet program read this text as a formula (or a command)?"""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def escape(value):
    """The value as a .csv cell: formula-like text gets a leading apostrophe (OWASP)."""
    return ESCAPE + value if formula_like(value) else value


def unescape(text: str) -> str:
    """What `escape` wrote, read back: the apostrophe before a formula-like text is taken off."""
    if text.startswith(ESCAPE) and formula_like(text[1:]):
        return text[1:]
    return text


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """A .csv in UTF-8 with a byte-order mark (so Excel reads the diacritics), every cell escaped."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([escape(str(label)) for label in header])
    for row in rows:
        writer.writerow([escape(_csv_text(value)) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _csv_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


class Workbook:
    """An .xlsx written row by row. `target` is a path or a binary file object (BytesIO for small files).

    with Workbook(target) as book:
        sheet = book.sheet("Dữ liệu", widths=[28, 12])
        sheet.title("Danh sách …"); sheet.blank(); sheet.header(["Họ và tên", "Ngày sinh"])
        sheet.row(["Võ Thị Mai", date(1990, 4, 12)])
    """

    def __init__(self, target) -> None:
        self.book = xlsxwriter.Workbook(target, {"constant_memory": True, "strings_to_numbers": False})
        self.formats: dict[tuple, object] = {}
        self.properties: dict[int, dict] = {}  # id of a format -> the properties it was made with

    def __enter__(self) -> "Workbook":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.book.close()

    def format(self, **properties):
        """One xlsxwriter format per set of properties (formats are workbook objects, kept few)."""
        key = tuple(sorted(properties.items()))
        found = self.formats.get(key)
        if found is None:
            found = self.formats[key] = self.book.add_format(properties)
            self.properties[id(found)] = properties
        return found

    def sheet(self, name: str, *, widths: Sequence[float] = ()) -> "Sheet":
        return Sheet(self, self.book.add_worksheet(name[:31]), widths)


class Sheet:
    def __init__(self, workbook: Workbook, worksheet, widths: Sequence[float]) -> None:
        self.workbook = workbook
        self.worksheet = worksheet
        self.next_row = 0
        for index, width in enumerate(widths):
            worksheet.set_column(index, index, width)

    def title(self, text: str, *, size: int = 13, merge_to: int | None = None, **style) -> None:
        cell_format = self.workbook.format(bold=True, font_size=size, **style)
        if merge_to:
            self.worksheet.merge_range(self.next_row, 0, self.next_row, merge_to, "", cell_format)
        self.put(self.next_row, 0, text, cell_format)
        self.next_row += 1

    def blank(self, count: int = 1) -> None:
        self.next_row += count

    def header(self, labels: Sequence[str], *, freeze_columns: int = 0, height: float | None = None, **style) -> None:
        """The header row (bold, white on red, wrapped), frozen so it stays on screen while scrolling."""
        properties = {"bold": True, "font_color": "#FFFFFF", "bg_color": HEADER_COLOR, "text_wrap": True}
        properties.update({"valign": "vcenter", **style})
        cell_format = self.workbook.format(**properties)
        if height:
            self.worksheet.set_row(self.next_row, height)
        for column, label in enumerate(labels):
            self.put(self.next_row, column, label, cell_format)
        self.next_row += 1
        self.worksheet.freeze_panes(self.next_row, freeze_columns)

    def row(self, values: Sequence, formats: Sequence | None = None) -> None:
        for column, value in enumerate(values):
            self.put(self.next_row, column, value, formats[column] if formats else None)
        self.next_row += 1

    def put(self, row: int, column: int, value, cell_format=None) -> None:
        """One typed cell: text always as text (formula-like text with the quote prefix), dates as dates."""
        worksheet = self.worksheet
        if value is None or value == "":
            if cell_format is not None:
                worksheet.write_blank(row, column, None, cell_format)
            return
        if isinstance(value, str):
            if formula_like(value):
                cell_format = self._quoted(cell_format)
            worksheet.write_string(row, column, value, cell_format)
        elif isinstance(value, bool):
            worksheet.write_boolean(row, column, value, cell_format)
        elif isinstance(value, int | float | Decimal):
            worksheet.write_number(row, column, value, cell_format)
        elif isinstance(value, dt.datetime):
            worksheet.write_datetime(
                row, column, value, cell_format or self.workbook.format(num_format=DATETIME_FORMAT)
            )
        elif isinstance(value, dt.date):
            worksheet.write_datetime(row, column, value, cell_format or self.workbook.format(num_format=DATE_FORMAT))
        else:
            self.put(row, column, str(value), cell_format)

    def _quoted(self, cell_format):
        properties = self.workbook.properties.get(id(cell_format), {}) if cell_format is not None else {}
        return self.workbook.format(**properties, quote_prefix=True)


def xlsx_bytes(write) -> bytes:
    """Run `write(workbook)` on an in-memory workbook and return the file (small files only)."""
    buffer = io.BytesIO()
    with Workbook(buffer) as workbook:
        write(workbook)
    return buffer.getvalue()
