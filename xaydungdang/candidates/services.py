"""Writes of the admission pipeline: record a candidate, complete each step in order, admit at the ceremony."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xaydungdang.access.choices import Action
from xaydungdang.access.policy import policy_for
from xaydungdang.candidates import rules
from xaydungdang.candidates.choices import STEP_ORDER, CandidateStatus, Step
from xaydungdang.candidates.models import Candidate, CandidateStep, Sponsor
from xaydungdang.core import parameters
from xaydungdang.core.dates import format_vn_date
from xaydungdang.core.history import acting_user, save_with_history
from xaydungdang.core.validators import IN_FUTURE, future_errors, is_in_future
from xaydungdang.members import certificates
from xaydungdang.members.choices import AttachmentKind, MemberStatus
from xaydungdang.members.lifecycle.calendar import add_working_days
from xaydungdang.members.lifecycle.services import member_admit
from xaydungdang.members.models import MembershipPeriod
from xaydungdang.members.rules import cccd_errors

OUT_OF_ORDER = gettext_lazy("Chưa thể ghi bước «%(step)s»: bước tiếp theo của quy trình kết nạp là «%(expected)s».")
NOT_IN_PROGRESS = gettext_lazy("Hồ sơ này không còn đang xem xét (%(status)s).")
BEFORE_PREVIOUS = gettext_lazy("Ngày của bước này không được trước bước trước (%(day)s).")
DOCUMENT_REQUIRED = gettext_lazy("Phải ghi số văn bản của bước «%(step)s».")
LATE_CEREMONY = gettext_lazy(
    "Lễ kết nạp quá hạn %(days)s ngày làm việc kể từ quyết định (hạn %(deadline)s); phải có văn bản đồng ý của "
    "cấp ủy cấp trên trực tiếp (QĐ 294-QĐ/TW)."
)
TOO_OLD = gettext_lazy(
    "Người này đã quá 60 tuổi; chỉ xem xét kết nạp khi có quyết định của Ban Thường vụ tỉnh ủy, thành ủy (ghi ở ô quyết định cho kết nạp người trên 60 tuổi)."
)
NEEDS_DOCUMENT = frozenset({Step.CELL_RESOLUTION, Step.COMMITTEE_RESOLUTION, Step.DECISION})


def steps_for(candidate: Candidate) -> tuple[str, ...]:
    """A grassroots cell (chi bộ cơ sở) is itself the grassroots organization: no separate committee resolution."""
    if candidate.organization.kind == "grassroots_cell":
        return tuple(s for s in STEP_ORDER if s != Step.COMMITTEE_RESOLUTION)
    return STEP_ORDER


def next_step(candidate: Candidate, done: set[str] | None = None) -> str | None:
    done = done if done is not None else set(candidate.steps.values_list("step", flat=True))
    return next((s for s in steps_for(candidate) if s not in done), None)


def _save(obj, actor, reason: str = "") -> None:
    save_with_history(obj, actor=actor, reason=reason)


@transaction.atomic
def candidate_create(*, actor, organization, recorded_on: dt.date, note: str = "", **person) -> Candidate:
    """Record a candidate followed by the cell (danh sách quần chúng ưu tú, cảm tình Đảng)."""
    policy_for(actor).require_in_organization(Action.CHANGE, organization)
    candidate = Candidate(organization=organization, step=Step.RECORDED, **person)
    errors: dict[str, list[str]] = {}
    try:
        candidate.full_clean(exclude=["step", "status", "member"])
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if not organization.holds_members:
        errors.setdefault("organization", []).append(_("Quần chúng ưu tú được theo dõi ở chi bộ."))
    for field, messages in future_errors(recorded_on=recorded_on).items():
        errors.setdefault(field, []).extend(messages)
    education = candidate.education_level and rules.education_error(
        candidate.education_level, recorded_on, exception_area=candidate.education_exception_area
    )
    if education:
        errors.setdefault("education_level", []).append(education)
    if candidate.birth_date and rules.too_old_to_follow(
        candidate.birth_date, recorded_on, over_age_decision=candidate.over_age_decision
    ):
        errors.setdefault("birth_date", []).append(TOO_OLD)
    if candidate.national_id and "national_id" not in errors:
        messages = cccd_errors(candidate.national_id, gender=candidate.gender, birth_date=candidate.birth_date)
        if messages:
            errors["national_id"] = messages
    if errors:
        raise ValidationError(errors)
    _save(candidate, actor, _("Ghi nhận quần chúng ưu tú"))
    step = CandidateStep(
        candidate=candidate, step=Step.RECORDED, done_on=recorded_on, note=note, recorded_by=acting_user(actor)
    )
    _save(step, actor)
    return candidate


def _lock(candidate: Candidate, actor) -> Candidate:
    candidate = Candidate.objects.select_for_update().select_related("organization").get(pk=candidate.pk)
    policy_for(actor).require_in_organization(Action.CHANGE, candidate.organization)
    if candidate.status != CandidateStatus.IN_PROGRESS:
        raise ValidationError({"step": [NOT_IN_PROGRESS % {"status": candidate.get_status_display()}]})
    return candidate


def _check_order(candidate: Candidate, step: str, done_on: dt.date, done: dict[str, CandidateStep]) -> None:
    expected = next_step(candidate, set(done))
    if step != expected:
        expected_label = Step(expected).label if expected else _("(đã xong)")
        raise ValidationError({"step": [OUT_OF_ORDER % {"step": Step(step).label, "expected": expected_label}]})
    errors = []
    if is_in_future(done_on):
        errors.append(IN_FUTURE)
    latest = max(s.done_on for s in done.values())
    if done_on < latest:
        errors.append(BEFORE_PREVIOUS % {"day": format_vn_date(latest)})
    if errors:
        raise ValidationError({"done_on": errors})


def _check_cell_resolution(candidate: Candidate, done_on: dt.date, done, votes_for) -> int:
    """Age, education, certificate, file age and the 2/3 vote on the day the cell considers the case."""
    errors: dict[str, list[str]] = {}
    age = rules.age_error(candidate.birth_date, done_on, over_age_decision=candidate.over_age_decision)
    if age:
        errors.setdefault("birth_date", []).append(age)
    education = rules.education_error(
        candidate.education_level, done_on, exception_area=candidate.education_exception_area
    )
    if education:
        errors.setdefault("education_level", []).append(education)
    course = rules.course_error(done[Step.COURSE].done_on, done_on)
    if course:
        errors.setdefault("done_on", []).append(course)
    stale = rules.file_age_error(done[Step.APPLICATION].done_on, done_on)
    if stale:
        errors.setdefault("done_on", []).append(stale)
    eligible = (
        MembershipPeriod.objects.of(candidate.organization, on=done_on)
        .filter(status=MemberStatus.OFFICIAL)
        .values("member_id")
        .distinct()
        .count()
    )
    vote = rules.vote_error(votes_for, eligible, done_on)
    if vote:
        errors.setdefault("votes_for", []).append(vote)
    if errors:
        raise ValidationError(errors)
    return eligible


def _official_state_on(member, on: dt.date) -> tuple[str, int] | None:
    """(status, organization id) of the member's official attachment on `on`, from the dated periods."""
    period = (
        MembershipPeriod.objects.filter(member=member, attachment=AttachmentKind.OFFICIAL, valid_from__lte=on)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=on))
        .first()
    )
    return (period.status, period.organization_id) if period else None


