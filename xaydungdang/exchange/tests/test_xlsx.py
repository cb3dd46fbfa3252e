"""The sheet reader (python-calamine, window by window) gives the values openpyxl's read-only reader gives,
up to types that mean the same here: a whole number may come as a float, a date at midnight as a date,
and an error cell (#N/A) as an empty one."""

import datetime as dt
import io
import re
import unicodedata
import zipfile

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from xaydungdang.exchange.columns import member_columns
from xaydungdang.exchange.tests.helpers import BINH, MAI, xlsx
from xaydungdang.exchange.writers import write_xlsx
from xaydungdang.exchange.xlsx import Sheet, raw_rows


def _openpyxl_rows(content: bytes) -> dict[int, tuple]:
    sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).worksheets[0]
    return _trimmed(enumerate((tuple(map(_same, row)) for row in sheet.iter_rows(values_only=True)), start=1))


def _same(value):
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date()
    if isinstance(value, str) and value.startswith("#") and value.endswith(("!", "/A", "?")):
        return None  # an error cell
    return value


def _trimmed(rows) -> dict[int, tuple]:
    found = {}
    for number, values in rows:
        values = list(values)
        while values and values[-1] is None:
            values.pop()
        if values:
            found[number] = tuple(values)
    return found


def _workbook(epoch=None) -> bytes:
    workbook = Workbook()
    if epoch:
        workbook.epoch = epoch
    sheet = workbook.active
    sheet.append(["DANH SÁCH", None, "  khoảng trắng giữ nguyên  "])
    sheet.append([])
    sheet.append(["Họ và tên", "Ngày sinh", "Số", "Tỉ lệ", "Đúng", "Lỗi", "Ngày giờ"])
    sheet.append(
        ["Nguyễn Văn An", dt.date(1990, 4, 12), 92190001234, 53.6, True, "#N/A", dt.datetime(2020, 1, 2, 3, 4)]
    )
    sheet.append([None, None, None, None, False])
    sheet["C9"] = "cách một dòng"
    sheet["AB9"] = 1e-5
    sheet["B10"] = "=1+1"  # no cached value: None with data_only, as in openpyxl
    sheet["A11"] = CellRichText(["đậm ", TextBlock(InlineFont(b=True), "và"), " thường"])
    sheet["A12"] = unicodedata.normalize("NFD", "Tiếng Việt tổ hợp")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _with_shared_strings(content: bytes) -> bytes:
    """The same package with its inline strings moved to a shared string table, as Excel saves them."""
    source = zipfile.ZipFile(io.BytesIO(content))
    strings: list[str] = []

    def shared(match: re.Match) -> str:
        strings.append(match[2])
        return f'<c{match[1]} t="s"><v>{len(strings) - 1}</v></c>'

    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "xl/worksheets/sheet1.xml":
                text = re.sub(r'<c([^>]*?) t="inlineStr"><is><t[^>]*>([^<]*)</t></is></c>', shared, data.decode())
                data = text.encode()
            elif name == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
                )
            elif name == "xl/_rels/workbook.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    b'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
                )
            target.writestr(name, data)
        items = "".join(f'<si><t xml:space="preserve">{text}</t></si>' for text in strings)
        target.writestr(
            "xl/sharedStrings.xml",
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' + items + "</sst>",
        )
    assert strings
    return output.getvalue()


FILES = {
    "openpyxl workbook": lambda: _workbook(),
    "1904 dates": lambda: _workbook(CALENDAR_MAC_1904),
    "shared strings": lambda: _with_shared_strings(_workbook()),
    "test helper": lambda: xlsx([MAI, [None] * len(MAI), BINH], above=[["Tiêu đề"], []]),
    "our template": lambda: write_xlsx(member_columns(), [{"full_name": "Võ Thị Mai"}], title="Mẫu"),
}


@pytest.mark.parametrize("name", FILES)
def test_values_are_those_openpyxl_reads(name):
    content = FILES[name]()
    assert _trimmed((n, tuple(map(_same, row))) for n, row in Sheet(content).rows()) == _openpyxl_rows(content)


def test_row_count_is_the_number_of_rows_the_sheet_stores():
    assert Sheet(xlsx([MAI, BINH])).estimated_rows() == 3
    assert Sheet(_with_shared_strings(_workbook())).estimated_rows() == 8  # the rows stored: 1, 3-5 and 9-12


