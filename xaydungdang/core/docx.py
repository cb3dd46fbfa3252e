"""The layout of a Party document (Hướng dẫn 36-HD/VPTW, 03/4/2018, on the format of Party documents), shared
by every .docx the system writes.

- A4 (210 × 297 mm); margins top and bottom 20 mm, left 30 mm, right 15 mm; Times New Roman 14 pt.
- The header, a two-column table: on the left the superior party organization (line 1, upper case) over the
  issuing body (line 2, bold), a star and the number; on the right "ĐẢNG CỘNG SẢN VIỆT NAM" (bold, underlined)
  and the place and date in italics.
- The signature block: "T/M BAN THƯỜNG VỤ" / "T/M ĐẢNG ỦY" / "T/M CHI BỘ", the post (BÍ THƯ, PHÓ BÍ THƯ), room
  for the signature and the signer's name when known.

Core knows no organization model: it takes any tree node with `name`, `kind` and treebeard's
`objects.get_parent()`.
Who holds which post is known by the committees app, which registers a lookup with `register_signer`.
"""

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass

from xaydungdang.core.dates import today

FONT = "Times New Roman"
SIZE = 14
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
PARTY = "ĐẢNG CỘNG SẢN VIỆT NAM"

# The organization kinds (organizations.choices.OrganizationKind values) whose committee has a standing committee.
STANDING_KINDS = frozenset({"central", "provincial", "upper_grassroots"})
CELL_KINDS = frozenset({"grassroots_cell", "cell"})
# "Đảng bộ tỉnh X" is led by "Tỉnh ủy X" (HD 36: the issuing body is the party committee, not the đảng bộ).
COMMITTEE_PREFIXES = (
    ("Đảng bộ tỉnh ", "Tỉnh ủy "),
    ("Đảng bộ thành phố ", "Thành ủy "),
    ("Đảng bộ huyện ", "Huyện ủy "),
    ("Đảng bộ quận ", "Quận ủy "),
    ("Đảng bộ thị xã ", "Thị ủy "),
    ("Đảng bộ ", "Đảng ủy "),
)


@dataclass(frozen=True)
class Signer:
    post: str  # "BÍ THƯ", "PHÓ BÍ THƯ"
    name: str = ""


SignerLookup = Callable[[object, dt.date], Signer | None]
_SIGNER_LOOKUPS: list[SignerLookup] = []


def register_signer(lookup: SignerLookup) -> None:
    """`lookup(organization, day)` returns who signs for the organization on `day` (committees registers it)."""
    if lookup not in _SIGNER_LOOKUPS:
        _SIGNER_LOOKUPS.append(lookup)


def signer_for(organization, day: dt.date | None) -> Signer:
    for lookup in _SIGNER_LOOKUPS:
        found = lookup(organization, day or today())
        if found:
            return found
    return Signer("BÍ THƯ")


def upper(text: str) -> str:
    return text.upper()


def committee_name(name: str) -> str:
    """The body that issues for an organization: "Đảng bộ xã X" → "Đảng ủy xã X"; a "Chi bộ" issues itself."""
    for prefix, committee in COMMITTEE_PREFIXES:
        if name.startswith(prefix):
            return committee + name[len(prefix) :]
    return name


@dataclass(frozen=True)
class Letterhead:
    superior: str  # line 1: the superior party organization, upper case
    issuing: str  # line 2: the issuing body, upper case, bold
    on_behalf: str  # "T/M BAN THƯỜNG VỤ", "T/M ĐẢNG ỦY", "T/M CHI BỘ"


def letterhead(organization, *, standing: bool = True) -> Letterhead:
    """The header lines and the "T/M" line of a document the organization's committee issues.

    `standing`: the document is the standing committee's (a decision of admission, appointment…), where the
    organization has one; otherwise the committee's."""
    parent = parent_of(organization)
    name = organization.name if organization is not None else ""
    kind = getattr(organization, "kind", "")
    if kind in CELL_KINDS:
        on_behalf = "T/M CHI BỘ"
    elif standing and kind in STANDING_KINDS:
        on_behalf = "T/M BAN THƯỜNG VỤ"
    elif committee_name(name) != name:  # "Tỉnh ủy …", "Đảng ủy …"
        on_behalf = "T/M " + upper(" ".join(committee_name(name).split()[:2]))
    else:
        on_behalf = "T/M ĐẢNG ỦY"
    return Letterhead(upper(parent.name) if parent is not None else "", upper(committee_name(name)), on_behalf)


def parent_of(node):
    """The node's parent through its model's tree manager (treebeard), without importing the model."""
    return type(node).objects.get_parent(node) if node is not None else None


