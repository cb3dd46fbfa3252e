"""The cell values of a workbook's first worksheet, read by python-calamine window by window, with the
package's size checked while it is streamed (no query).

A worksheet is inflated from the zip as a stream and cut at row ends into windows of a few megabytes;
each window becomes a small workbook of its own (the same styles, so values, dates and the 1904 date
system read the same) that calamine reads, with the shared strings too while they are small. A large
shared-string table (over SHARED_ONCE_BYTES) is read once per file instead (by calamine too, through a
sheet of one cell per string); a window's shared-string cells become text cells holding a marker and
the string's index, looked up as the rows are read. Memory then stays that of one window
(and of the shared strings, which any reader keeps), whatever the number of rows.

Limits are counted while inflating, before anything is read whole: the uncompressed size of the sheet
and of the shared strings, the number of rows and of columns. A "zip bomb" (1 MB that inflates to 1 GB,
with no `<dimension>` to tell its size) stops at the limit with a message, after reading only up to it.
"""

import bisect
import functools
import hashlib
import io
import re
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from typing import BinaryIO
from xml.etree import ElementTree

from django.conf import settings
from django.utils.translation import gettext as _
from python_calamine import CalamineWorkbook

from xaydungdang.core.numbers import vn_int

BLOCK = 1 << 20  # bytes inflated at a time
WINDOW_BYTES = 8 << 20  # a window: whole rows, about this much XML…
WINDOW_ROWS = 10000  # …and at most this many rows
FIRST_WINDOW_ROWS = 64  # the first window: the title and header rows (readers.HEADER_SEARCH_ROWS) and a few more
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_ROOT = re.compile(rb"<(?:(\w+):)?worksheet\b[^>]*>")
_DATA_START = re.compile(rb"<(?:\w+:)?sheetData\b[^>]*?(/?)>")
# The column letters of a cell reference of two letters or more (r="AB12"; a row's own r="12" has none).
_LONG_REFERENCE = re.compile(rb' r="([A-Za-z]{2,})')
# A shared-string cell's start up to its value: <c r="A1" s="2" t="s"><v>12</v> (any namespace prefix).
_SHARED_CELL = re.compile(rb"""(<(?:\w+:)?c\b[^>]*?)\st=(["'])s\2([^>]*>\s*<(?:\w+:)?v>)""")
_STRING_ITEM = re.compile(rb"<(?:\w+:)?si[\s>/]")
# Up to this size calamine parsing the table again in each window (in Rust) costs less than looking the
# strings up in Python (a 100,000-row file: 13 MB, 0.07 s a window); above it, window after window of a
# large file would make the read grow with the square of its size.
SHARED_ONCE_BYTES = 24 << 20
MARK = "\ue000"  # a private-use character: no one types it in front of a cell
_AS_MARKED_TEXT = rb'\1 t="str"\3' + MARK.encode()