def test_shared_strings_are_read_once_per_file_whatever_the_windows(monkeypatch):
    """Windows of two rows each: every window's shared-string cells are looked up in the table read once
    (the reader used to put the whole table in every window's workbook, for calamine to parse again)."""
    from xaydungdang.exchange import xlsx as reader

    content = _with_shared_strings(_workbook())
    calls = []
    read = reader._read_shared_strings
    monkeypatch.setattr(reader, "WINDOW_ROWS", 2)
    monkeypatch.setattr(reader, "FIRST_WINDOW_ROWS", 2)
    monkeypatch.setattr(reader, "SHARED_ONCE_BYTES", 0)  # a table over the size read once
    monkeypatch.setattr(reader, "_read_shared_strings", lambda *args: calls.append(1) or read(*args))
    sheet = Sheet(content)
    assert len(list(sheet._windows())) > 2
    assert _trimmed((n, tuple(map(_same, row))) for n, row in sheet.rows()) == _openpyxl_rows(content)
    assert calls == [1]


def _calamine_whole(content: bytes) -> dict[int, tuple]:
    from python_calamine import CalamineWorkbook

    sheet = CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0)
    rows = sheet.to_python()
    first = sheet.start[0]
    return _trimmed((first + 1 + i, tuple(None if v == "" else v for v in row)) for i, row in enumerate(rows))


@pytest.mark.parametrize("once", [0, 1 << 30])
def test_rich_text_and_empty_shared_strings_read_as_calamine_reads_the_whole_file(once, monkeypatch):
    from xaydungdang.exchange import xlsx as reader

    monkeypatch.setattr(reader, "SHARED_ONCE_BYTES", once)
    content = _with_shared_strings(_workbook())
    source = zipfile.ZipFile(io.BytesIO(content))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "xl/sharedStrings.xml":  # the first string empty, the second in rich text runs
                data = re.sub(rb"<si>.*?</si>", b"<si><t></t></si>", data, count=1)
                data = re.sub(
                    rb"(</si>)<si>.*?</si>",
                    rb"\1" + "<si><r><t>đậm </t></r><r><rPr><b/></rPr><t>và</t></r></si>".encode(),
                    data,
                    count=1,
                )
            target.writestr(name, data)
    content = output.getvalue()
    found = _trimmed(Sheet(content).rows())
    assert found[1] == (None, None, "đậmvà")  # calamine trims a run's spaces without xml:space="preserve"
    assert found == _calamine_whole(content)


def test_raw_rows_are_cut_at_row_boundaries_and_none_when_a_row_has_no_number():
    rows = [b' r="4" spans="1:2"><c r="A4"><v>1</v></c></row>\n', b' ht="20" r="5"/>', b" r='6'><c/></row>"]
    assert raw_rows(b"<row".join([b"", *rows]), b"<row") == ([4, 5, 6], rows)
    prefixed = b'<x:row r="7"><x:c r="A7"><x:v>1</x:v></x:c></x:row>'
    assert raw_rows(prefixed, b"<x:row") == ([7], [prefixed[6:]])
    assert raw_rows(b'<row r="4"></row><row><c r="A5"/></row>', b"<row") is None
    assert raw_rows(b'<row r="4"></row><row spans="1:1"><c r="A5"/></row>', b"<row") is None
    assert raw_rows(b'<row r="4"></row><row/><row r="6"></row>', b"<row") is None


def test_rows_known_by_their_raw_xml_are_left_out_and_the_others_read_as_before(monkeypatch):
    from xaydungdang.exchange import xlsx as reader

    monkeypatch.setattr(reader, "FIRST_WINDOW_ROWS", 1)
    monkeypatch.setattr(reader, "WINDOW_ROWS", 2)
    asked: list[tuple[int, str]] = []

    def known(numbers: list[int], hashes: list[str]) -> list[bool]:
        asked.extend(zip(numbers, hashes, strict=True))
        return [n % 2 == 0 for n in numbers]

    for content in (_workbook(), _with_shared_strings(_workbook())):
        whole = {n: row for n, row in Sheet(content).rows() if any(v is not None for v in row)}
        sheet = Sheet(content)
        sheet.known = known
        asked.clear()
        found = {n: row for n, row in sheet.rows() if any(v is not None for v in row)}
        assert found == {n: row for n, row in whole.items() if n % 2}
        assert [n for n, _hash in asked] == [1, 3, 4, 5, 9, 10, 11, 12]  # the rows stored
        assert len({row_hash for _n, row_hash in asked}) == len(asked)


def test_the_raw_context_is_that_of_the_styles_the_strings_and_the_date_system():
    contexts = {Sheet(c).raw_context() for c in (_workbook(), _workbook(CALENDAR_MAC_1904))}
    contexts.add(Sheet(_with_shared_strings(_workbook())).raw_context())
    assert len(contexts) == 3
    assert Sheet(_workbook()).raw_context() in contexts
