"""Candidate pages: the scope matrix, a form per step, refusals shown on the form."""

import datetime as dt

import pytest
from django.urls import reverse

from conftest import PASSWORD
from xaydungdang.candidates import services as svc
from xaydungdang.candidates.choices import Step
from xaydungdang.candidates.models import Candidate

pytestmark = pytest.mark.django_db


@pytest.fixture
def candidate(tree, users):
    return svc.candidate_create(
        actor=users.secretary, organization=tree.cell_1, recorded_on=dt.date(2024, 1, 5), full_name="Huỳnh Thị Ngọc",
        gender="female", birth_date=dt.date(2000, 4, 2), education_level="upper_secondary",
    )  # fmt: skip


def login(client, user):
    if user is not None:
        client.login(username=user.username, password=PASSWORD)
    return client


@pytest.mark.parametrize(
    ("who", "expected"), [(None, 302), ("nobody", 404), ("leader", 200), ("secretary", 200), ("outsider", 404)]
)
def test_list_and_detail_scope(client, users, tree, candidate, who, expected):
    login(client, getattr(users, who) if who else None)
    list_response = client.get(reverse("candidates:list", args=[tree.cell_1.pk]))
    detail_response = client.get(reverse("candidates:detail", args=[candidate.pk]))
    assert (list_response.status_code, detail_response.status_code) == (expected, expected)
    if expected == 200:
        assert "Huỳnh Thị Ngọc" in list_response.content.decode()
        assert ("Ghi bước này" in detail_response.content.decode()) == (who == "secretary")


def test_member_role_sees_no_candidates(client, users, tree, candidate):
    response = login(client, users.member).get(reverse("candidates:list", args=[tree.cell_1.pk]))
    assert response.status_code == 404  # the cell's pipeline is its office holders' business (issue 9, defect 3)
    assert "Huỳnh Thị Ngọc" not in response.content.decode()
    assert login(client, users.member).get(reverse("candidates:detail", args=[candidate.pk])).status_code == 404


@pytest.mark.parametrize(("who", "expected"), [("leader", 404), ("outsider", 404), ("secretary", 200)])
def test_step_form_needs_change_scope(client, users, candidate, who, expected):
    url = reverse("candidates:step", args=[candidate.pk, Step.COURSE])
    assert login(client, getattr(users, who)).get(url).status_code == expected


def test_step_form_records_and_refuses_out_of_order(client, users, candidate):
    login(client, users.secretary)
    response = client.post(reverse("candidates:step", args=[candidate.pk, Step.APPLICATION]), {"done_on": "01/03/2024"})
    assert "bước tiếp theo của quy trình kết nạp là «Học lớp bồi dưỡng nhận thức về Đảng»" in response.content.decode()
    response = client.post(
        reverse("candidates:step", args=[candidate.pk, Step.COURSE]),
        {"done_on": "01/03/2024", "document_number": "GCN 5"},
    )
    assert response.status_code == 302
    assert Candidate.objects.get(pk=candidate.pk).step == Step.COURSE


def test_sponsor_step_form(client, users, candidate, members):
    svc.candidate_advance(actor=users.secretary, candidate=candidate, step=Step.COURSE, done_on=dt.date(2024, 2, 1))
    svc.candidate_advance(
        actor=users.secretary, candidate=candidate, step=Step.APPLICATION, done_on=dt.date(2024, 2, 2)
    )
    login(client, users.secretary)
    url = reverse("candidates:step", args=[candidate.pk, Step.SPONSORS])
    response = client.post(
        url,
        {
            "done_on": "03/02/2024",
            "sponsor_1": members.hung.pk,
            "since_1": "01/01/2020",
            "sponsor_2": members.lan.pk,
            "since_2": "01/01/2024",
        },
    )
    assert (
        "Trần Thị Lan mới cùng công tác với người vào Đảng từ 01/01/2024, chưa đủ 12 tháng."
        in response.content.decode()
    )
    response = client.post(
        url,
        {
            "done_on": "03/02/2024",
            "sponsor_1": members.hung.pk,
            "since_1": "01/01/2020",
            "sponsor_2": members.lan.pk,
            "since_2": "01/01/2021",
        },
    )
    assert response.status_code == 302
    assert candidate.sponsors.count() == 2


def test_create_candidate_form(client, users, tree):
    login(client, users.secretary)
    url = reverse("candidates:create", args=[tree.cell_1.pk])
    response = client.post(
        url,
        {
            "full_name": "Tô Văn Lực",
            "gender": "male",
            "birth_date": "02/03/1998",
            "ethnicity": "01",
            "religion": "none",
            "education_level": "primary",
            "qualification": "none",
            "recorded_on": "01/02/2024",
        },
    )
    assert "Người vào Đảng phải tốt nghiệp trung học cơ sở trở lên" in response.content.decode()
    assert login(client, users.leader).get(url).status_code == 404


def test_list_query_count_is_constant(client, users, tree, django_assert_max_num_queries):
    for n in range(10):
        svc.candidate_create(
            actor=users.officer,
            organization=tree.cell_2,
            recorded_on=dt.date(2024, 1, 5),
            full_name=f"Người {n}",
            gender="male",
            birth_date=dt.date(2000, 1, 1),
            education_level="upper_secondary",
        )
    login(client, users.officer)
    with django_assert_max_num_queries(10):
        client.get(reverse("candidates:list", args=[tree.province.pk]))