def _check_sponsors(candidate: Candidate, done_on: dt.date, sponsors, union_resolution: str) -> None:
    """The sponsors as they were on the introduction date (not today)."""
    dated = [(member, since, _official_state_on(member, done_on)) for member, since in sponsors or []]
    messages = rules.sponsor_errors(
        dated, organization_id=candidate.organization_id, on=done_on, union_resolution=union_resolution
    )
    if messages:
        raise ValidationError({"sponsors": messages})


def _check_ceremony(done_on: dt.date, decision: CandidateStep, late_approval: str) -> None:
    days = parameters.value(rules.CEREMONY_DAYS.key, on=decision.done_on)
    deadline = add_working_days(decision.done_on, days)
    if done_on > deadline and not late_approval.strip():
        raise ValidationError({"late_approval": [LATE_CEREMONY % {"days": days, "deadline": format_vn_date(deadline)}]})


@transaction.atomic
def candidate_advance(
    *,
    actor,
    candidate: Candidate,
    step: str,
    done_on: dt.date,
    document_number: str = "",
    issued_by: str = "",
    note: str = "",
    votes_for: int | None = None,
    sponsors: list | None = None,
    union_resolution: str = "",
    late_approval: str = "",
) -> CandidateStep:
    """Complete the next step of the pipeline; refuse a step out of order or one whose rule fails.

    At the ceremony the candidate becomes a probationary member through the lifecycle `admitted` event.
    """
    candidate = _lock(candidate, actor)
    done = {s.step: s for s in candidate.steps.all()}
    _check_order(candidate, step, done_on, done)
    if step in NEEDS_DOCUMENT and not document_number.strip():
        raise ValidationError({"document_number": [DOCUMENT_REQUIRED % {"step": Step(step).label}]})
    eligible = None
    if step == Step.COURSE:
        document_number = certificates.course_step(candidate.pk, done_on, document_number)
    elif step == Step.SPONSORS:
        _check_sponsors(candidate, done_on, sponsors, union_resolution)
    elif step == Step.CELL_RESOLUTION:
        eligible = _check_cell_resolution(candidate, done_on, done, votes_for)
    elif step == Step.CEREMONY:
        _check_ceremony(done_on, done[Step.DECISION], late_approval)
    record = CandidateStep(
        candidate=candidate,
        step=step,
        done_on=done_on,
        document_number=document_number.strip(),
        issued_by=issued_by,
        note=note,
        votes_for=votes_for if step == Step.CELL_RESOLUTION else None,
        votes_eligible=eligible,
        late_approval=late_approval.strip(),
        union_resolution=union_resolution.strip() if step == Step.SPONSORS else "",
        recorded_by=acting_user(actor),
    )
    _save(record, actor)
    if step == Step.SPONSORS:
        for member, since in sponsors:
            _save(Sponsor(candidate=candidate, member=member, known_since=since), actor)
    candidate.step = step
    if step == Step.CEREMONY:
        candidate.member = _admit(actor, candidate, done, done_on)
        candidate.status = CandidateStatus.ADMITTED
    _save(candidate, actor, str(Step(step).label))
    return record


