"""The columns of the exchange files: header, field and how a cell becomes a value (no queries).

The headers are a file format, not interface text: they are the same whatever the interface language,
so a file exported in one language imports in another. Choice columns hold the Vietnamese labels.
"""

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from django.utils import translation
from django.utils.translation import gettext as _

from xaydungdang.core.spreadsheets import ESCAPE, unescape
from xaydungdang.core.text import fold, normalize_name
from xaydungdang.members.choices import EducationLevel, Gender, Occupation, Qualification, Religion, TheoryLevel
from xaydungdang.members.ethnicities import ETHNICITIES, KINH
from xaydungdang.organizations.choices import OrganizationKind, Sector

TEXT, DATE, CHOICE, DIGITS, CODE = "text", "date", "choice", "digits", "code"
MASKS = ("•", "***")  # masked personal data in an export (core.history.mask): never imported back
PARSED_MAX = 4096  # cells of a choice column remembered with their value: a few labels fill a column


@dataclass(frozen=True)
class Column:
    field: str
    header: str
    kind: str = TEXT
    choices: tuple[tuple[str, str], ...] = ()
    required: bool = False
    default: str = ""
    aliases: tuple[str, ...] = ()
    width: int = 16
    # Folded label or value -> value (the first choice wins, as a scan of the list would); and the cell
    # texts already read, with their value (refused ones raise and are not remembered).
    choice_index: dict = field(init=False, compare=False, repr=False)
    parsed: dict = field(init=False, compare=False, repr=False, default_factory=dict)

    def __post_init__(self) -> None:
        index: dict[str, str] = {}
        for value, label in self.choices:
            index.setdefault(fold(label), value)
            index.setdefault(fold(value), value)
        object.__setattr__(self, "choice_index", index)

    def label_of(self, value) -> str:
        """The cell text for a stored value (Vietnamese labels for choices)."""
        if value in (None, ""):
            return ""
        if self.kind == DATE:
            return value.strftime("%d/%m/%Y")
        if self.kind == CHOICE:
            return dict(self.choices).get(value, value)
        return str(value)

    def names(self) -> set[str]:
        return {fold(self.header), *(fold(alias) for alias in self.aliases)}


def _vi_choices(choices) -> tuple[tuple[str, str], ...]:
    with translation.override("vi"):
        return tuple((value, str(label)) for value, label in choices)


@cache  # the labels are always the Vietnamese ones: one tuple per process
def member_columns() -> tuple[Column, ...]:
    return (
        Column("full_name", "Họ và tên", required=True, width=28),
        Column("gender", "Giới tính", CHOICE, _vi_choices(Gender.choices), required=True, width=10),
        Column("birth_date", "Ngày sinh", DATE, required=True, width=12),
        Column("ethnicity", "Dân tộc", CHOICE, tuple(ETHNICITIES), default=KINH, width=12),
        Column("religion", "Tôn giáo", CHOICE, _vi_choices(Religion.choices), default=Religion.NONE, width=14),
        Column("national_id", "Số CCCD", DIGITS, aliases=("CCCD", "Số căn cước công dân", "Số căn cước")),
        Column("hometown", "Quê quán", width=30),
        Column("address", "Nơi cư trú", aliases=("Nơi ở hiện nay", "Địa chỉ"), width=30),
        Column("phone", "Số điện thoại", aliases=("Điện thoại",), width=14),
        Column("organization_code", "Mã chi bộ", CODE, required=True, aliases=("Mã tổ chức",), width=14),
        Column("admission_decision_date", "Ngày quyết định kết nạp", DATE, width=14),
        Column("admission_date", "Ngày vào Đảng", DATE, required=True, aliases=("Ngày kết nạp",), width=14),
        Column("official_date", "Ngày chính thức", DATE, width=14),
        Column("party_card_number", "Số thẻ đảng viên", aliases=("Số thẻ đảng",)),
        Column("record_number", "Số lý lịch", aliases=("Số lý lịch đảng viên",)),
        Column(
            "education_level",
            "Giáo dục phổ thông",
            CHOICE,
            _vi_choices(EducationLevel.choices),
            aliases=("Trình độ giáo dục phổ thông",),
            width=20,
        ),
        Column(
            "qualification",
            "Chuyên môn",
            CHOICE,
            _vi_choices(Qualification.choices),
            default=Qualification.NONE,
            aliases=("Chuyên môn nghiệp vụ",),
            width=20,
        ),
        Column(
            "theory_level",
            "Lý luận chính trị",
            CHOICE,
            _vi_choices(TheoryLevel.choices),
            default=TheoryLevel.NONE,
            width=18,
        ),
        Column("occupation", "Nghề nghiệp", CHOICE, _vi_choices(Occupation.choices), width=28),
    )


@cache
def organization_columns() -> tuple[Column, ...]:
    return (
        Column("code", "Mã tổ chức", CODE, required=True),
        Column("name", "Tên tổ chức", required=True, width=40),
        Column("kind", "Loại tổ chức", CHOICE, _vi_choices(OrganizationKind.choices), required=True, width=36),
        Column("parent_code", "Mã tổ chức cấp trên", CODE, aliases=("Mã cấp trên",), width=18),
        Column("sector", "Lĩnh vực", CHOICE, _vi_choices(Sector.choices), default=Sector.OTHER, width=22),
        Column("admin_unit_code", "Mã đơn vị hành chính", width=14),
        Column("founded_on", "Ngày thành lập", DATE, width=14),
        Column("founding_decision", "Quyết định thành lập", width=24),
    )


