"""Bytes to rows: .xlsx and .csv, tolerant of what people do to spreadsheets (no queries).

A file may have a title and a few lines above its table, headers with or without diacritics in any case,
extra spaces, text decomposed into combining marks (NFD), dates typed as text or stored as dates/serials.
"""

import csv
import hashlib
import io
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import chain
from operator import itemgetter
from typing import BinaryIO

from django.utils.translation import gettext as _

from xaydungdang.core.text import fold
from xaydungdang.exchange.ahead import read_ahead
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


CSV_BLOCK = 2000  # rows of a .csv handed on at a time
Content = bytes | BinaryIO  # a file's bytes, or a binary file open at its start (seekable: a temporary file)


@dataclass
class RawRow:
    number: int  # the row number the user sees in Excel (1-based)
    values: dict[str, object]


class Cells(Mapping):
    """A chunk's cells row by row: each row the cells under the headers, in the order of `names` (sorted),
    as the file holds them (no object made per cell); as a mapping, field -> the column's cells, an empty
    cell of a workbook None."""

    def __init__(self, names: tuple[str, ...], rows: list[tuple], empty_as_none: bool) -> None:
        self.names, self.rows, self.empty_as_none = names, rows, empty_as_none
        self._positions = {name: position for position, name in enumerate(names)}
        self.prepared: list | None = None  # what Table.prepare made of each row (read ahead), if it did

    def __getitem__(self, name: str) -> list:
        position = self._positions[name]
        if self.empty_as_none:
            return [None if (value := row[position]) == "" else value for row in self.rows]
        return [row[position] for row in self.rows]

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)

    def subset(self, indexes: list[int]) -> "Cells":
        subset = Cells(self.names, [self.rows[index] for index in indexes], self.empty_as_none)
        if self.prepared is not None:
            subset.prepared = [self.prepared[index] for index in indexes]
        return subset


@dataclass
class Table:
    header_row: int
    fields: dict[int, str]  # column index -> field
    present: set[str] = field(default_factory=set)
    blocks: Iterator[tuple[int, list]] = iter(())  # the rows below the header: (number of the first, rows)
    empty_as_none: bool = True  # a workbook's empty cell "" is read None (a .csv keeps its "")
    sheet: Sheet | None = None  # a workbook's (its rows can be told by their raw XML)
    # Run on each chunk read ahead, in the reader's thread (no query): its result is the Cells' `prepared`.
    # Only while `speculate`: the caller turns it off once rows turn out known unchanged (never parsed then).
    prepare: Callable[[list[int], "Cells"], list] | None = None
    speculate: bool = True

    def skip_known_rows(self, known: Callable[[list[int], list[str]], list[bool]]) -> None:
        """From the next window of a workbook on, hand each window's rows to `known` first, as (row numbers,
        hashes of each row's raw XML in the workbook's context and under these headers); the rows it says
        are known are not read (nor yielded). A .csv's rows are all read."""
        if self.sheet is None:
            return
        fields = repr(sorted(self.fields.items())).encode()
        self.sheet.raw_key = hashlib.blake2b(fields, key=self.sheet.raw_context(), digest_size=32).digest()
        self.sheet.known = known

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(sorted(self.fields.values()))

    @property
    def rows(self) -> Iterator[RawRow]:
        names, empty_as_none = self.names, self.empty_as_none
        for number, cells in self._data():
            if empty_as_none:
                cells = tuple(None if value == "" else value for value in cells)
            yield RawRow(number, dict(zip(names, cells, strict=True)))

    def chunks(self, size: int, *, ahead: bool = False) -> Iterator[tuple[list[int], Cells]]:
        """The rows `size` at a time: (row numbers, their Cells); with `ahead`, read in a thread of their own
        while the caller works on the chunk before (exchange.ahead: the same chunks, in the same order)."""
        if ahead:
            return read_ahead(self._prepared(self._chunks(size)), routed=self.sheet)
        return self._chunks(size)

    def _prepared(self, chunks: Iterator[tuple[list[int], Cells]]) -> Iterator[tuple[list[int], Cells]]:
        for numbers, cells in chunks:
            if self.prepare is not None and self.speculate:
                cells.prepared = self.prepare(numbers, cells)
            yield numbers, cells

    def _chunks(self, size: int) -> Iterator[tuple[list[int], Cells]]:
        numbers: list[int] = []
        rows: list[tuple] = []
        for number, cells in self._data():
            numbers.append(number)
            rows.append(cells)
            if len(numbers) >= size:
                yield numbers, Cells(self.names, rows, self.empty_as_none)
                numbers, rows = [], []
        if numbers:
            yield numbers, Cells(self.names, rows, self.empty_as_none)

    def _data(self) -> Iterator[tuple[int, tuple]]:
        """(number, cells under the headers in the order of `names`) of the rows with a value under some
        header (a blank line between or after the data is left out)."""
        index = {name: column for column, name in self.fields.items()}
        columns = [index[name] for name in self.names]
        take = itemgetter(*columns) if len(columns) > 1 else lambda row: (row[columns[0]],)
        width = max(self.fields) + 1
        for first, rows in self.blocks:
            for number, row in enumerate(rows, start=first):
                if len(row) < width:
                    row = (*row, *(None,) * (width - len(row)))
                cells = take(row)
                for value in cells:
                    if value is not None and (value.__class__ is not str or value.strip()):
                        yield number, cells
                        break


