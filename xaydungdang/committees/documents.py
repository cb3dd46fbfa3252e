"""An appointment decision as .docx in the Party's document layout (HD 36-HD/VPTW): the upper body and the
issuing body with the number on the left, "ĐẢNG CỘNG SẢN VIỆT NAM" and the place and date on the right, the
title centred, the articles, "Nơi nhận" and the signature block."""

import io

from django.utils.translation import gettext as _

from xaydungdang.core.dates import format_vn_date

FONT = "Times New Roman"


def _paragraph(container, text="", *, bold=False, italic=False, underline=False, center=False, size=14):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = container.add_paragraph()
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(text)
    run.bold, run.italic, run.underline = bold, italic, underline
    run.font.name = FONT
    run.font.size = Pt(size)
    return paragraph


def context(appointment) -> dict:
    from xaydungdang.organizations.models import Organization

    organization = appointment.organization
    parent = Organization.objects.get_parent(organization)
    signed = appointment.decision_date or appointment.effective_on or appointment.proposed_on
    return {
        "upper_body": (parent.name if parent else "").upper(),
        "issuing_body": organization.name.upper(),
        "number": appointment.decision_number or "……",
        "date": _("ngày %(d)02d tháng %(m)02d năm %(y)s") % {"d": signed.day, "m": signed.month, "y": signed.year},
        "title": appointment.get_kind_display().upper(),
        "full_name": appointment.member.full_name,
        "birth_date": format_vn_date(appointment.member.birth_date),
        "post": appointment.post_kind.name,
        "organization": organization.name,
        "effective_on": format_vn_date(appointment.effective_on),
        "tenure_years": appointment.tenure_months // 12,
        "signed_by": appointment.signed_by or "……",
    }


def render(appointment) -> bytes:
    from docx import Document
    from docx.shared import Cm

    values = context(appointment)
    document = Document()
    for section in document.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin, section.right_margin = Cm(3), Cm(2)
        section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    header = document.add_table(rows=1, cols=2)
    left, right = header.rows[0].cells
    _paragraph(left, values["upper_body"], center=True, size=13)
    _paragraph(left, values["issuing_body"], bold=True, center=True, size=13)
    _paragraph(left, "*", center=True)
    _paragraph(left, _("Số %(number)s") % values, center=True)
    _paragraph(right, "ĐẢNG CỘNG SẢN VIỆT NAM", bold=True, underline=True, center=True, size=15)
    _paragraph(right, "")
    _paragraph(right, values["date"], italic=True, center=True)
    _paragraph(document, "")
    _paragraph(document, _("QUYẾT ĐỊNH"), bold=True, center=True, size=15)
    _paragraph(document, _("về việc %(title)s cán bộ") % {"title": values["title"].lower()}, bold=True, center=True)
    _paragraph(document, "-----", center=True)
    _paragraph(
        document,
        _(
            "Căn cứ Quy định số 377-QĐ/TW ngày 08/10/2025 của Bộ Chính trị về phân cấp quản lý cán bộ, "
            "quy hoạch, bổ nhiệm cán bộ;"
        ),
    )
    _paragraph(document, _("Xét đề nghị của Ban Tổ chức,"))
    _paragraph(document, _("QUYẾT ĐỊNH"), bold=True, center=True)
    _paragraph(
        document,
        _(
            "Điều 1. %(title)s đồng chí %(full_name)s, sinh ngày %(birth_date)s, giữ chức vụ %(post)s, %(organization)s, "
            "kể từ ngày %(effective_on)s. Thời hạn giữ chức vụ là %(tenure_years)s năm."
        )
        % {**values, "title": values["title"].capitalize()},
    )
    _paragraph(
        document, _("Điều 2. Các cơ quan, tổ chức có liên quan và đồng chí có tên tại Điều 1 thi hành Quyết định này.")
    )
    _paragraph(document, "")
    footer = document.add_table(rows=1, cols=2)
    recipients, signature = footer.rows[0].cells
    _paragraph(recipients, _("Nơi nhận:"), bold=True, underline=True, size=12)
    _paragraph(recipients, _("- Như Điều 2,"), size=12)
    _paragraph(recipients, _("- Lưu Văn phòng."), size=12)
    _paragraph(signature, _("T/M BAN THƯỜNG VỤ"), bold=True, center=True)
    _paragraph(signature, "")
    _paragraph(signature, "")
    _paragraph(signature, values["signed_by"], bold=True, center=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def filename(appointment) -> str:
    from xaydungdang.core.text import fold

    stem = fold(f"Quyet dinh {appointment.get_kind_display()} {appointment.member.full_name}").replace(" ", "_")
    return f"{stem}.docx"
