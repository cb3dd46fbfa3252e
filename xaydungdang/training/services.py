"""Writes of training: classes, enrolment, sessions and attendance, results, certificates, plans.

Every write takes the acting user first, checks scope through the policy and saves with history. A
certificate of a theory course raises the member's political-theory level through `members.services`, so the
registry, its history and the report rollups stay the single owner of that fact.
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xaydungdang.access.choices import Action
from xaydungdang.access.policy import policy_for
from xaydungdang.core.dates import today
from xaydungdang.core.history import save_with_history
from xaydungdang.members.choices import TheoryLevel
from xaydungdang.members.models import Member
from xaydungdang.members.services import member_update
from xaydungdang.training import rules
from xaydungdang.training.choices import Result
from xaydungdang.training.models import (
    Attendance,
    Certificate,
    ClassSession,
    CourseKind,
    Enrollment,
    TrainingClass,
    TrainingPlan,
)

ALREADY_ENROLLED = gettext_lazy("%(name)s đã có trong danh sách lớp.")
DUPLICATE_NUMBER = gettext_lazy("Số giấy chứng nhận %(number)s của %(issuer)s đã được cấp cho người khác.")
ONE_PERSON = gettext_lazy("Phải chọn một đảng viên hoặc một quần chúng ưu tú.")
THEORY_REASON = gettext_lazy("Trình độ lý luận chính trị theo giấy chứng nhận số %(number)s")


def _fail(field: str, message) -> ValidationError:
    return ValidationError({field: [message]})


def _validated(obj, *, exclude=()) -> None:
    obj.full_clean(exclude=list(exclude))


@transaction.atomic
def class_create(
    *,
    actor,
    organization,
    course_kind: CourseKind,
    name: str,
    organizer: str,
    starts_on: dt.date,
    ends_on: dt.date,
    capacity: int,
    place: str = "",
) -> TrainingClass:
    """Open a class of `course_kind` for `organization`'s subtree."""
    policy_for(actor).require_in_organization(Action.CHANGE, organization)
    training_class = TrainingClass(
        organization=organization,
        course_kind=course_kind,
        name=name.strip(),
        organizer=organizer.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        capacity=capacity,
        place=place.strip(),
    )
    errors: dict[str, list] = {}
    try:
        _validated(training_class)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if starts_on and ends_on and rules.class_dates_error(starts_on, ends_on):
        errors.setdefault("ends_on", []).append(rules.CLASS_DATES)
    if capacity is not None and capacity < 1:
        errors.setdefault("capacity", []).append(_("Số học viên tối đa phải lớn hơn 0."))
    if errors:
        raise ValidationError(errors)
    return save_with_history(training_class, actor=actor, reason=_("Mở lớp"))


def _lock_class(training_class: TrainingClass, actor) -> TrainingClass:
    training_class = (
        TrainingClass.objects.select_for_update()
        .select_related("organization", "course_kind")
        .get(pk=training_class.pk)
    )
    policy_for(actor).require_in_organization(Action.CHANGE, training_class.organization)
    return training_class


@transaction.atomic
def enrollment_create(*, actor, training_class: TrainingClass, member=None, candidate=None) -> Enrollment:
    """Enrol a member or a candidate of the class organization's subtree whom the actor may change."""
    training_class = _lock_class(training_class, actor)
    person = member or candidate
    if (member is None) == (candidate is None):
        raise _fail("member", ONE_PERSON)
    field = "member" if member is not None else "candidate"
    policy_for(actor).require(Action.CHANGE, person)
    kind = training_class.course_kind
    errors = rules.enrol_errors(
        purpose=kind.purpose,
        kind_name=kind.name,
        name=str(person),
        member_status=member.status if member is not None else None,
        candidate_status=candidate.status if candidate is not None else None,
    )
    organization = person.organization
    if organization is None or not organization.path.startswith(training_class.organization.path):
        errors.append(rules.NOT_IN_SUBTREE % {"name": person, "organization": training_class.organization})
    if Enrollment.objects.filter(training_class=training_class, **{field: person}).exists():
        errors.append(ALREADY_ENROLLED % {"name": person})
    elif training_class.enrollments.count() >= training_class.capacity:
        errors.append(rules.FULL % {"capacity": training_class.capacity})
    if errors:
        raise ValidationError({field: errors})
    enrollment = Enrollment(
        training_class=training_class,
        member=member,
        candidate=candidate,
        organization=organization,
        full_name=person.full_name,
    )
    return save_with_history(enrollment, actor=actor, reason=_("Ghi danh học viên"))


