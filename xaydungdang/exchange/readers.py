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
from xaydungdang.exchange.xlsx import Sheet

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


def _cells(file_name: str, content: bytes) -> Iterator[tuple[int, tuple]]:
    """(row number, cell values) of every row."""
    if file_name.lower().endswith(".csv"):
        text = _decode(content)
        return enumerate(csv.reader(io.StringIO(text), _sniff(text)), start=1)
    return _sheet(content).rows()


def _sheet(content: bytes) -> Sheet:
    try:
        return Sheet(content)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise FileError(_("Không đọc được tệp: chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv).")) from exc


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
            table.rows = _data_rows(cells, fields)
            return table
        if number >= HEADER_SEARCH_ROWS:
            break
    names = ", ".join(c.header for c in columns if c.required)
    raise FileError(_("Không tìm thấy dòng tiêu đề của bảng (cần các cột %(columns)s).") % {"columns": names})


def _data_rows(cells: Iterator[tuple[int, tuple]], fields: dict[int, str]) -> Iterator[RawRow]:
    width = max(fields) + 1
    for number, row in cells:
        if len(row) < width:
            row = (*row, *(None,) * (width - len(row)))
        values = {field_name: row[index] for index, field_name in fields.items()}
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values.values()):
            continue  # blank lines between or after the data
        yield RawRow(number, values)


def count_rows(file_name: str, content: bytes) -> int:
    """About how many rows the file has, without reading its cells."""
    if file_name.lower().endswith(".csv"):
        return content.count(b"\n")
    try:
        return Sheet(content).estimated_rows()
    except Exception:  # a broken file is reported when it is read
        return 0
