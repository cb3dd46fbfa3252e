import datetime as dt

from xaydungdang.members.choices import EventKind
from xaydungdang.members.models import MembershipEvent
from xaydungdang.members.state import member_rebuild_state
from xaydungdang.reports.models import RollupFeature
from xaydungdang.reports.selectors import subtree_statistics
from xaydungdang.reports.selectors.admissions import achievement
from xaydungdang.reports.selectors.changes import changes_in_rollups, member_changes
from xaydungdang.reports.services import admission_plan_set


def _event(member, kind, day, **fields):
    MembershipEvent.objects.create(member=member, kind=kind, effective_date=day, **fields)
    member_rebuild_state(member)
    member.save()


def test_entries_and_exits_add_up_to_the_change_of_the_count(tree, varied):
    members = list(varied)
    _event(members[0], EventKind.DECEASED, dt.date(2024, 5, 1))
    _event(members[1], EventKind.TRANSFERRED_OUT, dt.date(2024, 6, 1), to_organization=tree.village_b)
    _event(members[1], EventKind.TRANSFERRED_IN, dt.date(2024, 6, 1), to_organization=tree.village_b)
    start, end = dt.date(2023, 12, 31), dt.date(2024, 12, 31)
    for organization in (tree.province, tree.commune_a, tree.commune_b):
        changes = member_changes(organization, start, end)
        before = subtree_statistics(organization=organization, on=start)["members"]["total"][""]
        after = subtree_statistics(organization=organization, on=end)["members"]["total"][""]
        assert after - before == changes["in"]["total"] - changes["out"]["total"], organization
    commune_a = member_changes(tree.commune_a, start, end)
    assert commune_a["out"] == {"total": 2, "deceased": 1, "transferred": 1}
    commune_b = member_changes(tree.commune_b, start, end)
    assert commune_b["in"] == {"total": 2, "admitted": 1, "other": 1}
    assert member_changes(tree.province, start, end)["out"] == {"total": 1, "deceased": 1}


def test_the_rollups_give_the_live_changes_for_any_window(tree, varied):
    members = list(varied)
    _event(members[0], EventKind.DECEASED, dt.date(2024, 5, 1))
    _event(members[2], EventKind.TRANSFERRED_OUT, dt.date(2024, 3, 31), to_organization=None)
    for feature in (RollupFeature.CHANGES, RollupFeature.UPPER_GRASSROOTS):  # a live-server test may have flushed them
        RollupFeature.objects.get_or_create(name=feature)
    assert changes_in_rollups(tree.province) and changes_in_rollups(tree.commune_a)
    assert not changes_in_rollups(tree.cell_1)
    days = [dt.date(1985, 6, 30), dt.date(2001, 1, 1), dt.date(2023, 12, 31), dt.date(2024, 3, 30),
            dt.date(2024, 3, 31), dt.date(2024, 4, 30), dt.date(2024, 5, 1), dt.date(2024, 12, 31), dt.date(2026, 2, 28)]  # fmt: skip
    for start in days:
        for end in days:
            if start <= end:
                for organization in (tree.province, tree.commune_a, tree.commune_b):
                    fast = member_changes(organization, start, end)
                    assert fast == member_changes(organization, start, end, use_rollups=False), (organization, start)
    assert member_changes(tree.province, dt.date(2023, 12, 31), dt.date(2024, 12, 31))["out"]["total"] == 2


def test_admissions_are_counted_against_the_plans_down_the_tree(tree, varied, users):
    admission_plan_set(actor=users.officer, organization=tree.commune_b, year=2024, planned=2)
    admission_plan_set(actor=users.officer, organization=tree.commune_a, year=2024, planned=4)
    total, rows = achievement(tree.province, 2024, dt.date(2024, 12, 31))
    assert (total.admitted, total.planned) == (1, 6)
    by_org = {row.organization: row for row in rows}
    assert (by_org[tree.commune_b].admitted, str(by_org[tree.commune_b].rate)) == (1, "50.0")
    assert by_org[tree.commune_a].rate == 0
    admission_plan_set(actor=users.officer, organization=tree.province, year=2024, planned=10)
    assert achievement(tree.province, 2024, dt.date(2024, 12, 31))[0].planned == 10


def test_a_plan_is_refused_outside_the_actors_scope(tree, users):
    import pytest

    from xaydungdang.access.policy import OutOfScope

    with pytest.raises(OutOfScope):
        admission_plan_set(actor=users.outsider, organization=tree.commune_a, year=2025, planned=3)


def test_a_roots_admissions_are_those_of_its_own_tree(tree, varied, users):
    """A tree's root counts its admissions without keeping the events to its subtree first (every event
    is in it but those of the other roots): the same figures as the subtrees under it, none from elsewhere."""
    from xaydungdang.organizations.choices import OrganizationKind
    from xaydungdang.organizations.tests.factories import make_org

    other = make_org(None, OrganizationKind.PROVINCIAL, "Đảng bộ tỉnh Hậu Giang", "P93")
    cell = make_org(other, OrganizationKind.GRASSROOTS_CELL, "Chi bộ Trường Tiểu học Vị Thanh", "P93-1")
    MembershipEvent.objects.create(
        member=list(varied)[0], kind=EventKind.ADMITTED, effective_date=dt.date(2024, 3, 1), to_organization=cell
    )
    total, rows = achievement(tree.province, 2024, dt.date(2024, 12, 31))
    assert total.admitted == 1 == sum(row.admitted for row in rows)
    assert [(row.organization, row.admitted) for row in rows if row.admitted] == [(tree.commune_b, 1)]
    assert achievement(other, 2024, dt.date(2024, 12, 31))[0].admitted == 1
