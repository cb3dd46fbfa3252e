"""The pages: scope matrix, figures equal to the raw rows, the .xlsx and .docx files."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from conftest import PASSWORD
from xaydungdang.reports.models import AdmissionPlan
from xaydungdang.reports.tests.oracle import expected_counts

PAGES = ["reports:dashboard", "reports:tables", "reports:compare", "reports:narrative", "reports:plans"]


def _login(client, user):
    client.login(username=user.username, password=PASSWORD)
    return client


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_is_sent_to_login(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("name", PAGES)
def test_scope_matrix(client, tree, users, name):
    url = reverse(name)
    assert _login(client, users.officer).get(url, {"org": tree.school.pk}).status_code == 200
    assert _login(client, users.leader).get(url, {"org": tree.commune_a.pk}).status_code == 200
    assert _login(client, users.leader).get(url, {"org": tree.commune_b.pk}).status_code == 404
    assert _login(client, users.outsider).get(url, {"org": tree.school.pk}).status_code == 404
    assert _login(client, users.nobody).get(url, {"org": tree.province.pk}).status_code == 404
    assert _login(client, users.member).get(url, {"org": tree.cell_1.pk}).status_code == 404


def test_without_a_grant_the_dashboard_says_so(client, users):
    response = _login(client, users.nobody).get(reverse("reports:dashboard"))
    assert response.status_code == 200
    assert "chưa được giao quyền xem thống kê" in response.content.decode()


def test_home_lands_on_the_dashboard_of_the_users_scope(client, tree, users):
    response = _login(client, users.leader).get("/", follow=True)
    assert response.redirect_chain[-1][0] == reverse("reports:dashboard")
    assert response.context["organization"] == tree.commune_a


def test_dashboard_figures_equal_the_raw_rows_today_and_in_the_past(client, tree, varied, users):
    _login(client, users.officer)
    for on in (dt.date(2025, 12, 31), dt.date(2011, 5, 18)):
        response = client.get(reverse("reports:dashboard"), {"org": tree.province.pk, "on": on.strftime("%d/%m/%Y")})
        expected = expected_counts(tree.province, on)
        members = response.context["members"]
        assert response.context["total_members"] == expected["total"][""]
        for dimension, buckets in expected.items():
            for bucket, count in buckets.items():
                assert members[dimension][bucket] == count, (on, dimension, bucket)
        charts = response.context["chart_data"]
        assert sum(charts["gender"]["series"][0]) == expected["total"][""]


def test_dashboard_htmx_request_renders_the_fragment(client, tree, members, users):
    response = _login(client, users.officer).get(
        reverse("reports:dashboard"), {"org": tree.province.pk}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert 'id="dashboard-body"' in body and "<html" not in body


def test_dashboard_query_count_does_not_grow_with_members(client, tree, varied, users, django_assert_max_num_queries):
    _login(client, users.officer)
    with django_assert_max_num_queries(30):
        client.get(reverse("reports:dashboard"), {"org": tree.province.pk})


def test_a_bad_date_never_breaks_the_page(client, tree, members, users):
    response = _login(client, users.officer).get(
        reverse("reports:dashboard"), {"org": tree.province.pk, "on": "31/02/2025"}
    )
    assert response.status_code == 400  # a message naming the parameter, not a 500
    assert "Tham số “on” không hợp lệ" in response.content.decode()


def test_xlsx_opens_and_its_numbers_match_the_page(client, tree, varied, users):
    _login(client, users.officer)
    params = {"org": tree.province.pk, "on": "31/12/2025"}
    page = client.get(reverse("reports:tables"), params)
    workbook = load_workbook(io.BytesIO(client.get(reverse("reports:tables"), {**params, "format": "xlsx"}).content))
    for filled in page.context["tables"]:
        sheet = workbook[filled.table.code]
        assert sheet["A2"].value == tree.province.name.upper()
        assert "31/12/2025" in sheet["A5"].value
        assert sheet.cell(row=8, column=3).value == "(3)"
        rows = list(sheet.iter_rows(min_row=9, max_row=8 + len(filled.rows) + 1, values_only=True))
        assert [list(row[2:]) for row in rows[:-1]] == [values for _name, values in filled.rows]
        assert rows[-1][1] == "Tổng cộng" and list(rows[-1][2:]) == filled.total
    tk02 = next(f for f in page.context["tables"] if f.table.code == "TK02")
    expected = expected_counts(tree.province, dt.date(2025, 12, 31))
    assert tk02.total[0] == expected["total"][""] == sum(values[0] for _name, values in tk02.rows)
    assert tk02.total[3] == expected["gender"]["female"]


def test_docx_opens_and_states_the_figures_of_the_page(client, tree, varied, users):
    AdmissionPlan.objects.create(organization=tree.province, year=2023, planned=4)
    _login(client, users.officer)
    params = {"org": tree.province.pk, "start": "01/01/2023", "end": "31/12/2023"}
    page = client.get(reverse("reports:narrative"), params)
    document = Document(io.BytesIO(client.get(reverse("reports:narrative"), {**params, "format": "docx"}).content))
    text = "\n".join(p.text for p in document.paragraphs)
    for _title, sentences in page.context["report"].sections:
        for sentence in sentences:
            assert sentence in text
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in "\n".join(c.text for t in document.tables for c in t._cells)
    assert "Toàn đảng bộ có 8 đảng viên, trong đó 1 đảng viên dự bị (12,5%), 4 nữ (50%)" in text
    assert "kết nạp 1 đảng viên mới; riêng năm 2023 kết nạp 1 đảng viên, đạt 25% kế hoạch năm (4 đảng viên)" in text


def test_compare_states_the_change_in_words(client, tree, varied, users):
    _login(client, users.officer)
    response = client.get(reverse("reports:compare"), {"org": tree.province.pk, "a": "01/01/2020", "b": "31/12/2024"})
    members = next(f for f in response.context["figures"] if f.label == "Tổng số đảng viên")
    assert (members.first, members.second) == (7, 9)
    assert members.sentence == "từ 7 đảng viên tăng lên 9 đảng viên"


def test_plans_officer_sets_a_plan_and_sees_the_rate(client, tree, varied, users):
    _login(client, users.officer)
    url = reverse("reports:plans")
    response = client.post(
        f"{url}?org={tree.province.pk}", {"organization": tree.commune_b.pk, "year": 2024, "planned": 2, "note": ""}
    )
    assert response.status_code == 302
    page = client.get(url, {"org": tree.province.pk, "year": 2024})
    row = next(r for r in page.context["plan_rows"] if r.organization == tree.commune_b)
    assert (row.admitted, row.planned, str(row.rate)) == (1, 2, "50.0")
    assert "50%" in page.content.decode()


def test_plans_leader_reads_but_cannot_write(client, tree, users):
    _login(client, users.leader)
    url = reverse("reports:plans")
    assert client.get(url, {"org": tree.commune_a.pk}).context["form"] is None
    response = client.post(
        f"{url}?org={tree.commune_a.pk}", {"organization": tree.commune_a.pk, "year": 2025, "planned": 3}
    )
    assert response.status_code == 404
    assert not AdmissionPlan.objects.exists()


def test_plans_refuse_a_negative_number_with_a_message(client, tree, users):
    _login(client, users.officer)
    response = client.post(
        f"{reverse('reports:plans')}?org={tree.province.pk}",
        {"organization": tree.province.pk, "year": 2025, "planned": -1},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["planned"]
