"""Every generated .docx follows HD 36-HD/VPTW (core.docx): A4, the guide's margins, the superior
organization over the issuing body, the signature block naming the post and the signer; and it converts to a
PDF that carries the document's key lines."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document
from docx.shared import Mm

from xaydungdang.access.policy import SYSTEM
from xaydungdang.committees import documents as committee_documents
from xaydungdang.committees import planning
from xaydungdang.committees.choices import AppointmentKind
from xaydungdang.committees.tests.factories import post, term_with
from xaydungdang.core import docx as layout
from xaydungdang.core.pdf import soffice
from xaydungdang.meetings import services as meeting_services
from xaydungdang.meetings.choices import MeetingKind
from xaydungdang.meetings.documents import minutes_docx
from xaydungdang.members.choices import EventKind
from xaydungdang.members.lifecycle import documents as lifecycle_documents
from xaydungdang.reports.documents import narrative_docx
from xaydungdang.reports.narrative import narrative

pytestmark = pytest.mark.django_db
D = dt.date


def lines(content: bytes) -> list[str]:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.extend(p.text for p in cell.paragraphs)
    return parts


def header_lines(content: bytes) -> list[str]:
    document = Document(io.BytesIO(content))
    return [p.text for p in document.tables[0].rows[0].cells[0].paragraphs if p.text]


def assert_a4(content: bytes) -> None:
    for section in Document(io.BytesIO(content)).sections:
        assert abs(section.page_width - Mm(210)) < Mm(1) and abs(section.page_height - Mm(297)) < Mm(1)
        for margin, (low, high) in zip(
            (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin),
            ((20, 25), (20, 25), (30, 35), (15, 20)),
            strict=True,
        ):
            assert Mm(low - 0.1) <= margin <= Mm(high + 0.1)  # the guide's range (twips round a little)
    style = Document(io.BytesIO(content)).styles["Normal"]
    assert style.font.name == "Times New Roman" and style.font.size.pt in (13, 14)


@pytest.fixture
def documents(tree, members, users):
    """One of each generated document: admission decision (commune), appointment, minutes, narrative (cell)."""
    term_with(tree.commune_a, starts_on=D(2005, 10, 1), posts=[(members.nam, "bi-thu")])  # signs in 2010
    term_with(tree.cell_1, starts_on=D(2020, 9, 1), posts=[(members.lan, "pho-bi-thu")])
    admission = members.hung.events.get(kind=EventKind.ADMITTED)
    planning_plan = planning.plan_create(actor=SYSTEM, organization=tree.school, start_year=2025, end_year=2030)
    planning.plan_entry_add(
        actor=SYSTEM, plan=planning_plan, member=members.hoa, post_kind=post("pho-bi-thu"), added_on=D(2025, 1, 2)
    )
    appointment = planning.appointment_propose(
        actor=SYSTEM, organization=tree.school, member=members.hoa, post_kind=post("pho-bi-thu"),
        kind=AppointmentKind.APPOINTMENT, proposed_on=D(2025, 2, 1),
    )  # fmt: skip
    planning.appointment_decide(actor=SYSTEM, appointment=appointment, effective_on=D(2025, 3, 1), decision_number="1")
    meeting = meeting_services.meeting_plan(
        actor=users.officer, organization=tree.cell_1, kind=MeetingKind.REGULAR, planned_on=D(2025, 3, 10)
    )
    meeting = meeting_services.attendance_record(
        actor=users.officer, meeting=meeting, held_on=D(2025, 3, 10), entries={}
    )
    minutes = meeting_services.minutes_save(
        actor=users.officer, meeting=meeting, chair="Nguyễn Văn Hùng", secretary="Trần Thị Lan", sections={}
    )
    return {
        "admission": lifecycle_documents.render(admission),
        "appointment": committee_documents.render(appointment),
        "minutes": minutes_docx(meeting, minutes),
        "narrative": narrative_docx(narrative(tree.cell_1, D(2025, 1, 1), D(2025, 12, 31))),
    }


def test_every_generated_document_is_a4_with_the_guides_margins_and_font(documents):
    for content in documents.values():
        assert_a4(content)


def test_a_communes_decision_names_the_superior_over_the_issuing_committee_and_the_signer(documents):
    assert header_lines(documents["admission"])[:2] == ["ĐẢNG BỘ THÀNH PHỐ CẦN THƠ", "ĐẢNG ỦY PHƯỜNG NINH KIỀU"]
    text = lines(documents["admission"])
    assert "T/M BAN THƯỜNG VỤ" in text and "BÍ THƯ" in text and "Lê Văn Nam" in text
    assert not any(line.startswith("BAN THƯỜNG VỤ") for line in text)


def test_a_cells_report_is_headed_by_its_grassroots_committee_and_signed_for_the_cell(documents):
    assert header_lines(documents["narrative"])[:2] == ["ĐẢNG BỘ TRƯỜNG THPT CHÂU VĂN LIÊM", "CHI BỘ GIÁO VIÊN 1"]
    text = lines(documents["narrative"])
    assert "T/M CHI BỘ" in text and "PHÓ BÍ THƯ" in text and "Trần Thị Lan" in text


def test_letterhead_of_each_level():
    class Node:
        def __init__(self, name, kind, parent=None):
            self.name, self.kind, self.parent = name, kind, parent

    class Objects:
        @staticmethod
        def get_parent(node):
            return node.parent

    Node.objects = Objects
    province = Node("Đảng bộ tỉnh An Giang", "provincial")
    commune = Node("Đảng bộ xã Mỹ Hòa Hưng", "upper_grassroots", province)
    assert layout.letterhead(province) == layout.Letterhead("", "TỈNH ỦY AN GIANG", "T/M BAN THƯỜNG VỤ")
    assert layout.letterhead(commune, standing=False).on_behalf == "T/M ĐẢNG ỦY"
    assert layout.letterhead(commune).superior == "ĐẢNG BỘ TỈNH AN GIANG"


def test_the_pdf_of_a_document_carries_its_key_lines(client, users, members):
    if soffice() is None:
        pytest.skip("LibreOffice is not installed")
    from pypdf import PdfReader

    event = members.hung.events.get(kind=EventKind.ADMITTED)
    client.force_login(users.secretary)
    response = client.get(reverse("lifecycle:document", args=[event.pk]), {"format": "pdf"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    page = reader.pages[0]
    assert abs(float(page.mediabox.width) - 595.3) < 2 and abs(float(page.mediabox.height) - 841.9) < 2  # A4 pt
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "ĐẢNG ỦY PHƯỜNG NINH KIỀU" in text
    assert "Nguyễn Văn Hùng" in text


def test_without_libreoffice_the_pdf_link_explains_itself(client, users, members, monkeypatch):
    monkeypatch.setattr("xaydungdang.core.pdf.soffice", lambda: None)
    event = members.hung.events.get(kind=EventKind.ADMITTED)
    client.force_login(users.secretary)
    response = client.get(reverse("lifecycle:document", args=[event.pk]), {"format": "pdf"})
    assert response.status_code == 409 and "LibreOffice" in response.content.decode()
