"""Official and temporary transfers of party activity (rules.md §2.4; QĐ 294 §6.3.1)."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xaydungdang.access.choices import Action
from xaydungdang.access.policy import policy_for
from xaydungdang.core import parameters
from xaydungdang.core.dates import format_vn_date
from xaydungdang.core.history import acting_user, save_with_history
from xaydungdang.members.choices import ACTIVE_STATUSES, EventKind, MemberStatus
from xaydungdang.members.lifecycle import rules
from xaydungdang.members.lifecycle.calendar import add_working_days
from xaydungdang.members.lifecycle.choices import TemporaryPurpose, TransferKind, TransferState
from xaydungdang.members.lifecycle.models import Transfer
from xaydungdang.members.lifecycle.services._common import (
    check_dates,
    decision_fields,
    finish,
    history,
    lock,
    record,
    require_member_holding,
)
from xaydungdang.members.models import Member
from xaydungdang.members.services import PROFILE_FIELDS, member_validate

SAME_ORGANIZATION = gettext_lazy("Tổ chức chuyển đến phải khác chi bộ đang sinh hoạt.")
NO_DESTINATION = gettext_lazy("Phải chọn tổ chức chuyển đến trong hệ thống hoặc ghi tên tổ chức đảng ngoài hệ thống.")
PENDING_TRANSFER = gettext_lazy("Đảng viên đang có giấy giới thiệu chuyển sinh hoạt chờ tiếp nhận (số %(number)s).")
NOT_PENDING = gettext_lazy("Giấy giới thiệu này không còn chờ tiếp nhận (trạng thái: %(state)s).")
ACCEPT_BEFORE_ISSUE = gettext_lazy("Ngày tiếp nhận không được trước ngày cấp giấy giới thiệu.")
LATE_PRESENTATION = gettext_lazy(
    "Giấy giới thiệu xuất trình quá hạn (hạn %(deadline)s, QĐ 294-QĐ/TW §6.3.1); phải ghi giải trình của đảng viên."
)
ALREADY_TEMPORARY = gettext_lazy("Đảng viên đang sinh hoạt tạm thời ở %(where)s; phải kết thúc trước khi chuyển tiếp.")
NOT_TEMPORARY = gettext_lazy("Đảng viên không sinh hoạt tạm thời.")
INCOMING_STATUS = gettext_lazy("Đảng viên chuyển đến phải là đảng viên dự bị hoặc chính thức.")
INCOMING_OFFICIAL_DATE = gettext_lazy("Đảng viên chính thức phải có ngày chính thức; đảng viên dự bị thì không.")
LETTER_NUMBER = gettext_lazy("Phải ghi số giấy giới thiệu sinh hoạt đảng.")
NATIONAL_ID_TAKEN = gettext_lazy("Số CCCD này đã có hồ sơ đảng viên trong hệ thống.")
RETURNING_NOT_OUT = gettext_lazy(
    "Số CCCD này đã có hồ sơ đảng viên trong hệ thống (%(name)s, %(status)s); chỉ tiếp nhận lại người đã chuyển "
    "sinh hoạt ra ngoài."
)


def _pending(member: Member) -> Transfer | None:
    return member.transfers.filter(state=TransferState.ISSUED, kind=TransferKind.INTERNAL).first()


@transaction.atomic
def transfer_issue(
    *,
    actor,
    member: Member,
    issued_on: dt.date,
    letter_number: str,
    issued_by: str = "",
    to_organization=None,
    external_organization: str = "",
    cause_date: dt.date | None = None,
    reason: str = "",
    note: str = "",
) -> Transfer:
    """The sending side issues the introduction letter (giấy giới thiệu). Inside the deployment the member moves
    when the receiver accepts; to an organization outside it, the member leaves on the letter's date."""
    member = lock(member, actor)
    rules.require_active(member.status)
    if not letter_number.strip():
        raise rules.error("letter_number", LETTER_NUMBER)
    if to_organization is None and not external_organization.strip():
        raise rules.error("to_organization", NO_DESTINATION)
    if to_organization is not None:
        require_member_holding(to_organization)
        if to_organization.pk == member.organization_id:
            raise rules.error("to_organization", SAME_ORGANIZATION)
    pending = _pending(member)
    if pending:
        raise rules.error("member", PENDING_TRANSFER % {"number": pending.letter_number})
    check_dates(member, effective_date=issued_on, decision_date=cause_date)
    transfer = Transfer(
        member=member,
        kind=TransferKind.INTERNAL if to_organization else TransferKind.OUTGOING,
        from_organization_id=member.organization_id,
        to_organization=to_organization,
        external_organization="" if to_organization else external_organization.strip(),
        cause_date=cause_date,
        transfer_due=add_working_days(cause_date, parameters.value(rules.TRANSFER_DAYS.key, on=cause_date))
        if cause_date
        else None,
        letter_number=letter_number.strip(),
        issued_on=issued_on,
        issued_by=issued_by,
        present_by=add_working_days(issued_on, parameters.value(rules.TRANSFER_PRESENT_DAYS.key, on=issued_on)),
        reason=reason,
        note=note,
        recorded_by=acting_user(actor),
    )
    transfer.full_clean()
    save_with_history(transfer, actor=actor, reason=reason)
    record(
        member,
        actor=actor,
        kind=EventKind.TRANSFERRED_OUT,
        effective_date=issued_on,
        from_organization_id=member.organization_id,
        to_organization=to_organization,
        external_organization=transfer.external_organization,
        data={"transfer_id": transfer.pk, "present_by": transfer.present_by.isoformat()},
        **decision_fields(
            decision_number=letter_number, decision_date=issued_on, issued_by=issued_by, reason=reason, note=note
        ),
    )
    finish(member, actor=actor, reason=reason or _("Chuyển sinh hoạt đảng"))
    if to_organization is not None:
        _notify_receiver(transfer)
    return transfer


