"""Writes of the member registry. Lifecycle events (transfers, recognition, removal…) live in lifecycle.py."""

import datetime as dt
import functools

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models, transaction
from django.utils.translation import gettext as _

from xaydungdang.access.choices import Action
from xaydungdang.access.policy import policy_for
from xaydungdang.core.dates import today
from xaydungdang.core.versions import require_version, version_of
from xaydungdang.members import rules
from xaydungdang.members.choices import EventKind, MemberStatus
from xaydungdang.members.events import finish, record, save_member
from xaydungdang.members.models import Member

# Fields a registry edit may change; state (organization, status) changes only through events.
PROFILE_FIELDS = (
    "full_name",
    "gender",
    "birth_date",
    "ethnicity",
    "religion",
    "national_id",
    "hometown",
    "address",
    "phone",
    "party_card_number",
    "record_number",
    "education_level",
    "qualification",
    "theory_level",
    "occupation",
)
PARTY_DATE_FIELDS = ("admission_decision_date", "admission_date", "official_date")
EDITABLE_FIELDS = (*PROFILE_FIELDS, *PARTY_DATE_FIELDS)


def member_version(member: Member) -> str:
    """The version an edit of the record starts from (core.versions): it changes with any editable field."""
    return version_of(member, EDITABLE_FIELDS)


def _merge(errors: dict[str, list], error: ValidationError) -> None:
    for field, messages in error.message_dict.items():
        errors.setdefault(field, []).extend(messages)


def member_validate(
    member: Member,
    *,
    exclude: tuple[str, ...] = (),
    considered_on: dt.date | None = None,
    over_age_decision: str = "",
) -> None:
    """Every single-record rule of a member's record at once, so the user sees all problems in one pass.

    The one assembly of them: registration, admission, an arrival from outside, corrections and (column
    by column, `members_validate_columns`) the import all run it. An admission passes the day the cell
    considered the case and the provincial decision for someone over 60.
    """
    errors: dict[str, list] = {}
    try:
        member.full_clean(exclude=["organization", "status", *exclude])
    except ValidationError as exc:
        _merge(errors, exc)
    values = {name: getattr(member, name) for name in RECORD_FIELDS}
    _merge_record(
        errors, member_record_errors(values, considered_on=considered_on, over_age_decision=over_age_decision)
    )
    if errors:
        raise ValidationError(errors)


# The fields the rules across fields read (dates, and the CCCD against gender and birth date).
RECORD_FIELDS = ("birth_date", "admission_decision_date", "admission_date", "official_date", "national_id", "gender")


def member_record_errors(
    values: dict,
    *,
    considered_on: dt.date | None = None,
    over_age_decision: str = "",
    on: dt.date | None = None,
    limits=rules.admission_age_limits,
) -> dict[str, list]:
    """The rules across a record's fields (dates, CCCD), by field: the part of member_validate that is
    not a single field's own check. `on` (default today) and `limits` (rules.admission_age_limits or a memo
    of it) let a caller checking many records look them up once."""
    errors: dict[str, list] = {}
    try:
        rules.validate_member_dates(
            birth_date=values.get("birth_date"),
            admission_decision_date=values.get("admission_decision_date"),
            admission_date=values.get("admission_date"),
            official_date=values.get("official_date"),
            today=on or today(),
            considered_on=considered_on,
            over_age_decision=over_age_decision,
            limits=limits,
        )
    except ValidationError as exc:
        _merge(errors, exc)
    if values.get("national_id"):
        messages = rules.cccd_errors(
            values["national_id"], gender=values.get("gender"), birth_date=values.get("birth_date")
        )
        if messages:
            errors["cccd"] = messages
    return errors


def _merge_record(errors: dict[str, list], record: dict[str, list]) -> None:
    cccd = record.pop("cccd", None)
    for field, messages in record.items():
        errors.setdefault(field, []).extend(messages)
    if cccd and "national_id" not in errors:  # a malformed number says so once, not each part again
        errors["national_id"] = cccd


