"""Fee writes: bases, reliefs by the competent level, payments in advance, corrections with history,
remittances; and the reconciliation that sums every level of the tree."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from xaydungdang.access.policy import SYSTEM, OutOfScope
from xaydungdang.fees import rules, selectors
from xaydungdang.fees import services as svc
from xaydungdang.fees.choices import Category, PaymentMethod, ReliefKind, ReliefReason
from xaydungdang.fees.models import FeePayment
from xaydungdang.members.lifecycle.services import member_end_exemption, member_exempt
from xaydungdang.members.tests.factories import MemberFactory

pytestmark = pytest.mark.django_db
D = dt.date


JANUARY = D(2026, 1, 1)


def pension(member, amount=6_000_000, since=JANUARY):
    return svc.fee_basis_set(actor=SYSTEM, member=member, category=Category.PENSION, amount=amount, valid_from=since)


def pay(actor, member, month, **kw):
    kw.setdefault("paid_on", D(2026, 6, 5))
    return svc.payment_record(actor=actor, member=member, first_month=month, **kw)


def test_a_new_basis_ends_the_one_before_and_keeps_history(members, users):
    first = pension(members.hung)
    svc.fee_basis_set(
        actor=users.secretary, member=members.hung, category=Category.NOT_INSURED, zone=2, valid_from=D(2026, 7, 1)
    )
    first.refresh_from_db()
    assert first.valid_to == D(2026, 6, 30)
    assert first.history.first().history_user == users.secretary  # closed by the secretary's new basis
    assert first.history.count() == 2
    assert selectors.member_fee(members.hung, D(2026, 6, 1)).amount == 30_000
    assert selectors.member_fee(members.hung, D(2026, 7, 1)).amount == 14_190


def test_basis_refusals_name_the_field(members, users):
    with pytest.raises(ValidationError) as exc:
        svc.fee_basis_set(
            actor=users.secretary, member=members.hung, category=Category.NOT_INSURED, valid_from=D(2026, 2, 1)
        )
    assert exc.value.message_dict["zone"] == [str(svc.ZONE_REQUIRED)]
    with pytest.raises(ValidationError) as exc:
        svc.fee_basis_set(
            actor=users.secretary,
            member=members.hung,
            category=Category.SALARY,
            valid_from=D(2026, 2, 1),
            voluntary_amount=90_000,
        )
    assert set(exc.value.message_dict) == {"amount", "voluntary_approval"}
    with pytest.raises(OutOfScope):
        svc.fee_basis_set(
            actor=users.outsider, member=members.hung, category=Category.STUDENT, valid_from=D(2026, 2, 1)
        )


def test_payment_in_advance_records_each_month_with_its_computed_fee(members, users):
    pension(members.hung)
    payments = pay(users.secretary, members.hung, D(2026, 6, 1), months=3, method=PaymentMethod.BANK)
    assert [p.month for p in payments] == [D(2026, 6, 1), D(2026, 7, 1), D(2026, 8, 1)]
    assert {p.amount for p in payments} == {30_000}
    with pytest.raises(ValidationError) as exc:
        pay(users.secretary, members.hung, D(2026, 8, 1), months=2)
    assert exc.value.message_dict["first_month"] == [str(svc.ALREADY_PAID % {"months": "08/2026"})]
    with pytest.raises(ValidationError):
        pay(users.secretary, members.hung, D(2026, 10, 1), months=13)
    with pytest.raises(OutOfScope):
        pay(users.outsider, members.hung, D(2026, 10, 1))


def test_without_a_basis_the_amount_must_be_given(members, users):
    with pytest.raises(ValidationError) as exc:
        pay(users.secretary, members.lan, D(2026, 6, 1))
    assert "amount" in exc.value.message_dict
    assert pay(users.secretary, members.lan, D(2026, 6, 1), amount=20_000)[0].amount == 20_000


def test_a_correction_keeps_the_old_amount_who_and_why(members, users):
    pension(members.hung)
    payment = pay(users.secretary, members.hung, D(2026, 6, 1))[0]
    with pytest.raises(ValidationError):
        svc.payment_correct(actor=users.secretary, payment=payment, amount=35_000, reason=" ")
    svc.payment_correct(actor=users.secretary, payment=payment, amount=35_000, reason="Ghi nhầm số tiền")
    latest, before = payment.history.order_by("-history_id")[:2]
    assert (before.amount, latest.amount) == (30_000, 35_000)
    assert latest.history_user == users.secretary and latest.history_change_reason == "Ghi nhầm số tiền"
    pk = payment.pk
    svc.payment_cancel(actor=users.secretary, payment=payment, reason="Nhập trùng")
    assert not FeePayment.objects.filter(pk=pk).exists()
    assert FeePayment.history.filter(id=pk).order_by("-history_id").first().history_type == "-"


def test_fifty_years_of_party_age_from_the_members_events_exempts(tree, users):
    veteran = MemberFactory(
        organization=tree.cell_1,
        full_name="Võ Văn Kiệt",
        birth_date=D(1950, 1, 1),
        admission_decision_date=D(1976, 6, 10),
        admission_date=D(1976, 6, 19),
        official_date=D(1977, 6, 19),
    )
    pension(veteran)
    assert selectors.member_fee(veteran, D(2026, 5, 1)).amount == 30_000
    assert selectors.member_fee(veteran, D(2026, 6, 1)).exempt
    with pytest.raises(ValidationError) as exc:
        pay(users.secretary, veteran, D(2026, 6, 1))
    assert "first_month" in exc.value.message_dict


def relief(actor, member, decided_by, **kw):
    values = {
        "kind": ReliefKind.REDUCTION,
        "reason": ReliefReason.HARDSHIP,
        "reduction_percent": 50,
        "valid_from": D(2026, 3, 1),
        "valid_to": D(2027, 2, 1),
        "decision_number": "15-QĐ/ĐU",
        "decision_date": D(2026, 2, 20),
    }
    values.update(kw)
    return svc.relief_grant(actor=actor, member=member, decided_by=decided_by, **values)


def test_a_reduction_is_decided_by_the_higher_committee_of_a_chi_bo_truc_thuoc(tree, members, users):
    # The cell's secretary cannot record the decision of the grassroots committee above the cell.
    with pytest.raises(OutOfScope):
        relief(users.secretary, members.hung, tree.school)
    with pytest.raises(ValidationError) as exc:
        relief(users.officer, members.hung, tree.cell_1)
    assert "decided_by" in exc.value.message_dict
    granted = relief(users.officer, members.hung, tree.school)
    pension(members.hung)
    assert selectors.member_fee(members.hung, D(2027, 2, 1)).amount == 15_000
    assert selectors.member_fee(members.hung, D(2027, 3, 1)).amount == 30_000
    assert granted.history.first().history_change_reason == "Quyết định 15-QĐ/ĐU"


def test_remittance_goes_to_the_parent_once_per_period(tree, users):
    remittance = svc.remittance_record(
        actor=users.officer,
        organization=tree.cell_1,
        period_start=D(2026, 4, 1),
        period_end=D(2026, 6, 1),
        amount=10_000,
        remitted_on=D(2026, 7, 2),
    )
    assert remittance.to_organization == tree.school
    with pytest.raises(ValidationError) as exc:
        svc.remittance_record(
            actor=users.officer,
            organization=tree.cell_1,
            period_start=D(2026, 6, 1),
            period_end=D(2026, 6, 1),
            amount=1,
            remitted_on=D(2026, 7, 2),
        )
    assert "period_start" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        svc.remittance_record(
            actor=users.officer,
            organization=tree.cell_2,
            period_start=D(2026, 1, 1),
            period_end=D(2026, 6, 1),
            amount=1,
            remitted_on=D(2026, 7, 2),
        )
    assert exc.value.message_dict["period_end"] == [str(svc.PERIOD_TOO_LONG)]


def test_totals_reconcile_up_the_tree_at_every_level(tree, members, users):
    for member in (members.hung, members.lan, members.hoa, members.nam, members.tuan):
        pension(member, amount=8_000_000)  # 40,000 a month each
    for member in (members.hung, members.lan, members.hoa, members.nam, members.tuan):
        pay(users.officer, member, D(2026, 6, 1))
    pay(users.officer, members.hung, D(2026, 7, 1))
    rows = {row.organization.code: row for row in selectors.reconciliation(tree.province, D(2026, 6, 1), D(2026, 7, 1))}
    # June at a chi bộ trực thuộc: 80,000 collected, keeps 50%, remits 40,000 to the school's committee.
    cell_1 = rows["P92-A-S-1"]
    assert (cell_1.collected, cell_1.kept, cell_1.remit_due) == (120_000, 60_000, 60_000)
    assert rows["P92-A-S-2"].remit_due == 20_000
    school = rows["P92-A-S"]  # receives 80,000 from its cells, keeps 70%, remits 30%
    assert (school.received, school.kept, school.remit_due) == (80_000, 56_000, 24_000)
    village = rows["P92-A-V"]  # a chi bộ cơ sở collects directly: keeps 70% of 40,000
    assert (village.collected, village.kept, village.remit_due) == (40_000, 28_000, 12_000)
    commune = rows["P92-A"]  # receives 24,000 + 12,000, keeps 50%
    assert (commune.received, commune.kept, commune.remit_due) == (36_000, 18_000, 18_000)
    # Every đồng collected is kept by some level or remitted above the subtree's top.
    total = selectors.totals(list(rows.values()))
    assert total.collected == 240_000
    assert sum(r.kept for r in rows.values()) + rows["P92"].remit_due == total.collected
    for row in rows.values():
        assert row.collected + row.received == row.kept + row.remit_due
    # Due counts every member-month of the subtree: 5 members x 2 months x 40,000.
    assert total.due == 400_000
    # A sub-subtree reconciles on its own the same way.
    sub = selectors.reconciliation(tree.commune_a, D(2026, 6, 1), D(2026, 7, 1))
    assert sum(r.kept for r in sub) + sub[0].remit_due == sum(r.collected for r in sub)


def test_arrears_after_three_unpaid_months_never_change_the_members_state(members, users):
    pension(members.lan)
    pay(users.officer, members.lan, D(2026, 1, 1), paid_on=D(2026, 1, 5), amount=30_000, months=2)
    found = selectors.arrears([members.lan], D(2026, 6, 1))  # March, April, May unpaid
    assert [a.months for a in found] == [[D(2026, 3, 1), D(2026, 4, 1), D(2026, 5, 1)]]
    assert selectors.arrears([members.lan], D(2026, 5, 31)) == []
    members.lan.refresh_from_db()
    assert members.lan.status == "official"


def test_the_rate_parameter_is_read_on_the_day(members):
    assert rules.parameters.value(rules.ARREARS_MONTHS.key, on=D(2026, 6, 1)) == 3


# Members exempted from activity pay late or in advance within the exemption (QĐ 01-QĐ/TW Điều 5 khoản 2).
def exempted_january_to_june(member):
    """Exempted from 15/01/2026; the exemption ends on 01/07/2026, so June is its last month."""
    pension(member)
    member_exempt(actor=SYSTEM, member=member, effective_date=D(2026, 1, 15), reason="Tuổi cao, sức yếu")
    member_end_exemption(actor=SYSTEM, member=member, effective_date=D(2026, 7, 1), reason="Sức khỏe đã hồi phục")
    assert selectors.exemption_periods(member) == [(D(2026, 1, 15), D(2026, 7, 1))]


def test_exempted_member_pays_in_advance_up_to_the_last_month_of_the_exemption(members, users):
    exempted_january_to_june(members.hung)
    with pytest.raises(ValidationError) as exc:
        pay(users.secretary, members.hung, D(2026, 3, 1), months=5, paid_on=D(2026, 3, 10))  # March–July
    assert set(exc.value.message_dict) == {"months"}
    message = exc.value.message_dict["months"][0]
    assert "tháng 07/2026 nằm ngoài" in message
    assert "từ tháng 01/2026 đến tháng 06/2026" in message
    assert "QĐ 01-QĐ/TW 2026" in message
    assert not FeePayment.objects.filter(member=members.hung).exists()  # all or nothing
    payments = pay(users.secretary, members.hung, D(2026, 3, 1), months=4, paid_on=D(2026, 3, 10))  # March–June
    assert [p.month for p in payments] == [D(2026, 3, 1), D(2026, 4, 1), D(2026, 5, 1), D(2026, 6, 1)]


def test_exempted_member_pays_late_only_for_months_of_the_exemption(members, users):
    exempted_january_to_june(members.hung)
    with pytest.raises(ValidationError) as exc:
        pay(users.secretary, members.hung, D(2025, 12, 1), months=2, amount=30_000, paid_on=D(2026, 3, 10))
    assert set(exc.value.message_dict) == {"first_month"}
    assert "tháng 12/2025 nằm ngoài" in exc.value.message_dict["first_month"][0]
    # After the exemption ended: late for its months (January has days of it) is accepted, to the last one.
    payments = pay(users.secretary, members.hung, D(2026, 1, 1), months=6, paid_on=D(2026, 7, 3))
    assert [p.month for p in payments][-1] == D(2026, 6, 1)


def test_the_month_after_the_exemption_paid_late_is_refused(members, users):
    exempted_january_to_june(members.hung)
    with pytest.raises(ValidationError) as exc:
        pay(users.secretary, members.hung, D(2026, 6, 1), months=2, paid_on=D(2026, 8, 3))  # June–July in August
    assert "tháng 07/2026 nằm ngoài" in exc.value.message_dict["first_month"][0]
    assert len(pay(users.secretary, members.hung, D(2026, 6, 1), paid_on=D(2026, 8, 3))) == 1


def test_an_open_exemption_allows_advance_payment_and_others_pay_as_before(members, users):
    pension(members.hung)
    pension(members.lan)
    member_exempt(actor=SYSTEM, member=members.hung, effective_date=D(2026, 2, 1), reason="Tuổi cao, sức yếu")
    assert selectors.exemption_periods(members.hung) == [(D(2026, 2, 1), None)]
    assert len(pay(users.secretary, members.hung, D(2026, 6, 1), months=12)) == 12
    # Not exempted: late payment is not limited by this rule.
    assert len(pay(users.secretary, members.lan, D(2026, 1, 1), months=3)) == 3
