import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from xaydungdang.access.policy import SYSTEM, OutOfScope
from xaydungdang.committees import selectors, services
from xaydungdang.committees.choices import EndReason, ObtainedBy, TermOrigin
from xaydungdang.committees.models import Holding, Term
from xaydungdang.committees.tests.factories import post, term_with
from xaydungdang.members.lifecycle.services import member_discipline, member_record_death, member_resign
from xaydungdang.members.tests.factories import MemberFactory

D = dt.date


def test_committee_on_any_date_and_concurrent_posts(users, tree, members):
    term = term_with(tree.cell_1, posts=[(members.hung, "bi-thu"), (members.lan, "pho-bi-thu")])
    services.holding_create(
        actor=users.officer, term=term, member=members.hung, post_kind=post("chi-uy-vien"), started_on=D(2021, 1, 1),
        obtained_by=ObtainedBy.BY_ELECTION, decision_number="12-QĐ/ĐU",
    )  # fmt: skip
    services.holding_end(
        actor=users.officer, holding=Holding.objects.get(member=members.lan), ended_on=D(2022, 6, 30),
        reason=EndReason.TRANSFER,
    )  # fmt: skip
    on_2021 = selectors.committee_on(tree.cell_1, D(2021, 6, 1), users.admin)
    assert [(h.member.full_name, h.post_kind.code) for h in on_2021] == [
        ("Nguyễn Văn Hùng", "bi-thu"),
        ("Trần Thị Lan", "pho-bi-thu"),
        ("Nguyễn Văn Hùng", "chi-uy-vien"),
    ]
    assert {h.member_id for h in selectors.committee_on(tree.cell_1, D(2022, 7, 1), users.admin)} == {members.hung.pk}
    assert selectors.committee_on(tree.cell_1, D(2020, 9, 30), users.admin).count() == 0
    assert [h.post_kind.code for h in selectors.posts_of(members.hung, users.admin, D(2020, 12, 1))] == ["bi-thu"]


def test_new_term_closes_the_previous_one_and_its_posts(users, tree, members):
    old = term_with(tree.cell_1, posts=[(members.hung, "bi-thu")])
    new = term_with(tree.cell_1, starts_on=D(2025, 8, 1), posts=[(members.lan, "bi-thu")])
    old.refresh_from_db()
    assert old.closed_on == D(2025, 7, 31)
    ended = Holding.objects.get(term=old)
    assert (ended.ended_on, ended.end_reason) == (D(2025, 7, 31), EndReason.END_OF_TERM)
    assert [h.member for h in selectors.committee_on(tree.cell_1, D(2025, 8, 1), users.admin)] == [members.lan]
    assert new.ends_on == D(2030, 8, 1)


def test_terms_do_not_overlap(users, tree):
    term_with(tree.cell_1, starts_on=D(2025, 8, 1))
    with pytest.raises(ValidationError) as error:
        term_with(tree.cell_1, starts_on=D(2025, 1, 1))
    assert "nhiệm kỳ bắt đầu ngày 01/08/2025" in str(error.value)


def test_appointed_committee_needs_the_decision(users, tree):
    with pytest.raises(ValidationError) as error:
        services.term_create(
            actor=users.officer, organization=tree.cell_1, starts_on=D(2025, 1, 1), origin=TermOrigin.APPOINTED
        )
    assert error.value.message_dict["decision_number"] == [str(services.DECISION_REQUIRED)]
    term = services.term_create(
        actor=users.officer, organization=tree.cell_1, starts_on=D(2025, 1, 1), origin=TermOrigin.APPOINTED,
        decision_number="45-QĐ/ĐU",
    )  # fmt: skip
    assert term.get_origin_display() == "Cấp ủy cấp trên chỉ định"


def test_seats_limit_the_posts_and_vacancies_are_listed(users, tree, members):
    term = term_with(tree.cell_1, seats={"chi-uy-vien": 2}, posts=[(members.hung, "chi-uy-vien")])
    assert [(v.post_kind.code, v.vacant) for v in selectors.vacancies(term, D(2021, 1, 1))] == [("chi-uy-vien", 1)]
    services.holding_create(
        actor=SYSTEM, term=term, member=members.lan, post_kind=post("chi-uy-vien"), started_on=D(2021, 1, 1)
    )
    other = MemberFactory(organization=tree.cell_1, full_name="Võ Thị Mai")
    with pytest.raises(ValidationError) as error:
        services.holding_create(
            actor=SYSTEM, term=term, member=other, post_kind=post("chi-uy-vien"), started_on=D(2021, 1, 1)
        )
    assert "có 2 chức vụ «Chi ủy viên» và đã đủ người" in str(error.value)


def test_a_post_must_fit_the_kind_of_organization_and_the_term(users, tree, members):
    term = term_with(tree.cell_1)
    with pytest.raises(ValidationError) as error:
        services.holding_create(
            actor=SYSTEM,
            term=term,
            member=members.hung,
            post_kind=post("uy-vien-ban-thuong-vu"),
            started_on=D(2021, 1, 1),
        )
    assert "không có ở Chi bộ trực thuộc" in str(error.value)
    with pytest.raises(ValidationError) as error:
        services.holding_create(
            actor=SYSTEM, term=term, member=members.hung, post_kind=post("bi-thu"), started_on=D(2019, 1, 1)
        )
    assert "Ngày phải trong nhiệm kỳ 2020–2025" in str(error.value)


