"""Issue 9 defect 5, the lifecycle: a wrongly expelled member cleared keeps continuous party age; the badge
is handed back when a member leaves (event and due item); posthumous badges up to 12 months early; cells
too small or chi bộ cơ sở too large appear in due work."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from xaydungdang.duework.registry import DueQuery
from xaydungdang.members.choices import EventKind, MemberStatus
from xaydungdang.members.lifecycle import rules
from xaydungdang.members.lifecycle import services as svc
from xaydungdang.members.lifecycle.due import badges_to_return, organization_size
from xaydungdang.members.models import Member
from xaydungdang.members.tests.factories import MemberFactory
from xaydungdang.organizations.choices import OrganizationKind as K
from xaydungdang.organizations.tests.factories import make_org

pytestmark = pytest.mark.django_db
D = dt.date


def messages(exc, field):
    return exc.value.message_dict[field]


def _expel(actor, member):
    return svc.member_expel(actor=actor, member=member, effective_date=D(2015, 1, 1), reason="Vi phạm")


def test_a_wrongly_expelled_member_cleared_keeps_continuous_party_age(members, users):
    hung = _expel(users.admin, members.hung)
    assert hung.status == MemberStatus.EXPELLED
    hung = svc.member_clear_expulsion(
        actor=users.admin, member=hung, effective_date=D(2016, 6, 1), decision_number="7-QĐ/UBKT",
        reason="Khai trừ sai, đã minh oan",
    )  # fmt: skip
    assert hung.status == MemberStatus.OFFICIAL and hung.organization == members.lan.organization
    events = list(hung.events.all())
    # Admitted by the decision of 10/05/2010: 30 years on 10/05/2040, as if never outside.
    assert rules.milestone_date(events, 30) == D(2040, 5, 10)
    assert rules.party_age(events, D(2020, 5, 10)).years == 10
    assert {p.party_age_start for p in hung.periods.all()} == {D(2010, 5, 10)}


def test_only_an_expelled_member_can_be_cleared(members, users):
    with pytest.raises(ValidationError) as exc:
        svc.member_clear_expulsion(
            actor=users.admin, member=members.hung, effective_date=D(2016, 6, 1), decision_number="7", reason="x"
        )
    assert messages(exc, "member") == [
        "Chỉ hủy quyết định khai trừ đối với người đang bị khai trừ (tình trạng: Đảng viên chính thức)."
    ]
    hung = _expel(users.admin, members.hung)
    with pytest.raises(ValidationError) as exc:
        svc.member_clear_expulsion(
            actor=users.admin, member=hung, effective_date=D(2016, 6, 1), decision_number=" ", reason="Minh oan"
        )
    assert messages(exc, "decision_number") == ["Phải ghi số quyết định hủy quyết định khai trừ."]


@pytest.fixture
def veteran(tree, users):
    """Admitted by the decision of 01/03/1990: 30 years of party age on 01/03/2020."""
    member = MemberFactory(
        organization=tree.cell_1, full_name="Trương Văn Cựu", admission_decision_date=D(1990, 3, 1),
        admission_date=D(1990, 3, 10), official_date=D(1991, 3, 10),
    )  # fmt: skip
    return member


def test_a_badge_is_handed_back_when_the_member_leaves(veteran, users, tree):
    svc.badge_award(actor=users.admin, member=veteran, years=30, awarded_on=D(2020, 5, 19))
    with pytest.raises(ValidationError) as exc:
        svc.badge_return(actor=users.admin, member=veteran, returned_on=D(2021, 1, 1))
    assert messages(exc, "member") == [
        "Chỉ thu hồi Huy hiệu Đảng của người đã ra khỏi Đảng (tình trạng hiện tại: Đảng viên chính thức)."
    ]
    svc.member_resign(actor=users.admin, member=veteran, effective_date=D(2022, 1, 1), reason="Xin ra khỏi Đảng")
    query = DueQuery(organization=tree.province, on=D(2022, 2, 1), user=users.officer)
    [item] = badges_to_return(query)
    assert (item.subject, item.start, item.extra["badges"]) == (veteran, D(2022, 1, 1), "30")
    assert badges_to_return(DueQuery(organization=tree.province, on=D(2022, 2, 1), user=users.member)) == []
    member = svc.badge_return(actor=users.admin, member=veteran, returned_on=D(2022, 2, 1))
    assert member.badges.get().returned_on == D(2022, 2, 1)
    assert member.events.filter(kind=EventKind.BADGE_RETURNED).get().data == {"badges": [30]}
    assert badges_to_return(query) == []
    with pytest.raises(ValidationError) as exc:
        svc.badge_return(actor=users.admin, member=member, returned_on=D(2022, 3, 1))
    assert messages(exc, "member") == ["Người này không giữ Huy hiệu Đảng nào chưa nộp lại."]


def test_a_posthumous_badge_up_to_12_months_before_the_milestone(veteran, users):
    svc.member_record_death(actor=users.admin, member=veteran, effective_date=D(2019, 4, 1))
    badge = svc.badge_award(actor=users.admin, member=veteran, years=30, awarded_on=D(2019, 5, 19))
    assert badge.posthumous


def test_a_posthumous_badge_more_than_12_months_early_is_refused(veteran, users):
    svc.member_record_death(actor=users.admin, member=veteran, effective_date=D(2019, 2, 28))
    with pytest.raises(ValidationError) as exc:
        svc.badge_award(actor=users.admin, member=veteran, years=30, awarded_on=D(2019, 5, 19))
    assert messages(exc, "years") == [
        "Đảng viên từ trần ngày 28/02/2019; nếu còn sinh hoạt thì đến 01/03/2020 mới đủ 30 năm tuổi Đảng. Chỉ truy "
        "tặng khi còn thiếu không quá 12 tháng (HD 01-HD/TW §18)."
    ]


def test_cells_too_small_and_grassroots_cells_too_large_are_due(tree, members, users):
    big = make_org(tree.commune_b, K.GRASSROOTS_CELL, "Chi bộ Trường Tiểu học", "P92-B-T")
    for index in range(30):
        MemberFactory(organization=big, full_name=f"Đảng viên Số {index}")
    items = {item.subject: item for item in organization_size(DueQuery(tree.province, D(2024, 1, 1), users.officer))}
    # Each cell of the cast has 1 or 2 official members; the new chi bộ cơ sở has 30.
    assert set(items) == {tree.cell_1, tree.cell_2, tree.village_a, tree.village_b, big}
    assert items[tree.cell_1].extra["problem"] == (
        "Chỉ có 2 đảng viên chính thức; chi bộ cần ít nhất 3 (Điều lệ Đảng Điều 21)."
    )
    assert items[big].extra["problem"] == (
        "Có 30 đảng viên; chi bộ cơ sở từ 30 đảng viên trở lên thì xem xét lập đảng bộ cơ sở."
    )
    MemberFactory(organization=tree.cell_1, full_name="Ngô Thị Ba")
    items = organization_size(DueQuery(tree.province, D(2024, 1, 1), users.officer))
    assert tree.cell_1 not in {item.subject for item in items}
    # Organization business: a plain member sees none of it.
    assert organization_size(DueQuery(tree.province, D(2024, 1, 1), users.member)) == []
    assert Member.objects.filter(organization=big).count() == 30
