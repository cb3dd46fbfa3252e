"""Writes of the fees: a member's fee basis, exemptions and reductions by decision, payments (in advance
too) and their corrections, remittances up the tree. Each checks scope with the policy and keeps history."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xaydungdang.access.choices import Action
from xaydungdang.access.policy import policy_for
from xaydungdang.core import parameters
from xaydungdang.core.dates import add_months, format_vn_date
from xaydungdang.core.history import acting_user, save_with_history
from xaydungdang.core.validators import future_errors, require_not_in_future
from xaydungdang.fees import rules
from xaydungdang.fees.choices import Category, PaymentMethod, ReliefKind
from xaydungdang.fees.models import FeeBasis, FeePayment, FeeRelief, Remittance
from xaydungdang.fees.rules import first_of_month
from xaydungdang.fees.selectors import exemption_periods, member_fee
from xaydungdang.organizations.models import Organization

AMOUNT_REQUIRED = gettext_lazy("Phải ghi số tiền làm căn cứ (tiền lương, lương hưu hoặc trợ cấp) lớn hơn 0.")
ZONE_REQUIRED = gettext_lazy("Phải chọn vùng lương tối thiểu nơi sinh hoạt của đảng viên không đóng BHXH bắt buộc.")
APPROVAL_REQUIRED = gettext_lazy("Mức tự nguyện đóng cao hơn phải có văn bản chấp thuận.")
BASIS_OVERLAP = gettext_lazy("Căn cứ mới phải áp dụng sau ngày %(day)s (ngày bắt đầu của căn cứ hiện có).")
DECISION_REQUIRED = gettext_lazy("Phải ghi số quyết định miễn, giảm.")
ALREADY_PAID = gettext_lazy("Đảng viên đã đóng đảng phí tháng %(months)s.")
TOO_MANY_MONTHS = gettext_lazy("Mỗi lần đóng từ 1 đến %(max)s tháng.")
NOT_OWED = gettext_lazy("Tháng %(month)s đảng viên không phải đóng đảng phí (%(reason)s).")
NO_FEE = gettext_lazy("Chưa tính được đảng phí tháng %(month)s: %(problem)s; hãy ghi số tiền.")
IN_FUTURE = gettext_lazy("Ngày nộp không được ở tương lai.")
REASON_REQUIRED = gettext_lazy("Phải ghi lý do sửa.")
NO_PARENT = gettext_lazy("Tổ chức này không có cấp trên trong hệ thống để nộp đảng phí.")
PERIOD_TOO_LONG = gettext_lazy("Kỳ nộp là một tháng hoặc một quý (tối đa 3 tháng).")
PERIOD_BACKWARDS = gettext_lazy("Tháng kết thúc phải từ tháng bắt đầu trở đi.")
PERIOD_OVERLAP = gettext_lazy("Đã có bản ghi nộp lên cấp trên cho kỳ %(start)s–%(end)s trùng với kỳ này.")
NEEDS_AMOUNT = frozenset({Category.SALARY, Category.LEAVE_BENEFIT, Category.PENSION, Category.ABROAD})
MAX_PERIOD_MONTHS = 3


def _month_label(month: dt.date) -> str:
    return f"{month:%m/%Y}"


@transaction.atomic
def fee_basis_set(
    *,
    actor,
    member,
    category: str,
    valid_from: dt.date,
    amount: int = 0,
    zone: int | None = None,
    voluntary_amount: int | None = None,
    voluntary_approval: str = "",
    note: str = "",
) -> FeeBasis:
    """Record what the member's fee is computed from, from `valid_from`; the basis before it ends the day before."""
    policy_for(actor).require(Action.CHANGE, member)
    errors: dict[str, list] = {}
    if category in NEEDS_AMOUNT and not amount:
        errors["amount"] = [AMOUNT_REQUIRED]
    if category == Category.NOT_INSURED and not zone:
        errors["zone"] = [ZONE_REQUIRED]
    if voluntary_amount and not voluntary_approval.strip():
        errors["voluntary_approval"] = [APPROVAL_REQUIRED]
    current = FeeBasis.objects.select_for_update().filter(member=member).order_by("-valid_from").first()
    if current and current.valid_from >= valid_from:
        errors["valid_from"] = [BASIS_OVERLAP % {"day": format_vn_date(current.valid_from)}]
    basis = FeeBasis(
        member=member,
        category=category,
        amount=amount or 0,
        zone=zone if category == Category.NOT_INSURED else None,
        voluntary_amount=voluntary_amount or None,
        voluntary_approval=voluntary_approval.strip(),
        valid_from=valid_from,
        note=note,
    )
    try:
        basis.full_clean(exclude=["member"])
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    if current and (current.valid_to is None or current.valid_to >= valid_from):
        current.valid_to = valid_from - dt.timedelta(days=1)
        save_with_history(current, actor=actor, reason=_("Kết thúc khi có căn cứ mới"))
    return save_with_history(basis, actor=actor, reason=_("Khai căn cứ đóng đảng phí"))


