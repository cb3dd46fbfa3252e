import pytest

from xaydungdang.core.pagination import one_query_page
from xaydungdang.members.models import Member

pytestmark = pytest.mark.django_db


def test_rows_and_total_come_from_one_query(members, django_assert_num_queries):
    expected = [m.full_name for m in Member.objects.order_by("sort_name")[2:4]]
    with django_assert_num_queries(1):
        page = one_query_page(Member.objects.order_by("sort_name"), 2, "2")
        assert [m.full_name for m in page.object_list] == expected
        assert (page.paginator.count, page.paginator.num_pages, page.number) == (5, 3, 2)


def test_a_page_past_the_end_or_not_a_number_falls_back_to_a_real_page(members):
    assert one_query_page(Member.objects.order_by("sort_name"), 2, "99").number == 3
    assert one_query_page(Member.objects.order_by("sort_name"), 2, "abc").number == 1
    assert one_query_page(Member.objects.none(), 2, "1").paginator.count == 0
