"""An appointment decision as .docx in the Party's document layout (HD 36-HD/VPTW): the upper body and the
issuing body with the number on the left, "ĐẢNG CỘNG SẢN VIỆT NAM" and the place and date on the right, the
title centred, the articles, "Nơi nhận" and the signature block."""

from django.utils.translation import gettext as _

from xaydungdang.core import docx as layout
from xaydungdang.core.dates import format_vn_date


def _paragraph(container, text="", *, bold=False, italic=False, underline=False, center=False, size=14):
    align = "center" if center else "justify"
    return layout.paragraph(container, text, bold=bold, italic=italic, underline=underline, align=align, size=size)


def context(appointment) -> dict:
    from xaydungdang.organizations.models import Organization

    organization = appointment.organization
    head = layout.letterhead(organization)
    signed = appointment.decision_date or appointment.effective_on or appointment.proposed_on
    signer = layout.signer_for(organization, signed)
    if appointment.signed_by:
        signer = layout.Signer(signer.post, appointment.signed_by)
    root = Organization.objects.get_root(organization)
    return {
        "head": head,
        "signer": signer,
        "place": layout.place_of(root.name),
        "signed": signed,
        "upper_body": head.superior,
        "issuing_body": head.issuing,
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
    values = context(appointment)
    document = layout.new_document()
    layout.header(document, values["head"], number=values["number"], place=values["place"], day=values["signed"])
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
    layout.footer(document, [_("Như Điều 2,"), _("Lưu Văn phòng.")], values["head"].on_behalf, values["signer"])
    return layout.to_bytes(document)


def filename(appointment) -> str:
    from xaydungdang.core.text import fold

    stem = fold(f"Quyet dinh {appointment.get_kind_display()} {appointment.member.full_name}").replace(" ", "_")
    return f"{stem}.docx"