@transaction.atomic
def session_create(*, actor, training_class: TrainingClass, held_on: dt.date, topic: str) -> ClassSession:
    training_class = _lock_class(training_class, actor)
    error = rules.session_error(held_on, training_class.starts_on, training_class.ends_on)
    if error:
        raise _fail("held_on", error)
    if not topic.strip():
        raise _fail("topic", _("Phải ghi chuyên đề của buổi học."))
    session = ClassSession(training_class=training_class, held_on=held_on, topic=topic.strip())
    return save_with_history(session, actor=actor, reason=_("Ghi buổi học"))


@transaction.atomic
def attendance_record(*, actor, session: ClassSession, present: set[int]) -> list[Attendance]:
    """Mark who was present at a session (enrollment ids in `present`); everyone else enrolled was absent."""
    training_class = _lock_class(session.training_class, actor)
    rows = []
    for enrollment in training_class.enrollments.all():
        row = Attendance.objects.filter(session=session, enrollment=enrollment).first() or Attendance(
            session=session, enrollment=enrollment
        )
        if row.pk is None or row.present != (enrollment.pk in present):
            row.present = enrollment.pk in present
            save_with_history(row, actor=actor, reason=_("Điểm danh"))
        rows.append(row)
    return rows


@transaction.atomic
def result_record(
    *,
    actor,
    enrollment: Enrollment,
    result: str,
    score: Decimal | None = None,
    certificate_number: str = "",
    certificate_date: dt.date | None = None,
    issued_by: str = "",
) -> Enrollment:
    """Record a trainee's result and, for one who passed, the certificate (number, date)."""
    enrollment = Enrollment.objects.select_for_update().select_related("training_class").get(pk=enrollment.pk)
    training_class = _lock_class(enrollment.training_class, actor)
    if result not in Result.values:
        raise _fail("result", _("Kết quả không hợp lệ."))
    if score is not None and not (0 <= score <= 10):
        raise _fail("score", _("Điểm phải từ 0 đến 10."))
    number = certificate_number.strip()
    if (number or certificate_date) and result != Result.PASSED:
        raise _fail("certificate_number", rules.CERTIFICATE_NEEDS_PASS)
    existing = Certificate.objects.filter(enrollment=enrollment).first()
    if existing and result != Result.PASSED:
        raise _fail("result", _("Học viên đã được cấp giấy chứng nhận số %(number)s.") % {"number": existing.number})
    changed = enrollment.result != result or enrollment.score != score
    enrollment.result, enrollment.score = result, score
    if changed:
        save_with_history(enrollment, actor=actor, reason=_("Ghi kết quả học tập"))
    if number or certificate_date:
        _issue(
            actor,
            enrollment=enrollment,
            kind=training_class.course_kind,
            number=number,
            issued_on=certificate_date,
            issued_by=issued_by.strip() or training_class.organizer,
            class_end=training_class.ends_on,
            existing=existing,
        )
    return enrollment


def _issue(actor, *, enrollment, kind, number, issued_on, issued_by, class_end, existing) -> Certificate:
    errors: dict[str, list] = {}
    if not number:
        errors["certificate_number"] = [rules.NUMBER_REQUIRED]
    if issued_on is None:
        errors["certificate_date"] = [_("Phải ghi ngày cấp giấy chứng nhận.")]
    else:
        dates = rules.certificate_date_errors(issued_on, class_end=class_end, today=today())
        if dates:
            errors["certificate_date"] = dates
    if errors:
        raise ValidationError(errors)
    certificate = existing or Certificate(enrollment=enrollment)
    certificate.course_kind = kind
    certificate.member_id, certificate.candidate_id = enrollment.member_id, enrollment.candidate_id
    certificate.organization_id = enrollment.organization_id
    if (certificate.number, certificate.issued_on, certificate.issued_by) == (number, issued_on, issued_by):
        return certificate
    certificate.number, certificate.issued_on, certificate.issued_by = number, issued_on, issued_by
    return _save_certificate(actor, certificate)