def members_validate_columns(columns: dict[str, list], *, skip: list[set[str]]) -> list[dict[str, list]]:
    """member_validate for many new records at once, column by column: each field's own checks (the
    model field's, as full_clean runs them) once per distinct value of the column, then the rules across
    fields once per record. `columns` holds a list per field (the same length); `skip[i]` names the
    fields of record i that already failed (not checked again, as full_clean's exclude). Uniqueness and
    the table's CHECK constraint are the caller's to check for the whole set at once (the constraint's
    rule is in rules.validate_member_dates, which runs here). Returns the errors of each record."""
    count = len(skip)
    results: list[dict[str, list]] = [{} for _index in range(count)]
    for name, values in columns.items():
        field = Member._meta.get_field(name)
        if _column_passes(field, values):
            continue
        known: dict = {}
        for index, value in enumerate(values):
            if name in skip[index] or (field.blank and value in field.empty_values):
                continue
            key = (type(value), value)
            messages = known.get(key)
            if messages is None:
                try:
                    field.clean(value, None)
                    messages = known[key] = ()
                except ValidationError as exc:
                    messages = known[key] = tuple(exc.messages)
            if messages:
                results[index].setdefault(name, []).extend(messages)
    present = [name for name in RECORD_FIELDS if name in columns]
    on, limits = today(), functools.cache(rules.admission_age_limits)  # once per chunk, not per record
    for index, found in enumerate(zip(*(columns[name] for name in present), strict=True)):
        values = dict(zip(present, found, strict=True))
        if skip[index]:
            values = {name: value for name, value in values.items() if name not in skip[index]}
        _merge_record(results[index], member_record_errors(values, on=on, limits=limits))
    return results


def _column_passes(field, values: list) -> bool:
    """Whether the field's own check (field.clean) accepts every value of the column, told for the whole
    column at once where that is certain: a plain CharField or DateField, values of the field's type (empty
    ones where the field may be blank), its length limit and choices checked on the column, its other
    validators run once per distinct value. False means "not known": the caller checks each value."""
    kind = type(field)
    if kind not in (models.CharField, models.DateField):
        return False
    types = set(map(type, values))
    distinct = set(values)
    if field.blank:
        types.discard(type(None))
        distinct.discard(None)
        distinct.discard("")
    elif None in distinct or "" in distinct:
        return False
    if kind is models.DateField:
        return types <= {dt.date} and not field.choices and _validators_pass(field, distinct)
    if not types <= {str}:
        return False
    if field.choices and not distinct <= {key for key, _label in field.flatchoices}:
        return False
    if distinct and max(map(len, distinct)) > field.max_length:
        return False
    return _validators_pass(field, distinct)


def _validators_pass(field, distinct: set) -> bool:
    for validator in field.validators:
        if type(validator) is MaxLengthValidator and validator.limit_value == field.max_length:
            continue  # the length, checked on the column
        try:
            for value in distinct:
                validator(value)
        except ValidationError:
            return False
    return True


def require_member_holding(organization, field: str = "organization") -> None:
    """Members attach only to active cells (the kind rule of DESIGN §4)."""
    if not organization.holds_members:
        raise ValidationError(
            {field: _("Chỉ chi bộ (chi bộ cơ sở, chi bộ trực thuộc) mới có đảng viên sinh hoạt trực tiếp.")}
        )
    if not organization.is_active:
        raise ValidationError({field: _("Tổ chức này đã giải thể.")})


@transaction.atomic
def member_create(
    *,
    actor,
    organization,
    full_name: str,
    gender: str,
    birth_date: dt.date,
    admission_date: dt.date,
    admission_decision_date: dt.date | None = None,
    official_date: dt.date | None = None,
    decision_number: str = "",
    reason: str = "",
    **profile,
) -> Member:
    """Register a person who is already a party member (admitted earlier, on paper or elsewhere).

    The admission and, when given, the recognition are recorded as events, so the member's history
    and every report "as of" a past date include them.
    """
    policy_for(actor).require_in_organization(Action.CHANGE, organization)
    require_member_holding(organization)
    unknown = set(profile) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"member_create() got unexpected fields {sorted(unknown)}")
    member = Member(
        organization=organization,
        status=MemberStatus.OFFICIAL if official_date else MemberStatus.PROBATIONARY,
        full_name=full_name,
        gender=gender,
        birth_date=birth_date,
        admission_date=admission_date,
        admission_decision_date=admission_decision_date,
        official_date=official_date,
        **profile,
    )
    member_validate(member)
    # The record gets one history entry, written by `finish` once the events have set its state: this
    # first save (which the events need a key for) is not one.
    member.skip_history_when_saving = True
    save_member(member, actor=actor, reason=reason or _("Đăng ký hồ sơ đảng viên"))
    del member.skip_history_when_saving
    record(
        member,
        actor=actor,
        kind=EventKind.ADMITTED,
        effective_date=admission_date,
        decision_date=admission_decision_date,
        decision_number=decision_number,
        to_organization=organization,
    )
    if official_date:
        record(member, actor=actor, kind=EventKind.RECOGNIZED_OFFICIAL, effective_date=official_date)
    finish(member, actor=actor, reason=reason or _("Đăng ký hồ sơ đảng viên"))
    member.history.filter(history_type="~").update(history_type="+")  # the one entry is the creation
    return member


