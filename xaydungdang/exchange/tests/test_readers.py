"""Reading files as people make them: titles above the table, headers without diacritics, NFD text,
dates as text or serials, CCCD numbers that lost their leading zero."""

import datetime as dt
import unicodedata

import pytest

from xaydungdang.exchange.columns import CellError, member_columns, parse_cell, parse_date
from xaydungdang.exchange.readers import FileError, read_table
from xaydungdang.exchange.tests.helpers import BINH, HEADERS, MAI, csv_bytes, xlsx

COLUMNS = {c.field: c for c in member_columns()}


def test_the_header_row_is_found_below_a_title_whatever_its_diacritics_and_case():
    headers = ["HO VA TEN", "gioi tinh", "Ngày Sinh", "so cccd", "ma chi bo", "NGAY VAO DANG"]
    content = xlsx([["Võ Thị Mai", "Nữ", "12/04/1990", "092190001234", "P92-A-S-1", "01/06/2015"]], headers=headers,
                   above=[["DANH SÁCH ĐẢNG VIÊN"], [], ["Chi bộ Giáo viên 1"]])  # fmt: skip
    table = read_table("ds.xlsx", content, member_columns())
    assert table.header_row == 4
    assert table.present == {"full_name", "gender", "birth_date", "national_id", "organization_code", "admission_date"}
    [row] = list(table.rows)
    assert row.number == 5
    assert row.values["full_name"] == "Võ Thị Mai"


def test_blank_lines_are_skipped_and_row_numbers_stay_those_of_the_sheet():
    table = read_table("ds.xlsx", xlsx([MAI, [None] * len(MAI), MAI]), member_columns())
    assert [row.number for row in table.rows] == [2, 4]


def test_csv_with_semicolons_is_read():
    table = read_table("ds.csv", csv_bytes([MAI], delimiter=";"), member_columns())
    [row] = list(table.rows)
    assert row.values["national_id"] == "092190001234"


def test_a_file_without_a_required_column_is_refused_naming_the_column():
    headers = [h for h in HEADERS if h != "Mã chi bộ"]
    with pytest.raises(FileError, match="Thiếu cột bắt buộc: Mã chi bộ."):
        read_table("ds.xlsx", xlsx([], headers=headers), member_columns())


def test_a_file_without_a_header_row_is_refused():
    with pytest.raises(FileError, match="Không tìm thấy dòng tiêu đề"):
        read_table("ds.xlsx", xlsx([["a", "b"]], headers=["x", "y"]), member_columns())


def test_a_file_that_is_not_a_workbook_is_refused():
    with pytest.raises(FileError, match="chỉ nhận tệp Excel"):
        read_table("ds.xlsx", b"not a zip", member_columns())


@pytest.mark.parametrize(
    "raw",
    ["12/04/1990", " 12/04/1990 ", "12-04-1990", "12.04.1990", "1990-04-12", 32975, 32975.0,
     dt.datetime(1990, 4, 12), dt.date(1990, 4, 12)],
)  # fmt: skip
def test_dates_are_read_as_text_serials_or_dates(raw):
    assert parse_date(raw) == dt.date(1990, 4, 12)


def test_a_bad_date_says_how_to_write_it():
    with pytest.raises(CellError, match=r"Ngày không hợp lệ: «31/02/1990»; hãy ghi theo dạng ngày/tháng/năm"):
        parse_date("31/02/1990")


def test_decomposed_text_is_stored_composed_with_single_spaces():
    decomposed = unicodedata.normalize("NFD", "  Võ   Thị Mai ")
    assert parse_cell(COLUMNS["full_name"], decomposed) == "Võ Thị Mai"


def test_choices_are_matched_by_label_without_regard_to_diacritics_or_case():
    assert parse_cell(COLUMNS["gender"], "nu") == "female"
    assert parse_cell(COLUMNS["qualification"], "ĐẠI HỌC") == "bachelor"
    assert parse_cell(COLUMNS["ethnicity"], "Tày") == "02"
    assert parse_cell(COLUMNS["religion"], None) == "none"


def test_a_cccd_that_excel_turned_into_a_number_gets_its_leading_zero_back():
    assert parse_cell(COLUMNS["national_id"], 92190001234) == "092190001234"


def test_a_masked_value_from_an_export_is_refused():
    with pytest.raises(CellError, match="đã bị che"):
        parse_cell(COLUMNS["national_id"], "0921••••••34")


FILES = {
    "ds.xlsx": lambda: xlsx([MAI, [None] * len(MAI), BINH, MAI[:4]], above=[["Danh sách"], []]),
    "ds.csv": lambda: csv_bytes([MAI, [], BINH, MAI[:4], [""] * 3]),
}


@pytest.mark.parametrize("name", FILES)
@pytest.mark.parametrize("block", [1, 2, 1000])
def test_chunks_give_the_cells_the_rows_give_whatever_the_windows(name, block, monkeypatch):
    """Chunks hold each row's cells as the file has them and give them column by column as the rows
    give them: a workbook's empty cell None, a .csv's "" (a short line padded with None); blank lines
    left out, wherever the file's windows (or a .csv's blocks) begin and end."""
    from xaydungdang.exchange import readers
    from xaydungdang.exchange import xlsx as sheets

    monkeypatch.setattr(readers, "CSV_BLOCK", block)
    monkeypatch.setattr(sheets, "WINDOW_ROWS", block)
    rows = list(read_table(name, FILES[name](), member_columns()).rows)
    chunks = list(read_table(name, FILES[name](), member_columns()).chunks(2))
    assert [number for numbers, _cells in chunks for number in numbers] == [row.number for row in rows]
    assert len(rows) == 3 and rows[1].values["phone"] == (None if name.endswith("xlsx") else "")
    for field in rows[0].values:
        assert [value for _numbers, cells in chunks for value in cells[field]] == [row.values[field] for row in rows]