def _save_certificate(actor, certificate: Certificate) -> Certificate:
    clash = Certificate.objects.filter(issued_by=certificate.issued_by, number=certificate.number)
    if clash.exclude(pk=certificate.pk).exists():
        raise _fail(
            "certificate_number", DUPLICATE_NUMBER % {"number": certificate.number, "issuer": certificate.issued_by}
        )
    try:
        with transaction.atomic():
            save_with_history(certificate, actor=actor, reason=_("Cấp giấy chứng nhận"))
    except IntegrityError as exc:
        raise _fail("certificate_number", DUPLICATE_NUMBER % {"number": certificate.number, "issuer": ""}) from exc
    if certificate.member_id:
        member_apply_theory_level(actor=actor, member=Member.objects.get(pk=certificate.member_id))
    return certificate


@transaction.atomic
def certificate_record(
    *,
    actor,
    course_kind: CourseKind,
    number: str,
    issued_on: dt.date,
    issued_by: str,
    member=None,
    candidate=None,
    equivalent: bool = False,
) -> Certificate:
    """Record a certificate held on paper (a course taken before the system, or elsewhere)."""
    if (member is None) == (candidate is None):
        raise _fail("member", ONE_PERSON)
    person = member or candidate
    policy_for(actor).require(Action.CHANGE, person)
    errors: dict[str, list] = {}
    if not number.strip():
        errors["number"] = [rules.NUMBER_REQUIRED]
    if not issued_by.strip():
        errors["issued_by"] = [_("Phải ghi nơi cấp.")]
    dates = rules.certificate_date_errors(issued_on, class_end=None, today=today())
    if dates:
        errors["issued_on"] = dates
    if errors:
        raise ValidationError(errors)
    certificate = Certificate(
        course_kind=course_kind,
        member=member,
        candidate=candidate,
        organization=person.organization,
        number=number.strip(),
        issued_on=issued_on,
        issued_by=issued_by.strip(),
        equivalent=equivalent,
    )
    try:
        return _save_certificate(actor, certificate)
    except ValidationError as exc:
        raise ValidationError({"number": exc.message_dict["certificate_number"]}) from exc


def derived_theory_level(member: Member) -> str:
    """The member's level from their certificates that count, and the recorded level: the highest."""
    until = rules.equivalent_until()
    levels = [member.theory_level or TheoryLevel.NONE]
    rows = Certificate.objects.filter(member=member).exclude(course_kind__theory_level="")
    for level, equivalent, issued_on in rows.values_list("course_kind__theory_level", "equivalent", "issued_on"):
        if rules.certificate_counts(equivalent=equivalent, issued_on=issued_on, until=until):
            levels.append(level)
    return rules.highest_theory_level(levels)


def member_apply_theory_level(*, actor, member: Member) -> Member:
    """Raise the member's recorded level to the highest certificate (never lowers a recorded level)."""
    level = derived_theory_level(member)
    if level == member.theory_level:
        return member
    latest = Certificate.objects.filter(member=member, course_kind__theory_level=level).order_by("-issued_on").first()
    reason = THEORY_REASON % {"number": latest.number if latest else ""}
    return member_update(actor=actor, member=member, reason=str(reason), theory_level=level)


@transaction.atomic
def plan_save(
    *,
    actor,
    organization,
    year: int,
    course_kind: CourseKind,
    planned_trainees: int,
    planned_classes: int = 0,
    note: str = "",
) -> TrainingPlan:
    """Set the yearly plan of an organization for a course kind (one row per organization, year, kind)."""
    policy_for(actor).require_in_organization(Action.CHANGE, organization)
    if not 2000 <= year <= today().year + 5:
        raise _fail("year", _("Năm kế hoạch không hợp lệ."))
    plan = TrainingPlan.objects.filter(organization=organization, year=year, course_kind=course_kind).first()
    plan = plan or TrainingPlan(organization=organization, year=year, course_kind=course_kind)
    plan.planned_trainees, plan.planned_classes, plan.note = planned_trainees, planned_classes, note
    return save_with_history(plan, actor=actor, reason=_("Kế hoạch bồi dưỡng"))
