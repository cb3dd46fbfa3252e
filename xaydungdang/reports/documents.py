"""The narrative report as a Word document laid out as a Party document (HD 36-HD/VPTW: `core.docx`)."""

from xaydungdang.core import docx as layout
from xaydungdang.core.dates import format_vn_date
from xaydungdang.organizations.models import Organization
from xaydungdang.reports.narrative import Narrative


def narrative_docx(report: Narrative) -> bytes:
    document = layout.new_document()
    organization = report.organization
    head = layout.letterhead(organization, standing=False)
    root = Organization.objects.get_root(organization)
    layout.header(document, head, number="      -BC/…", place=layout.place_of(root.name), day=report.end)
    layout.title(
        document,
        "BÁO CÁO",
        f"tình hình tổ chức đảng và đảng viên từ ngày {format_vn_date(report.start)} đến ngày "
        f"{format_vn_date(report.end)}",
    )
    for title, sentences in report.sections:
        layout.paragraph(document, title, bold=True, space_after=6)
        layout.body(document, sentences)
    layout.footer(
        document,
        ["Cấp ủy cấp trên,", "Lưu văn phòng cấp ủy."],
        head.on_behalf,
        layout.signer_for(organization, report.end),
    )
    return layout.to_bytes(document)