def _sync_party_dates(member: Member, changed: dict[str, tuple]) -> None:
    """Party dates are carried by the admission and recognition events: correct those events."""
    admitted = member.events.filter(kind__in=[EventKind.ADMITTED, EventKind.READMITTED]).last()
    if admitted and ("admission_date" in changed or "admission_decision_date" in changed):
        admitted.effective_date = member.admission_date
        admitted.decision_date = member.admission_decision_date
        admitted.save(update_fields=["effective_date", "decision_date"])
    if "official_date" in changed:
        recognized = member.events.filter(kind=EventKind.RECOGNIZED_OFFICIAL).last()
        if recognized is None:
            raise ValidationError(
                {"official_date": _("Đảng viên chưa được công nhận chính thức; hãy ghi sự kiện công nhận.")}
            )
        if member.official_date:
            recognized.effective_date = member.official_date
            recognized.save(update_fields=["effective_date"])


@transaction.atomic
def member_update(*, actor, member: Member, reason: str, expected_version: str | None = None, **changes) -> Member:
    """Correct a member's record. The old values, the user and the reason are kept (history + event).
    With `expected_version` (the version the editor started from), a record changed since is refused with
    `EditConflict` naming what changed, instead of reverting the other user's change."""
    member = Member.objects.select_for_update().get(pk=member.pk)
    policy_for(actor).require(Action.CHANGE, member)
    allowed = set(PROFILE_FIELDS) | set(PARTY_DATE_FIELDS)
    unknown = set(changes) - allowed
    if unknown:
        raise TypeError(f"member_update() got unexpected fields {sorted(unknown)}")
    require_version(member, EDITABLE_FIELDS, expected_version, changes)
    if not reason.strip():
        raise ValidationError({"reason": _("Phải ghi lý do đính chính hồ sơ đảng viên.")})
    changed = {}
    for field, value in changes.items():
        old = getattr(member, field)
        if old != value:
            changed[field] = (old, value)
            setattr(member, field, value)
    if not changed:
        return member
    if "official_date" in changed and member.official_date is None:
        raise ValidationError({"official_date": _("Không thể xóa ngày chính thức; hãy ghi sự kiện phù hợp.")})
    member_validate(member)
    _sync_party_dates(member, changed)
    record(
        member,
        actor=actor,
        kind=EventKind.DATA_CORRECTED,
        effective_date=today(),
        reason=reason,
        data={field: [_jsonable(old), _jsonable(new)] for field, (old, new) in changed.items()},
    )
    finish(member, actor=actor, reason=reason)
    return member


def _jsonable(value):
    return value.isoformat() if isinstance(value, dt.date) else value


def member_reattach(*, actor, member: Member, organization, effective_date: dt.date, reason: str, **decision) -> Member:
    """Move a member's official activity to another organization because the organizations themselves
    were reorganized (merge, split): recorded as a transfer-in event carrying the decision. Call inside the
    reorganization's transaction; scope is checked there."""
    require_member_holding(organization)
    record(
        member,
        actor=actor,
        kind=EventKind.TRANSFERRED_IN,
        effective_date=effective_date,
        from_organization=member.organization,
        to_organization=organization,
        reason=reason,
        **decision,
    )
    finish(member, actor=actor, reason=reason)
    return member
