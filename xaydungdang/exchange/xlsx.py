"""The cell values of a workbook's first worksheet, as openpyxl's read-only `iter_rows(values_only=True)`
gives them, several times faster.

openpyxl opens the package (manifest, shared strings, workbook, styles: which cell styles are dates); the
sheet's XML is then read here with one lean loop over its rows. openpyxl's read-only reader spends most
of its time on per-cell objects (a rich-text object for every inline string, which is how openpyxl
itself, hence our own template and exports, writes text) and, when a sheet has no <dimension>, on
parsing the whole sheet once more just to size it. The values are the same (tests/test_xlsx.py compares
them with openpyxl's): shared and inline strings, numbers (int or float), booleans, dates by their cell
style, ISO dates, formula results (the cached value, as data_only=True), error texts.

The XML is parsed by the parser openpyxl itself uses (`openpyxl.xml.functions.iterparse`: defusedxml's
when installed, else the standard library's expat, which expands no external entity and refuses
entity-expansion bombs).
"""

import io
import re
from collections.abc import Iterator
from warnings import warn

from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.utils.datetime import from_excel, from_ISO8601
from openpyxl.xml.constants import SHEET_MAIN_NS
from openpyxl.xml.functions import iterparse

ROW = f"{{{SHEET_MAIN_NS}}}row"
CELL = f"{{{SHEET_MAIN_NS}}}c"
VALUE = f"{{{SHEET_MAIN_NS}}}v"
INLINE = f"{{{SHEET_MAIN_NS}}}is"
TEXT = f"{{{SHEET_MAIN_NS}}}t"
RUN = f"{{{SHEET_MAIN_NS}}}r"
_DIGITS = "0123456789"
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"[A-Z]*\d*:?[A-Z]*(\d+)\"")


class Sheet:
    """The first worksheet of an .xlsx package (openpyxl's `workbook.worksheets[0]`)."""

    def __init__(self, content: bytes) -> None:
        reader = ExcelReader(io.BytesIO(content), read_only=True, data_only=True)
        reader.read_manifest()
        reader.read_strings()
        reader.read_workbook()
        apply_stylesheet(reader.archive, reader.wb)
        self.archive = reader.archive
        self.strings = reader.shared_strings
        self.epoch = reader.wb.epoch
        self.dates = reader.wb._date_formats  # style ids of the cells that hold dates
        self.durations = reader.wb._timedelta_formats
        paths = [
            rel.target
            for _sheet, rel in reader.parser.find_sheets()
            if rel.target in reader.valid_files and "chartsheet" not in rel.Type
        ]
        if not paths:
            raise ValueError("The workbook has no worksheet")
        self.path = paths[0]

    def estimated_rows(self) -> int:
        """The last row the sheet's <dimension> states (Excel writes it first), else the number of rows
        its XML holds (openpyxl writes no dimension)."""
        with self.archive.open(self.path) as source:
            stated = _DIMENSION.search(source.read(4096))
        if stated:
            return int(stated[1])
        data = self.archive.read(self.path)
        return data.count(b"</row>") + data.count(b":row>")  # </row>, or </x:row> with a prefix

    def rows(self) -> Iterator[tuple[int, tuple]]:
        """(row number, the row's values from column A) for every row the sheet stores, in order."""
        with self.archive.open(self.path) as source:
            number = 0
            for _event, element in iterparse(source, events=("end",)):
                if element.tag != ROW:
                    continue
                stated = element.get("r")
                number = int(stated) if stated else number + 1
                yield number, self._values(element)
                element.clear()

    def _values(self, row) -> tuple:
        values: list = []
        for cell in row:
            if cell.tag != CELL:
                continue
            reference = cell.get("r")
            if reference:
                index = _COLUMN_INDEX.get(reference.rstrip(_DIGITS))
                if index is None:
                    index = _column_index(reference.rstrip(_DIGITS))
                if index > len(values):
                    values.extend([None] * (index - len(values)))
            kind = cell.get("t")
            if kind == "inlineStr":  # the common cases first, without a call
                inline = cell.find(INLINE)
                if inline is not None and len(inline) == 1 and inline[0].tag == TEXT:
                    values.append(inline[0].text or "")
                    continue
            values.append(self._value(cell, kind or "n"))
        return tuple(values)

    def _value(self, cell, kind: str):
        if kind == "inlineStr":
            return _inline_text(cell)
        value = cell.findtext(VALUE) or None
        if value is None:
            return None
        if kind == "n":
            return self._number(cell, value)
        if kind == "s":
            return self.strings[int(value)]
        if kind == "b":
            return bool(int(value))
        if kind == "d":
            return from_ISO8601(value)
        return value  # "str" (a formula's text result) and "e" (an error such as #N/A)

    def _number(self, cell, value: str):
        number = float(value) if ("." in value or "E" in value or "e" in value) else int(value)
        style = int(cell.get("s") or 0)
        if style and style in self.dates:
            try:
                return from_excel(number, self.epoch, timedelta=style in self.durations)
            except (OverflowError, ValueError):
                warn(f"Cell {cell.get('r')} is marked as a date but its value {number} is no date.", stacklevel=1)
                return "#VALUE!"
        return number


def _inline_text(cell) -> str | None:
    """The plain text of an inline string: its <t> and the <t> of each rich-text run (not phonetics)."""
    inline = cell.find(INLINE)
    if inline is None:
        return None
    parts = []
    for child in inline:
        if child.tag == TEXT:
            parts.append(child.text or "")
        elif child.tag == RUN:
            parts.append(child.findtext(TEXT) or "")
    return "".join(parts)


_COLUMN_INDEX: dict[str, int] = {}


def _column_index(letters: str) -> int:
    """0-based index of a column's letters (A -> 0, AA -> 26), remembered: a sheet has few columns."""
    index = _COLUMN_INDEX.get(letters)
    if index is None:
        index = 0
        for letter in letters.upper():
            index = index * 26 + ord(letter) - 64
        index -= 1
        _COLUMN_INDEX[letters] = index
    return index
