import datetime as dt

import pytest
from rest_framework.test import APIClient

from xaydungdang.committees.models import Holding, Term
from xaydungdang.committees.tests.factories import term_with

D = dt.date


@pytest.fixture
def api():
    return APIClient()


def test_terms_and_posts_through_the_services_and_scope(api, users, tree, members):
    api.force_authenticate(users.officer)
    response = api.post(
        "/api/v1/terms/",
        {
            "organization": tree.cell_1.pk,
            "starts_on": "2025-08-01",
            "congress_date": "2025-08-01",
            "seats": {"chi-uy-vien": 1},
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    term = response.json()["id"]
    ok = api.post(
        "/api/v1/posts/",
        {"term": term, "member": members.hung.pk, "post_kind": "chi-uy-vien", "started_on": "2025-08-01"},
    )
    assert ok.status_code == 201 and ok.json()["post_name"] == "Chi ủy viên"
    full = api.post(
        "/api/v1/posts/",
        {"term": term, "member": members.lan.pk, "post_kind": "chi-uy-vien", "started_on": "2025-08-01"},
    )
    assert full.status_code == 400
    assert "đã đủ người" in full.json()["post_kind"][0]
    on = api.get("/api/v1/posts/", {"on": "2025-08-02", "org": tree.cell_1.pk}).json()
    assert [row["member_name"] for row in on["results"]] == ["Nguyễn Văn Hùng"]
    ended = api.post(f"/api/v1/posts/{ok.json()['id']}/end/", {"ended_on": "2025-09-01", "reason": "transfer"})
    assert ended.status_code == 200 and ended.json()["ended_on"] == "2025-09-01"


def test_outsider_neither_sees_nor_writes(api, users, tree, members):
    term_with(tree.cell_1, posts=[(members.hung, "bi-thu")])
    api.force_authenticate(users.outsider)
    assert api.get("/api/v1/terms/").json()["results"] == []
    assert api.get("/api/v1/posts/").json()["results"] == []
    holding = Holding.objects.get()
    assert (
        api.post(f"/api/v1/posts/{holding.pk}/end/", {"ended_on": "2022-01-01", "reason": "transfer"}).status_code
        == 404
    )
    refused = api.post(
        "/api/v1/terms/",
        {"organization": tree.cell_1.pk, "starts_on": "2025-08-01", "congress_date": "2025-08-01"},
        format="json",
    )
    assert refused.status_code == 400  # an organization out of scope does not exist for the outsider
    assert "organization" in refused.json()
    assert Term.objects.count() == 1


def test_appointment_refusal_names_the_rule(api, users, tree, members):
    api.force_authenticate(users.officer)
    response = api.post(
        "/api/v1/appointments/",
        {
            "organization": tree.school.pk,
            "member": members.hoa.pk,
            "post_kind": "pho-bi-thu",
            "kind": "appointment",
            "proposed_on": "2025-03-01",
        },
    )
    assert response.status_code == 400
    assert "QĐ 377-QĐ/TW, Điều 34" in response.json()["member"][0]


@pytest.mark.parametrize("code", ["\x00", "pho-bi-thu\x00", 7])
def test_a_post_kind_that_is_no_code_is_a_400_not_a_server_error(api, users, tree, members, code):
    """Found by the API fuzz test on PostgreSQL: a NUL byte in the lookup made the database raise (a 500)."""
    api.force_authenticate(users.officer)
    response = api.post(
        "/api/v1/appointments/",
        {"organization": tree.school.pk, "member": members.hoa.pk, "post_kind": code, "kind": "appointment",
         "proposed_on": "2025-03-01"},
        format="json",
    )  # fmt: skip
    assert response.status_code == 400
    assert "post_kind" in response.json()
