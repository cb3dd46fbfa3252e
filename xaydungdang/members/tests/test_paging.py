"""The member list's pages at any depth: totals equal the raw counts, every row on exactly one page in the
list's order, and the same number of queries on the first and a deep page, today and on a past date."""

import datetime as dt

import pytest
from django.urls import reverse

from xaydungdang.members.models import Member, MembershipPeriod
from xaydungdang.members.paging import list_page
from xaydungdang.members.selectors import members_on, visible_members
from xaydungdang.members.tests.factories import MemberFactory
from xaydungdang.organizations.tests.helpers import client_for

pytestmark = pytest.mark.django_db
LIST = reverse("members:list")
PAST = dt.date(2020, 6, 30)


@pytest.fixture
def crowd(tree, users):
    names = ["Võ Văn Thành", "Lê Thị Ánh", "Đỗ Minh Châu", "Nguyễn An", "Bùi Thị Yến"]
    for index in range(23):
        MemberFactory(organization=(tree.cell_1, tree.cell_2, tree.village_b)[index % 3], full_name=names[index % 5])
    return users


def _all_pages(queryset, per_page):
    first = list_page(queryset, per_page, 1)
    rows = list(first.object_list)
    for number in range(2, first.paginator.num_pages + 1):
        rows += list(list_page(queryset, per_page, number).object_list)
    return first.paginator.count, rows


def test_pages_cover_the_rows_in_order_and_the_total_is_the_raw_count(crowd):
    queryset = visible_members(crowd.officer)
    total, rows = _all_pages(queryset, 7)
    assert total == Member.objects.count() == 28
    assert [m.pk for m in rows] == list(queryset.values_list("pk", flat=True))


def test_past_date_pages_walk_members_in_name_order(crowd):
    queryset = members_on(crowd.officer, PAST)
    total, rows = _all_pages(queryset, 6)
    assert total == MembershipPeriod.objects.of(None, on=PAST).count() > 6
    assert [p.pk for p in rows] == list(queryset.values_list("pk", flat=True))
    descending = queryset.order_by("-member__sort_name", "pk")
    assert [p.pk for p in _all_pages(descending, 6)[1]] == list(descending.values_list("pk", flat=True))


def test_a_page_past_the_end_or_not_a_number_is_the_last_or_the_first(crowd):
    queryset = visible_members(crowd.officer)
    assert list_page(queryset, 10, 99).number == 3
    assert list_page(queryset, 10, "abc").number == 1
    assert list_page(queryset.none(), 10, 4).object_list == []


@pytest.mark.parametrize("params", [{}, {"on": "30/06/2020"}, {"q": "van"}])
def test_a_deep_page_costs_the_queries_of_the_first(
    crowd, params, django_assert_num_queries, django_assert_max_num_queries
):
    client = client_for(crowd.officer)
    client.get(LIST, params)  # session, caches
    with django_assert_max_num_queries(30) as first:
        assert client.get(LIST, {**params, "page": 1}).status_code == 200
    with django_assert_num_queries(len(first.captured_queries)):
        assert client.get(LIST, {**params, "page": 2}).status_code == 200
    assert not any("OVER ()" in query["sql"] for query in first.captured_queries)
