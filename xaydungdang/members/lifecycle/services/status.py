"""Exemption, discipline and leaving the Party (rules.md §2.8)."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext_lazy

from xaydungdang.members.choices import EventKind, MemberStatus
from xaydungdang.members.lifecycle import exits, rules
from xaydungdang.members.lifecycle.choices import DisciplineForm, StrikeOffGround
from xaydungdang.members.lifecycle.services._common import (
    check_dates,
    decision_fields,
    finish,
    lock,
    record,
    require_reason,
)
from xaydungdang.members.lifecycle.services.admission import _cancel_pending_transfers
from xaydungdang.members.models import Member

ALREADY_EXEMPTED = gettext_lazy("Đảng viên đang được miễn công tác và sinh hoạt đảng.")
NOT_EXEMPTED = gettext_lazy("Đảng viên không được miễn công tác và sinh hoạt đảng; không có gì để thôi miễn.")
EXEMPTION_REASON = gettext_lazy("Phải ghi lý do miễn công tác và sinh hoạt đảng (tuổi cao, sức khỏe yếu…).")
DISCIPLINE_REASON = gettext_lazy("Phải ghi nội dung vi phạm bị kỷ luật.")
UNKNOWN_FORM = gettext_lazy("Hình thức kỷ luật không hợp lệ.")
UNKNOWN_GROUND = gettext_lazy("Phải chọn căn cứ xóa tên theo QĐ 24-QĐ/TW §8.1.")
NO_CLEARING_DECISION = gettext_lazy("Phải ghi số quyết định hủy quyết định khai trừ.")


def _event(
    kind: str,
    *,
    actor,
    member: Member,
    effective_date: dt.date,
    reason: str,
    data: dict | None = None,
    check=None,
    ordered: bool = True,
    **fields,
) -> Member:
    """The shape shared by these services: lock, check, append, rebuild."""
    member = lock(member, actor)
    if check:
        check(member)
    check_dates(member, effective_date=effective_date, decision_date=fields.get("decision_date"), ordered=ordered)
    record(
        member,
        actor=actor,
        kind=kind,
        effective_date=effective_date,
        data=data or {},
        **decision_fields(reason=reason, **fields),
    )
    return finish(member, actor=actor, reason=reason or str(EventKind(kind).label))


@transaction.atomic
def member_exempt(*, actor, member: Member, effective_date: dt.date, reason: str, **fields) -> Member:
    """Exempt a member from party work and activities (miễn công tác và sinh hoạt đảng)."""

    def check(locked: Member) -> None:
        rules.require_active(locked.status)
        if locked.is_exempted:
            raise rules.error("member", ALREADY_EXEMPTED)
        require_reason(reason, EXEMPTION_REASON)

    return _event(
        EventKind.EXEMPTED,
        actor=actor,
        member=member,
        effective_date=effective_date,
        reason=reason,
        check=check,
        **fields,
    )


@transaction.atomic
def member_end_exemption(*, actor, member: Member, effective_date: dt.date, reason: str = "", **fields) -> Member:
    def check(locked: Member) -> None:
        rules.require_active(locked.status)
        if not locked.is_exempted:
            raise rules.error("member", NOT_EXEMPTED)

    return _event(
        EventKind.EXEMPTION_ENDED,
        actor=actor,
        member=member,
        effective_date=effective_date,
        reason=reason,
        check=check,
        **fields,
    )


@transaction.atomic
def member_discipline(*, actor, member: Member, form: str, effective_date: dt.date, reason: str, **fields) -> Member:
    """Discipline short of expulsion: reprimand, warning, removal from post; probationary members only the
    first two (QĐ 69-QĐ/TW). Expulsion is `member_expel`."""

    def check(locked: Member) -> None:
        if form not in DisciplineForm.values:
            raise rules.error("form", UNKNOWN_FORM)
        rules.check_discipline(status=locked.status, form=form, on=effective_date)
        require_reason(reason, DISCIPLINE_REASON)

    return _event(
        EventKind.DISCIPLINED,
        actor=actor,
        member=member,
        effective_date=effective_date,
        reason=reason,
        data={"form": form},
        check=check,
        ordered=False,
        **fields,
    )


def _leaving(kind: str, *, probationary_ok: bool = True):
    @transaction.atomic
    def service(
        *, actor, member: Member, effective_date: dt.date, reason: str = "", data: dict | None = None, **fields
    ) -> Member:
        def check(locked: Member) -> None:
            rules.require_active(locked.status)
            if not probationary_ok and locked.status == MemberStatus.PROBATIONARY:
                raise rules.error("member", rules.EXPEL_PROBATIONARY)
            if kind != EventKind.DECEASED:
                require_reason(reason)
            _cancel_pending_transfers(locked, effective_date)

        left = _event(
            kind,
            actor=actor,
            member=member,
            effective_date=effective_date,
            reason=reason,
            data=data,
            check=check,
            **fields,
        )
        exits.run(actor=actor, member=left, kind=kind, effective_date=effective_date)
        return left

    return service


_strike_off = _leaving(EventKind.STRUCK_OFF)


def member_strike_off(*, actor, member: Member, ground: str, effective_date: dt.date, reason: str = "", **fields):
    """Strike a member off the list (xóa tên), on one of the grounds of QĐ 24 §8.1."""
    if ground not in StrikeOffGround.values:
        raise rules.error("ground", UNKNOWN_GROUND)
    reason = reason or str(StrikeOffGround(ground).label)
    return _strike_off(
        actor=actor, member=member, effective_date=effective_date, reason=reason, data={"ground": ground}, **fields
    )


member_expel = _leaving(EventKind.EXPELLED, probationary_ok=False)
member_expel.__doc__ = "Expel a member (khai trừ); not a probationary member (QĐ 69-QĐ/TW)."
member_dismiss = _leaving(EventKind.DISMISSED)
member_dismiss.__doc__ = "Dismiss a member from the Party (cho ra khỏi Đảng)."
member_resign = _leaving(EventKind.RESIGNED)
member_resign.__doc__ = "A member leaves the Party at their own request (xin ra khỏi Đảng)."
member_record_death = _leaving(EventKind.DECEASED)
member_record_death.__doc__ = "Record a member's death (từ trần)."


@transaction.atomic
def member_clear_expulsion(
    *, actor, member: Member, effective_date: dt.date, decision_number: str, reason: str, **fields
) -> Member:
    """Cancel a wrong expulsion (minh oan): the member is back as before it and their party age runs on
    without a gap (rules.md §2.6; the fees of the gap are to be paid back)."""

    def check(locked: Member) -> None:
        if locked.status != MemberStatus.EXPELLED:
            raise rules.error("member", rules.CLEAR_ONLY_EXPELLED % {"status": rules.status_label(locked.status)})
        require_reason(reason)
        if not decision_number.strip():
            raise rules.error("decision_number", NO_CLEARING_DECISION)

    return _event(
        EventKind.EXPULSION_CLEARED,
        actor=actor,
        member=member,
        effective_date=effective_date,
        reason=reason,
        check=check,
        decision_number=decision_number.strip(),
        **fields,
    )
