"""The name search on its word index (members.querysets.search): the same members, in the same order, as a
plain scan over every row (each word of the text begins a word of the folded name; the list's order); a
search's total counts up to a bound and its pages stop there, with a page that says so."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from xaydungdang.core.text import fold
from xaydungdang.members.models import Member
from xaydungdang.members.paging import list_page
from xaydungdang.members.selectors import visible_members
from xaydungdang.members.tests.factories import MemberFactory
from xaydungdang.organizations.tests.helpers import client_for, text

pytestmark = pytest.mark.django_db
LIST = reverse("members:list")
NAMES = [
    "Nguyễn Văn Hùng", "Nguyễn Văn Hưng", "Phùng Văn Nam", "Trần Nguyễn Văn Hùng", "Nguyễn Thị Hồng",
    "Nguyễn Hùng", "Lê Thị Hồng Nhung", "Hùng", "Đặng Nguyên", "Chau Bo Ra", "Lý 50% Hùng", "Võ_Văn An",
    "Nguyễn Nguyên Hà", "H'Hen Niê", "Đinh Thị Hà", "Hà Huy Hoàng",
]  # fmt: skip
TEXTS = [
    "nguyen van hung", "Nguyễn Thị Hồng", "nguyen", "hung", "ung", "hung nguyen", "VĂN  nguyễn", "chau bo ra", "50%",
    "o_v", "vo_", "d", "h", "ng", "nguy h", "nguyen van h", "h'h", "ha ha", "hungx", "x", "%", "_",
]  # fmt: skip


@pytest.fixture
def named(tree, users):
    cells = (tree.cell_1, tree.cell_2, tree.village_b)
    for index, name in enumerate(NAMES * 3):
        MemberFactory(organization=cells[index % 3], full_name=name)
    return users


def _scan(text_: str) -> list[int]:
    """Every member such that each word of the folded text begins some word of the folded name, in the
    list's order (the Vietnamese order, then the id)."""
    wanted = fold(text_).split()

    def found(member) -> bool:
        words = fold(member.full_name).split()
        return all(any(word.startswith(part) for word in words) for part in wanted)

    rows = [m for m in Member.objects.all() if found(m)]
    return [m.pk for m in sorted(rows, key=lambda m: (m.sort_name, m.pk))]


@pytest.mark.parametrize("text_", TEXTS)
def test_the_search_finds_what_a_scan_finds_in_the_same_order(named, text_):
    assert list(Member.objects.search(text_).values_list("pk", flat=True)) == _scan(text_)


@pytest.mark.parametrize("text_", ["nguyen", "hung", "chau bo ra"])
def test_a_bounded_total_is_the_count_up_to_the_bound(named, text_):
    rows = visible_members(named.officer).search(text_)
    scanned = [pk for pk in _scan(text_) if rows.filter(pk=pk).exists()]
    page = list_page(rows, 4, 1, cap=10)
    assert page.paginator.count == min(len(scanned), 10)
    assert page.paginator.more is (len(scanned) > 10)
    seen = []
    for number in range(1, page.paginator.num_pages + 2):  # one past the last: clamped to it
        seen += [m.pk for m in list_page(rows, 4, number, cap=10).object_list]
    assert seen[: min(len(scanned), 10)] == scanned[:10]


def test_a_search_past_the_bound_says_more(named, monkeypatch):
    monkeypatch.setattr("xaydungdang.members.views.SEARCH_CAP", 5)
    page = text(client_for(named.officer).get(LIST, {"q": "nguyen"}))
    assert "trong hơn 5 đảng viên phù hợp" in page
    page = text(client_for(named.officer).get(LIST, {"q": "chau bo ra"}))
    assert "Hiển thị 1–3 trong 3 đảng viên" in page and "hơn" not in page


@pytest.mark.parametrize("text_", ["nguyen", "chau bo ra", "vo_v", "h"])
def test_a_search_costs_the_same_queries_whatever_the_text(named, text_, django_assert_num_queries):
    client = client_for(named.officer)
    client.get(LIST, {"q": "hung"})
    with CaptureQueriesContext(connection) as first:
        client.get(LIST, {"q": "hung"})
    with django_assert_num_queries(len(first.captured_queries)):
        assert client.get(LIST, {"q": text_}).status_code == 200
