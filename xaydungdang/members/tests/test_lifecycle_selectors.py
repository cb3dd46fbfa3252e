"""As-of reads: who belonged to a subtree on a date, a member's status on a date."""

import datetime as dt

import pytest

from xaydungdang.members.choices import AttachmentKind, MemberStatus
from xaydungdang.members.lifecycle import selectors
from xaydungdang.members.lifecycle import services as svc
from xaydungdang.members.models import Member, MembershipPeriod

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def history(tree, members, users):
    """Hùng moves from Chi bộ 1 to thôn Bình in 2024; Lan dies in 2023; Nam is temporarily in thôn Bình."""
    actor = users.officer
    transfer = svc.transfer_issue(
        actor=actor, member=members.hung, to_organization=tree.village_b, letter_number="1", issued_on=D(2024, 5, 6)
    )
    svc.transfer_accept(actor=actor, transfer=transfer, accepted_on=D(2024, 5, 10))
    svc.member_record_death(actor=actor, member=members.lan, effective_date=D(2023, 1, 1))
    svc.member_temporary_start(
        actor=actor,
        member=members.nam,
        to_organization=tree.village_b,
        effective_date=D(2024, 1, 1),
        until=D(2024, 6, 1),
    )
    svc.member_exempt(actor=actor, member=members.hoa, effective_date=D(2022, 1, 1), reason="Sức khỏe")
    return members


def names(queryset):
    return sorted(m.full_name for m in queryset)


def test_members_of_a_subtree_on_a_date(tree, history):
    of = Member.objects.of
    assert names(of(tree.cell_1, on=D(2022, 12, 31))) == ["Nguyễn Văn Hùng", "Trần Thị Lan"]
    assert names(of(tree.cell_1, on=D(2023, 1, 1))) == ["Nguyễn Văn Hùng"]
    assert names(of(tree.cell_1, on=D(2024, 5, 10))) == []
    assert names(of(tree.commune_b, on=D(2024, 5, 10))) == ["Nguyễn Văn Hùng", "Phạm Minh Tuấn"]
    assert names(of(tree.province, on=D(2010, 5, 18))) == []


def test_members_of_the_organization_itself_or_of_everywhere(tree, history):
    assert names(Member.objects.of(tree.school, on=D(2022, 6, 1), subtree=False)) == []
    assert names(Member.objects.of(tree.cell_1, on=D(2022, 6, 1), subtree=False)) == ["Nguyễn Văn Hùng", "Trần Thị Lan"]
    assert len(Member.objects.of(None, on=D(2022, 6, 1))) == 5


def test_member_periods_of_a_date_carry_the_status_then(tree, history):
    periods = MembershipPeriod.objects.of(tree.cell_2, on=D(2022, 6, 1))
    assert [(p.member.full_name, p.is_exempted) for p in periods] == [("Đặng Thị Hoa", True)]


def test_temporary_members_are_not_counted_in_the_host(tree, history):
    of = Member.objects.of
    assert "Lê Văn Nam" not in names(of(tree.village_b, on=D(2024, 6, 1)))
    assert names(of(tree.village_b, on=D(2024, 6, 1), attachment=AttachmentKind.TEMPORARY)) == ["Lê Văn Nam"]


def test_members_on_is_narrowed_to_what_the_user_sees(tree, history, users):
    assert names(selectors.members_on(tree.province, D(2022, 6, 1), user=users.outsider)) == ["Phạm Minh Tuấn"]
    assert names(selectors.members_on(tree.province, D(2022, 6, 1), user=users.member)) == ["Nguyễn Văn Hùng"]


def test_counts_on_a_date(tree, history):
    assert selectors.member_counts_on(tree.province, D(2022, 6, 1)) == {
        "total": 5, "probationary": 0, "official": 5, "exempted": 1,
    }  # fmt: skip
    assert selectors.member_counts_on(tree.province, D(2010, 6, 1))["probationary"] == 5


def test_status_of_a_member_on_a_date(tree, history):
    hung = history.hung
    assert selectors.member_status_on(hung, D(2010, 6, 1)).status == MemberStatus.PROBATIONARY
    before = selectors.member_status_on(hung, D(2024, 5, 9))
    after = selectors.member_status_on(hung, D(2024, 5, 10))
    assert (before.organization_id, after.organization_id) == (tree.cell_1.pk, tree.village_b.pk)
    assert not selectors.member_status_on(hung, D(2000, 1, 1)).is_member
    lan = selectors.member_status_on(history.lan, D(2023, 6, 1))
    assert (lan.status, lan.is_member) == (MemberStatus.DECEASED, False)
    nam = selectors.member_status_on(history.nam, D(2024, 6, 1))
    assert (nam.organization_id, nam.temporary_organization_id) == (tree.village_a.pk, tree.village_b.pk)
    assert selectors.member_status_on(history.hoa, D(2022, 6, 1)).is_exempted
