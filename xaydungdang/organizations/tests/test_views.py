"""The organization pages: scope matrix, htmx fragments, dated member lists, query ceilings."""

import pytest
from django.urls import reverse

from xaydungdang.members.tests.factories import MemberFactory
from xaydungdang.organizations.tests.helpers import client_for, text

pytestmark = pytest.mark.django_db


def detail(org, **query):
    url = reverse("organizations:detail", args=[org.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


# --- scope matrix --------------------------------------------------------------------------------
def test_anonymous_is_sent_to_login(tree):
    for url in [reverse("organizations:tree"), detail(tree.school)]:
        response = client_for(None).get(url)
        assert response.status_code == 302
        assert response.url.startswith("/accounts/login/?next=")


def test_user_without_role_sees_an_empty_tree_and_no_organization(users, tree):
    client = client_for(users.nobody)
    response = client.get(reverse("organizations:tree"))
    assert response.status_code == 200
    assert "chưa được phân quyền" in text(response)
    assert "Cần Thơ" not in text(response)
    assert client.get(detail(tree.province)).status_code == 404


@pytest.mark.parametrize(
    ("who", "org", "status"),
    [
        ("admin", "province", 200),
        ("officer", "cell_2", 200),
        ("leader", "school", 200),
        ("leader", "province", 404),
        ("secretary", "cell_1", 200),
        ("secretary", "cell_2", 404),
        ("secretary", "school", 404),
        ("member", "cell_1", 200),
        ("member", "cell_2", 404),
        ("outsider", "village_b", 200),
        ("outsider", "school", 404),
        ("nobody", "cell_1", 404),
    ],
)
def test_organization_page_scope(users, tree, who, org, status):
    assert client_for(getattr(users, who)).get(detail(getattr(tree, org))).status_code == status


def test_tree_starts_at_the_users_top_organizations(users, tree, members):
    page = text(client_for(users.leader).get(reverse("organizations:tree")))
    assert "Đảng bộ phường Ninh Kiều" in page
    assert "Đảng bộ thành phố Cần Thơ" not in page
    assert "Đảng bộ phường Cái Khế" not in page


def test_tree_node_children_load_as_an_htmx_fragment_with_subtree_counts(users, tree, members):
    client = client_for(users.officer)
    url = reverse("organizations:tree") + f"?parent={tree.commune_a.pk}"
    response = client.get(url, headers={"HX-Request": "true"})
    body = text(response)
    assert response.status_code == 200
    assert "<html" not in body
    assert "Đảng bộ Trường THPT Châu Văn Liêm" in body
    assert "Chi bộ khu vực 1" in body
    assert '<strong class="text-body">3</strong>' in body  # hùng, lan, hoa under the school
    # Without JS the node's own page lists the same children.
    assert "Đảng bộ Trường THPT Châu Văn Liêm" in text(client.get(detail(tree.commune_a)))


def test_tree_fragment_of_an_invisible_node_is_404(users, tree):
    url = reverse("organizations:tree") + f"?parent={tree.commune_b.pk}"
    assert client_for(users.leader).get(url, headers={"HX-Request": "true"}).status_code == 404


def test_tree_shows_kind_code_and_dissolved_state(users, tree):
    tree.village_b.dissolved_on = tree.village_b.founded_on or __import__("datetime").date(2025, 7, 1)
    tree.village_b.save()
    body = text(client_for(users.outsider).get(reverse("organizations:tree") + f"?parent={tree.commune_b.pk}"))
    assert "Chi bộ cơ sở" in body
    assert "P92-B-V" in body
    assert "Đã giải thể 01/07/2025" in body


# --- the organization page -----------------------------------------------------------------------
def test_page_shows_breadcrumbs_children_and_members_of_the_whole_subtree(users, tree, members):
    page = text(client_for(users.leader).get(detail(tree.school)))
    assert "Đảng bộ phường Ninh Kiều" in page  # breadcrumb
    assert "Đảng bộ thành phố Cần Thơ" not in page  # an ancestor the leader may not see
    assert "Chi bộ Giáo viên 1" in page and "Chi bộ Giáo viên 2" in page
    for name in ["Nguyễn Văn Hùng", "Trần Thị Lan", "Đặng Thị Hoa"]:
        assert name in page
    assert "Lê Văn Nam" not in page


def test_read_only_users_see_no_write_buttons(users, tree):
    assert reverse("organizations:edit", args=[tree.school.pk]) not in text(
        client_for(users.leader).get(detail(tree.school))
    )
    assert reverse("organizations:edit", args=[tree.school.pk]) in text(
        client_for(users.officer).get(detail(tree.school))
    )


def test_members_on_a_past_date_show_their_status_then(users, tree, members):
    page = text(client_for(users.officer).get(detail(tree.school, on="01/01/2011")))
    assert "Tình trạng ngày 01/01/2011" in page
    assert page.count("Đảng viên dự bị") >= 3
    assert "Đảng viên chính thức</span>" not in page


def test_members_before_anyone_was_admitted_is_an_empty_list(users, tree, members):
    page = text(client_for(users.officer).get(detail(tree.school, on="01/01/2009")))
    assert "Không có đảng viên nào phù hợp." in page


def test_an_invalid_date_gives_a_vietnamese_message_not_an_error(users, tree, members):
    response = client_for(users.officer).get(detail(tree.school, on="31/02/2020"))
    assert response.status_code == 400  # a bad query parameter: 400 naming it (core.querystring)
    assert "Tham số “on” không hợp lệ" in text(response)
    assert "Ngày “31/02/2020” không hợp lệ: hãy nhập theo dạng dd/mm/yyyy" in text(response)


def test_members_tab_is_an_htmx_fragment(users, tree, members):
    response = client_for(users.officer).get(detail(tree.school, on="01/01/2011"), headers={"HX-Request": "true"})
    body = text(response)
    assert "<html" not in body
    assert body.strip().startswith('<div id="org-members">')


def test_members_of_a_large_cell_are_paginated_by_50(users, tree):
    MemberFactory.create_batch(52, organization=tree.cell_2, full_name="Võ Văn Thành")  # + Đặng Thị Hoa
    client = client_for(users.officer)
    assert "Hiển thị 1–50 trong 53 đảng viên" in text(client.get(detail(tree.cell_2)))
    assert "Hiển thị 51–53 trong 53 đảng viên" in text(client.get(detail(tree.cell_2, page=2)))


# --- query ceilings ------------------------------------------------------------------------------
TREE_QUERIES = 6
PAGE_QUERIES = 11  # + the menu's unread-notification count (one indexed count per page)


@pytest.mark.parametrize("extra", [0, 55])
def test_tree_runs_a_constant_number_of_queries(users, tree, members, extra, django_assert_max_num_queries):
    MemberFactory.create_batch(extra, organization=tree.cell_1, full_name="Hồ Thị Mai")
    client = client_for(users.officer)
    with django_assert_max_num_queries(TREE_QUERIES):
        client.get(reverse("organizations:tree"))
    with django_assert_max_num_queries(TREE_QUERIES):
        client.get(reverse("organizations:tree") + f"?parent={tree.school.pk}", headers={"HX-Request": "true"})


@pytest.mark.parametrize("extra", [0, 55])
def test_organization_page_runs_a_constant_number_of_queries(
    users, tree, members, extra, django_assert_max_num_queries
):
    MemberFactory.create_batch(extra, organization=tree.cell_1, full_name="Hồ Thị Mai")
    client = client_for(users.officer)
    with django_assert_max_num_queries(PAGE_QUERIES):
        response = client.get(detail(tree.school))
    assert response.status_code == 200
    with django_assert_max_num_queries(PAGE_QUERIES):
        client.get(detail(tree.school, on="01/01/2015"))


# --- the members list agrees with the box (issue 17 item 11) ---------------------------------------
def _box_count(page: str) -> int:
    return int(page.split('tree-count">', 1)[1].split("<", 1)[0].replace(".", ""))


def test_members_list_shows_todays_members_like_the_box_and_a_filter_shows_the_others(users, tree, members):
    import datetime as dt

    from xaydungdang.members.lifecycle.services import member_record_death

    member_record_death(actor=users.officer, member=members.lan, effective_date=dt.date(2024, 3, 1))
    client = client_for(users.officer)
    page = text(client.get(detail(tree.school)))
    assert _box_count(page) == 2  # Hùng and Hoa: the box counts today's members
    assert "Nguyễn Văn Hùng" in page and "Đặng Thị Hoa" in page
    assert "Trần Thị Lan" not in page  # deceased: not a member any more, so not in the default list
    assert "trong 2 đảng viên" in page
    for show in ["others", "deceased", "all"]:
        assert "Trần Thị Lan" in text(client.get(detail(tree.school, show=show))), show
    assert "Nguyễn Văn Hùng" not in text(client.get(detail(tree.school, show="others")))
    assert "Trần Thị Lan" not in text(client.get(detail(tree.school, show="expelled")))


def test_an_unknown_members_filter_is_a_vietnamese_400(users, tree, members):
    response = client_for(users.officer).get(detail(tree.school, show="ghost"))
    assert response.status_code == 400
    assert "Tham số “show” không hợp lệ" in text(response)
