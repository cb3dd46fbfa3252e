import datetime as dt

from xaydungdang.access.policy import SYSTEM
from xaydungdang.duework.registry import items_of
from xaydungdang.meetings import services
from xaydungdang.meetings.choices import DueKind, MeetingKind, Presence

D = dt.date


def _due(tree, on, user=SYSTEM, organization=None):
    return items_of("meetings", organization=organization or tree.school, on=on, user=user)


def test_missed_months_unplanned_current_month_and_unrecorded_meetings(plan, held, tree, users):
    held(D(2025, 4, 10))
    plan(D(2025, 5, 8))  # planned, the day passed, not recorded
    on = D(2025, 6, 15)
    items = [i for i in _due(tree, on) if i.organization == tree.cell_1 and i.extra["kind"] == MeetingKind.REGULAR]
    by_kind = {}
    for item in items:
        by_kind.setdefault(item.extra["due_kind"], []).append(item.start)
    assert by_kind[DueKind.MISSED] == [D(2024, 12, 1), D(2025, 1, 1), D(2025, 2, 1), D(2025, 3, 1)]
    assert by_kind[DueKind.UNRECORDED] == [D(2025, 5, 1)]
    assert by_kind[DueKind.UNPLANNED] == [D(2025, 6, 1)]


def test_a_held_thematic_meeting_fills_its_quarter(held, tree):
    held(D(2025, 2, 10), kind=MeetingKind.THEMATIC)
    items = _due(tree, D(2025, 6, 15), organization=tree.cell_1)
    quarters = [(i.start, i.extra["due_kind"]) for i in items if i.extra["kind"] == MeetingKind.THEMATIC]
    assert quarters == [(D(2024, 10, 1), DueKind.MISSED), (D(2025, 4, 1), DueKind.UNPLANNED)]


def test_the_grassroots_committee_owes_two_meetings_a_year(tree):
    items = _due(tree, D(2025, 8, 1), organization=tree.school)
    committee = [(i.organization, i.start) for i in items if i.extra["kind"] == MeetingKind.COMMITTEE]
    assert committee == [(tree.school, D(2025, 1, 1)), (tree.school, D(2025, 7, 1))]


def test_organizations_founded_later_owe_nothing_before(tree):
    tree.cell_2.founded_on = D(2025, 5, 20)
    tree.cell_2.save()
    items = _due(tree, D(2025, 6, 15), organization=tree.cell_2)
    assert {i.start for i in items if i.extra["kind"] == MeetingKind.REGULAR} == {D(2025, 5, 1), D(2025, 6, 1)}


def test_due_meetings_are_scoped(tree, users):
    assert _due(tree, D(2025, 6, 15), user=users.outsider) == []
    assert _due(tree, D(2025, 6, 15), user=users.member, organization=tree.cell_1) == []
    assert {i.organization for i in _due(tree, D(2025, 6, 15), user=users.secretary)} == {tree.cell_1}


def test_three_months_absent_without_reason_is_a_ground_linked_to_the_strike_off_form(
    held, members, tree, users, client
):
    for month in (1, 3):
        held(D(2025, month, 10), entries={members.lan: (Presence.UNEXCUSED, "")})
    held(D(2025, 4, 10), entries={members.lan: (Presence.EXCUSED, "Đi công tác")})
    on = D(2025, 6, 1)
    assert items_of("meeting_absence", organization=tree.province, on=on, user=SYSTEM) == []
    held(D(2025, 5, 10), entries={members.lan: (Presence.UNEXCUSED, "")})
    items = items_of("meeting_absence", organization=tree.province, on=on, user=SYSTEM)
    assert [(i.subject, i.extra["months"]) for i in items] == [(members.lan, "01/2025, 03/2025, 05/2025")]
    assert items_of("meeting_absence", organization=tree.province, on=D(2026, 6, 1), user=SYSTEM) == []
    assert items_of("meeting_absence", organization=tree.cell_1, on=on, user=users.member) == []
    assert len(items_of("meeting_absence", organization=tree.cell_1, on=on, user=users.secretary)) == 1
    members.lan.refresh_from_db()
    assert members.lan.status == "official"  # a ground to consider, never a state change
    client.force_login(users.officer)
    page = client.get(items[0].url)
    assert page.status_code == 200
    form = page.context["form"]
    assert form["ground"].value() == "left_activity"
    assert "01/2025, 03/2025, 05/2025" in form["reason"].value()


def test_a_reschedule_moves_the_unrecorded_day(plan, tree, users):
    meeting = plan(D(2025, 5, 8))
    services.meeting_reschedule(actor=users.officer, meeting=meeting, planned_on=D(2025, 5, 28), reason="Mưa bão")
    items = [i for i in _due(tree, D(2025, 5, 20), organization=tree.cell_1) if i.extra["kind"] == "regular"]
    assert DueKind.UNRECORDED not in {i.extra["due_kind"] for i in items}
