"""The training demo on a small province: two years of classes with trainees, sessions, attendance, results
and certificates, and the due-work sections showing the candidate and the probationary member left out."""

from io import StringIO

import pytest
from django.core.management import call_command

from xaydungdang.access.policy import SYSTEM
from xaydungdang.candidates import demo as candidates_demo
from xaydungdang.core.dates import today
from xaydungdang.demo.management.commands import seed_demo
from xaydungdang.duework.registry import items_of
from xaydungdang.organizations.models import Organization
from xaydungdang.training import demo
from xaydungdang.training.choices import Purpose, Result
from xaydungdang.training.models import Attendance, Certificate, ClassSession, Enrollment, TrainingClass, TrainingPlan

pytestmark = pytest.mark.django_db


def test_two_years_of_classes_with_results_certificates_and_due_items(monkeypatch):
    modules = [("candidates", candidates_demo), ("training", demo)]
    monkeypatch.setattr(seed_demo, "app_demo_modules", lambda: iter(modules))
    out = StringIO()
    call_command("seed_demo", members=2000, seed=7, stdout=out, verbosity=0)
    assert "lỗi" not in out.getvalue() and "bồi dưỡng:" in out.getvalue()

    year = today().year
    assert {c.starts_on.year for c in TrainingClass.objects.all()} >= {year - 1, year}
    purposes = set(TrainingClass.objects.values_list("course_kind__purpose", flat=True))
    assert purposes == {Purpose.AWARENESS, Purpose.NEW_MEMBER, Purpose.THEORY}
    assert set(TrainingClass.objects.values_list("course_kind__code", flat=True)) >= {"so-cap", "trung-cap"}
    assert Enrollment.objects.filter(candidate__isnull=False).exists()
    assert Enrollment.objects.filter(member__status="probationary").exists()
    assert set(Enrollment.objects.values_list("result", flat=True)) >= {Result.PASSED, Result.PENDING}
    assert ClassSession.objects.count() >= 10
    assert Attendance.objects.filter(present=True).exists() and Attendance.objects.filter(present=False).exists()
    assert Certificate.objects.filter(enrollment__isnull=False, course_kind__purpose=Purpose.AWARENESS).exists()
    assert Certificate.objects.filter(enrollment__isnull=False, course_kind__purpose=Purpose.NEW_MEMBER).exists()
    assert Certificate.objects.filter(enrollment__isnull=True, equivalent=True).exists()
    assert TrainingPlan.objects.filter(year=year - 1).exists() and TrainingPlan.objects.filter(year=year).exists()
    # A certificate of a theory course raised the member's recorded level.
    certified = Certificate.objects.filter(enrollment__isnull=False, course_kind__code="trung-cap").first()
    assert certified.member.theory_level == "intermediate"

    root = Organization.objects.get(depth=1)
    assert items_of("training_awareness", organization=root, on=today(), user=SYSTEM).total >= 1
    assert items_of("training_new_member", organization=root, on=today(), user=SYSTEM).total >= 1
