"""What every lifecycle service does: lock the member, re-check scope, check dates, append, rebuild, save."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from xaydungdang.access.choices import Action
from xaydungdang.access.policy import policy_for
from xaydungdang.core.dates import format_vn_date
from xaydungdang.core.validators import future_errors
from xaydungdang.members import services as member_services
from xaydungdang.members.choices import EventKind
from xaydungdang.members.events import finish, record  # noqa: F401 - the lifecycle services' vocabulary
from xaydungdang.members.lifecycle import rules
from xaydungdang.members.models import Member, MembershipEvent

# Events that change no state: they may be dated inside the membership without ordering constraints.
STATELESS_KINDS = frozenset(
    {
        EventKind.DISCIPLINED,
        EventKind.PARTY_CARD_ISSUED,
        EventKind.BADGE_AWARDED,
        EventKind.BADGE_RETURNED,
        EventKind.DATA_CORRECTED,
    }
)


@dataclass(frozen=True)
class History:
    """Facts read from a member's event log that the rules need beyond the cached state."""

    last_state_event: MembershipEvent | None
    open_temporary: MembershipEvent | None
    left_on: dt.date | None
    readmitted_before: bool


def history(member: Member) -> History:
    last = open_temporary = None
    left_on = None
    readmitted = False
    for event in member.events.order_by("effective_date", "id"):
        if event.kind in STATELESS_KINDS:
            continue
        last = event
        if event.kind == EventKind.TEMPORARY_STARTED:
            open_temporary = event
        elif event.kind == EventKind.TEMPORARY_ENDED or event.kind in rules.LEAVING_KINDS:
            open_temporary = None
        if event.kind in rules.LEAVING_KINDS:
            left_on = event.effective_date
        elif event.kind == EventKind.EXPULSION_CLEARED:
            left_on = None
        if event.kind == EventKind.READMITTED:
            readmitted = True
    return History(last, open_temporary, left_on, readmitted)


def lock(member: Member, actor, *, check_scope: bool = True) -> Member:
    """The member row locked for the transaction, after re-checking the actor's scope on it."""
    member = Member.objects.select_for_update().get(pk=member.pk)
    if check_scope:
        policy_for(actor).require(Action.CHANGE, member)
    return member


def require_member_holding(organization, field: str = "to_organization") -> None:
    """The registry's rule (members.services), reported on the lifecycle forms' field."""
    member_services.require_member_holding(organization, field)


def check_dates(
    member: Member | None,
    *,
    effective_date: dt.date,
    decision_date: dt.date | None = None,
    ordered: bool = True,
    decision_after_effect_ok: bool = True,
) -> None:
    """Dates not in the future; a state-changing event not before the member's latest one (so the log
    replays in the order the rules were checked)."""
    errors: dict[str, list[str]] = {}
    errors.update(future_errors(effective_date=effective_date, decision_date=decision_date))
    if decision_date and not decision_after_effect_ok and decision_date > effective_date:
        errors.setdefault("decision_date", []).append(rules.DECISION_AFTER_EFFECT)
    if not ordered and member is not None:
        first = member.events.filter(kind=EventKind.ADMITTED).order_by("effective_date").first()
        if first and effective_date < first.effective_date:
            errors.setdefault("effective_date", []).append(
                rules.BEFORE_ADMISSION % {"day": format_vn_date(first.effective_date)}
            )
    if ordered and member is not None:
        last = history(member).last_state_event
        if last and effective_date < last.effective_date:
            errors.setdefault("effective_date", []).append(
                rules.BEFORE_LAST_EVENT
                % {"kind": last.get_kind_display().lower(), "day": format_vn_date(last.effective_date)}
            )
    if errors:
        raise ValidationError(errors)


def require_reason(reason: str, message: str | None = None) -> None:
    if not (reason or "").strip():
        raise rules.error("reason", message or _("Phải ghi lý do."))


def decision_fields(
    *,
    decision_number: str = "",
    decision_date: dt.date | None = None,
    issued_by: str = "",
    reason: str = "",
    note: str = "",
) -> dict:
    return {
        "decision_number": decision_number,
        "decision_date": decision_date,
        "issued_by": issued_by,
        "reason": reason,
        "note": note,
    }
