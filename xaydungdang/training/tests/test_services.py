"""Training rules with acceptances and refusals, and the links into the admission pipeline and recognition."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from xaydungdang.access.policy import OutOfScope
from xaydungdang.candidates import services as candidate_services
from xaydungdang.candidates.choices import Step
from xaydungdang.core.dates import add_months, today
from xaydungdang.core.models import RuleSetting
from xaydungdang.members import certificates
from xaydungdang.members.choices import EventKind, TheoryLevel
from xaydungdang.members.lifecycle import services as lifecycle
from xaydungdang.members.lifecycle.rules import probation_end
from xaydungdang.members.lifecycle.testing import admit
from xaydungdang.members.models import Member
from xaydungdang.training import services as svc
from xaydungdang.training.choices import Result
from xaydungdang.training.models import Attendance, Certificate

pytestmark = pytest.mark.django_db
D = dt.date


def messages(exc: pytest.ExceptionInfo, field: str) -> str:
    return " ".join(exc.value.message_dict[field])


def test_class_dates_and_scope(tree, users, kinds):
    with pytest.raises(ValidationError) as exc:
        svc.class_create(
            actor=users.officer, organization=tree.commune_a, course_kind=kinds.so_cap, name="Lớp sơ cấp",
            organizer="Trung tâm", starts_on=D(2024, 3, 10), ends_on=D(2024, 3, 1), capacity=30,
        )  # fmt: skip
    assert "Ngày bế giảng không được trước ngày khai giảng." in messages(exc, "ends_on")
    with pytest.raises(OutOfScope):
        svc.class_create(
            actor=users.outsider, organization=tree.commune_a, course_kind=kinds.so_cap, name="Lớp sơ cấp",
            organizer="Trung tâm", starts_on=D(2024, 3, 1), ends_on=D(2024, 3, 10), capacity=30,
        )  # fmt: skip


def test_enrolment_rules(users, members, candidate, awareness_class, tree):
    enrollment = svc.enrollment_create(actor=users.officer, training_class=awareness_class, candidate=candidate)
    assert enrollment.organization == tree.cell_1 and enrollment.full_name == "Huỳnh Thị Ngọc"
    assert enrollment.history.first().history_user == users.officer
    with pytest.raises(ValidationError) as exc:
        svc.enrollment_create(actor=users.officer, training_class=awareness_class, candidate=candidate)
    assert "đã có trong danh sách lớp" in messages(exc, "candidate")
    with pytest.raises(ValidationError) as exc:
        svc.enrollment_create(actor=users.officer, training_class=awareness_class, member=members.hung)
    assert "Lớp bồi dưỡng nhận thức về Đảng dành cho quần chúng ưu tú." in messages(exc, "member")
    outside = candidate_services.candidate_create(
        actor=users.officer, organization=tree.village_b, recorded_on=D(2024, 1, 5), full_name="Võ Văn Tâm",
        gender="male", birth_date=D(2001, 1, 1), education_level="upper_secondary",
    )  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        svc.enrollment_create(actor=users.officer, training_class=awareness_class, candidate=outside)
    assert "không sinh hoạt trong tổ chức đảng mở lớp" in messages(exc, "candidate")
    with pytest.raises(OutOfScope):  # the secretary of Chi bộ 1 cannot change a commune's class
        svc.enrollment_create(actor=users.secretary, training_class=awareness_class, candidate=candidate)


def test_capacity_and_new_member_course_is_for_probationary(users, members, kinds, tree):
    training_class = svc.class_create(
        actor=users.officer, organization=tree.school, course_kind=kinds.dang_vien_moi, name="Lớp đảng viên mới",
        organizer="Đảng ủy", starts_on=D(2024, 3, 1), ends_on=D(2024, 3, 8), capacity=1,
    )  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        svc.enrollment_create(actor=users.officer, training_class=training_class, member=members.hung)
    assert "không phải đảng viên dự bị" in messages(exc, "member")
    first = admit(users.officer, tree.cell_1, ceremony=add_months(today(), -3))
    second = admit(users.officer, tree.cell_2, ceremony=add_months(today(), -2))
    svc.enrollment_create(actor=users.officer, training_class=training_class, member=first)
    with pytest.raises(ValidationError) as exc:
        svc.enrollment_create(actor=users.officer, training_class=training_class, member=second)
    assert "Lớp đã đủ 1 học viên." in messages(exc, "member")


def test_sessions_attendance_results_certificates(users, candidate, awareness_class):
    enrollment = svc.enrollment_create(actor=users.officer, training_class=awareness_class, candidate=candidate)
    with pytest.raises(ValidationError) as exc:
        svc.session_create(actor=users.officer, training_class=awareness_class, held_on=D(2024, 2, 9), topic="Bài 1")
    assert "Ngày học phải trong thời gian của lớp (01/02/2024 – 05/02/2024)." in messages(exc, "held_on")
    session = svc.session_create(
        actor=users.officer, training_class=awareness_class, held_on=D(2024, 2, 1), topic="Bài 1"
    )
    svc.attendance_record(actor=users.officer, session=session, present=set())
    assert Attendance.objects.get(session=session, enrollment=enrollment).present is False
    svc.attendance_record(actor=users.officer, session=session, present={enrollment.pk})
    assert Attendance.objects.get(session=session, enrollment=enrollment).present is True

    with pytest.raises(ValidationError) as exc:
        svc.result_record(
            actor=users.officer, enrollment=enrollment, result=Result.FAILED, certificate_number="12",
            certificate_date=D(2024, 2, 6),
        )  # fmt: skip
    assert "Chỉ cấp giấy chứng nhận cho học viên hoàn thành khóa học." in messages(exc, "certificate_number")
    with pytest.raises(ValidationError) as exc:
        svc.result_record(
            actor=users.officer, enrollment=enrollment, result=Result.PASSED, certificate_number="12",
            certificate_date=D(2024, 2, 4),
        )  # fmt: skip
    assert "không được trước ngày bế giảng (05/02/2024)" in messages(exc, "certificate_date")
    svc.result_record(
        actor=users.officer, enrollment=enrollment, result=Result.PASSED, certificate_number="12",
        certificate_date=D(2024, 2, 6),
    )  # fmt: skip
    certificate = Certificate.objects.get(enrollment=enrollment)
    assert (certificate.number, certificate.issued_on, certificate.candidate) == ("12", D(2024, 2, 6), candidate)
    assert certificate.issued_by == "Trung tâm chính trị phường Ninh Kiều"
    # Recording the same result again changes nothing (an import is idempotent through this).
    svc.result_record(
        actor=users.officer, enrollment=enrollment, result=Result.PASSED, certificate_number="12",
        certificate_date=D(2024, 2, 6),
    )  # fmt: skip
    assert certificate.history.count() == 1


def test_certificate_number_unique_per_issuer(users, members, kinds):
    svc.certificate_record(
        actor=users.officer, course_kind=kinds.so_cap, member=members.hung, number="SC-1",
        issued_on=D(2019, 5, 1), issued_by="Trung tâm chính trị",
    )  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        svc.certificate_record(
            actor=users.officer, course_kind=kinds.so_cap, member=members.lan, number="SC-1",
            issued_on=D(2019, 5, 1), issued_by="Trung tâm chính trị",
        )  # fmt: skip
    assert "Số giấy chứng nhận SC-1 của Trung tâm chính trị đã được cấp cho người khác." in messages(exc, "number")


def test_course_step_reads_the_certificate(users, candidate, awareness_class):
    enrollment = svc.enrollment_create(actor=users.officer, training_class=awareness_class, candidate=candidate)
    svc.result_record(
        actor=users.officer, enrollment=enrollment, result=Result.PASSED, certificate_number="GCN 7/2024",
        certificate_date=D(2024, 2, 6),
    )  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        candidate_services.candidate_advance(
            actor=users.secretary, candidate=candidate, step=Step.COURSE, done_on=D(2024, 2, 7)
        )
    assert "phải là ngày cấp giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng số GCN 7/2024 (06/02/2024)" in messages(
        exc, "done_on"
    )
    step = candidate_services.candidate_advance(
        actor=users.secretary, candidate=candidate, step=Step.COURSE, done_on=D(2024, 2, 6)
    )
    assert step.document_number == "GCN 7/2024"


def _recognize(users, member):
    end = probation_end(member.admission_date)
    return lifecycle.member_recognize_official(
        actor=users.officer, member=member, decision_number="9-QĐ/CNCT", decision_date=end + dt.timedelta(days=3)
    )


def test_recognition_warns_by_default_and_refuses_when_the_setting_says_so(users, tree, kinds):
    ceremony = add_months(today(), -13)
    warned = admit(users.officer, tree.cell_1, ceremony=ceremony)
    assert certificates.recognition_warnings(warned.pk) == [str(certificates.NO_NEW_MEMBER_COURSE)]
    assert _recognize(users, warned).status == "official"  # warn: recorded anyway

    RuleSetting.objects.create(
        key="training.new_member_course_at_recognition", value="refuse", legal_basis="Quy định địa phương",
        valid_from=D(2020, 1, 1),
    )  # fmt: skip
    refused = admit(users.officer, tree.cell_1, ceremony=ceremony)
    with pytest.raises(ValidationError) as exc:
        _recognize(users, refused)
    assert "chưa có giấy chứng nhận học chương trình lý luận chính trị dành cho đảng viên mới" in messages(
        exc, "decision_number"
    )
    assert Member.objects.get(pk=refused.pk).status == "probationary"
    svc.certificate_record(
        actor=users.officer, course_kind=kinds.dang_vien_moi, member=refused, number="ĐVM-3",
        issued_on=add_months(ceremony, 2), issued_by="Đảng ủy phường",
    )  # fmt: skip
    assert certificates.recognition_warnings(refused.pk) == []
    assert _recognize(users, refused).status == "official"


def test_theory_level_is_the_highest_certificate_that_counts(users, members, kinds):
    hung = members.hung
    assert hung.theory_level in ("", TheoryLevel.NONE)
    svc.certificate_record(
        actor=users.officer, course_kind=kinds.trung_cap, member=hung, number="TC-1",
        issued_on=D(2018, 6, 1), issued_by="Trường Chính trị tỉnh",
    )  # fmt: skip
    hung.refresh_from_db()
    assert hung.theory_level == TheoryLevel.INTERMEDIATE
    assert hung.events.filter(kind=EventKind.DATA_CORRECTED).count() == 1
    # A lower level later does not lower it; an equivalence paper after 9/7/2021 does not count.
    svc.certificate_record(
        actor=users.officer, course_kind=kinds.so_cap, member=hung, number="SC-9",
        issued_on=D(2019, 6, 1), issued_by="Trung tâm chính trị",
    )  # fmt: skip
    svc.certificate_record(
        actor=users.officer, course_kind=kinds.cao_cap, member=hung, number="XN-2",
        issued_on=D(2021, 7, 9), issued_by="Học viện Chính trị", equivalent=True,
    )  # fmt: skip
    hung.refresh_from_db()
    assert hung.theory_level == TheoryLevel.INTERMEDIATE
    # One issued before 9/7/2021 counts as equivalent.
    svc.certificate_record(
        actor=users.officer, course_kind=kinds.cao_cap, member=members.lan, number="XN-1",
        issued_on=D(2021, 7, 8), issued_by="Học viện Chính trị", equivalent=True,
    )  # fmt: skip
    members.lan.refresh_from_db()
    assert members.lan.theory_level == TheoryLevel.ADVANCED


def test_plan_is_one_row_per_organization_year_kind(users, tree, kinds):
    svc.plan_save(
        actor=users.officer, organization=tree.commune_a, year=2024, course_kind=kinds.so_cap, planned_trainees=40
    )
    plan = svc.plan_save(
        actor=users.officer, organization=tree.commune_a, year=2024, course_kind=kinds.so_cap, planned_trainees=60
    )
    assert plan.planned_trainees == 60 and plan.history.count() == 2
    with pytest.raises(ValidationError):
        svc.plan_save(
            actor=users.officer, organization=tree.commune_a, year=1990, course_kind=kinds.so_cap, planned_trainees=1
        )