def _notify_receiver(transfer: Transfer) -> None:
    """The receiving organization's office holders learn a letter is addressed to them (once per letter)."""
    from django.urls import reverse

    from xaydungdang.access.policy import office_holders
    from xaydungdang.notifications.services import notify

    destination = transfer.to_organization
    notify(
        recipients=office_holders(destination),
        kind="transfer.incoming",
        title=_("Đảng viên chuyển sinh hoạt đến %(org)s: %(name)s")
        % {"org": destination.name, "name": transfer.member.full_name},
        body=_("Giấy giới thiệu số %(number)s ngày %(day)s; xuất trình trước ngày %(due)s.")
        % {
            "number": transfer.letter_number,
            "day": format_vn_date(transfer.issued_on),
            "due": format_vn_date(transfer.present_by),
        },
        url=reverse("lifecycle:arrival", args=[destination.pk]),
        key=f"transfer:{transfer.pk}",
    )


@transaction.atomic
def transfer_accept(*, actor, transfer: Transfer, accepted_on: dt.date, note: str = "") -> Transfer:
    """The receiving organization accepts the member (inside the deployment), or the sending side records the
    outside receiver's confirmation. Late presentation needs the member's explanation in `note`."""
    transfer = Transfer.objects.select_for_update().get(pk=transfer.pk)
    member = lock(transfer.member, actor, check_scope=False)
    policy_for(actor).require_receiver(transfer)
    if transfer.state != TransferState.ISSUED:
        raise rules.error("transfer", NOT_PENDING % {"state": transfer.get_state_display()})
    if accepted_on < transfer.issued_on:
        raise rules.error("accepted_on", ACCEPT_BEFORE_ISSUE)
    if transfer.present_by and accepted_on > transfer.present_by and not note.strip():
        raise rules.error("note", LATE_PRESENTATION % {"deadline": format_vn_date(transfer.present_by)})
    transfer.state = TransferState.ACCEPTED
    transfer.accepted_on = accepted_on
    transfer.note = "\n".join(filter(None, [transfer.note, note]))
    if transfer.kind == TransferKind.INTERNAL:
        rules.require_active(member.status)
        require_member_holding(transfer.to_organization)
        try:
            check_dates(member, effective_date=accepted_on)
        except Exception as exc:
            raise rules.error("accepted_on", "; ".join(exc.messages)) from exc
        record(
            member,
            actor=actor,
            kind=EventKind.TRANSFERRED_IN,
            effective_date=accepted_on,
            from_organization_id=transfer.from_organization_id,
            to_organization_id=transfer.to_organization_id,
            data={"transfer_id": transfer.pk},
            **decision_fields(decision_number=transfer.letter_number, decision_date=transfer.issued_on, note=note),
        )
        finish(member, actor=actor, reason=_("Tiếp nhận sinh hoạt đảng"))
    save_with_history(transfer, actor=actor, reason=note)
    return transfer


