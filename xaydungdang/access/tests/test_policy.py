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


# --- the system actor, the receiver rule, review officers, refusals as 404 (issue 9) ----------------------
def test_the_system_actor_sees_and_changes_everything_without_being_a_user(users, members, tree):
    from xaydungdang.access.policy import SYSTEM, policy_for

    assert Member.objects.visible_to(SYSTEM).count() == Member.objects.count() == 5
    assert policy_for(SYSTEM).can_in_organization("change", tree.village_b)
    assert policy_for(SYSTEM).grants == [] and str(SYSTEM) == "Hệ thống"


def test_a_missing_user_sees_nothing(members):
    assert Member.objects.visible_to(None).count() == 0


def test_a_transfer_letter_is_seen_and_received_by_the_destination_only_with_office(users, members, tree):
    import datetime as dt

    from xaydungdang.access.policy import policy_for
    from xaydungdang.members.lifecycle import services as svc
    from xaydungdang.members.lifecycle.models import Transfer

    transfer = svc.transfer_issue(
        actor=users.officer, member=members.lan, to_organization=tree.village_b, letter_number="9",
        issued_on=dt.date(2025, 3, 3),
    )  # fmt: skip
    assert list(Transfer.objects.visible_to(users.outsider)) == [transfer]  # the receiving commune
    assert list(Transfer.objects.waiting().receivable_by(users.outsider)) == [transfer]
    assert policy_for(users.outsider).can_receive(transfer)
    assert list(Transfer.objects.visible_to(users.leader)) == [transfer]  # the sending side reads it
    assert not policy_for(users.leader).can_receive(transfer)
    assert not policy_for(users.secretary).can_receive(transfer)  # the sender's secretary does not receive
    assert list(Transfer.objects.visible_to(users.member)) == []  # not Hùng's letter


def test_review_officers_are_officer_grants_over_the_organization(users, tree):
    from xaydungdang.access.policy import OutOfScope, policy_for

    assert policy_for(users.officer).is_review_officer_of(tree.cell_1)
    assert list(policy_for(users.officer).review_officer_roots()) == [tree.province]
    assert not policy_for(users.secretary).is_review_officer_of(tree.cell_1)
    assert list(policy_for(users.secretary).review_officer_roots()) == []
    with pytest.raises(OutOfScope, match="Chỉ cán bộ"):
        policy_for(users.leader).require_review_officer_of(tree.commune_a, "Chỉ cán bộ Ban Tổ chức.")


def test_a_refusal_becomes_a_404(users, tree):
    from django.http import Http404

    from xaydungdang.access.policy import policy_for, refusals_as_404

    with pytest.raises(Http404), refusals_as_404():
        policy_for(users.leader).require_in_organization("change", tree.commune_a)
