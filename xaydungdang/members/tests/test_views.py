"""The member list and record pages: scope matrix, search, filters, dated lists, masking, query ceilings."""

import pytest
from django.urls import reverse

from xaydungdang.members.choices import EventKind
from xaydungdang.members.models import MembershipEvent
from xaydungdang.members.state import member_rebuild_state
from xaydungdang.members.tests.factories import MemberFactory
from xaydungdang.organizations.tests.helpers import client_for, text

pytestmark = pytest.mark.django_db
LIST = reverse("members:list")
ALL_NAMES = {"Nguyễn Văn Hùng", "Trần Thị Lan", "Đặng Thị Hoa", "Lê Văn Nam", "Phạm Minh Tuấn"}


def listed(user, **params) -> set[str]:
    response = client_for(user).get(LIST, params)
    assert response.status_code == 200
    return {name for name in ALL_NAMES if name in text(response)}


def detail(member):
    return reverse("members:detail", args=[member.pk])


# --- scope matrix --------------------------------------------------------------------------------
def test_anonymous_is_sent_to_login(members):
    for url in [LIST, detail(members.hung)]:
        assert client_for(None).get(url).url.startswith("/accounts/login/?next=")


@pytest.mark.parametrize(
    ("who", "names"),
    [
        ("admin", ALL_NAMES),
        ("officer", ALL_NAMES),
        ("leader", {"Nguyễn Văn Hùng", "Trần Thị Lan", "Đặng Thị Hoa", "Lê Văn Nam"}),
        ("secretary", {"Nguyễn Văn Hùng", "Trần Thị Lan"}),
        ("member", {"Nguyễn Văn Hùng"}),  # their own record only
        ("outsider", {"Phạm Minh Tuấn"}),
        ("nobody", set()),
    ],
)
def test_list_shows_only_members_in_scope(users, who, names):
    assert listed(getattr(users, who)) == names


@pytest.mark.parametrize(
    ("who", "member", "status"),
    [
        ("officer", "tuan", 200),
        ("leader", "nam", 200),
        ("leader", "tuan", 404),
        ("secretary", "lan", 200),
        ("secretary", "hoa", 404),  # another cell
        ("member", "hung", 200),
        ("member", "lan", 404),  # another member, even in the same cell
        ("outsider", "hung", 404),
        ("nobody", "hung", 404),
    ],
)
def test_record_page_scope(users, members, who, member, status):
    assert client_for(getattr(users, who)).get(detail(getattr(members, member))).status_code == status


# --- search and filters --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("nguyen van hung", {"Nguyễn Văn Hùng"}),
        ("NGUYỄN VĂN HÙNG", {"Nguyễn Văn Hùng"}),
        ("dang", {"Đặng Thị Hoa"}),
        ("thi", {"Trần Thị Lan", "Đặng Thị Hoa"}),
        ("  van  ", {"Nguyễn Văn Hùng", "Lê Văn Nam"}),
        ("khong co ai", set()),
    ],
)
def test_search_ignores_diacritics_and_case(users, query, names):
    assert listed(users.leader, q=query) == names


def test_search_stays_within_scope(users):
    assert listed(users.secretary, q="dang") == set()


def test_filters_by_gender_status_and_organization_subtree(users, tree):
    assert listed(users.officer, gender="female") == {"Trần Thị Lan", "Đặng Thị Hoa"}
    assert listed(users.officer, org=tree.school.pk) == {"Nguyễn Văn Hùng", "Trần Thị Lan", "Đặng Thị Hoa"}
    assert listed(users.officer, org=tree.school.pk, gender="male") == {"Nguyễn Văn Hùng"}
    assert listed(users.officer, status="probationary") == set()
    assert listed(users.officer, status="official", q="pham") == {"Phạm Minh Tuấn"}


def test_filter_by_an_invisible_organization_shows_nothing_and_says_why(users, tree):
    response = client_for(users.leader).get(LIST, {"org": tree.commune_b.pk})
    assert {name for name in ALL_NAMES if name in text(response)} == set()
    assert "Chi bộ khu vực 2" not in text(response)
    assert "Hãy chọn một lựa chọn hợp lệ" in text(response)


def test_organization_filter_offers_only_visible_organizations(users):
    page = text(client_for(users.leader).get(LIST))
    assert "Chi bộ Giáo viên 2" in page
    assert "Đảng bộ phường Cái Khế" not in page


def test_sorting_by_name_both_ways(users):
    page = text(client_for(users.officer).get(LIST, {"sort": "name"}))
    assert page.index("Đặng Thị Hoa") < page.index("Trần Thị Lan")
    page = text(client_for(users.officer).get(LIST, {"sort": "-name"}))
    assert page.index("Trần Thị Lan") < page.index("Đặng Thị Hoa")


def test_htmx_search_returns_only_the_results_fragment(users):
    response = client_for(users.officer).get(LIST, {"q": "hung"}, headers={"HX-Request": "true"})
    body = text(response)
    assert body.strip().startswith('<div id="member-results"')
    assert "<html" not in body and 'id="member-filter"' not in body
    assert "Nguyễn Văn Hùng" in body and "Trần Thị Lan" not in body