def test_the_same_post_twice_at_once_is_refused(users, tree, members):
    term = term_with(tree.cell_1, posts=[(members.hung, "bi-thu")])
    with pytest.raises(ValidationError) as error:
        services.holding_create(
            actor=SYSTEM, term=term, member=members.hung, post_kind=post("bi-thu"), started_on=D(2021, 1, 1)
        )
    assert "đang giữ chức vụ «Bí thư»" in str(error.value)


def test_officer_edits_committees_only_in_their_subtree(users, tree, members):
    with pytest.raises(OutOfScope):
        term_with(tree.cell_1, actor=users.outsider)
    with pytest.raises(OutOfScope):
        term_with(tree.cell_1, actor=users.leader)
    term = term_with(tree.cell_1, actor=users.officer, posts=[(members.hung, "bi-thu")])
    assert Term.objects.visible_to(users.outsider).count() == 0
    assert Holding.objects.visible_to(users.outsider).count() == 0
    assert list(Term.objects.visible_to(users.leader)) == [term]
    with pytest.raises(OutOfScope):
        services.holding_end(
            actor=users.outsider, holding=Holding.objects.get(), ended_on=D(2022, 1, 1), reason=EndReason.TRANSFER
        )


@pytest.mark.parametrize(("leave", "reason"), [("death", EndReason.DEATH), ("resign", EndReason.LEFT_PARTY)])
def test_posts_end_when_the_member_leaves_in_the_same_transaction(users, tree, members, leave, reason):
    term_with(tree.cell_1, starts_on=D(2025, 8, 1), posts=[(members.hung, "bi-thu"), (members.hung, "chi-uy-vien")])
    term_with(tree.school, starts_on=D(2025, 6, 1), posts=[(members.hung, "cap-uy-vien")])
    day = D(2025, 9, 10)
    if leave == "death":
        member_record_death(actor=users.officer, member=members.hung, effective_date=day)
    else:
        member_resign(actor=users.officer, member=members.hung, effective_date=day, reason="Xin ra khỏi Đảng")
    rows = list(Holding.objects.filter(member=members.hung).values_list("ended_on", "end_reason"))
    assert rows == [(day, reason)] * 3
    assert selectors.committee_on(tree.school, day + dt.timedelta(days=1), users.admin).count() == 0


def test_a_failing_exit_handler_rolls_the_event_back(users, tree, members):
    from xaydungdang.members.lifecycle import exits

    def broken(**kwargs):
        raise ValidationError("hỏng")

    exits.register("broken-test", broken)
    try:
        with pytest.raises(ValidationError):
            member_record_death(actor=users.officer, member=members.lan, effective_date=D(2025, 9, 1))
    finally:
        exits.unregister("broken-test")
    members.lan.refresh_from_db()
    assert members.lan.status == "official"


def test_discipline_does_not_end_posts(users, tree, members):
    term_with(tree.cell_1, starts_on=D(2025, 8, 1), posts=[(members.hung, "bi-thu")])
    member_discipline(
        actor=users.officer, member=members.hung, form="reprimand", effective_date=D(2025, 9, 1), reason="Vi phạm"
    )
    assert Holding.objects.get().ended_on is None


def test_committee_on_a_date_across_a_merge(users, tree, members):
    from xaydungdang.organizations.choices import OrganizationKind as K
    from xaydungdang.reorganizations.services import organizations_merge

    term_with(tree.village_a, starts_on=D(2020, 9, 1), posts=[(members.nam, "bi-thu")])
    term_with(tree.village_b, starts_on=D(2020, 9, 1), posts=[(members.tuan, "bi-thu")])
    reorganization = organizations_merge(
        actor=users.admin, sources=[tree.village_a, tree.village_b], parent=tree.commune_a, code="P92-A-M",
        name="Chi bộ khu vực hợp nhất", kind=K.GRASSROOTS_CELL, effective_date=D(2025, 7, 1),
        decision_number="100-QĐ/TU",
    )  # fmt: skip
    merged = reorganization.organization
    (carried,) = services.terms_carry_over(actor=users.admin, reorganization=reorganization)
    assert carried.origin == TermOrigin.CARRIED_OVER
    assert set(carried.carried_from.values_list("organization__code", flat=True)) == {"P92-A-V", "P92-B-V"}
    before, after = D(2025, 6, 30), D(2025, 7, 1)
    assert [h.member for h in selectors.committee_on(tree.village_a, before, users.admin)] == [members.nam]
    assert selectors.committee_on(tree.village_a, after, users.admin).count() == 0
    assert selectors.committee_on(merged, before, users.admin).count() == 0
    assert {h.member.full_name for h in selectors.committee_on(merged, after, users.admin)} == {
        "Lê Văn Nam",
        "Phạm Minh Tuấn",
    }
    old = Holding.objects.get(term__organization=tree.village_b)
    assert (old.ended_on, old.end_reason) == (before, EndReason.REORGANIZATION)
    # Running it again changes nothing.
    assert services.terms_carry_over(actor=users.admin, reorganization=reorganization) == []
    assert Holding.objects.filter(term=carried).count() == 2


def test_history_records_who_ended_a_post(users, tree, members):
    term_with(tree.cell_1, posts=[(members.hung, "bi-thu")])
    holding = services.holding_end(
        actor=users.officer, holding=Holding.objects.get(), ended_on=D(2022, 1, 1), reason=EndReason.RETIREMENT
    )
    record = holding.history.first()
    assert (record.history_user, record.history_change_reason) == (users.officer, "Nghỉ hưu")