def place_of(name: str) -> str:
    """ "Đảng bộ thành phố Cần Thơ" → "Cần Thơ" (the place on the date line)."""
    for prefix in ("Đảng bộ thành phố ", "Đảng bộ tỉnh ", "Đảng bộ phường ", "Đảng bộ xã ", "Đảng bộ "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def date_line(place: str, day: dt.date | None) -> str:
    if day is None:
        return f"{place or '…'}, ngày … tháng … năm …"
    return f"{place or '…'}, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


# --- building blocks ------------------------------------------------------------------------------------
def new_document():
    """An empty A4 document with the guide's margins and font."""
    from docx import Document
    from docx.shared import Mm, Pt

    document = Document()
    for section in document.sections:
        section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
        section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
        section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    style = document.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(SIZE)
    style.paragraph_format.space_after = Pt(0)
    return document


ALIGN = {"left": 0, "center": 1, "right": 2, "justify": 3}


def paragraph(
    container,
    text: str = "",
    *,
    bold=False,
    italic=False,
    underline=False,
    align="justify",
    size=SIZE,
    space_after=0,
    indent_cm: float | None = None,
):
    from docx.shared import Cm, Pt

    result = container.add_paragraph()
    result.alignment = ALIGN[align]
    result.paragraph_format.space_after = Pt(space_after)
    if indent_cm:
        result.paragraph_format.first_line_indent = Cm(indent_cm)
    run = result.add_run(text)
    run.bold, run.italic, run.underline = bold, italic, underline
    run.font.name, run.font.size = FONT, Pt(size)
    return result


def _two_cells(document, widths_mm=(75, 90)):
    from docx.shared import Mm

    table = document.add_table(rows=1, cols=2)
    table.alignment = 1
    left, right = table.rows[0].cells
    for cell, width in zip((left, right), widths_mm, strict=True):
        cell.width = Mm(width)
        cell.paragraphs[0].text = ""
    return left, right


def header(
    document, head: Letterhead, *, number: str | None, place: str = "", day: dt.date | None = None, dated: str = ""
) -> None:
    """The header block; `number` None leaves out the number line (minutes have none); `dated` replaces the
    place and date line (a template's placeholders)."""
    left, right = _two_cells(document)
    if head.superior:
        paragraph(left, head.superior, align="center", size=13)
    paragraph(left, head.issuing, bold=True, align="center", size=13)
    paragraph(left, "*", align="center", size=13)
    if number is not None:
        paragraph(left, f"Số {number}", align="center")
    paragraph(right, PARTY, bold=True, underline=True, align="center", size=15)
    paragraph(right, "")
    paragraph(right, dated or date_line(place, day), italic=True, align="center")
    paragraph(document, "")


def title(document, name: str, subject: str = "") -> None:
    paragraph(document, name, bold=True, align="center", size=15)
    if subject:
        paragraph(document, subject, bold=True, align="center")
    paragraph(document, "-----", align="center", space_after=12)


def body(document, lines) -> None:
    for line in lines:
        paragraph(document, line, align="justify", space_after=6, indent_cm=1.27)


def signature(cell, on_behalf: str, signer: Signer, *, note: str = "(Ký, đóng dấu)") -> None:
    if on_behalf:
        paragraph(cell, on_behalf, bold=True, align="center")
    paragraph(cell, signer.post, bold=True, align="center")
    paragraph(cell, note, italic=True, align="center", size=13)
    for _i in range(3):
        paragraph(cell, "")
    paragraph(cell, signer.name or "……………………", bold=True, align="center")


def footer(document, recipients: list[str], on_behalf: str, signer: Signer) -> None:
    """ "Nơi nhận" on the left, the signature block on the right."""
    paragraph(document, "")
    left, right = _two_cells(document, (70, 95))
    paragraph(left, "Nơi nhận:", bold=True, underline=True, align="left", size=12)
    for recipient in recipients:
        paragraph(left, f"- {recipient}", align="left", size=12)
    signature(right, on_behalf, signer)


def table(document, headers: list[str], rows: list[list], *, size: int = 11):
    """A bordered table with a repeated header row (for statistical tables in a document)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    result = document.add_table(rows=1, cols=len(headers))
    result.style = "Table Grid"
    for cell, text in zip(result.rows[0].cells, headers, strict=True):
        cell.paragraphs[0].text = ""
        paragraph_ = cell.paragraphs[0]
        paragraph_.alignment = 1
        run = paragraph_.add_run(str(text))
        run.bold, run.font.name = True, FONT
        run.font.size = _pt(size)
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    result.rows[0]._tr.get_or_add_trPr().append(repeat)
    for values in rows:
        cells = result.add_row().cells
        for index, (cell, value) in enumerate(zip(cells, values, strict=True)):
            paragraph_ = cell.paragraphs[0]
            paragraph_.alignment = 0 if index == 0 else 2
            run = paragraph_.add_run("" if value is None else str(value))
            run.font.name, run.font.size = FONT, _pt(size)
    return result


def _pt(size):
    from docx.shared import Pt

    return Pt(size)


def to_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