def limit(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def max_rows() -> int:
    return limit("IMPORT_MAX_ROWS", 1_000_000)


def max_columns() -> int:
    return min(limit("IMPORT_MAX_COLUMNS", 200), 702)  # 702 = ZZ, the widest two-letter column


def max_bytes() -> int:
    return limit("IMPORT_MAX_UNCOMPRESSED_BYTES", 256 << 20)  # a 200,000-row sheet as openpyxl writes it


class NotAWorkbook(ValueError):
    """The bytes are not an .xlsx package (or not one with a worksheet)."""


class TooLarge(ValueError):
    """The file is over a limit; the message (Vietnamese) says which."""


def too_large_bytes() -> TooLarge:
    return TooLarge(
        _("Tệp quá lớn khi giải nén (quá %(mb)s MB dữ liệu); hãy chia thành nhiều tệp nhỏ hơn.")
        % {"mb": max_bytes() >> 20}
    )


def too_many_rows() -> TooLarge:
    return TooLarge(_("Tệp có quá %(rows)s dòng; hãy chia thành nhiều tệp nhỏ hơn.") % {"rows": vn_int(max_rows())})


def too_many_columns() -> TooLarge:
    return TooLarge(_("Bảng có quá %(columns)s cột; hãy chỉ giữ các cột của mẫu nhập.") % {"columns": max_columns()})


class Sheet:
    """The first worksheet of an .xlsx package: its bytes, or a binary file open at its start (read from as
    the sheet is streamed, never whole)."""

    def __init__(self, content: bytes | BinaryIO) -> None:
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(content) if isinstance(content, bytes) else content)
            workbook = self._xml("xl/workbook.xml")
            rels = self._rels("xl/_rels/workbook.xml.rels")
        except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, OSError) as exc:
            raise NotAWorkbook from exc
        properties = workbook.find(f"{{{MAIN}}}workbookPr")
        self.date1904 = properties is not None and properties.get("date1904") in ("1", "true")
        sheets = workbook.find(f"{{{MAIN}}}sheets")
        targets = [rels.get(sheet.get(f"{{{REL}}}id")) for sheet in (sheets if sheets is not None else ())]
        worksheets = [t for t in targets if t and t[1].endswith("/worksheet")]
        if not worksheets:
            raise NotAWorkbook("The workbook has no worksheet")
        self.path = worksheets[0][0]
        by_type = {kind.rsplit("/", 1)[-1]: path for path, kind in rels.values()}
        self.styles = self._read_whole(by_type.get("styles"))
        self.strings = self._read_whole(by_type.get("sharedStrings"))
        self._shared: list[str] | None = None
        # Each window's workbook carries the shared strings, parsed again with it: a window then holds as
        # many bytes of rows as the table has (up to SHARED_ONCE_BYTES), so that the table is not parsed
        # many times over for a few rows each time.
        self.scale = max(1.0, len(self.strings or b"") / WINDOW_BYTES) if not self._strings_once() else 1.0
        # Set by the table reader once it knows the header (raw_rows_known): which raw rows need no reading.
        self.known: Callable[[list[int], list[str]], list[bool]] | None = None
        self.raw_key = b""

    # --- the package ------------------------------------------------------------------------------
    def _xml(self, name: str) -> ElementTree.Element:
        """A small package part. No DOCTYPE (so no entity of any kind); the standard library's expat
        (2.4+) also refuses entity-expansion bombs and never fetches external entities."""
        data = self._read_whole(name) or b""
        if b"<!DOCTYPE" in data.upper():
            raise NotAWorkbook("A package part declares a DOCTYPE")
        return ElementTree.fromstring(data)  # noqa: S314 - no DOCTYPE, see above

    def _rels(self, name: str) -> dict[str, tuple[str, str]]:
        """Relationship id -> (part path in the zip, relationship type)."""
        found = {}
        for rel in self._xml(name):
            target = rel.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else "xl/" + target
            found[rel.get("Id")] = (_normalized(path), rel.get("Type", ""))
        return found

    def _read_whole(self, name: str | None) -> bytes | None:
        """A small part (workbook, styles, shared strings), inflated up to the size limit."""
        if not name:
            return None
        try:
            info = self.archive.getinfo(name)
        except KeyError:
            return None
        if info.file_size > max_bytes():
            raise too_large_bytes()
        with self.archive.open(info) as source:
            return b"".join(_inflated(source))

    # --- the worksheet, streamed ------------------------------------------------------------------
    def _windows(self) -> Iterator[tuple[bytes, bytes, int]]:
        """(root element's name, XML of whole rows, rows in it) for each window, limits checked as it goes."""
        try:
            source = self.archive.open(self.path)
        except KeyError as exc:
            raise NotAWorkbook from exc
        with source:
            blocks = _inflated(source)
            head = b""
            for block in blocks:  # up to the start of <sheetData>
                head += block
                found = _DATA_START.search(head)
                if found:
                    break
                if len(head) > WINDOW_BYTES:
                    raise NotAWorkbook("No sheet data")
            else:
                return
            if found[1]:  # <sheetData/>: no row
                return
            root = _ROOT.search(head)
            if root is None:
                raise NotAWorkbook("No worksheet element")
            prefix = root[1] + b":" if root[1] else b""
            row_start, row_end = b"<" + prefix + b"row", b"</" + prefix + b"row>"
            data_end = b"</" + prefix + b"sheetData>"
            parts, size, rows, ended = [head[found.end() :]], len(head) - found.end(), 0, False
            window_bytes = int(WINDOW_BYTES * self.scale)
            wanted, most = BLOCK, FIRST_WINDOW_ROWS  # a small first window: the header is found reading it alone
            while True:
                while not ended and size < wanted:  # blocks gathered, joined once (not copied per block)
                    block = next(blocks, b"")
                    parts.append(block)
                    size += len(block)
                    ended = not block
                buffer = b"".join(parts)
                end = buffer.find(data_end)
                if end >= 0:
                    buffer, ended = buffer[:end], True
                cut = len(buffer) if ended else buffer.rfind(row_end) + len(row_end)
                if cut < len(row_end):
                    if len(buffer) > 4 * WINDOW_BYTES:
                        raise too_large_bytes()  # one row of tens of megabytes
                    parts, size, wanted = [buffer], len(buffer), len(buffer) + 1  # at least one more block
                    continue
                cut = _at_most_rows(buffer, cut, row_end, most)
                window, buffer = buffer[:cut], buffer[cut:]
                parts, size, wanted, most = [buffer], len(buffer), window_bytes, int(WINDOW_ROWS * self.scale)
                count = window.count(row_start)
                rows += count
                if rows > max_rows():
                    raise too_many_rows()
                if _too_wide(window, prefix):
                    raise too_many_columns()
                if count:
                    yield root[0], window, count
                if ended and not buffer:
                    return

    def estimated_rows(self) -> int:
        """The number of rows the sheet stores (counted while streaming it, within the limits)."""
        return sum(count for _root, _window, count in self._windows())

    def rows(self) -> Iterator[tuple[int, tuple]]:
        """(row number, the row's values from column A) for every row of the sheet, in order; empty cells
        are None."""
        for first, rows in self.blocks():
            for number, values in enumerate(rows, start=first):
                yield number, tuple(None if v == "" else v for v in values)

    def blocks(self) -> Iterator[tuple[int, list[list]]]:
        """(number of the first row, the rows) of each window as calamine gives them: consecutive rows,
        the values from column A, an empty cell "" (no object made per cell or row here)."""
        for root, window, _count in self._windows():
            if self.known is not None:
                window = self._unknown_rows(root, window)
                if not window:
                    continue
            yield from self._read_window(root, window)

    def raw_context(self) -> bytes:
        """What, beside a row's own XML, makes its values: the styles (number formats: dates), the shared
        strings, the date system and the worksheet element (its namespaces)."""
        context = hashlib.blake2b(b"xlsx rows 1", digest_size=32)
        for part in (self.styles or b"", self.strings or b"", b"1904" if self.date1904 else b"1900"):
            context.update(b"%d:" % len(part))
            context.update(part)
        return context.digest()

    def _unknown_rows(self, root: bytes, window: bytes) -> bytes:
        """The window's rows that `known` does not know by the hash of their raw XML (keyed by raw_key),
        for calamine to read; the window as it is if a row has no number (rows then count by position)."""
        prefix = _ROOT.match(root)[1]
        row_start = b"<" + prefix + b":row" if prefix else b"<row"
        found = raw_rows(window, row_start)
        if found is None:
            return window
        numbers, rows = found
        blake2b, key = hashlib.blake2b, self.raw_key
        known = self.known(numbers, [blake2b(row, key=key, digest_size=16).hexdigest() for row in rows])
        unknown = [row for row, skip in zip(rows, known, strict=True) if not skip]
        return row_start + row_start.join(unknown) if unknown else b""

    def shared_strings(self) -> list[str]:
        """The shared strings, read once (as calamine reads them: rich text joined, phonetics left out)."""
        if self._shared is None:
            self._shared = _read_shared_strings(self.styles, self.strings) if self.strings else []
        return self._shared

    def _strings_once(self) -> bool:
        return bool(self.strings) and len(self.strings) > SHARED_ONCE_BYTES

    def _read_window(self, root: bytes, window: bytes) -> Iterator[tuple[int, list[list]]]:
        once = self._strings_once()
        shared = self.shared_strings() if once else []
        if shared:
            window = _SHARED_CELL.sub(_AS_MARKED_TEXT, window)
        prefix = _ROOT.match(root)[1]
        prefix = prefix + b":" if prefix else b""
        sheet_xml = b"".join(
            (
                b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
                root,
                b"<" + prefix + b"sheetData>",
                window,
                b"</" + prefix + b"sheetData></" + prefix + b"worksheet>",
            )
        )
        strings = None if once else self.strings
        package = _package(sheet_xml, styles=self.styles, strings=strings, date1904=self.date1904)
        for first, rows in _calamine_blocks(package):
            yield first, [_resolved(values, shared) for values in rows] if shared else rows


