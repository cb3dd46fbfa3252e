"""columns.parse_plain_column: a text column whose cells all read as themselves is parsed at once, with the
values parse_cell gives each cell; any cell parse_cell would change or refuse sends the column back to it."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xaydungdang.exchange.columns import CellError, member_columns, parse_cell, parse_plain_column

COLUMNS = {column.field: column for column in member_columns()}
CHANGED = [
    unicodedata.normalize("NFD", "Nguyễn Văn An"),
    "Lê  Thị",
    " Lê",
    "Lê ",
    "a\tb",
    "a\u00a0b",
    "'=1+2",
    "a\x1cb",
    "\u3000",
]


@pytest.mark.parametrize("name", ["full_name", "hometown", "national_id", "organization_code"])
def test_a_plain_column_is_its_cells(name):
    cells = ["Nguyễn-Văn-An", None, "092070000123", "B92-X-01", "CầnThơ", ""]
    assert parse_plain_column(COLUMNS[name], cells) == [parse_cell(COLUMNS[name], cell) for cell in cells]


@pytest.mark.parametrize("cell", CHANGED)
def test_a_cell_that_reads_otherwise_sends_the_column_back_to_parse_cell(cell):
    column = COLUMNS["address"]
    assert parse_cell(column, cell) != cell
    assert parse_plain_column(column, ["Số 1", cell]) is None


def test_masked_cells_numbers_and_spaced_cccds_are_not_read_at_once():
    with pytest.raises(CellError):
        parse_cell(COLUMNS["address"], "Số •••")
    assert parse_plain_column(COLUMNS["address"], ["Số 1", "Số •••"]) is None
    assert parse_plain_column(COLUMNS["phone"], ["0901", 901]) is None
    assert parse_plain_column(COLUMNS["national_id"], ["092 070 000123"]) is None
    assert parse_plain_column(COLUMNS["national_id"], ["092.070.000.123"]) is None
    assert parse_plain_column(COLUMNS["address"], ["a\x00b"]) is None  # a NUL: the cells are not told apart
    assert parse_plain_column(COLUMNS["gender"], ["Nam"]) is None  # a choice column: its labels are looked up


@given(st.lists(st.one_of(st.none(), st.text(max_size=8)), min_size=1, max_size=6))
def test_at_once_or_not_the_values_are_parse_cell_s(cells):
    for name in ("address", "national_id", "organization_code"):
        column = COLUMNS[name]
        plain = parse_plain_column(column, cells)
        if plain is not None:
            assert plain == [parse_cell(column, cell) for cell in cells]
