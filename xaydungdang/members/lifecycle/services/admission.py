"""Admission, recognition as official member, annulment and readmission (rules.md §2.2)."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xaydungdang.access.choices import Action
from xaydungdang.access.policy import policy_for
from xaydungdang.core.dates import today
from xaydungdang.core.history import save_with_history
from xaydungdang.members import certificates
from xaydungdang.members import rules as member_rules
from xaydungdang.members.choices import EventKind, MemberStatus
from xaydungdang.members.lifecycle import rules
from xaydungdang.members.lifecycle.services._common import (
    check_dates,
    decision_fields,
    finish,
    history,
    lock,
    record,
    require_member_holding,
    require_reason,
)
from xaydungdang.members.models import Member
from xaydungdang.members.services import PROFILE_FIELDS, member_validate

CEREMONY_BEFORE_DECISION = gettext_lazy("Ngày lễ kết nạp không được trước ngày quyết định kết nạp.")


@transaction.atomic
def member_admit(
    *,
    actor,
    organization,
    full_name: str,
    gender: str,
    birth_date: dt.date,
    decision_number: str,
    decision_date: dt.date,
    issued_by: str,
    ceremony_date: dt.date,
    considered_on: dt.date | None = None,
    over_age_decision: str = "",
    reason: str = "",
    note: str = "",
    **profile,
) -> Member:
    """Admit a new member (kết nạp): a probationary member from the ceremony date, whose party age counts
    from the decision date (rules.md §2.2, §2.6). Candidates reach this through `candidates.services`."""
    policy_for(actor).require_in_organization(Action.CHANGE, organization)
    require_member_holding(organization, "organization")
    unknown = set(profile) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"member_admit() got unexpected fields {sorted(unknown)}")
    check_dates(None, effective_date=ceremony_date, decision_date=decision_date)
    if ceremony_date < decision_date:
        raise rules.error("ceremony_date", CEREMONY_BEFORE_DECISION)
    member = Member(
        organization=organization,
        status=MemberStatus.PROBATIONARY,
        full_name=full_name,
        gender=gender,
        birth_date=birth_date,
        admission_decision_date=decision_date,
        admission_date=ceremony_date,
        **profile,
    )
    member_validate(member, considered_on=considered_on or decision_date, over_age_decision=over_age_decision)
    save_with_history(member, actor=actor)
    record(
        member,
        actor=actor,
        kind=EventKind.ADMITTED,
        effective_date=ceremony_date,
        to_organization=organization,
        data={"over_age_decision": over_age_decision.strip()} if over_age_decision.strip() else {},
        **decision_fields(
            decision_number=decision_number, decision_date=decision_date, issued_by=issued_by, reason=reason, note=note
        ),
    )
    return finish(member, actor=actor, reason=reason or _("Kết nạp đảng viên"))


@transaction.atomic
def member_recognize_official(
    *,
    actor,
    member: Member,
    decision_number: str,
    decision_date: dt.date,
    issued_by: str = "",
    effective_date: dt.date | None = None,
    reason: str = "",
    note: str = "",
) -> Member:
    """Recognize a probationary member as official. The official date is the ceremony date + 12 months, even
    when the cell meets or the committee decides late (Điều lệ Điều 5); the decision cannot come earlier."""
    member = lock(member, actor)
    official = effective_date or rules.probation_end(member.admission_date)
    rules.check_recognition(
        status=member.status, admission_date=member.admission_date, effective_date=official, decision_date=decision_date
    )
    certificates.check_recognition(member.pk, decision_date)
    # Back-dated on purpose: a late decision still makes the member official from the end of probation.
    check_dates(member, effective_date=official, decision_date=decision_date, ordered=False)
    record(
        member,
        actor=actor,
        kind=EventKind.RECOGNIZED_OFFICIAL,
        effective_date=official,
        **decision_fields(
            decision_number=decision_number, decision_date=decision_date, issued_by=issued_by, reason=reason, note=note
        ),
    )
    return finish(member, actor=actor, reason=reason or _("Công nhận đảng viên chính thức"))


@transaction.atomic
def member_annul_admission(
    *,
    actor,
    member: Member,
    effective_date: dt.date,
    reason: str,
    decision_number: str = "",
    decision_date: dt.date | None = None,
    issued_by: str = "",
    note: str = "",
) -> Member:
    """Annul the admission of a probationary member (không công nhận kết nạp; hủy quyết định kết nạp sai quy định)."""
    member = lock(member, actor)
    if member.status != MemberStatus.PROBATIONARY:
        raise rules.error("member", rules.ANNUL_ONLY_PROBATIONARY % {"status": rules.status_label(member.status)})
    require_reason(reason)
    check_dates(member, effective_date=effective_date, decision_date=decision_date)
    _cancel_pending_transfers(member, effective_date)
    record(
        member,
        actor=actor,
        kind=EventKind.ADMISSION_ANNULLED,
        effective_date=effective_date,
        **decision_fields(
            decision_number=decision_number, decision_date=decision_date, issued_by=issued_by, reason=reason, note=note
        ),
    )
    return finish(member, actor=actor, reason=reason)


@transaction.atomic
def member_readmit(
    *,
    actor,
    member: Member,
    organization,
    decision_number: str,
    decision_date: dt.date,
    issued_by: str,
    ceremony_date: dt.date,
    reason: str = "",
    note: str = "",
) -> Member:
    """Readmit someone who left the Party (kết nạp lại): probationary again from the new ceremony."""
    member = Member.objects.select_for_update().get(pk=member.pk)
    policy = policy_for(actor)
    policy.require(Action.CHANGE, member)
    policy.require_in_organization(Action.CHANGE, organization)
    require_member_holding(organization, "organization")
    past = history(member)
    rules.check_readmission(
        status=member.status, left_on=past.left_on, readmitted_before=past.readmitted_before, on=decision_date
    )
    check_dates(member, effective_date=ceremony_date, decision_date=decision_date)
    if ceremony_date < decision_date:
        raise rules.error("ceremony_date", CEREMONY_BEFORE_DECISION)
    age = member_rules.admission_age_error(birth_date=member.birth_date, admitted_on=decision_date)
    if age:
        raise rules.error("decision_date", age)
    record(
        member,
        actor=actor,
        kind=EventKind.READMITTED,
        effective_date=ceremony_date,
        to_organization=organization,
        **decision_fields(
            decision_number=decision_number, decision_date=decision_date, issued_by=issued_by, reason=reason, note=note
        ),
    )
    return finish(member, actor=actor, reason=reason or _("Kết nạp lại"))


def _cancel_pending_transfers(member: Member, day: dt.date) -> None:
    """A member who leaves the Party no longer moves: their letters waiting for acceptance lapse."""
    from xaydungdang.members.lifecycle.choices import TransferState

    member.transfers.filter(state=TransferState.ISSUED).update(
        state=TransferState.CANCELLED, cancelled_on=max(day, today())
    )
