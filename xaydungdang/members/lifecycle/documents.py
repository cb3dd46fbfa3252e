"""Party documents produced from an event, from Word templates kept in `members/docx_templates/`.

The templates were made once by `build_templates()` (python-docx) and are committed; offices may edit them
in Word as long as the {{ placeholders }} stay. Rendering uses docxtpl.
"""

import datetime as dt
import io
from pathlib import Path

from django.utils.translation import gettext as _

from xaydungdang.core import docx as layout
from xaydungdang.core.dates import format_vn_date
from xaydungdang.members.choices import EventKind
from xaydungdang.organizations.choices import OrganizationKind

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "docx_templates"
TEMPLATES = {
    EventKind.ADMITTED: "quyet_dinh_ket_nap.docx",
    EventKind.RECOGNIZED_OFFICIAL: "quyet_dinh_cong_nhan_chinh_thuc.docx",
    EventKind.TRANSFERRED_OUT: "giay_gioi_thieu_chuyen_sinh_hoat.docx",
}
TITLES = {
    EventKind.ADMITTED: _("Quyết định kết nạp đảng viên"),
    EventKind.RECOGNIZED_OFFICIAL: _("Quyết định công nhận đảng viên chính thức"),
    EventKind.TRANSFERRED_OUT: _("Giấy giới thiệu sinh hoạt đảng"),
}
# Who issues: admission and recognition are decided by the standing committee of the committee directly above
# the grassroots organization (Điều lệ Đảng, Điều 4; Quy định 232-QĐ/TW); the transfer letter by the grassroots
# organization's committee.
DECIDING_KINDS = (OrganizationKind.UPPER_GRASSROOTS, OrganizationKind.PROVINCIAL, OrganizationKind.CENTRAL)
GRASSROOTS_KINDS = (OrganizationKind.GRASSROOTS_COMMITTEE, OrganizationKind.GRASSROOTS_CELL, *DECIDING_KINDS)


# The personal fields a document carries (for the access log).
PERSONAL_FIELDS = ("full_name", "birth_date", "hometown", "address", "record_number", "party_card_number")


def has_document(event) -> bool:
    return event.kind in TEMPLATES


def _nearest(organization, kinds):
    """The organization itself or its nearest ancestor of one of `kinds` (else the tree's root)."""
    node = organization
    while node is not None:
        if node.kind in kinds:
            return node
        parent = layout.parent_of(node)
        if parent is None:
            return node
        node = parent
    return None


def issuer(event):
    organization = event.to_organization or event.from_organization or event.member.organization
    if organization is None:
        return None
    kinds = GRASSROOTS_KINDS if event.kind == EventKind.TRANSFERRED_OUT else DECIDING_KINDS
    return _nearest(organization, kinds)


def _place(organization) -> str:
    from xaydungdang.organizations.models import Organization

    root = Organization.objects.get_root(organization) if organization else None
    return layout.place_of(root.name) if root else ""


def _date_parts(day) -> dict:
    return {"day": f"{day.day:02d}", "month": f"{day.month:02d}", "year": day.year} if day else {}


def letterhead(organization, signed, *, number: str = "", issuing_body: str = "") -> dict:
    """The header of a Party document issued by (or for) `organization` on `signed`: the bodies, the number,
    the place and the date (other apps' documents share it: selfservice's confirmations and letters)."""
    head = layout.letterhead(organization, standing=False)
    return {
        "upper_body": head.superior,
        "issuing_body": issuing_body.upper() if issuing_body else head.issuing,
        "number": number or "……",
        "place": _place(organization),
        "signed": _date_parts(signed),
    }


def context(event) -> dict:
    member = event.member
    organization = event.to_organization or event.from_organization or member.organization
    signed = event.decision_date or event.effective_date
    issuing = issuer(event)
    head = layout.letterhead(issuing, standing=event.kind != EventKind.TRANSFERRED_OUT)
    signer = layout.signer_for(issuing, signed) if issuing is not None else layout.Signer("BÍ THƯ")
    transfer_data = event.data or {}
    present_by = transfer_data.get("present_by")
    return {
        "upper_body": head.superior,
        "issuing_body": head.issuing,
        "on_behalf": head.on_behalf,
        "signer_post": signer.post,
        "signer_name": signer.name or "……………………",
        "number": event.decision_number or "……",
        "place": _place(organization),
        "signed": _date_parts(signed),
        "full_name": member.full_name,
        "birth_date": format_vn_date(member.birth_date),
        "hometown": member.hometown or "……",
        "address": member.address or "……",
        "organization": organization.name if organization else "",
        "admission_date": format_vn_date(member.admission_date),
        "admission_decision_date": format_vn_date(member.admission_decision_date),
        "effective_date": format_vn_date(event.effective_date),
        "status": member.get_status_display() if member.status else "",
        "destination": str(event.to_organization or event.external_organization or ""),
        "present_by": format_vn_date(dt.date.fromisoformat(present_by)) if present_by else "……",
        "record_number": member.record_number or "……",
        "card_number": member.party_card_number or "……",
    }


def render(event) -> bytes:
    """The .docx of the event's document."""
    from docxtpl import DocxTemplate

    template = DocxTemplate(TEMPLATE_DIR / TEMPLATES[event.kind])
    template.render(context(event), autoescape=True)
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def filename(event) -> str:
    from xaydungdang.core.text import fold

    stem = fold(f"{TITLES[event.kind]} {event.member.full_name}").replace(" ", "_")
    return f"{stem}.docx"