def _calamine_blocks(package: bytes) -> Iterator[tuple[int, list[list]]]:
    """(number of the first row, rows with the values from column A) of the package's only sheet."""
    workbook = CalamineWorkbook.from_filelike(io.BytesIO(package))
    try:
        sheet = workbook.get_sheet_by_index(0)
        start = sheet.start
        if start is None:
            return
        first_row, first_column = start
        # to_python starts at the first cell (iter_rows would start at row 1 and yield every row above)
        rows = sheet.to_python()
    finally:
        workbook.close()
    if first_column:
        pad = [""] * first_column
        rows = [pad + values for values in rows]
    yield first_row + 1, rows


def _resolved(values: list, shared: list[str]) -> list:
    """The row's values with each marked cell replaced by its shared string (an empty one "")."""
    found = []
    for value in values:
        if value.__class__ is str and value and value[0] == MARK:
            index = int(value[1:])
            value = shared[index] if 0 <= index < len(shared) else ""
        found.append(value)
    return found


def _read_shared_strings(styles: bytes | None, strings: bytes) -> list[str]:
    """Every shared string, by index: calamine reads a sheet holding string i in row i + 1 (and a number
    in B1, so that the sheet starts at A1 even when the first strings are empty)."""
    count = len(_STRING_ITEM.findall(strings))
    cells = b"".join(b'<row r="%d"><c r="A%d" t="s"><v>%d</v></c></row>' % (i + 2, i + 2, i) for i in range(count))
    sheet_xml = b"".join(
        (
            b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
            b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
            b'<row r="1"><c r="A1"><v>0</v></c></row>',
            cells,
            b"</sheetData></worksheet>",
        )
    )
    workbook = CalamineWorkbook.from_filelike(io.BytesIO(_package(sheet_xml, styles=styles, strings=strings)))
    try:  # row by row: a list per string at once would double the peak memory
        rows = workbook.get_sheet_by_index(0).iter_rows()
        next(rows)
        found = [values[0] if values and isinstance(values[0], str) else "" for values in rows]
    finally:
        workbook.close()
    return found + [""] * (count - len(found))