@transaction.atomic
def relief_grant(
    *,
    actor,
    member,
    kind: str,
    reason: str,
    valid_from: dt.date,
    valid_to: dt.date,
    decision_number: str,
    decision_date: dt.date,
    decided_by: Organization,
    reduction_percent: int | None = None,
    note: str = "",
) -> FeeRelief:
    """Record an exemption or a reduction decided by the competent level (its officers record it)."""
    policy = policy_for(actor)
    policy.require(Action.VIEW, member)
    policy.require_in_organization(Action.CHANGE, decided_by)
    valid_from, valid_to = first_of_month(valid_from), first_of_month(valid_to)
    errors = rules.relief_errors(
        kind=kind,
        reason=reason,
        percent=reduction_percent,
        valid_from=valid_from,
        valid_to=valid_to,
        cell=member.organization,
        decided_by=decided_by,
    )
    if not decision_number.strip():
        errors["decision_number"] = [str(DECISION_REQUIRED)]
    if errors:
        raise ValidationError(errors)
    relief = FeeRelief(
        member=member,
        kind=kind,
        reason=reason,
        reduction_percent=reduction_percent if kind == ReliefKind.REDUCTION else None,
        valid_from=valid_from,
        valid_to=valid_to,
        decision_number=decision_number.strip(),
        decision_date=decision_date,
        decided_by=decided_by,
        note=note,
    )
    relief.full_clean()
    return save_with_history(
        relief, actor=actor, reason=_("Quyết định %(number)s") % {"number": relief.decision_number}
    )


@transaction.atomic
def payment_record(
    *,
    actor,
    member,
    first_month: dt.date,
    paid_on: dt.date,
    method: str = PaymentMethod.CASH,
    months: int = 1,
    amount: int | None = None,
    receipt_number: str = "",
    statement_line=None,
) -> list[FeePayment]:
    """Record the member's fee for `months` months from `first_month` (several: a payment in advance, or
    late). Each month's amount is the fee the rules compute, unless `amount` (per month) is given."""
    policy_for(actor).require_in_organization(Action.CHANGE, member.organization)
    limit = parameters.value(rules.ADVANCE_MAX_MONTHS.key, on=paid_on)
    if not 1 <= months <= limit:
        raise ValidationError({"months": [TOO_MANY_MONTHS % {"max": limit}]})
    require_not_in_future(IN_FUTURE, paid_on=paid_on)
    covered = [add_months(first_of_month(first_month), n) for n in range(months)]
    errors = rules.exemption_payment_errors(covered=covered, paid_on=paid_on, exemptions=exemption_periods(member))
    if errors:
        raise ValidationError(errors)
    taken = list(
        FeePayment.objects.select_for_update().filter(member=member, month__in=covered).values_list("month", flat=True)
    )
    if taken:
        raise ValidationError({"first_month": [ALREADY_PAID % {"months": ", ".join(map(_month_label, sorted(taken)))}]})
    payments = []
    for month in covered:
        payment = FeePayment(
            member=member,
            organization=member.organization,
            month=month,
            amount=amount if amount is not None else _computed(member, month),
            paid_on=paid_on,
            method=method,
            receipt_number=receipt_number.strip(),
            statement_line=statement_line,
        )
        payment.full_clean(exclude=["member", "organization", "statement_line"])
        payments.append(save_with_history(payment, actor=actor, reason=_("Thu đảng phí")))
    return payments


