"""Query parameters: one set of helpers, bounds answered with 400 naming the parameter (issue 16, defect 6)."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from xaydungdang.core.middleware import BadQueryMiddleware
from xaydungdang.core.pagination import one_query_page
from xaydungdang.core.querystring import (
    MAX_PAGE,
    BadQuery,
    query_choice,
    query_date,
    query_int,
    query_month,
    query_page,
    query_pk,
    query_text,
)

APPS = Path(__file__).resolve().parents[2]


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _get(path: str, **params):
    return RequestFactory().get(path, params)


# --- the four 500s of the audit ------------------------------------------------------------------
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "params", "name"),
    [
        ("members:list", {"page": "99999999999999999999"}, "page"),
        ("reports:dashboard", {"on": "01/01/0001"}, "on"),
        ("reports:compare", {"a": "01/01/0001", "b": "31/12/9999"}, "a"),
        ("legacy-due", {"on": "31/12/9999"}, "on"),
    ],
)
def test_the_bounds_the_audit_found_answer_400_naming_the_parameter(users, tree, url, params, name):
    path = f"/members/org/{tree.school.pk}/due/" if url == "legacy-due" else reverse(url)
    response = _client(users.admin).get(path, params, follow=True)
    assert response.status_code == 400
    content = response.content.decode()
    assert f"Tham số “{name}” không hợp lệ" in content
    assert "data-bad-query" in content


@pytest.mark.django_db
def test_a_date_past_the_bounds_is_refused_in_every_date_parameter(users, tree):
    client = _client(users.admin)
    for path, params in [
        (reverse("members:list"), {"on": "31/12/9999"}),
        (reverse("reports:compare"), {"b": "31/12/9999"}),
        (reverse("reports:narrative"), {"end": "01/01/0001"}),
        (reverse("duework:organization", args=[tree.school.pk]), {"on": "01/01/1899"}),
    ]:
        assert client.get(path, params).status_code == 400, (path, params)
    # Within the bounds the same pages work.
    assert client.get(reverse("reports:compare"), {"a": "01/01/2020", "b": "31/12/2025"}).status_code == 200


@pytest.mark.django_db
def test_an_htmx_fragment_gets_the_message_inside_its_target(users):
    response = _client(users.admin).get(reverse("members:list"), {"page": "x"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert response["HX-Reswap"] == "innerHTML"
    assert 'role="alert"' in response.content.decode() and "Tham số “page”" in response.content.decode()


def test_under_the_api_the_answer_is_json_naming_the_parameter():
    request = _get("/api/v1/members/", on="01/01/0001")
    response = BadQueryMiddleware(lambda r: None).process_exception(request, BadQuery("on", "Ngày sai."))
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert b'"on": ["Ng' in response.content


# --- the helpers ---------------------------------------------------------------------------------
def test_integers_are_bounded():
    assert query_int(_get("/"), "n", 7, min_value=1, max_value=9) == 7
    assert query_int(_get("/", n="3"), "n", min_value=1, max_value=9) == 3
    for raw in ["0", "10", "abc", "1.5", "99999999999999999999"]:
        with pytest.raises(BadQuery) as refused:
            query_int(_get("/", n=raw), "n", min_value=1, max_value=9)
        assert refused.value.name == "n"


def test_the_page_number_is_bounded():
    assert query_page(_get("/")) == 1
    assert query_page(_get("/", page=str(MAX_PAGE))) == MAX_PAGE
    for raw in [str(MAX_PAGE + 1), "0", "-1", "x"]:
        with pytest.raises(BadQuery):
            query_page(_get("/", page=raw))


def test_dates_and_months_stay_within_the_years_the_rules_can_count():
    assert query_date(_get("/", on="29/02/2024")) == dt.date(2024, 2, 29)
    assert query_date(_get("/", on="2024-02-29")) == dt.date(2024, 2, 29)
    assert query_date(_get("/"), default=dt.date(2020, 1, 1)) == dt.date(2020, 1, 1)
    for raw in ["01/01/0001", "31/12/9999", "31/12/1899", "01/01/2101", "31/02/2020", "hôm qua"]:
        with pytest.raises(BadQuery) as refused:
            query_date(_get("/", on=raw))
        assert raw in refused.value.message and "1900" in refused.value.message
    assert query_month(_get("/", m="03/2026"), "m", dt.date(2020, 1, 1), formats=["%m/%Y"], example="mm/yyyy") == (
        dt.date(2026, 3, 1)
    )
    with pytest.raises(BadQuery):
        query_month(_get("/", m="12/9999"), "m", dt.date(2020, 1, 1), formats=["%m/%Y"], example="mm/yyyy")


def test_choices_ids_and_texts():
    assert query_choice(_get("/", f="xlsx"), "f", ["xlsx"]) == "xlsx"
    assert query_choice(_get("/"), "f", ["xlsx"]) == ""
    with pytest.raises(BadQuery):
        query_choice(_get("/", f="pdf"), "f", ["xlsx"])
    assert query_pk(_get("/", org="12"), "org") == 12
    for raw in ["-1", "0", "1e3", str(2**63)]:
        with pytest.raises(BadQuery):
            query_pk(_get("/", org=raw), "org")
    with pytest.raises(BadQuery):
        query_text(_get("/", q="x" * 201), "q")
    with pytest.raises(BadQuery):
        query_text(_get("/", q="a\x00b"), "q")


@pytest.mark.django_db
def test_one_query_page_bounds_a_page_number_a_database_cannot_offset(members):
    from xaydungdang.members.models import Member

    page = one_query_page(Member.objects.order_by("sort_name"), 2, "99999999999999999999")
    assert page.number == 3


# --- one place reads the query string ------------------------------------------------------------
AD_HOC = re.compile(r"request\.GET(\.get\(|\[|\.getlist\()|request\.query_params\.get\(")


def test_no_view_reads_the_query_string_itself():
    offenders = [
        f"{path.relative_to(APPS)}:{number}"
        for path in APPS.rglob("*.py")
        if "tests" not in path.parts and path.name != "querystring.py"
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if AD_HOC.search(line)
    ]
    assert offenders == [], "read query parameters with xaydungdang.core.querystring"
