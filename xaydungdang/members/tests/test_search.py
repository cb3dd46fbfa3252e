"""The menu's search: members by name without diacritics or by a number, organizations by name or code,
scoped by the policy; and the tree's own filter."""

import pytest
from django.urls import reverse

from xaydungdang.organizations.tests.helpers import client_for, text

pytestmark = pytest.mark.django_db
SEARCH = reverse("search")


def _groups(response) -> tuple[str, str]:
    page = response.content.decode()
    members = page[page.index('id="search-members"') : page.index('id="search-organizations"')]
    return members, page[page.index('id="search-organizations"') :]


def test_the_menu_has_the_search_box(users):
    assert 'id="menu-search"' in text(client_for(users.officer).get(reverse("home"), follow=True))


def test_a_name_without_diacritics_finds_the_member(users, members):
    found, _orgs = _groups(client_for(users.officer).get(SEARCH, {"q": "nguyen van hung"}))
    assert "Nguyễn Văn Hùng" in found and "Trần Thị Lan" not in found


@pytest.mark.parametrize("field", ["national_id", "party_card_number", "record_number"])
def test_a_number_finds_the_member(users, members, field):
    members.lan.party_card_number = "12345678"
    members.lan.save()
    number = {
        "national_id": "092085000123",
        "party_card_number": "12345678",
        "record_number": members.tuan.record_number,
    }
    expected = {
        "national_id": "Nguyễn Văn Hùng",
        "party_card_number": "Trần Thị Lan",
        "record_number": "Phạm Minh Tuấn",
    }
    found, _orgs = _groups(client_for(users.officer).get(SEARCH, {"q": number[field]}))
    assert expected[field] in found


def test_organizations_by_name_or_code(users, tree):
    _found, orgs = _groups(client_for(users.officer).get(SEARCH, {"q": "giao vien"}))
    assert "Chi bộ Giáo viên 1" in orgs and "Chi bộ Giáo viên 2" in orgs
    _found, orgs = _groups(client_for(users.officer).get(SEARCH, {"q": "P92-B-V"}))
    assert "Chi bộ khu vực 2" in orgs and "Chi bộ khu vực 1" not in orgs


def test_the_search_is_scoped_by_the_policy(users, members, tree):
    client = client_for(users.outsider)  # officer of Đảng bộ phường Cái Khế only
    found, orgs = _groups(client.get(SEARCH, {"q": "nguyen"}))
    assert "Nguyễn Văn Hùng" not in found
    found, _orgs = _groups(client.get(SEARCH, {"q": "092085000123"}))
    assert "Nguyễn Văn Hùng" not in found
    found, orgs = _groups(client.get(SEARCH, {"q": "chi bo"}))
    assert "Chi bộ khu vực 2" in orgs and "Chi bộ Giáo viên" not in orgs and "Phạm Minh Tuấn" not in found


def test_the_tree_has_its_own_filter(users, tree):
    page = text(client_for(users.officer).get(reverse("organizations:tree"), {"q": "khu vuc"}))
    assert 'id="tree-filter"' in page and "Chi bộ khu vực 1" in page and "Chi bộ khu vực 2" in page
    assert "Chi bộ Giáo viên 1" not in page
    assert "Đảng bộ phường Ninh Kiều" in page  # its place in the tree


def test_a_word_alone_is_searched_as_a_name_not_as_a_number(users, members):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from xaydungdang.members.views_search import find_members

    with CaptureQueriesContext(connection) as queries:
        found = find_members(users.officer, "nguyen")
    assert "Nguyễn Văn Hùng" in [member.full_name for member in found]
    assert not any("party_card_number" in query["sql"].split("WHERE")[-1] for query in queries.captured_queries)


def test_a_number_is_found_through_indexes_whatever_the_case(users, members):
    """At national size a walk of the members takes seconds: each branch of the number search is an index
    probe (PostgreSQL's plan with sequential scans disabled: else it walks another index with a filter)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from xaydungdang.members.views_search import find_members

    if connection.vendor != "postgresql":
        pytest.skip("the plan is PostgreSQL's")
    members.tuan.record_number = "000123HCM"
    members.tuan.save()
    with CaptureQueriesContext(connection) as queries:
        found = find_members(users.officer, "000123hcm")
    assert "Phạm Minh Tuấn" in [member.full_name for member in found]
    (query,) = [q["sql"] for q in queries.captured_queries if "party_card_number" in q["sql"].split("WHERE")[-1]]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {query}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    for index in ("member_card_number_upper", "member_record_number_upper"):  # probed, not a filter of a walk
        assert index in plan, plan