def _admit(actor, candidate: Candidate, done: dict[str, CandidateStep], ceremony_on: dt.date):
    decision = done[Step.DECISION]
    person = {
        name: getattr(candidate, name)
        for name in ("ethnicity", "religion", "hometown", "address", "education_level", "qualification", "occupation")
    }
    try:
        return member_admit(
            actor=actor,
            organization=candidate.organization,
            full_name=candidate.full_name,
            gender=candidate.gender,
            birth_date=candidate.birth_date,
            national_id=candidate.national_id or None,
            decision_number=decision.document_number,
            decision_date=decision.done_on,
            issued_by=decision.issued_by,
            ceremony_date=ceremony_on,
            considered_on=done[Step.CELL_RESOLUTION].done_on,
            over_age_decision=candidate.over_age_decision,
            **person,
        )
    except ValidationError as exc:
        # The member's fields are the candidate's: report them under the same names, dates under done_on.
        raise ValidationError(
            {("done_on" if k == "ceremony_date" else k): v for k, v in exc.message_dict.items()}
        ) from exc


@transaction.atomic
def candidate_stop(*, actor, candidate: Candidate, reason: str) -> Candidate:
    """Stop following a candidate (moved away, no longer meets the standard…)."""
    candidate = _lock(candidate, actor)
    if not reason.strip():
        raise ValidationError({"reason": [_("Phải ghi lý do dừng xem xét.")]})
    candidate.status = CandidateStatus.STOPPED
    _save(candidate, actor, reason[:100])
    return candidate
