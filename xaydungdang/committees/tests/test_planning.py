import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from xaydungdang.access.policy import SYSTEM, OutOfScope
from xaydungdang.committees import planning
from xaydungdang.committees.choices import AppointmentKind, AppointmentStatus
from xaydungdang.committees.congress import congress_check
from xaydungdang.committees.tests.factories import post, term_with
from xaydungdang.duework.registry import items_of
from xaydungdang.members.lifecycle.services import member_discipline, member_record_death
from xaydungdang.members.tests.factories import MemberFactory

D = dt.date


@pytest.fixture
def plan(users, tree):
    return planning.plan_create(actor=users.officer, organization=tree.school, start_year=2025, end_year=2030)


def _people(tree, count, **fields):
    return [MemberFactory(organization=tree.cell_1, full_name=f"Người Thứ {i}", **fields) for i in range(count)]


def test_at_most_three_people_per_post(users, tree, plan):
    first, second, third, fourth = _people(tree, 4)
    for person in (first, second, third):
        planning.plan_entry_add(
            actor=users.officer, plan=plan, member=person, post_kind=post("bi-thu"), added_on=D(2025, 1, 5)
        )
    with pytest.raises(ValidationError) as error:
        planning.plan_entry_add(
            actor=users.officer, plan=plan, member=fourth, post_kind=post("bi-thu"), added_on=D(2025, 1, 5)
        )
    assert "không quá 3 người (QĐ 377-QĐ/TW)" in str(error.value)


def test_at_most_three_posts_per_person_at_the_same_level(users, tree, plan):
    (person,) = _people(tree, 1)
    for code in ("bi-thu", "pho-bi-thu", "uy-vien-ban-thuong-vu"):
        planning.plan_entry_add(
            actor=users.officer, plan=plan, member=person, post_kind=post(code), added_on=D(2025, 1, 5)
        )
    with pytest.raises(ValidationError) as error:
        planning.plan_entry_add(
            actor=users.officer, plan=plan, member=person, post_kind=post("cap-uy-vien"), added_on=D(2025, 1, 5)
        )
    assert "một người không quá 3 chức danh (QĐ 377-QĐ/TW)" in str(error.value)


def test_no_planning_while_an_appointment_proposal_is_open(users, tree, plan):
    (person,) = _people(tree, 1)
    planning.plan_entry_add(
        actor=users.officer, plan=plan, member=person, post_kind=post("pho-bi-thu"), added_on=D(2025, 1, 5)
    )
    planning.appointment_propose(
        actor=users.officer, organization=tree.school, member=person, post_kind=post("pho-bi-thu"),
        kind=AppointmentKind.APPOINTMENT, proposed_on=D(2025, 3, 1),
    )  # fmt: skip
    with pytest.raises(ValidationError) as error:
        planning.plan_entry_add(
            actor=users.officer, plan=plan, member=person, post_kind=post("bi-thu"), added_on=D(2025, 3, 2)
        )
    assert "không quy hoạch đồng thời với đề nghị bổ nhiệm (QĐ 377-QĐ/TW)" in str(error.value)


def test_yearly_review_removes_with_a_reason(users, tree, plan):
    (person,) = _people(tree, 1)
    entry = planning.plan_entry_add(
        actor=users.officer, plan=plan, member=person, post_kind=post("bi-thu"), added_on=D(2025, 1, 5)
    )
    with pytest.raises(ValidationError) as error:
        planning.plan_entry_remove(actor=users.officer, entry=entry, removed_on=D(2026, 1, 5), reason=" ")
    assert error.value.message_dict["reason"] == [str(planning.REASON_REQUIRED)]
    entry = planning.plan_entry_remove(
        actor=users.officer, entry=entry, removed_on=D(2026, 1, 5), reason="Rà soát hằng năm"
    )
    assert entry.removed_reason == "Rà soát hằng năm"
    with pytest.raises(OutOfScope):
        planning.plan_entry_add(
            actor=users.outsider, plan=plan, member=person, post_kind=post("bi-thu"), added_on=D(2026, 1, 5)
        )


