"""The documents a member may request, from the Word templates in `selfservice/docx_templates/`
(made by `build_templates.py`), with the lifecycle documents' letterhead (members.lifecycle.documents)."""

import datetime as dt
import io
from pathlib import Path

from django.utils.translation import gettext as _

from xaydungdang.core.dates import format_vn_date
from xaydungdang.core.text import fold
from xaydungdang.members.lifecycle.documents import letterhead
from xaydungdang.members.lifecycle.rules import party_age
from xaydungdang.selfservice.choices import RequestKind

TEMPLATE_DIR = Path(__file__).resolve().parent / "docx_templates"
TEMPLATES = {
    RequestKind.PARTY_AGE: "giay_xac_nhan_tuoi_dang.docx",
    RequestKind.INTRODUCTION: "giay_gioi_thieu.docx",
}
# An introduction letter is valid this long after it is signed [INFERRED: offices write 30 days].
INTRODUCTION_VALID_DAYS = 30


def context(request, signed: dt.date) -> dict:
    member = request.member
    organization = member.organization
    payload = request.payload or {}
    events = list(member.events.order_by("effective_date", "id"))
    head = letterhead(organization, signed, number=request.document_number)
    return {
        **head,
        "issuing_body_title": organization.name,
        "full_name": member.full_name,
        "birth_date": format_vn_date(member.birth_date),
        "hometown": member.hometown or "……",
        "record_number": member.record_number or "……",
        "card_number": member.party_card_number or "……",
        "admission_decision_date": format_vn_date(member.admission_decision_date) or "……",
        "admission_date": format_vn_date(member.admission_date) or "……",
        "official_date": format_vn_date(member.official_date) or "……",
        "status": (member.get_status_display() or "").lower(),
        "organization": organization.name,
        "on": format_vn_date(signed),
        "party_age": str(party_age(events, signed)),
        "purpose": payload.get("purpose") or "……",
        "addressee": payload.get("addressee") or "……",
        "valid_until": format_vn_date(signed + dt.timedelta(days=INTRODUCTION_VALID_DAYS)),
    }


def render(request, signed: dt.date) -> bytes:
    """The .docx of the request's document, signed on `signed`."""
    from docxtpl import DocxTemplate

    template = DocxTemplate(TEMPLATE_DIR / TEMPLATES[request.kind])
    template.render(context(request, signed), autoescape=True)
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def filename(request) -> str:
    stem = fold(f"{request.get_kind_display()} {request.member.full_name}").replace(" ", "_")
    return f"{stem}.docx"


def title(request) -> str:
    return _("%(kind)s của đồng chí %(name)s") % {"kind": request.get_kind_display(), "name": request.member.full_name}
