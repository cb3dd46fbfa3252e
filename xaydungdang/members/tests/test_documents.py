"""Party documents from events: Word templates rendered with the member's data, logged, convertible to PDF."""

import datetime as dt
import io
import os
import shutil
import subprocess

import pytest
from django.urls import reverse
from docx import Document

from conftest import PASSWORD
from xaydungdang.access.models import AccessLog
from xaydungdang.members.choices import EventKind
from xaydungdang.members.lifecycle import documents
from xaydungdang.members.lifecycle import services as svc

pytestmark = pytest.mark.django_db


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.extend(p.text for p in cell.paragraphs)
    return "\n".join(parts)


def test_admission_decision_has_the_layout_and_data_of_a_party_document(members):
    event = members.hung.events.get(kind=EventKind.ADMITTED)
    event.decision_number, event.issued_by = "120-QĐ/ĐU", "Đảng ủy phường Ninh Kiều"
    event.save()
    text = docx_text(documents.render(event))
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert "ĐẢNG ỦY PHƯỜNG NINH KIỀU" in text and "Số 120-QĐ/ĐU" in text
    assert "Cần Thơ, ngày 10 tháng 05 năm 2010" in text
    assert "QUYẾT ĐỊNH" in text and "Về việc kết nạp đảng viên" in text
    assert "Kết nạp đồng chí Nguyễn Văn Hùng, sinh ngày 15/03/1985" in text
    assert "Nơi nhận:" in text and "T/M BAN THƯỜNG VỤ" in text


def test_place_and_date_are_italic_and_the_title_bold_and_centred(members):
    event = members.hung.events.get(kind=EventKind.ADMITTED)
    document = Document(io.BytesIO(documents.render(event)))
    right = document.tables[0].rows[0].cells[1]
    dated = next(p for p in right.paragraphs if "ngày" in p.text)
    assert all(run.italic for run in dated.runs)
    title = next(p for p in document.paragraphs if p.text == "QUYẾT ĐỊNH")
    assert title.runs[0].bold and title.alignment == 1  # centred


def test_recognition_and_transfer_letter(members, tree, users):
    recognized = members.hung.events.get(kind=EventKind.RECOGNIZED_OFFICIAL)
    assert "là đảng viên chính thức kể từ ngày 19/05/2011" in docx_text(documents.render(recognized))
    svc.transfer_issue(
        actor=users.officer,
        member=members.hung,
        to_organization=tree.village_b,
        letter_number="25-GGT/ĐU",
        issued_on=dt.date(2024, 5, 6),
    )
    letter = members.hung.events.get(kind=EventKind.TRANSFERRED_OUT)
    text = docx_text(documents.render(letter))
    assert "GIẤY GIỚI THIỆU" in text and "đến Chi bộ khu vực 2" in text
    assert "trước ngày 17/06/2024" in text


@pytest.mark.parametrize(("who", "expected"), [("leader", 404), ("outsider", 404), ("member", 404), ("secretary", 200)])
def test_document_view_scope_and_access_log(client, users, members, who, expected):
    event = members.hung.events.get(kind=EventKind.ADMITTED)
    client.login(username=getattr(users, who).username, password=PASSWORD)
    response = client.get(reverse("lifecycle:document", args=[event.pk]))
    assert response.status_code == expected
    if expected == 200:
        assert response["Content-Disposition"].endswith('.docx"')
        log = AccessLog.objects.get(kind=AccessLog.Kind.DOCUMENT)
        assert log.user == users.secretary and "Nguyễn Văn Hùng" in log.what
    else:
        assert not AccessLog.objects.filter(kind=AccessLog.Kind.DOCUMENT).exists()


def test_an_event_without_a_document_is_404(client, users, members):
    svc.member_exempt(actor=users.officer, member=members.hung, effective_date=dt.date(2024, 1, 1), reason="Tuổi cao")
    event = members.hung.events.get(kind=EventKind.EXEMPTED)
    client.login(username=users.secretary.username, password=PASSWORD)
    assert client.get(reverse("lifecycle:document", args=[event.pk])).status_code == 404


def test_libreoffice_converts_the_document_to_pdf_with_its_text(members, tmp_path):
    soffice = shutil.which("soffice") or ("/usr/bin/soffice" if os.path.exists("/usr/bin/soffice") else None)
    if soffice is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice is missing on CI")
        pytest.skip("LibreOffice is not installed")
    event = members.hung.events.get(kind=EventKind.ADMITTED)
    source = tmp_path / "quyet_dinh.docx"
    source.write_bytes(documents.render(event))
    env = {**os.environ, "HOME": str(tmp_path)}  # a private LibreOffice profile
    for target in ("pdf", "txt:Text"):
        subprocess.run(  # noqa: S603 - fixed arguments
            [soffice, "--headless", "--convert-to", target, "--outdir", str(tmp_path), str(source)],
            check=True, capture_output=True, timeout=180, env=env,
        )  # fmt: skip
    pdf = (tmp_path / "quyet_dinh.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 5000
    pdftotext = shutil.which("pdftotext")
    if pdftotext:
        command = [pdftotext, str(tmp_path / "quyet_dinh.pdf"), "-"]
        text = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    else:  # the same rendering engine's text export
        text = (tmp_path / "quyet_dinh.txt").read_text(encoding="utf-8-sig")
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "Nguyễn Văn Hùng" in text