def test_list_is_paginated_by_50(users, tree):
    MemberFactory.create_batch(50, organization=tree.cell_2, full_name="Võ Văn Thành")
    client = client_for(users.officer)
    assert "Hiển thị 1–50 trong 55 đảng viên" in text(client.get(LIST))
    assert "Hiển thị 51–55 trong 55 đảng viên" in text(client.get(LIST, {"page": 2}))


# --- the list on a past date ---------------------------------------------------------------------
def test_list_on_a_date_shows_the_status_then(users, members):
    page = text(client_for(users.officer).get(LIST, {"on": "01/01/2011"}))
    assert "Tình trạng ngày 01/01/2011" in page
    assert page.count('text-bg-warning">Đảng viên dự bị') == 5


def test_list_on_a_date_includes_members_who_left_since(users, members, tree):
    MembershipEvent.objects.create(member=members.lan, kind=EventKind.STRUCK_OFF, effective_date="2020-01-01")
    member_rebuild_state(members.lan)
    members.lan.save()
    assert listed(users.officer, on="01/06/2019", org=tree.cell_1.pk) == {"Nguyễn Văn Hùng", "Trần Thị Lan"}
    assert listed(users.officer, on="01/06/2020", org=tree.cell_1.pk) == {"Nguyễn Văn Hùng"}
    assert listed(users.officer, on="01/06/2019", q="tran thi") == {"Trần Thị Lan"}


def test_list_on_an_invalid_date_says_so_in_vietnamese(users):
    response = client_for(users.officer).get(LIST, {"on": "hôm qua"})
    assert response.status_code == 400  # a bad query parameter: 400 naming it (core.querystring)
    assert "Tham số “on” không hợp lệ" in text(response)
    assert "Ngày “hôm qua” không hợp lệ" in text(response)


# --- the record page -----------------------------------------------------------------------------
def test_personal_data_is_masked_for_a_leader_and_shown_to_the_secretary(users, members):
    members.hung.address = "12 Hòa Bình, Ninh Kiều"
    members.hung.phone = "0912345678"
    members.hung.save()
    page = text(client_for(users.leader).get(detail(members.hung)))
    assert "0920••••••23" in page
    assert "092085000123" not in page
    assert "0912345678" not in page and "Hòa Bình" not in page
    page = text(client_for(users.secretary).get(detail(members.hung)))
    assert "092085000123" in page and "0912345678" in page and "12 Hòa Bình, Ninh Kiều" in page


def test_a_member_sees_their_own_personal_data(users, members):
    assert "092085000123" in text(client_for(users.member).get(detail(members.hung)))


def test_record_page_has_profile_and_history_tabs(users, members):
    page = text(client_for(users.officer).get(detail(members.hung)))
    assert "Hồ sơ" in page and "Lịch sử thay đổi" in page
    assert "Chi bộ Giáo viên 1" in page and "19/05/2010" in page
    assert reverse("members:edit", args=[members.hung.pk]) in page
    assert reverse("members:edit", args=[members.hung.pk]) not in text(
        client_for(users.leader).get(detail(members.hung))
    )


def test_timeline_tab_appears_only_when_the_lifecycle_provides_it(users, members):
    from django.urls import NoReverseMatch

    page = text(client_for(users.officer).get(detail(members.hung)))
    try:
        url = reverse("lifecycle:timeline", args=[members.hung.pk])
    except NoReverseMatch:
        assert "Quá trình" not in page
    else:
        assert "Quá trình" in page and url in page


# --- query ceilings ------------------------------------------------------------------------------
# The page's total is its own COUNT (members.paging), not a window over every row; a plain list of a subtree
# that keeps rollups reads it from them instead (members.totals: the scope's organization, the rollups'
# readiness and version: four index reads in place of a count of millions).
LIST_QUERIES = 12
RECORD_QUERIES = 8


@pytest.mark.parametrize("extra", [0, 55])
@pytest.mark.parametrize(
    "params", [{}, {"q": "thi", "gender": "female"}, {"on": "01/01/2015"}, {"org": "__school__", "sort": "-name"}]
)
def test_list_runs_a_constant_number_of_queries(users, tree, extra, params, django_assert_max_num_queries):
    MemberFactory.create_batch(extra, organization=tree.cell_1, full_name="Hồ Thị Mai")
    params = {k: tree.school.pk if v == "__school__" else v for k, v in params.items()}
    client = client_for(users.officer)
    with django_assert_max_num_queries(LIST_QUERIES):
        response = client.get(LIST, params)
    assert response.status_code == 200


@pytest.mark.parametrize("extra", [0, 55])
def test_record_page_runs_a_constant_number_of_queries(users, members, tree, extra, django_assert_max_num_queries):
    MemberFactory.create_batch(extra, organization=tree.cell_1, full_name="Hồ Thị Mai")
    client = client_for(users.leader)
    with django_assert_max_num_queries(RECORD_QUERIES):
        response = client.get(detail(members.hung))
    assert "0920••••••23" in text(response)
