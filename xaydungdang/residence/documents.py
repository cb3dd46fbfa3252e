"""Letter mẫu 1-213 (giấy giới thiệu đảng viên về giữ mối liên hệ với nơi cư trú) as a Word document, in the
Party's layout (HD 36-HD/VPTW), built with python-docx like the meeting minutes; the tear-off slip at the
bottom is what the residence cell returns when it receives the member."""

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from xaydungdang.core.dates import format_vn_date
from xaydungdang.organizations.choices import OrganizationKind
from xaydungdang.organizations.models import Organization
from xaydungdang.residence.models import Introduction

FONT = "Times New Roman"
LEFT, CENTER, JUSTIFY = WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY
MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _paragraph(container, text: str, *, bold=False, italic=False, size=14, align=JUSTIFY, underline=False):
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    run = paragraph.add_run(text)
    run.bold, run.italic, run.underline = bold, italic, underline
    run.font.size, run.font.name = Pt(size), FONT
    return paragraph


def issuing_body(workplace: Organization) -> Organization:
    """The letter is issued by the grassroots committee over the workplace cell (the cell itself when it is
    a grassroots cell)."""
    if workplace.kind == OrganizationKind.CELL:
        parent = Organization.objects.get_parent(workplace)
        if parent is not None and parent.kind == OrganizationKind.PARTIAL_COMMITTEE:
            parent = Organization.objects.get_parent(parent) or parent
        return parent or workplace
    return workplace


def letter_docx(introduction: Introduction) -> bytes:
    member, workplace = introduction.member, introduction.workplace
    issuer = issuing_body(workplace)
    upper = Organization.objects.get_parent(issuer)
    document = Document()
    for section in document.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.top_margin, section.bottom_margin = Cm(2), Cm(2)
        section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    style = document.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(14)
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    for cell in (left, right):
        cell.paragraphs[0].text = ""
    if upper is not None:
        _paragraph(left, upper.name.upper(), size=13, align=CENTER)
    _paragraph(left, issuer.name.upper(), bold=True, size=13, align=CENTER)
    _paragraph(left, "*", size=13, align=CENTER)
    _paragraph(left, f"Số {introduction.letter_number}", size=13, align=CENTER)
    _paragraph(right, "ĐẢNG CỘNG SẢN VIỆT NAM", bold=True, underline=True, align=CENTER)
    day = introduction.letter_date
    _paragraph(right, f"…, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}", italic=True, align=CENTER)
    _paragraph(document, "Mẫu 1-213", italic=True, size=12, align=LEFT)
    _paragraph(document, "GIẤY GIỚI THIỆU", bold=True, size=15, align=CENTER)
    _paragraph(
        document,
        "Đảng viên đang công tác về giữ mối liên hệ với tổ chức đảng và nhân dân nơi cư trú",
        bold=True,
        align=CENTER,
    )
    _paragraph(document, f"Kính gửi: Chi ủy (chi bộ) {introduction.residence_organization.name}", align=CENTER)
    status = member.get_status_display().lower() if member.status else "đảng viên"
    body = [
        f"{issuer.name} trân trọng giới thiệu đồng chí: {member.full_name}",
        f"Sinh ngày: {format_vn_date(member.birth_date)}; là {status}.",
        f"Hiện đang sinh hoạt tại: {workplace.name}.",
        f"Nơi cư trú: {introduction.residence_address or member.address or '……'}.",
        "Về giữ mối liên hệ với chi ủy, chi bộ và nhân dân nơi cư trú theo Quy định số 213-QĐ/TW ngày 02/01/2020 "
        "của Bộ Chính trị.",
        str(introduction.request),
    ]
    for line in body:
        _paragraph(document, line)
    signature = document.add_table(rows=1, cols=2)
    left, right = signature.rows[0].cells
    for cell in (left, right):
        cell.paragraphs[0].text = ""
    _paragraph(left, "Nơi nhận:", bold=True, italic=True, size=12, align=LEFT)
    _paragraph(left, "- Như trên,", size=11, align=LEFT)
    _paragraph(left, f"- {workplace.name},", size=11, align=LEFT)
    _paragraph(left, "- Lưu.", size=11, align=LEFT)
    _paragraph(right, "T/M ĐẢNG ỦY", bold=True, align=CENTER)
    _paragraph(right, "(Ký, ghi rõ họ tên, đóng dấu)", italic=True, size=12, align=CENTER)
    _paragraph(document, "- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - -", align=CENTER)
    _paragraph(document, "PHẦN XÁC NHẬN CỦA CHI ỦY NƠI CƯ TRÚ", bold=True, align=CENTER)
    _paragraph(
        document,
        f"Chi ủy (chi bộ) {introduction.residence_organization.name} đã tiếp nhận đồng chí {member.full_name} "
        "về giữ mối liên hệ với chi ủy, chi bộ và nhân dân nơi cư trú từ ngày …… tháng …… năm ……",
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def filename(introduction: Introduction) -> str:
    from xaydungdang.core.text import fold

    stem = fold(f"giay gioi thieu 1-213 {introduction.member.full_name}").replace(" ", "_")
    return f"{stem}.docx"