def test_appointment_requires_the_plan_for_the_post_or_an_equivalent(users, tree, plan):
    (person,) = _people(tree, 1)
    with pytest.raises(ValidationError) as error:
        planning.appointment_propose(
            actor=users.officer, organization=tree.school, member=person, post_kind=post("chu-nhiem-ubkt"),
            kind=AppointmentKind.APPOINTMENT, proposed_on=D(2025, 3, 1),
        )  # fmt: skip
    assert "bổ nhiệm phải từ nguồn quy hoạch (QĐ 377-QĐ/TW, Điều 34)" in str(error.value)
    # Planned for the inspection chairmanship's rank through another post of rank 60? None: plan it directly.
    planning.plan_entry_add(
        actor=users.officer, plan=plan, member=person, post_kind=post("chu-nhiem-ubkt"), added_on=D(2025, 1, 5)
    )
    appointment = planning.appointment_propose(
        actor=users.officer, organization=tree.school, member=person, post_kind=post("chu-nhiem-ubkt"),
        kind=AppointmentKind.APPOINTMENT, proposed_on=D(2025, 3, 1),
    )  # fmt: skip
    decided = planning.appointment_decide(
        actor=users.officer, appointment=appointment, effective_on=D(2025, 4, 1), decision_number="88-QĐ/ĐU"
    )
    assert decided.status == AppointmentStatus.DECIDED


def test_equivalent_post_counts_for_the_plan(users, tree, plan):
    (person,) = _people(tree, 1)
    planning.plan_entry_add(
        actor=users.officer, plan=plan, member=person, post_kind=post("cap-uy-vien"), added_on=D(2025, 1, 5)
    )
    # chi-uy-vien has the rank of cap-uy-vien: an equivalent post.
    assert planning.is_planned(person, post("chi-uy-vien"), tree.school, D(2025, 6, 1))
    assert not planning.is_planned(person, post("bi-thu"), tree.school, D(2025, 6, 1))


@pytest.mark.parametrize(("form", "months"), [("reprimand", 24), ("warning", 36), ("removal_from_post", 60)])
def test_higher_post_waits_after_discipline(users, tree, plan, form, months):
    from xaydungdang.core.dates import add_months

    (person,) = _people(tree, 1)
    planning.plan_entry_add(
        actor=users.officer, plan=plan, member=person, post_kind=post("pho-bi-thu"), added_on=D(2025, 1, 5)
    )
    member_discipline(actor=users.officer, member=person, form=form, effective_date=D(2025, 2, 1), reason="Vi phạm")
    until = add_months(D(2025, 2, 1), months)
    arguments = {
        "organization": tree.school,
        "member": person,
        "post_kind": post("pho-bi-thu"),
        "kind": AppointmentKind.APPOINTMENT,
    }
    with pytest.raises(ValidationError) as error:
        planning.appointment_propose(actor=users.officer, proposed_on=until - dt.timedelta(days=1), **arguments)
    assert f"sau {months} tháng, QĐ 377-QĐ/TW" in str(error.value)
    if until.year <= 2030:
        assert planning.appointment_propose(actor=users.officer, proposed_on=until, **arguments)


def test_discipline_does_not_bar_a_post_of_the_same_rank(users, tree, plan):
    (person,) = _people(tree, 1)
    term_with(tree.school, starts_on=D(2025, 1, 1), posts=[(person, "pho-bi-thu")])
    planning.plan_entry_add(
        actor=users.officer, plan=plan, member=person, post_kind=post("pho-bi-thu"), added_on=D(2025, 1, 5)
    )
    member_discipline(
        actor=users.officer, member=person, form="warning", effective_date=D(2025, 2, 1), reason="Vi phạm"
    )
    assert planning.appointment_propose(
        actor=users.officer, organization=tree.school, member=person, post_kind=post("pho-bi-thu"),
        kind=AppointmentKind.APPOINTMENT, proposed_on=D(2025, 3, 1),
    )  # fmt: skip


