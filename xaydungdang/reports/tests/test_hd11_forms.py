"""The HD 11 forms: kept as data, filled from the reports' selectors; their figures equal counts from the raw
rows (members' periods, organizations, admission events) on a small tree; page, .xlsx and PDF."""

import datetime as dt
import io
from collections import Counter

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from xaydungdang.core.pdf import soffice
from xaydungdang.members.choices import EventKind
from xaydungdang.members.ethnicities import ETHNICITIES
from xaydungdang.members.models import MembershipEvent
from xaydungdang.organizations.models import Organization
from xaydungdang.reports import hd11
from xaydungdang.reports.tests.oracle import expected_counts

pytestmark = pytest.mark.django_db
ON = dt.date(2025, 12, 31)


def values(filled) -> dict[str, int]:
    return {row.label.strip(): vals[0] for row, vals in filled.rows if not row.heading}


def test_the_forms_are_data_with_the_54_ethnic_groups():
    ethnicity = hd11.form_by_code("03")
    assert len([r for r in ethnicity.rows if r.keys[0].startswith("ethnicity:")]) == len(ETHNICITIES) == 54
    assert {f.code for f in hd11.not_exact()} == {f.code for f in hd11.forms()}  # the annex was not available
    with pytest.raises(hd11.FormError, match="Biểu 99"):
        hd11.parse([{"code": "99", "title": "x", "source": "members", "rows": [{"dimension": "shoe_size"}]}])


def test_member_forms_equal_counts_from_the_raw_rows(tree, varied):
    expected = expected_counts(tree.province, ON)
    filled = {f.form.code: f for f in hd11.fill_all(tree.province, ON)}
    ethnic = {row.keys[0]: vals[0] for row, vals in filled["03"].rows if row.keys}
    for code, _label in ETHNICITIES:
        assert ethnic[f"ethnicity:{code}"] == expected["ethnicity"].get(code, 0), code
    religion = {row.keys[0]: vals[0] for row, vals in filled["04"].rows if row.keys}
    assert all(religion[f"religion:{k}"] == n for k, n in expected["religion"].items())
    ages = {row.keys[0]: vals[0] for row, vals in filled["05"].rows if row.keys}
    assert all(ages[f"age_band:{k}"] == n for k, n in expected["age_band"].items())
    structure = values(filled["02"])
    assert structure["Tổng số đảng viên"] == expected["total"][""]
    assert structure["Đảng viên nữ"] == expected["gender"]["female"]
    share = dict((row.label, vals[1]) for row, vals in filled["02"].rows)["Đảng viên nữ"]
    assert float(share) == round(expected["gender"]["female"] * 100 / expected["total"][""], 2)


def test_organization_and_admission_forms_equal_the_raw_rows(tree, varied):
    kinds = Counter(Organization.objects.filter(path__startswith=tree.province.path).values_list("kind", flat=True))
    organizations = values(hd11.fill(hd11.form_by_code("01"), tree.province, ON))
    assert organizations["Tổ chức cơ sở đảng"] == kinds["grassroots_committee"] + kinds["grassroots_cell"]
    assert organizations["Chi bộ trực thuộc đảng ủy cơ sở"] == kinds["cell"]
    year = dt.date(2023, 12, 31)
    admitted = MembershipEvent.objects.filter(
        kind=EventKind.ADMITTED, effective_date__gt=dt.date(2022, 12, 31), effective_date__lte=year
    ).count()
    assert values(hd11.fill(hd11.form_by_code("07"), tree.province, year))["Kết nạp đảng viên mới"] == admitted


def test_page_xlsx_and_pdf(client, tree, varied, users):
    client.force_login(users.officer)
    url = reverse("reports:forms")
    page = client.get(url, {"org": tree.province.pk, "on": "31/12/2025"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Biểu 03: Đảng viên theo dân tộc" in html and "Chưa có bản mẫu chính thức" in html and "Khơ-mú" in html
    assert client.get(url, {"org": tree.province.pk, "form": "zz"}).status_code == 404
    book = load_workbook(
        io.BytesIO(client.get(url, {"org": tree.province.pk, "on": "31/12/2025", "format": "xlsx"}).content)
    )
    assert "Biểu 03" in book.sheetnames
    rows = list(book["Biểu 02"].iter_rows(values_only=True))
    assert rows[1][:3] == ("STT", "Chỉ tiêu", "Số lượng") and rows[2][1] == "Tổng số đảng viên"
    client.force_login(users.outsider)
    assert client.get(url, {"org": tree.province.pk}).status_code == 404
    if soffice() is None:
        pytest.skip("LibreOffice is not installed")
    from pypdf import PdfReader

    client.force_login(users.officer)
    pdf = client.get(url, {"org": tree.province.pk, "on": "31/12/2025", "form": "02", "format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "SỐ LƯỢNG VÀ CƠ CẤU ĐẢNG VIÊN" in text and "Tổng số đảng viên" in text
