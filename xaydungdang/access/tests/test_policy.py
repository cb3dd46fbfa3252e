import pytest

from xaydungdang.access.choices import Action
from xaydungdang.access.policy import AccessPolicy, OutOfScope
from xaydungdang.members.models import Member
from xaydungdang.organizations.models import Organization

pytestmark = pytest.mark.django_db


def names(queryset) -> set[str]:
    return {str(obj) for obj in queryset}


def test_admin_sees_every_member(users, members):
    assert Member.objects.visible_to(users.admin).count() == 5


def test_officer_of_province_sees_the_whole_subtree(users, members):
    assert Member.objects.visible_to(users.officer).count() == 5
    assert Organization.objects.visible_to(users.officer).count() == 8


def test_leader_of_commune_sees_only_that_commune(users, members, tree):
    assert names(Member.objects.visible_to(users.leader)) == {
        "Nguyễn Văn Hùng",
        "Trần Thị Lan",
        "Đặng Thị Hoa",
        "Lê Văn Nam",
    }
    assert tree.commune_b not in Organization.objects.visible_to(users.leader)


def test_leader_reads_but_cannot_change(users, members):
    assert Member.objects.visible_to(users.leader, Action.CHANGE).count() == 0


def test_secretary_with_node_scope_sees_only_own_cell(users, members, tree):
    assert names(Member.objects.visible_to(users.secretary)) == {"Nguyễn Văn Hùng", "Trần Thị Lan"}
    assert list(Organization.objects.visible_to(users.secretary)) == [tree.cell_1]


def test_member_sees_own_record_and_own_cell_only(users, members, tree):
    assert list(Member.objects.visible_to(users.member)) == [members.hung]
    assert list(Organization.objects.visible_to(users.member)) == [tree.cell_1]
    assert Member.objects.visible_to(users.member, Action.CHANGE).count() == 0


def test_user_without_assignment_sees_nothing(users, members):
    assert Member.objects.visible_to(users.nobody).count() == 0
    assert Organization.objects.visible_to(users.nobody).count() == 0


def test_require_raises_out_of_scope_for_outsider(users, members):
    with pytest.raises(OutOfScope):
        AccessPolicy(users.outsider).require(Action.CHANGE, members.hung)


def test_personal_data_visible_to_editors_and_owner_only(users, members):
    assert AccessPolicy(users.secretary).sees_personal_data(members.hung)
    assert AccessPolicy(users.member).sees_personal_data(members.hung)
    assert not AccessPolicy(users.member).sees_personal_data(members.lan)
    assert not AccessPolicy(users.leader).sees_personal_data(members.hung)


def test_root_organizations_are_the_top_of_each_grant(users, tree):
    assert list(AccessPolicy(users.leader).root_organizations()) == [tree.commune_a]
    assert list(AccessPolicy(users.admin).root_organizations()) == [tree.province]


def test_figures_of_a_subtree_need_a_grant_that_covers_it(users, tree):
    from xaydungdang.access.choices import Role, Scope
    from xaydungdang.access.models import Assignment

    assert AccessPolicy(users.leader).reads_subtree(tree.commune_a)
    assert AccessPolicy(users.secretary).reads_subtree(tree.cell_1)  # node grant on a cell: nothing below it
    assert not AccessPolicy(users.member).reads_subtree(tree.cell_1)
    Assignment.objects.create(user=users.nobody, role=Role.SECRETARY, organization=tree.school, scope=Scope.NODE)
    assert not AccessPolicy(users.nobody).reads_subtree(tree.school)  # node grant, but cells below it