def _computed(member, month: dt.date) -> int:
    fee = member_fee(member, month)
    if fee.exempt:
        raise ValidationError({"first_month": [NOT_OWED % {"month": _month_label(month), "reason": fee.exempt_reason}]})
    if fee.problem:
        raise ValidationError({"amount": [NO_FEE % {"month": _month_label(month), "problem": fee.problem}]})
    return fee.amount


@transaction.atomic
def payment_correct(
    *,
    actor,
    payment: FeePayment,
    reason: str,
    amount: int | None = None,
    paid_on: dt.date | None = None,
    method: str | None = None,
    receipt_number: str | None = None,
) -> FeePayment:
    """Correct a recorded payment; the history keeps the old values, who corrected and why."""
    policy_for(actor).require(Action.CHANGE, payment)
    if not reason.strip():
        raise ValidationError({"reason": [REASON_REQUIRED]})
    payment = FeePayment.objects.select_for_update().get(pk=payment.pk)
    for name, value in (
        ("amount", amount),
        ("paid_on", paid_on),
        ("method", method),
        ("receipt_number", receipt_number),
    ):
        if value is not None:
            setattr(payment, name, value)
    require_not_in_future(IN_FUTURE, paid_on=payment.paid_on)
    payment.full_clean(exclude=["member", "organization", "statement_line"])
    return save_with_history(payment, actor=actor, reason=reason.strip())


@transaction.atomic
def payment_cancel(*, actor, payment: FeePayment, reason: str) -> None:
    """Remove a payment recorded by mistake; the history keeps it, with who and why."""
    policy_for(actor).require(Action.CHANGE, payment)
    if not reason.strip():
        raise ValidationError({"reason": [REASON_REQUIRED]})
    payment._history_user = acting_user(actor)
    payment._change_reason = reason.strip()
    payment.delete()


@transaction.atomic
def remittance_record(
    *,
    actor,
    organization: Organization,
    period_start: dt.date,
    period_end: dt.date,
    amount: int,
    remitted_on: dt.date,
    reference: str = "",
) -> Remittance:
    """Record what a level remitted to its parent for a month or a quarter."""
    policy_for(actor).require_in_organization(Action.CHANGE, organization)
    parent = Organization.objects.get_parent(organization)
    start, end = first_of_month(period_start), first_of_month(period_end)
    errors: dict[str, list] = {}
    if parent is None:
        errors["organization"] = [NO_PARENT]
    if end < start:
        errors["period_end"] = [PERIOD_BACKWARDS]
    elif len(rules.months_in(start, end)) > MAX_PERIOD_MONTHS:
        errors["period_end"] = [PERIOD_TOO_LONG]
    errors.update(future_errors(IN_FUTURE, remitted_on=remitted_on))
    clash = (
        Remittance.objects.select_for_update()
        .filter(organization=organization, period_start__lte=end, period_end__gte=start)
        .first()
    )
    if clash:
        errors["period_start"] = [
            PERIOD_OVERLAP % {"start": _month_label(clash.period_start), "end": _month_label(clash.period_end)}
        ]
    if errors:
        raise ValidationError(errors)
    remittance = Remittance(
        organization=organization,
        to_organization=parent,
        period_start=start,
        period_end=end,
        amount=amount,
        remitted_on=remitted_on,
        reference=reference.strip(),
    )
    remittance.full_clean()
    return save_with_history(remittance, actor=actor, reason=_("Nộp đảng phí lên cấp trên"))
