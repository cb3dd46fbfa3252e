"""Bytes to rows: .xlsx and .csv, tolerant of what people do to spreadsheets (no queries).

A file may have a title and a few lines above its table, headers with or without diacritics in any case,
extra spaces, text decomposed into combining marks (NFD), dates typed as text or stored as dates/serials.
"""

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from xaydungdang.core.text import fold
from xaydungdang.exchange.columns import Column
from xaydungdang.exchange.xlsx import (
    NotAWorkbook,
    Sheet,
    TooLarge,
    max_columns,
    max_rows,
    too_many_columns,
    too_many_rows,
)

HEADER_SEARCH_ROWS = 30  # how far down the header row may be
MIN_HEADER_MATCHES = 3
ZIP_SIGNATURE = b"PK\x03\x04"  # an .xlsx is a zip package, whatever its name says
NOT_A_WORKBOOK = _("Không đọc được tệp: chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv).")


class FileError(ValueError):
    """The file as a whole cannot be read (not a table, no header row, missing required columns)."""


@dataclass
class RawRow:
    number: int  # the row number the user sees in Excel (1-based)
    values: dict[str, object]
    cells: tuple = ()  # the row's cells, padded to the header's width


@dataclass
class Table:
    header_row: int
    fields: dict[int, str]  # column index -> field
    present: set[str] = field(default_factory=set)
    rows: Iterator[RawRow] | None = None
    cells: Iterator[tuple[int, tuple]] | None = None  # what `rows` are made of: (number, padded cells)

    def chunks(self, size: int) -> Iterator[tuple[list[int], dict[str, list]]]:
        """The rows `size` at a time, column by column: (row numbers, {field: the column's cells}), made
        straight from the cells (no RawRow per row)."""
        numbers: list[int] = []
        cells: list[tuple] = []
        source = self.cells if self.cells is not None else ((raw.number, raw.cells) for raw in self.rows)
        for number, row in source:
            numbers.append(number)
            cells.append(row)
            if len(numbers) >= size:
                yield numbers, _columns(self.fields, cells)
                numbers, cells = [], []
        if numbers:
            yield numbers, _columns(self.fields, cells)


def _columns(fields: dict[int, str], cells: list[tuple]) -> dict[str, list]:
    return {name: [row[index] for row in cells] for index, name in fields.items()}


def _is_csv(file_name: str, content: bytes) -> bool:
    """A .csv by its name, unless it is in fact a workbook (an .xlsx renamed .csv is read as one)."""
    return file_name.lower().endswith(".csv") and not content.startswith(ZIP_SIGNATURE)


def _cells(file_name: str, content: bytes) -> Iterator[tuple[int, tuple]]:
    """(row number, cell values) of every row; FileError for a file that cannot be read or is too large."""
    try:
        if _is_csv(file_name, content):
            yield from _csv_rows(content)
        else:
            yield from _sheet(content).rows()
    except TooLarge as exc:
        raise FileError(str(exc)) from exc
    except NotAWorkbook as exc:
        raise FileError(NOT_A_WORKBOOK) from exc


def _sheet(content: bytes) -> Sheet:
    try:
        return Sheet(content)
    except NotAWorkbook as exc:
        raise FileError(NOT_A_WORKBOOK) from exc


def _csv_rows(content: bytes) -> Iterator[tuple[int, tuple]]:
    if b"\x00" in content[:65536]:
        raise FileError(
            _(
                "Tệp mang đuôi .csv nhưng không phải văn bản CSV (có thể là tệp Excel hoặc tệp khác bị đổi tên). "
                "Hãy mở tệp bằng Excel rồi lưu lại dạng «CSV UTF-8», hoặc tải lên tệp .xlsx."
            )
        )
    text = _decode(content)
    number = 0
    try:
        for number, row in enumerate(csv.reader(io.StringIO(text), _sniff(text)), start=1):
            if number > max_rows():
                raise FileError(str(too_many_rows()))
            if len(row) > max_columns():
                raise FileError(str(too_many_columns()))
            yield number, tuple(row)
    except csv.Error as exc:
        raise FileError(
            _("Tệp CSV bị lỗi ở dòng %(row)s; hãy mở bằng Excel rồi lưu lại dạng «CSV UTF-8».") % {"row": number + 1}
        ) from exc


def _decode(content: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1258", "latin-1"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileError(_("Không đọc được bảng mã của tệp CSV; hãy lưu tệp dạng UTF-8."))


def _sniff(text: str):
    try:
        return csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        return csv.excel


def _match_header(cells: tuple, columns: tuple[Column, ...]) -> dict[int, str]:
    by_name = {name: column.field for column in columns for name in column.names()}
    found: dict[int, str] = {}
    for index, cell in enumerate(cells):
        name = fold(str(cell)) if cell is not None else ""
        field_name = by_name.get(name.rstrip(" *:"))
        if field_name and field_name not in found.values():
            found[index] = field_name
    return found


def read_table(file_name: str, content: bytes, columns: tuple[Column, ...]) -> Table:
    """Find the header row and return the data rows below it, keyed by field."""
    cells = _cells(file_name, content)
    for number, row in cells:
        fields = _match_header(row, columns)
        if len(fields) >= MIN_HEADER_MATCHES:
            table = Table(header_row=number, fields=fields, present=set(fields.values()))
            missing = [c.header for c in columns if c.required and c.field not in table.present]
            if missing:
                raise FileError(_("Thiếu cột bắt buộc: %(columns)s.") % {"columns": ", ".join(missing)})
            table.cells = _data_cells(cells, fields)
            table.rows = (
                RawRow(number, {name: row[index] for index, name in fields.items()}, row) for number, row in table.cells
            )  # read only by whoever takes the rows instead of the chunks
            return table
        if number >= HEADER_SEARCH_ROWS:
            break
    names = ", ".join(c.header for c in columns if c.required)
    raise FileError(_("Không tìm thấy dòng tiêu đề của bảng (cần các cột %(columns)s).") % {"columns": names})


def _data_cells(cells: Iterator[tuple[int, tuple]], fields: dict[int, str]) -> Iterator[tuple[int, tuple]]:
    """(number, cells padded to the header's width) of the rows with a value under some header."""
    width = max(fields) + 1
    indexes = sorted(fields)
    for number, row in cells:
        if len(row) < width:
            row = (*row, *(None,) * (width - len(row)))
        for index in indexes:
            value = row[index]
            if value is not None and (value.__class__ is not str or value.strip()):
                yield number, row
                break
        # else: a blank line between or after the data


def count_rows(file_name: str, content: bytes) -> int:
    """About how many rows the file has, without reading its cells. Raises FileError for a file over a
    limit (checked while streaming it), so that a zip bomb is refused at once; a file that is merely
    broken counts 0 rows and is reported when it is read."""
    if _is_csv(file_name, content):
        return content.count(b"\n")
    try:
        return Sheet(content).estimated_rows()
    except TooLarge as exc:
        raise FileError(str(exc)) from exc
    except NotAWorkbook:
        return 0
