"""Reads of training: classes and trainees in scope, the two missing-course lists, the statistics of a subtree."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from xaydungdang.candidates.choices import CandidateStatus
from xaydungdang.candidates.models import Candidate
from xaydungdang.members.choices import MemberStatus
from xaydungdang.members.models import Member
from xaydungdang.training.choices import Purpose, Result
from xaydungdang.training.models import Certificate, CourseKind, Enrollment, TrainingClass, TrainingPlan


def classes_of(organization, user) -> QuerySet:
    """Classes opened by the organization, its subtree and its ancestors (a provincial class serves a cell)."""
    ancestors = [
        organization.path[:n] for n in range(organization.steplen, len(organization.path) + 1, organization.steplen)
    ]
    return (
        TrainingClass.objects.visible_to(user)
        .filter(Q(organization__path__startswith=organization.path) | Q(organization__path__in=ancestors))
        .select_related("organization", "course_kind")
        .annotate(trainees=Count("enrollments"))
        .order_by("-starts_on", "name", "id")
    )


def candidates_without_awareness(organization, user) -> QuerySet:
    """Candidates in progress in the subtree without an awareness-course certificate."""
    held = Certificate.objects.filter(candidate=OuterRef("pk"), course_kind__purpose=Purpose.AWARENESS)
    return (
        Candidate.objects.visible_to(user)
        .filter(organization__path__startswith=organization.path, status=CandidateStatus.IN_PROGRESS)
        .filter(~Exists(held))
        .select_related("organization")
        .order_by("organization__path", "full_name", "id")
    )


def probationary_without_new_member_course(organization, user) -> QuerySet:
    """Probationary members in the subtree without the new-member course certificate."""
    held = Certificate.objects.filter(member=OuterRef("pk"), course_kind__purpose=Purpose.NEW_MEMBER)
    return (
        Member.objects.visible_to(user)
        .filter(organization__path__startswith=organization.path, status=MemberStatus.PROBATIONARY)
        .filter(~Exists(held))
        .select_related("organization")
        .order_by("admission_date", "full_name", "id")
    )


@dataclass
class KindFigures:
    kind: CourseKind
    planned: int
    trainees: int
    passed: int
    certificates: int

    @property
    def completion(self) -> float | None:
        return round(100 * self.passed / self.trainees, 1) if self.trainees else None


@dataclass
class TrainingStats:
    organization: object
    year: int
    rows: list[KindFigures]
    candidates_missing: int
    probationary_missing: int

    @property
    def totals(self) -> KindFigures:
        return KindFigures(
            kind=None,  # type: ignore[arg-type]
            planned=sum(r.planned for r in self.rows),
            trainees=sum(r.trainees for r in self.rows),
            passed=sum(r.passed for r in self.rows),
            certificates=sum(r.certificates for r in self.rows),
        )


def training_stats(organization, user, year: int) -> TrainingStats:
    """Trainees of the subtree (by the trainee's cell) in classes starting in `year`, by course kind; the plan
    of the organization itself; and the two missing-course lists as they stand today."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    trainees = Enrollment.objects.filter(
        organization__path__startswith=organization.path,
        training_class__starts_on__range=(start, end),
    )
    by_kind = {
        row["training_class__course_kind"]: row
        for row in trainees.values("training_class__course_kind").annotate(
            n=Count("id"),
            passed=Count("id", filter=Q(result=Result.PASSED)),
            certified=Count("certificate"),
        )
    }
    plans = dict(
        TrainingPlan.objects.filter(organization=organization, year=year).values_list("course_kind", "planned_trainees")
    )
    rows = []
    for kind in CourseKind.objects.filter(active=True):
        row = by_kind.get(kind.pk, {})
        rows.append(
            KindFigures(kind, plans.get(kind.pk, 0), row.get("n", 0), row.get("passed", 0), row.get("certified", 0))
        )
    return TrainingStats(
        organization=organization,
        year=year,
        rows=rows,
        candidates_missing=candidates_without_awareness(organization, user).count(),
        probationary_missing=probationary_without_new_member_course(organization, user).count(),
    )


def member_training(member: Member, user) -> tuple[QuerySet, QuerySet]:
    """A member's classes (with results) and certificates, as `user` sees them (the member: their own)."""
    enrollments = (
        Enrollment.objects.visible_to(user)
        .filter(member=member)
        .select_related("training_class__course_kind")
        .order_by("-training_class__starts_on", "-id")
    )
    certificates = (
        Certificate.objects.visible_to(user).filter(member=member).select_related("course_kind").order_by("-issued_on")
    )
    return enrollments, certificates
