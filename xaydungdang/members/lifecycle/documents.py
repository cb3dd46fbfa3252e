"""Party documents produced from an event, from Word templates kept in `members/docx_templates/`.

The templates were made once by `build_templates()` (python-docx) and are committed; offices may edit them
in Word as long as the {{ placeholders }} stay. Rendering uses docxtpl.
"""

import datetime as dt
import io
from pathlib import Path

from django.utils.translation import gettext as _

from xaydungdang.core.dates import format_vn_date
from xaydungdang.members.choices import EventKind

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
PLACE_PREFIXES = ("Đảng bộ thành phố ", "Đảng bộ tỉnh ", "Đảng bộ ")


def has_document(event) -> bool:
    return event.kind in TEMPLATES


def _place(organization) -> str:
    from xaydungdang.organizations.models import Organization

    root = Organization.objects.get_root(organization) if organization else None
    name = root.name if root else ""
    for prefix in PLACE_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def _parent(organization):
    from xaydungdang.organizations.models import Organization

    return Organization.objects.get_parent(organization) if organization else None


def _date_parts(day) -> dict:
    return {"day": f"{day.day:02d}", "month": f"{day.month:02d}", "year": day.year} if day else {}


def letterhead(organization, signed, *, number: str = "", issuing_body: str = "") -> dict:
    """The header of a Party document issued by (or for) `organization` on `signed`: the bodies, the number,
    the place and the date (other apps' documents share it: selfservice's confirmations and letters)."""
    parent = _parent(organization)
    return {
        "upper_body": (parent.name if parent else "").upper(),
        "issuing_body": (issuing_body or (organization.name if organization else "")).upper(),
        "number": number or "……",
        "place": _place(organization),
        "signed": _date_parts(signed),
    }


def context(event) -> dict:
    member = event.member
    organization = event.to_organization or event.from_organization or member.organization
    signed = event.decision_date or event.effective_date
    parent = _parent(organization)
    transfer_data = event.data or {}
    present_by = transfer_data.get("present_by")
    return {
        "upper_body": (parent.name if parent else "").upper(),
        "issuing_body": (event.issued_by or (organization.name if organization else "")).upper(),
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