def _is_csv(file_name: str, content: Content) -> bool:
    """A .csv by its name, unless it is in fact a workbook (an .xlsx renamed .csv is read as one)."""
    return file_name.lower().endswith(".csv") and _start(content, len(ZIP_SIGNATURE)) != ZIP_SIGNATURE


def _start(content: Content, size: int) -> bytes:
    """The file's first `size` bytes (a file is left at its start)."""
    if isinstance(content, bytes):
        return content[:size]
    content.seek(0)
    start = content.read(size)
    content.seek(0)
    return start


def _whole(content: Content) -> bytes:
    """The bytes of a .csv, read whole (it is text, decoded whole: a workbook is the one streamed)."""
    if isinstance(content, bytes):
        return content
    content.seek(0)
    return content.read()


def _blocks(content: bytes, sheet: Sheet | None) -> Iterator[tuple[int, list]]:
    """(number of the first row, consecutive rows) of the whole file (the sheet's, or else a .csv's), a
    window at a time; FileError for a file that cannot be read or is too large."""
    try:
        if sheet is None:
            yield from _csv_blocks(content)
        else:
            yield from sheet.blocks()
    except TooLarge as exc:
        raise FileError(str(exc)) from exc
    except NotAWorkbook as exc:
        raise FileError(NOT_A_WORKBOOK) from exc


def _csv_blocks(content: bytes) -> Iterator[tuple[int, list]]:
    first, rows = 1, []
    for number, row in _csv_rows(content):
        rows.append(row)
        if len(rows) >= CSV_BLOCK:
            yield first, rows
            first, rows = number + 1, []
    if rows:
        yield first, rows


def _sheet(content: Content) -> Sheet:
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


def read_table(file_name: str, content: Content, columns: tuple[Column, ...]) -> Table:
    """Find the header row and return the data rows below it, keyed by field. A workbook given as a file is
    read from it as the rows are asked for: the file must stay open until then."""
    sheet = None if _is_csv(file_name, content) else _sheet(content)
    blocks = _blocks(_whole(content) if sheet is None else b"", sheet)
    for first, rows in blocks:
        for offset, row in enumerate(rows):
            number = first + offset
            fields = _match_header(row, columns)
            if len(fields) >= MIN_HEADER_MATCHES:
                present = set(fields.values())
                missing = [c.header for c in columns if c.required and c.field not in present]
                if missing:
                    raise FileError(_("Thiếu cột bắt buộc: %(columns)s.") % {"columns": ", ".join(missing)})
                below = chain([(number + 1, rows[offset + 1 :])], blocks)
                return Table(number, fields, present, below, empty_as_none=sheet is not None, sheet=sheet)
            if number >= HEADER_SEARCH_ROWS:
                break
        else:
            continue
        break
    names = ", ".join(c.header for c in columns if c.required)
    raise FileError(_("Không tìm thấy dòng tiêu đề của bảng (cần các cột %(columns)s).") % {"columns": names})


def count_rows(file_name: str, content: Content) -> int:
    """About how many rows the file has, without reading its cells. Raises FileError for a file over a
    limit (checked while streaming it), so that a zip bomb is refused at once; a file that is merely
    broken counts 0 rows and is reported when it is read."""
    if _is_csv(file_name, content):
        return _whole(content).count(b"\n")
    try:
        return Sheet(content).estimated_rows()
    except TooLarge as exc:
        raise FileError(str(exc)) from exc
    except NotAWorkbook:
        return 0