def _package(sheet_xml: bytes, *, styles: bytes | None, strings: bytes | None = None, date1904: bool = False) -> bytes:
    """A one-sheet workbook around a sheet's XML, with the original styles (and shared strings, when
    given), stored, not compressed: it is read once, at once."""
    parts = {
        "[Content_Types].xml": _CONTENT_TYPES % (_STYLES_TYPE if styles else b"", _SST_TYPE if strings else b""),
        "_rels/.rels": _ROOT_RELS,
        "xl/workbook.xml": _WORKBOOK % (b'<workbookPr date1904="1"/>' if date1904 else b""),
        "xl/_rels/workbook.xml.rels": _WORKBOOK_RELS % (_STYLES_REL if styles else b"", _SST_REL if strings else b""),
        "xl/worksheets/sheet1.xml": sheet_xml,
    }
    if styles:
        parts["xl/styles.xml"] = styles
    if strings:
        parts["xl/sharedStrings.xml"] = strings
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return buffer.getvalue()


def raw_rows(window: bytes, row_start: bytes) -> tuple[list[int], list[bytes]] | None:
    """(row numbers, each row's bytes after `row_start`, up to the next row) of a window of whole rows,
    cut with bytes.split (no XML parser: inside sheetData only rows start with `<row`, and text holds no
    `<`); None when a row has no number (r="…")."""
    rows = window.split(row_start)
    if rows[0].strip():
        return None
    numbers = _row_numbers(row_start).findall(window)
    if len(numbers) != len(rows) - 1:
        return None
    return [int(number) for number in numbers], rows[1:]


