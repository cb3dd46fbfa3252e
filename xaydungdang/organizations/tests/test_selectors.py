import datetime as dt

import pytest

from xaydungdang.members.choices import EventKind, MemberStatus
from xaydungdang.members.models import MembershipEvent
from xaydungdang.members.state import member_rebuild_state
from xaydungdang.organizations import selectors

pytestmark = pytest.mark.django_db


def strike_off(member, day=dt.date(2020, 1, 1)):
    MembershipEvent.objects.create(member=member, kind=EventKind.STRUCK_OFF, effective_date=day)
    member_rebuild_state(member)
    member.save()


def test_subtree_counts_of_one_level_take_one_query(tree, members, django_assert_num_queries):
    children = [tree.commune_a, tree.commune_b]
    with django_assert_num_queries(1):
        counts = selectors.subtree_active_counts(children)
    assert counts == {tree.commune_a.pk: 4, tree.commune_b.pk: 1}


def test_subtree_counts_include_every_level_below_and_skip_former_members(tree, members):
    strike_off(members.lan)
    counts = selectors.subtree_active_counts([tree.school, tree.village_a])
    assert counts == {tree.school.pk: 2, tree.village_a.pk: 1}  # hùng and hoa; lan was struck off


def test_organizations_without_members_count_zero(tree, members):
    assert selectors.subtree_active_counts([tree.province]) == {tree.province.pk: 5}
    strike_off(members.tuan)
    assert selectors.subtree_active_counts([tree.village_b]) == {tree.village_b.pk: 0}


def test_tree_starts_at_the_top_of_the_users_grants(users, tree):
    assert [o.pk for o in selectors.tree_roots(users.officer)] == [tree.province.pk]
    assert [o.pk for o in selectors.tree_roots(users.leader)] == [tree.commune_a.pk]
    assert [o.pk for o in selectors.tree_roots(users.secretary)] == [tree.cell_1.pk]
    assert selectors.tree_roots(users.nobody) == []


def test_children_are_only_those_visible(users, tree):
    assert {o.pk for o in selectors.visible_children(users.officer, tree.province)} == {
        tree.commune_a.pk,
        tree.commune_b.pk,
    }
    # A secretary's grant covers their cell only, not its sister cells.
    assert [o.pk for o in selectors.visible_children(users.secretary, tree.school)] == [tree.cell_1.pk]


def test_breadcrumbs_show_visible_ancestors_only(users, tree):
    assert [o.pk for o in selectors.visible_ancestors(users.officer, tree.cell_1)] == [
        tree.province.pk,
        tree.commune_a.pk,
        tree.school.pk,
    ]
    assert [o.pk for o in selectors.visible_ancestors(users.leader, tree.cell_1)] == [
        tree.commune_a.pk,
        tree.school.pk,
    ]
    assert selectors.visible_ancestors(users.secretary, tree.cell_1) == []


def test_members_on_a_date_carry_the_status_they_had_then(users, tree, members):
    rows = list(selectors.subtree_members_on(users.officer, dt.date(2011, 1, 1), tree.school))
    assert {(r.member.full_name, r.status) for r in rows} == {
        ("Nguyễn Văn Hùng", MemberStatus.PROBATIONARY),
        ("Trần Thị Lan", MemberStatus.PROBATIONARY),
        ("Đặng Thị Hoa", MemberStatus.PROBATIONARY),
    }
    assert list(selectors.subtree_members_on(users.officer, dt.date(2009, 1, 1), tree.school)) == []


def test_members_on_a_date_keep_those_who_left_later(users, tree, members):
    strike_off(members.lan, dt.date(2020, 1, 1))
    names = {r.member.full_name for r in selectors.subtree_members_on(users.officer, dt.date(2019, 6, 1), tree.cell_1)}
    assert names == {"Nguyễn Văn Hùng", "Trần Thị Lan"}
    names = {r.member.full_name for r in selectors.subtree_members_on(users.officer, dt.date(2020, 6, 1), tree.cell_1)}
    assert names == {"Nguyễn Văn Hùng"}


def test_members_on_a_date_are_scoped(users, tree, members):
    assert list(selectors.subtree_members_on(users.outsider, dt.date(2015, 1, 1), tree.school)) == []
