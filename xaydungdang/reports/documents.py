"""The narrative report as a Word document laid out as a Party document (HD 36-HD/VPTW on thể thức)."""

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from xaydungdang.core.dates import format_vn_date
from xaydungdang.organizations.models import Organization
from xaydungdang.reports.narrative import Narrative

FONT = "Times New Roman"


def _paragraph(
    container, text: str, *, bold=False, italic=False, size=14, align=WD_ALIGN_PARAGRAPH.CENTER, underline=False
):
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    run = paragraph.add_run(text)
    run.bold, run.italic, run.underline = bold, italic, underline
    run.font.size = Pt(size)
    run.font.name = FONT
    return paragraph


def _header(document, report: Narrative) -> None:
    """Left: the issuing body and the number; right: the Party's name, place and date."""
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    for cell in (left, right):
        cell.paragraphs[0].text = ""
    parent = Organization.objects.get_parent(report.organization)
    if parent is not None:
        _paragraph(left, parent.name.upper(), size=13)
    _paragraph(left, report.organization.name.upper(), bold=True, size=13)
    _paragraph(left, "*", size=13)
    _paragraph(left, "Số      -BC/…", size=13)
    _paragraph(right, "ĐẢNG CỘNG SẢN VIỆT NAM", bold=True, underline=True, size=14)
    _paragraph(
        right, f"…, ngày {report.end.day:02d} tháng {report.end.month:02d} năm {report.end.year}", italic=True, size=14
    )


def narrative_docx(report: Narrative) -> bytes:
    document = Document()
    for section in document.sections:
        section.top_margin, section.bottom_margin = Cm(2), Cm(2)
        section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    style = document.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(14)
    _header(document, report)
    _paragraph(document, "BÁO CÁO", bold=True, size=15).paragraph_format.space_before = Pt(18)
    _paragraph(
        document,
        f"tình hình tổ chức đảng và đảng viên từ ngày {format_vn_date(report.start)} đến ngày {format_vn_date(report.end)}",
        bold=True,
    )
    _paragraph(document, "-----", size=14)
    for title, sentences in report.sections:
        _paragraph(document, title, bold=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        for sentence in sentences:
            paragraph = _paragraph(document, sentence, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
            paragraph.paragraph_format.first_line_indent = Cm(1.27)
    signature = document.add_table(rows=1, cols=2)
    receivers, signer = signature.rows[0].cells
    _paragraph(receivers, "Nơi nhận:", bold=True, underline=True, size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
    _paragraph(receivers, "- Cấp ủy cấp trên,\n- Lưu văn phòng cấp ủy.", size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
    _paragraph(signer, f"T/M {_committee_of(report.organization.name)}", bold=True)
    _paragraph(signer, "BÍ THƯ", bold=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _committee_of(name: str) -> str:
    """ "Đảng bộ phường X" is signed for by "ĐẢNG ỦY PHƯỜNG X"; a "Chi bộ" by "CHI BỘ"."""
    upper = name.upper()
    if upper.startswith("ĐẢNG BỘ "):
        return "ĐẢNG ỦY " + upper.removeprefix("ĐẢNG BỘ ")
    return upper