@transaction.atomic
def transfer_cancel(*, actor, transfer: Transfer, cancelled_on: dt.date, reason: str) -> Transfer:
    """The letter lapsed or was withdrawn before acceptance: the member stays where they are."""
    transfer = Transfer.objects.select_for_update().get(pk=transfer.pk)
    lock(transfer.member, actor)
    if transfer.state != TransferState.ISSUED or transfer.kind != TransferKind.INTERNAL:
        raise rules.error("transfer", NOT_PENDING % {"state": transfer.get_state_display()})
    if not reason.strip():
        raise rules.error("reason", _("Phải ghi lý do hủy giấy giới thiệu."))
    transfer.state = TransferState.CANCELLED
    transfer.cancelled_on = cancelled_on
    transfer.note = "\n".join(filter(None, [transfer.note, reason]))
    save_with_history(transfer, actor=actor, reason=reason)
    return transfer


@transaction.atomic
def member_transfer_in_from_outside(
    *,
    actor,
    organization,
    arrived_on: dt.date,
    letter_number: str,
    letter_date: dt.date,
    from_organization: str,
    status: str,
    full_name: str,
    gender: str,
    birth_date: dt.date,
    admission_decision_date: dt.date,
    admission_date: dt.date,
    official_date: dt.date | None = None,
    issued_by: str = "",
    reason: str = "",
    **profile,
) -> Member:
    """A member arrives from outside the deployment with a letter: the record is created with the admission
    (made elsewhere, no organization here), the recognition if official, and the transfer in."""
    policy_for(actor).require_in_organization(Action.CHANGE, organization)
    require_member_holding(organization, "organization")
    if status not in ACTIVE_STATUSES:
        raise rules.error("status", INCOMING_STATUS)
    if (status == MemberStatus.OFFICIAL) != bool(official_date):
        raise rules.error("official_date", INCOMING_OFFICIAL_DATE)
    if not letter_number.strip():
        raise rules.error("letter_number", LETTER_NUMBER)
    unknown = set(profile) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"member_transfer_in_from_outside() got unexpected fields {sorted(unknown)}")
    check_dates(None, effective_date=arrived_on, decision_date=letter_date)
    if official_date:
        rules.check_recognition(
            status=MemberStatus.PROBATIONARY,
            admission_date=admission_date,
            effective_date=official_date,
            decision_date=None,
        )
    national_id = profile.get("national_id")
    returning = Member.objects.filter(national_id=national_id).first() if national_id else None
    if returning is not None:
        member = _returning_record(returning, actor=actor, arrived_on=arrived_on, letter_date=letter_date)
    else:
        member = Member(
            organization=organization,
            status=status,
            full_name=full_name,
            gender=gender,
            birth_date=birth_date,
            admission_decision_date=admission_decision_date,
            admission_date=admission_date,
            official_date=official_date,
            **profile,
        )
        member_validate(member, considered_on=admission_decision_date)
        save_with_history(member, actor=actor)
        record(
            member,
            actor=actor,
            kind=EventKind.ADMITTED,
            effective_date=admission_date,
            decision_date=admission_decision_date,
            external_organization=from_organization,
            note=_("Kết nạp ngoài hệ thống, ghi theo hồ sơ chuyển đến"),
        )
    if official_date and not (returning and returning.official_date):
        record(member, actor=actor, kind=EventKind.RECOGNIZED_OFFICIAL, effective_date=official_date)
    return _arrive(
        member, actor=actor, organization=organization, arrived_on=arrived_on, letter_number=letter_number,
        letter_date=letter_date, from_organization=from_organization, status=status, issued_by=issued_by, reason=reason,
    )  # fmt: skip


def _returning_record(returning: Member, *, actor, arrived_on: dt.date, letter_date: dt.date) -> Member:
    """A member who once left the deployment comes back: the same record continues, with its history."""
    if returning.status != MemberStatus.TRANSFERRED_OUT:
        if not policy_for(actor).can(Action.VIEW, returning):
            raise rules.error("national_id", NATIONAL_ID_TAKEN)  # nothing about a record out of scope
        raise rules.error(
            "national_id",
            RETURNING_NOT_OUT % {"name": returning.full_name, "status": returning.get_status_display().lower()},
        )
    member = lock(returning, actor, check_scope=False)
    check_dates(member, effective_date=arrived_on, decision_date=letter_date)
    return member