def test_due_work_proposes_removal_of_over_age_and_disciplined_people(users, tree, plan):
    young, old, punished = _people(tree, 3)
    old.birth_date = D(1966, 1, 1)
    old.save()
    for person in (young, old, punished):
        planning.plan_entry_add(
            actor=SYSTEM, plan=plan, member=person, post_kind=post("cap-uy-vien"), added_on=D(2025, 1, 5)
        )
    member_discipline(
        actor=users.officer, member=punished, form="reprimand", effective_date=D(2025, 5, 1), reason="Vi phạm"
    )
    items = items_of("cadre_plan_removal", organization=tree.province, on=D(2025, 6, 1), user=users.officer)
    reasons = {item.subject.pk: item.extra["reasons"] for item in items}
    assert set(reasons) == {old.pk, punished.pk}
    assert "Không còn đủ tuổi công tác trọn một nhiệm kỳ" in reasons[old.pk][0]
    assert reasons[punished.pk] == ["Bị kỷ luật khiển trách ngày 01/05/2025"]
    assert items_of("cadre_plan_removal", organization=tree.province, on=D(2025, 6, 1), user=users.outsider) == []


def test_reappointment_due_at_the_end_of_the_five_year_tenure(users, tree, plan):
    (person,) = _people(tree, 1)
    planning.plan_entry_add(actor=SYSTEM, plan=plan, member=person, post_kind=post("bi-thu"), added_on=D(2025, 1, 5))
    appointment = planning.appointment_propose(
        actor=SYSTEM, organization=tree.school, member=person, post_kind=post("bi-thu"),
        kind=AppointmentKind.APPOINTMENT, proposed_on=D(2025, 1, 10),
    )  # fmt: skip
    planning.appointment_decide(
        actor=SYSTEM, appointment=appointment, effective_on=D(2025, 2, 1), decision_number="1-QĐ"
    )
    due = lambda day: items_of("reappointment", organization=tree.province, on=day, user=users.officer)  # noqa: E731
    assert due(D(2029, 11, 2)) == []
    (item,) = due(D(2029, 11, 3))
    assert item.due == D(2030, 2, 1)


def test_leaving_the_party_ends_plan_places_and_withdraws_proposals(users, tree, plan):
    (person,) = _people(tree, 1)
    planning.plan_entry_add(actor=SYSTEM, plan=plan, member=person, post_kind=post("bi-thu"), added_on=D(2025, 1, 5))
    appointment = planning.appointment_propose(
        actor=SYSTEM, organization=tree.school, member=person, post_kind=post("bi-thu"),
        kind=AppointmentKind.APPOINTMENT, proposed_on=D(2025, 1, 10),
    )  # fmt: skip
    member_record_death(actor=users.officer, member=person, effective_date=D(2025, 3, 1))
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.WITHDRAWN
    assert person.plan_entries.get().removed_on == D(2025, 3, 1)


def test_congress_check_counts_age_and_structure(users, tree, members):
    term_with(tree.school, starts_on=D(2020, 9, 1), posts=[(members.hung, "cap-uy-vien")])
    old_first = MemberFactory(
        organization=tree.cell_1, full_name="Hà Văn Cao", birth_date=D(1966, 1, 1), ethnicity="02"
    )
    check = congress_check(
        organization=tree.school, congress_date=D(2025, 9, 15), members=[members.hung, members.lan, old_first]
    )
    assert [p.reelected for p in check.people] == [True, False, False]
    assert len(check.errors) == 1 and "Hà Văn Cao" in check.errors[0]
    figures = {f.key: (f.count, f.share, f.met) for f in check.figures}
    assert figures["women"] == (1, 33.3, True)
    assert figures["minority"][0] == 1
    assert figures["reelected"] == (1, 33.3, False)