def committee_columns() -> tuple[Column, ...]:
    """A committee list: one row per post held. The kinds of post are data (committees.PostKind), so the
    column's choices are read when a file is read, not cached."""
    from xaydungdang.committees.choices import ObtainedBy
    from xaydungdang.committees.models import PostKind

    posts = tuple(PostKind.objects.order_by("order").values_list("code", "name"))
    return (
        Column("organization_code", "Mã tổ chức", CODE, required=True, width=14),
        Column("term_starts_on", "Nhiệm kỳ từ ngày", DATE, required=True, aliases=("Ngày đại hội",), width=14),
        Column("record_number", "Số lý lịch đảng viên", CODE, aliases=("Số lý lịch",), width=14),
        Column("national_id", "Số CCCD", DIGITS, aliases=("CCCD",), width=14),
        Column("full_name", "Họ và tên", required=True, width=28),
        Column("post_kind", "Chức vụ", CHOICE, posts, required=True, width=26),
        Column("started_on", "Từ ngày", DATE, width=12),
        Column(
            "obtained_by", "Hình thức", CHOICE, _vi_choices(ObtainedBy.choices), default=ObtainedBy.ELECTED, width=18
        ),
        Column("decision_number", "Số quyết định", width=16),
        Column("decision_date", "Ngày quyết định", DATE, width=14),
    )


# --- cells to values ------------------------------------------------------------------------------
EXCEL_EPOCH = dt.date(1899, 12, 30)  # Excel's 1900 date system, with its leap-year bug absorbed
DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d/%m/%y")
# The common case of the first format, read without strptime (what "%d/%m/%Y" accepts: 1-2, 1-2, 4 digits).
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


class CellError(ValueError):
    """A cell that cannot become a value; the message is shown with the row and the column."""


def clean_text(raw) -> str:
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    # A formula-like text an export escaped with an apostrophe (core.spreadsheets) reads back as it was.
    return normalize_name(unescape(raw) if isinstance(raw, str) else str(raw))


def parse_date(raw) -> dt.date | None:
    if raw is None or raw == "":
        return None
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        if 1 <= raw < 2958466:  # up to 31/12/9999
            return EXCEL_EPOCH + dt.timedelta(days=int(raw))
        raise CellError(_("Ngày không hợp lệ: «%(value)s».") % {"value": raw})
    text = clean_text(raw).replace(" ", "")
    if not text:
        return None
    simple = _DAY_MONTH_YEAR.fullmatch(text)
    if simple and text.isascii():
        try:
            return dt.date(int(simple[3]), int(simple[2]), int(simple[1]))
        except ValueError:
            pass  # 31/02/2020: the formats below refuse it with the message
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a date, no time zone
        except ValueError:
            continue
    raise CellError(
        _("Ngày không hợp lệ: «%(value)s»; hãy ghi theo dạng ngày/tháng/năm (dd/mm/yyyy).") % {"value": text}
    )


def parse_digits(raw) -> str:
    """A CCCD: Excel turns 092085000123 into the number 92085000123, so numbers get their zeros back."""
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        text = str(int(raw))
        return text.zfill(12) if len(text) < 12 else text
    return clean_text(raw).replace(" ", "").replace(".", "")


def parse_choice(column: Column, raw) -> str:
    known = column.parsed.get(raw) if isinstance(raw, str) else None
    if known is not None:
        return known
    text = clean_text(raw)
    if not text:
        value = column.default
    else:
        value = column.choice_index.get(fold(text))
        if value is None:
            allowed = ", ".join(label for _value, label in column.choices[:12])
            raise CellError(
                _("Giá trị «%(value)s» không có trong danh mục; các giá trị hợp lệ: %(allowed)s.")
                % {"value": text, "allowed": allowed}
            )
    if isinstance(raw, str) and len(column.parsed) < PARSED_MAX:
        column.parsed[raw] = value
    return value


def parse_cell(column: Column, raw):
    """The value of a cell for `column`, or CellError with a Vietnamese message."""
    if column.kind == DATE:
        return parse_date(raw)
    if column.kind == CHOICE:
        return parse_choice(column, raw)
    text = parse_digits(raw) if column.kind == DIGITS else clean_text(raw)
    if any(mark in text for mark in MASKS):
        raise CellError(_("Giá trị đã bị che khi xuất tệp (•••), không nhập lại được."))
    return text


# What would make parse_cell change a text cell: whitespace other than single inner spaces (normalize_name),
# searched over a column's distinct cells joined by NUL (a cell's edges are the NULs and the ends).
_NOT_PLAIN = re.compile(r"[^\S ]|  |^ | $|\x00 | \x00")


def parse_plain_column(column: Column, cells: list) -> list | None:
    """parse_cell of each cell of a text, digits or code column, told for the whole column at once when every
    cell already reads as itself (text in NFC with single inner spaces, no escape, no mask; a CCCD without
    spaces or dots; an empty cell ""): the cells themselves. None when not so for some cell: the caller
    parses each cell."""
    if column.kind not in (TEXT, DIGITS, CODE) or not set(map(type, cells)) <= {str, type(None)}:
        return None
    distinct = set(cells)
    distinct.discard(None)
    joined = "\x00".join(distinct)
    if (
        joined.count("\x00") != max(len(distinct) - 1, 0)
        or not unicodedata.is_normalized("NFC", joined)
        or _NOT_PLAIN.search(joined)
        or joined.startswith(ESCAPE)
        or "\x00" + ESCAPE in joined
        or any(mark in joined for mark in MASKS)
        or (column.kind == DIGITS and ("." in joined or " " in joined))
    ):
        return None
    return ["" if cell is None else cell for cell in cells]