def _arrive(
    member: Member, *, actor, organization, arrived_on, letter_number, letter_date, from_organization, status,
    issued_by, reason,
) -> Member:  # fmt: skip
    """The accepted incoming transfer and its transferred-in event."""
    transfer = Transfer(
        member=member,
        kind=TransferKind.INCOMING,
        state=TransferState.ACCEPTED,
        to_organization=organization,
        external_organization=from_organization,
        letter_number=letter_number.strip(),
        issued_on=letter_date,
        issued_by=issued_by,
        present_by=add_working_days(letter_date, parameters.value(rules.TRANSFER_PRESENT_DAYS.key, on=letter_date)),
        accepted_on=arrived_on,
        reason=reason,
        recorded_by=acting_user(actor),
    )
    save_with_history(transfer, actor=actor)
    record(
        member,
        actor=actor,
        kind=EventKind.TRANSFERRED_IN,
        effective_date=arrived_on,
        to_organization=organization,
        external_organization=from_organization,
        data={"status": status, "transfer_id": transfer.pk},
        **decision_fields(decision_number=letter_number, decision_date=letter_date, issued_by=issued_by, reason=reason),
    )
    return finish(member, actor=actor, reason=reason or _("Tiếp nhận đảng viên chuyển đến"))


@transaction.atomic
def member_temporary_start(
    *,
    actor,
    member: Member,
    effective_date: dt.date,
    to_organization=None,
    external_organization: str = "",
    until: dt.date | None = None,
    purpose: str = TemporaryPurpose.WORK,
    exception: str = "",
    reason: str = "",
    **fields,
) -> Member:
    """Temporary activity elsewhere (sinh hoạt tạm thời); the official organization stays. The expected end
    `until` must fall within the limits of the `purpose`, unless the committee's permission is `exception`."""
    member = lock(member, actor)
    rules.require_active(member.status)
    if to_organization is None and not external_organization.strip():
        raise rules.error("to_organization", NO_DESTINATION)
    if to_organization is not None:
        require_member_holding(to_organization)
        if to_organization.pk == member.organization_id:
            raise rules.error("to_organization", SAME_ORGANIZATION)
    open_temporary = history(member).open_temporary
    if open_temporary:
        where = open_temporary.to_organization or open_temporary.external_organization
        raise rules.error("member", ALREADY_TEMPORARY % {"where": where})
    check_dates(member, effective_date=effective_date, decision_date=fields.get("decision_date"))
    if until and until <= effective_date:
        raise rules.error("until", _("Ngày dự kiến kết thúc phải sau ngày bắt đầu."))
    if purpose not in TemporaryPurpose.values:
        raise rules.error("purpose", _("Lý do sinh hoạt tạm thời không hợp lệ."))
    rules.check_temporary_duration(purpose=purpose, start=effective_date, until=until, exception=exception)
    data = {"until": until.isoformat(), "purpose": purpose}
    if exception.strip():
        data["exception"] = exception.strip()
    record(
        member,
        actor=actor,
        kind=EventKind.TEMPORARY_STARTED,
        effective_date=effective_date,
        from_organization_id=member.organization_id,
        to_organization=to_organization,
        external_organization="" if to_organization else external_organization.strip(),
        data=data,
        **decision_fields(reason=reason, **fields),
    )
    return finish(member, actor=actor, reason=reason or _("Sinh hoạt tạm thời"))


@transaction.atomic
def member_temporary_end(*, actor, member: Member, effective_date: dt.date, reason: str = "", **fields) -> Member:
    member = lock(member, actor)
    open_temporary = history(member).open_temporary
    if open_temporary is None:
        raise rules.error("member", NOT_TEMPORARY)
    check_dates(member, effective_date=effective_date, decision_date=fields.get("decision_date"))
    record(
        member,
        actor=actor,
        kind=EventKind.TEMPORARY_ENDED,
        effective_date=effective_date,
        from_organization_id=open_temporary.to_organization_id,
        external_organization=open_temporary.external_organization,
        **decision_fields(reason=reason, **fields),
    )
    return finish(member, actor=actor, reason=reason or _("Kết thúc sinh hoạt tạm thời"))
