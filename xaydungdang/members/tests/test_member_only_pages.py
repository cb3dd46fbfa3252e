"""Defect 3 of issue 9: a plain member (`dangvien`) sees only their own business, on every page they reach.

The cast (conftest.py): `users.member` is Nguyễn Văn Hùng's account, a member grant on Chi bộ 1; Trần Thị Lan
is a cell-mate. Each test states what the member must not see or reach; an officer's view is the control.
"""

import datetime as dt

import pytest
from django.urls import reverse

from xaydungdang.members.lifecycle import services as svc

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def lans_transfer(users, members, tree):
    return svc.transfer_issue(
        actor=users.officer,
        member=members.lan,
        to_organization=tree.village_b,
        letter_number="17-GGT",
        issued_on=D(2025, 3, 3),
    )


def _due_page(client, user) -> str:
    client.force_login(user)
    response = client.get("/due/", follow=True)
    assert response.status_code == 200
    return response.content.decode()


def test_due_work_shows_a_member_no_other_members_transfer(client, users, tree, lans_transfer):
    page = _due_page(client, users.member)
    assert "Trần Thị Lan" not in page
    assert tree.village_b.name not in page
    assert reverse("lifecycle:transfer_accept", args=[lans_transfer.pk]) not in page
    # The control: the officer who issued it sees it on the same page.
    assert "Trần Thị Lan" in _due_page(client, users.officer)


def test_due_work_shows_a_member_their_own_transfer(client, users, members, tree):
    svc.transfer_issue(
        actor=users.officer,
        member=members.hung,
        to_organization=tree.village_b,
        letter_number="18",
        issued_on=D(2025, 3, 3),
    )
    page = _due_page(client, users.member)
    assert "Nguyễn Văn Hùng" in page and tree.village_b.name in page
    assert "Tiếp nhận</a>" not in page  # the member may not accept their own letter


def test_due_work_offers_a_member_no_register(client, users, tree):
    page = _due_page(client, users.member)
    assert reverse("lifecycle:register", args=[tree.cell_1.pk]) not in page


def test_cell_page_offers_a_member_only_links_they_may_use(client, users, tree):
    client.force_login(users.member)
    page = client.get(reverse("organizations:detail", args=[tree.cell_1.pk])).content.decode()
    for url in (
        f"{reverse('reports:dashboard')}?org={tree.cell_1.pk}",
        reverse("candidates:list", args=[tree.cell_1.pk]),
        reverse("reorganize:history", args=[tree.cell_1.pk]),
        reverse("lifecycle:register", args=[tree.cell_1.pk]),
        reverse("lifecycle:arrival", args=[tree.cell_1.pk]),
    ):
        assert url not in page, url
    client.force_login(users.secretary)  # the control: the cell's secretary has them all but statistics' subtree
    page = client.get(reverse("organizations:detail", args=[tree.cell_1.pk])).content.decode()
    assert reverse("candidates:list", args=[tree.cell_1.pk]) in page
    assert reverse("lifecycle:register", args=[tree.cell_1.pk]) in page


@pytest.mark.parametrize(
    "name", ["candidates:list", "lifecycle:register", "lifecycle:register_export", "lifecycle:arrival"]
)
def test_cell_pages_of_office_holders_are_404_for_a_member(client, users, tree, name):
    client.force_login(users.member)
    assert client.get(reverse(name, args=[tree.cell_1.pk])).status_code == 404
    client.force_login(users.secretary)
    assert client.get(reverse(name, args=[tree.cell_1.pk])).status_code == 200


def test_statistics_of_the_cell_are_404_for_a_member(client, users, tree):
    client.force_login(users.member)
    assert client.get(reverse("reports:dashboard"), {"org": tree.cell_1.pk}).status_code == 404


def test_review_period_offers_a_member_no_dossier(client, users, tree):
    from xaydungdang.reviews import services as review_services

    period = review_services.period_open(actor=users.officer, organization=tree.province, year=2025)
    review_services.dossier_open(actor=users.secretary, period=period, organization=tree.cell_1)
    client.force_login(users.member)
    page = client.get(reverse("reviews:period", args=[period.pk])).content.decode()
    assert reverse("reviews:dossier", args=[period.pk, tree.cell_1.pk]) not in page
    assert client.get(reverse("reviews:dossier", args=[period.pk, tree.cell_1.pk])).status_code == 404


def test_review_results_are_neither_offered_nor_open_to_a_member(client, users, tree):
    from xaydungdang.reviews import services as review_services

    period = review_services.period_open(actor=users.officer, organization=tree.province, year=2025)
    client.force_login(users.member)
    page = client.get(reverse("reviews:period", args=[period.pk])).content.decode()
    assert reverse("reviews:results", args=[period.pk]) not in page
    assert client.get(reverse("reviews:results", args=[period.pk])).status_code == 404
    client.force_login(users.leader)
    assert reverse("reviews:results", args=[period.pk]) in client.get(reverse("reviews:period", args=[period.pk])).text


def test_the_register_as_a_background_export_is_404_for_a_member(client, users, tree):
    client.force_login(users.member)
    url = reverse("exchange:export_new")
    assert client.get(url, {"kind": "register", "organization": tree.cell_1.pk}).status_code == 404
    client.force_login(users.secretary)
    assert client.get(url, {"kind": "register", "organization": tree.cell_1.pk}).status_code == 200
