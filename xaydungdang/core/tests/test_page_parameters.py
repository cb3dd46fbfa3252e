"""Property-based: every GET page of the URLconf, random values in every query parameter it reads, as an
administrator and as a member: never a server error (issue 16, defect 6). The API has its own fuzz
(api/tests/test_fuzz.py, from the OpenAPI schema); this one covers the pages.

Pages are found by walking the URLconf; each <int:...> of a route gets the first id, among the objects of
a small fixture, that the page finds (else a missing one: the 404 must hold too). The parameter names are
the ones the page's view read through core.querystring (its READ_PARAMETERS registry, filled by a first
request), plus the common ones. Bounded: FUZZ_EXAMPLES examples per page (3 by default)."""

import os
import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xaydungdang.core.querystring import READ_PARAMETERS

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "3"))
SKIPPED = ("admin/", "api/", "i18n/", "accounts/logout/")
COMMON = ["page", "on", "org", "format"]
CONVERTER = re.compile(r"<(?:(?P<kind>\w+):)?(?P<name>\w+)>")
SAMPLE_TEXT = {"str": "members", "slug": "merge", "path": "x"}

EDGES = [
    "",
    "0",
    "-1",
    "1",
    "99999999999999999999",
    "1e9",
    "01/01/0001",
    "31/12/9999",
    "31/02/2020",
    "29/02/2024",
    "2026-13",
    "12/2026",
    "2026-01",
    "xlsx",
    "docx",
    "csv",
    "history",
    "true",
    "null",
    "a\x00b",
    "' OR 1=1 --",
    "x" * 300,
]
VALUES = st.one_of(
    st.sampled_from(EDGES),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.dates().map(lambda d: f"{d.day:02}/{d.month:02}/{d.year:04}"),
    st.text(max_size=40),
)


def _routes(resolver=None, prefix=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern, route)
        elif isinstance(pattern, URLPattern) and not route.startswith(SKIPPED):
            yield route


def _paths(route: str, ids: list[int]) -> list[str]:
    """The route filled with each candidate id (text converters get a sample value)."""
    kinds = [m["kind"] or "str" for m in CONVERTER.finditer(route)]
    if "int" not in kinds:
        return ["/" + CONVERTER.sub(lambda m: SAMPLE_TEXT.get(m["kind"] or "str", "x"), route)]
    return [
        "/" + CONVERTER.sub(lambda m, pk=pk: str(pk) if m["kind"] == "int" else SAMPLE_TEXT.get(m["kind"], "x"), route)
        for pk in ids
    ]


def _candidate_ids(tree, members, users) -> list[int]:
    from xaydungdang.api.tests.test_fuzz import _real_ids

    ids = [tree.school.pk, tree.cell_1.pk, members.hung.pk, *_real_ids(tree, members, users).values()]
    return list(dict.fromkeys(ids)) + [999_999]


def _pages(client: Client, ids: list[int]) -> list[str]:
    """For each GET route, the first filled path the page answers (else the last one tried)."""
    pages = []
    for route in _routes():
        paths = _paths(route, ids)
        for path in paths:
            status = client.get(path).status_code
            assert status < 500, path
            if status != 404:
                break
        if status != 405:  # POST only: not a page
            pages.append(path)
    return pages


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["admin", "member"])
def test_no_page_gives_a_server_error_whatever_its_query_parameters(users, tree, members, role):
    client = Client()
    client.force_login(getattr(users, role))
    pages = _pages(client, _candidate_ids(tree, members, users))
    assert len(pages) >= 60
    if role == "admin":  # the registry knows what the pages read
        assert {"page", "on", "q", "status", "org"} <= READ_PARAMETERS["members:list"]
        assert {"on", "since", "org"} <= READ_PARAMETERS["reports:dashboard"]
    for path in pages:
        match = client.get(path).wsgi_request.resolver_match
        names = sorted(READ_PARAMETERS.get(match.view_name, set()) | set(COMMON)) if match else COMMON

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        @given(params=st.dictionaries(st.sampled_from(names), VALUES, min_size=1, max_size=3))
        def check(params):
            response = client.get(path, params)  # noqa: B023 - check() runs in this iteration
            assert response.status_code < 500, (path, params)  # noqa: B023

        check()
