"""Bytes to rows: .xlsx and .csv, tolerant of what people do to spreadsheets (no queries).

A file may have a title and a few lines above its table, headers with or without diacritics in any case,
extra spaces, text decomposed into combining marks (NFD), dates typed as text or stored as dates/serials.
"""

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from xaydungdang.core.text import fold
from xaydungdang.exchange.columns import Column

HEADER_SEARCH_ROWS = 30  # how far down the header row may be
MIN_HEADER_MATCHES = 3


class FileError(ValueError):
    """The file as a whole cannot be read (not a table, no header row, missing required columns)."""


@dataclass
class RawRow:
    number: int  # the row number the user sees in Excel (1-based)
    values: dict[str, object]


@dataclass
class Table:
    header_row: int
    fields: dict[int, str]  # column index -> field
    present: set[str] = field(default_factory=set)
    rows: Iterator[RawRow] | None = None
    total: int = 0


def _cells(file_name: str, content: bytes) -> tuple[Iterator[tuple], int]:
    """Rows of cell values, and an estimate of their number (for the progress bar)."""
    if file_name.lower().endswith(".csv"):
        text = _decode(content)
        dialect = _sniff(text)
        rows = list(csv.reader(io.StringIO(text), dialect))
        return iter(rows), len(rows)
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise FileError(_("Không đọc được tệp: chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv).")) from exc
    sheet = workbook.worksheets[0]
    return sheet.iter_rows(values_only=True), sheet.max_row or 0


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
    cells, total = _cells(file_name, content)
    for number, row in enumerate(cells, start=1):
        fields = _match_header(row, columns)
        if len(fields) >= MIN_HEADER_MATCHES:
            table = Table(header_row=number, fields=fields, present=set(fields.values()), total=total - number)
            missing = [c.header for c in columns if c.required and c.field not in table.present]
            if missing:
                raise FileError(_("Thiếu cột bắt buộc: %(columns)s.") % {"columns": ", ".join(missing)})
            table.rows = _data_rows(cells, fields, first=number + 1)
            return table
        if number >= HEADER_SEARCH_ROWS:
            break
    names = ", ".join(c.header for c in columns if c.required)
    raise FileError(_("Không tìm thấy dòng tiêu đề của bảng (cần các cột %(columns)s).") % {"columns": names})


def _data_rows(cells: Iterator[tuple], fields: dict[int, str], first: int) -> Iterator[RawRow]:
    for number, row in enumerate(cells, start=first):
        values = {field_name: row[index] if index < len(row) else None for index, field_name in fields.items()}
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values.values()):
            continue  # blank lines between or after the data
        yield RawRow(number, values)


def count_rows(file_name: str, content: bytes) -> int:
    """About how many rows the file has (the sheet's recorded size), without reading its cells."""
    if file_name.lower().endswith(".csv"):
        return content.count(b"\n")
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True)
        return workbook.worksheets[0].max_row or 0
    except Exception:  # a broken file is reported when it is read
        return 0