@functools.cache
def _row_numbers(row_start: bytes) -> re.Pattern:
    return re.compile(re.escape(row_start) + rb"""\s[^>]*?(?<=\s)r=["'](\d+)["']""")


def _at_most_rows(buffer: bytes, cut: int, row_end: bytes, most: int) -> int:
    """Shorten a window to `most` rows (a sparse sheet of tiny rows would else make one huge range)."""
    if buffer.count(row_end, 0, cut) <= most:
        return cut
    return cut - len(buffer[:cut].split(row_end, most)[-1])  # the end of the most-th row (no loop per row)


def _inflated(source) -> Iterator[bytes]:
    """The part's bytes a block at a time, stopping at the size limit (whatever the zip claims)."""
    size = 0
    while block := source.read(BLOCK):
        size += len(block)
        if size > max_bytes():
            raise too_large_bytes()
        yield block


def _too_wide(window: bytes, prefix: bytes) -> bool:
    """Wider than the column limit? A cell's reference says its column (one letter: at most 26; more:
    looked at); cells without a reference (rare) follow each other, so then each row's cells are counted."""
    widest = max((_column_number(x) for x in set(_LONG_REFERENCE.findall(window))), default=0)
    if widest > max_columns():
        return True
    # At least the cells without a reference: every r="…" is a cell's or a row's (at most one per row).
    unreferenced = window.count(b"<" + prefix + b"c") - window.count(b' r="') + window.count(b"<" + prefix + b"row")
    if unreferenced <= max_columns():
        return False  # not even all of them in one row would be too many
    rows = [match.start() for match in re.finditer(b"<" + re.escape(prefix) + rb"row[\s>/]", window)]
    cells = Counter(
        bisect.bisect_right(rows, match.start())
        for match in re.finditer(b"<" + re.escape(prefix) + rb"c[\s>/]", window)
    )
    return max(cells.values(), default=0) > max_columns()


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number


def _normalized(path: str) -> str:
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            if parts:
                parts.pop()
        elif part and part != ".":
            parts.append(part)
    return "/".join(parts)


_CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/xl/workbook.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    b'<Override PartName="/xl/worksheets/sheet1.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    b"%s%s</Types>"
)
_STYLES_TYPE = (
    b'<Override PartName="/xl/styles.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
)
_SST_TYPE = (
    b'<Override PartName="/xl/sharedStrings.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
)
_ROOT_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" '
    b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    b'Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    b'%s<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" '
    b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    b'Target="worksheets/sheet1.xml"/>%s%s</Relationships>'
)
_STYLES_REL = (
    b'<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
    b'Target="styles.xml"/>'
)
_SST_REL = (
    b'<Relationship Id="rId3" '
    b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
    b'Target="sharedStrings.xml"/>'
)
