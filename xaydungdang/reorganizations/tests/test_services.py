import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from xaydungdang.access.policy import OutOfScope
from xaydungdang.members.choices import EventKind
from xaydungdang.members.models import Member, MembershipPeriod
from xaydungdang.organizations.choices import OrganizationKind
from xaydungdang.organizations.models import Organization
from xaydungdang.reorganizations import services as reorganize
from xaydungdang.reorganizations.choices import ReorganizationKind
from xaydungdang.reorganizations.models import Lineage
from xaydungdang.reorganizations.structure import lineage, subtree_ids_on

pytestmark = pytest.mark.django_db

MERGER_DAY = dt.date(2025, 7, 1)
BEFORE = dt.date(2024, 12, 31)
DECISION = {"decision_number": "321-QĐ/TU", "decision_date": dt.date(2025, 6, 25)}


def reload(obj):
    return type(obj).objects.get(pk=obj.pk)


def members_on(organization_ids, day):
    periods = MembershipPeriod.objects.on(day).filter(organization_id__in=organization_ids, attachment="official")
    return {p.member.full_name for p in periods.select_related("member")}


def test_absorb_moves_members_by_dated_events_and_keeps_the_past(users, tree, members):
    reorganize.organizations_absorb(
        actor=users.officer, sources=[tree.cell_2], target=tree.cell_1, effective_date=MERGER_DAY, **DECISION
    )
    assert reload(members.hoa).organization == tree.cell_1
    assert reload(tree.cell_2).dissolved_on == MERGER_DAY
    assert members_on([tree.cell_2.pk], BEFORE) == {"Đặng Thị Hoa"}
    assert members_on([tree.cell_2.pk], MERGER_DAY) == set()
    assert members_on([tree.cell_1.pk], MERGER_DAY) == {"Nguyễn Văn Hùng", "Trần Thị Lan", "Đặng Thị Hoa"}
    event = members.hoa.events.get(kind=EventKind.TRANSFERRED_IN)
    assert (event.from_organization, event.decision_number) == (tree.cell_2, "321-QĐ/TU")
    assert [str(edge) for edge in lineage(tree.cell_1)["predecessors"]] == [f"{tree.cell_2} → {tree.cell_1}"]


def test_merge_founds_a_new_organization_and_the_tree_of_the_past_still_answers(users, tree, members):
    reorganization = reorganize.organizations_merge(
        actor=users.officer,
        sources=[tree.commune_a, tree.commune_b],
        parent=tree.province,
        code="P92-AB",
        name="Đảng bộ phường Ninh Kiều mới",
        kind=OrganizationKind.UPPER_GRASSROOTS,
        effective_date=MERGER_DAY,
        **DECISION,
    )
    merged = reorganization.organization
    assert reorganization.kind == ReorganizationKind.MERGE
    assert set(Lineage.objects.filter(successor=merged).values_list("predecessor__code", flat=True)) == {
        "P92-A",
        "P92-B",
    }
    today_ids = subtree_ids_on(reload(merged), dt.date.today())
    assert {tree.school.pk, tree.cell_1.pk, tree.village_a.pk, tree.village_b.pk} <= today_ids
    past_a = subtree_ids_on(reload(tree.commune_a), BEFORE)
    assert past_a == {tree.commune_a.pk, tree.school.pk, tree.cell_1.pk, tree.cell_2.pk, tree.village_a.pk}
    assert members_on(past_a, BEFORE) == {"Nguyễn Văn Hùng", "Trần Thị Lan", "Đặng Thị Hoa", "Lê Văn Nam"}
    assert subtree_ids_on(reload(merged), BEFORE) == set()  # it did not exist yet


def test_relocation_changes_the_subtree_from_its_date_only(users, tree, members):
    reorganize.organization_move(
        actor=users.officer,
        organization=tree.village_b,
        new_parent=tree.commune_a,
        effective_date=MERGER_DAY,
        **DECISION,
    )
    assert tree.village_b.pk in subtree_ids_on(reload(tree.commune_a), MERGER_DAY)
    assert tree.village_b.pk not in subtree_ids_on(reload(tree.commune_a), BEFORE)
    assert tree.village_b.pk in subtree_ids_on(reload(tree.commune_b), BEFORE)
    assert Organization.objects.get_parent(reload(tree.village_b)) == reload(tree.commune_a)


def test_split_distributes_members_and_ends_the_source(users, tree, members):
    reorganization = reorganize.organization_split(
        actor=users.officer,
        source=tree.village_a,
        parts=[
            {
                "code": "P92-A-V1",
                "name": "Chi bộ khu vực 1A",
                "kind": OrganizationKind.GRASSROOTS_CELL,
                "members": [members.nam.pk],
            },
            {"code": "P92-A-V2", "name": "Chi bộ khu vực 1B", "kind": OrganizationKind.GRASSROOTS_CELL},
        ],
        effective_date=MERGER_DAY,
        **DECISION,
    )
    assert reload(members.nam).organization.code == "P92-A-V1"
    assert reload(tree.village_a).dissolved_on == MERGER_DAY
    assert Lineage.objects.filter(reorganization=reorganization).count() == 2


def test_rename_keeps_the_old_name_in_history(users, tree):
    reorganize.organization_rename(
        actor=users.officer,
        organization=tree.commune_b,
        name="Đảng bộ phường Tân An",
        effective_date=MERGER_DAY,
        **DECISION,
    )
    commune = reload(tree.commune_b)
    assert commune.name == "Đảng bộ phường Tân An"
    assert list(commune.history.values_list("name", flat=True))[:2] == [
        "Đảng bộ phường Tân An",
        "Đảng bộ phường Cái Khế",
    ]


def test_dissolve_is_refused_while_members_remain(users, tree, members):
    with pytest.raises(ValidationError) as excinfo:
        reorganize.organization_dissolve(
            actor=users.officer, organization=tree.village_b, effective_date=MERGER_DAY, **DECISION
        )
    assert excinfo.value.message_dict == {
        "organization": ["Còn 1 đảng viên đang sinh hoạt; phải chuyển sinh hoạt trước khi giải thể."]
    }


def test_a_decision_number_is_required(users, tree):
    with pytest.raises(ValidationError) as excinfo:
        reorganize.organization_rename(
            actor=users.officer, organization=tree.commune_b, name="X", effective_date=MERGER_DAY
        )
    assert excinfo.value.message_dict == {"decision_number": ["Phải ghi số quyết định sắp xếp tổ chức."]}


def test_kind_rules_hold_when_children_move(users, tree):
    with pytest.raises(ValidationError) as excinfo:
        reorganize.organization_move(
            actor=users.officer,
            organization=tree.cell_2,
            new_parent=tree.commune_b,
            effective_date=MERGER_DAY,
            **DECISION,
        )
    assert "không thể trực thuộc" in excinfo.value.message_dict["new_parent"][0]


def test_outsider_cannot_reorganize_outside_their_subtree(users, tree, members):
    with pytest.raises(OutOfScope):
        reorganize.organizations_absorb(
            actor=users.outsider, sources=[tree.cell_2], target=tree.cell_1, effective_date=MERGER_DAY, **DECISION
        )
    assert Member.objects.get(pk=members.hoa.pk).organization == tree.cell_2
    assert Organization.objects.get(pk=tree.cell_2.pk).dissolved_on is None
