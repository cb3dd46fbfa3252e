from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from xaydungdang.access.querysets import ScopedQuerySet
from xaydungdang.members.choices import TheoryLevel
from xaydungdang.training.choices import Purpose, Result


class CourseKind(models.Model):
    """A kind of course, as data: the awareness course, the new-member programme, the theory levels, the
    committee refresher… (rules.md §2.2, §2.11). A kind with a theory level raises the member's level."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên loại lớp"), max_length=255)
    purpose = models.CharField(_("mục đích"), max_length=20, choices=Purpose.choices)
    theory_level = models.CharField(
        _("trình độ lý luận chính trị được công nhận"), max_length=20, choices=TheoryLevel.choices, blank=True
    )
    legal_basis = models.CharField(_("văn bản căn cứ"), max_length=255, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=100)
    active = models.BooleanField(_("đang dùng"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("loại lớp")
        verbose_name_plural = _("loại lớp")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class TrainingClass(models.Model):
    """A class (lớp) of one course kind, run for an organization's subtree by an organizer."""

    course_kind = models.ForeignKey(CourseKind, verbose_name=_("loại lớp"), on_delete=models.PROTECT)
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("tổ chức đảng mở lớp"),
        on_delete=models.PROTECT,
        related_name="training_classes",
    )
    name = models.CharField(_("tên lớp"), max_length=255)
    organizer = models.CharField(_("đơn vị tổ chức"), max_length=255, help_text=_("Ví dụ: Trung tâm chính trị"))
    starts_on = models.DateField(_("ngày khai giảng"))
    ends_on = models.DateField(_("ngày bế giảng"))
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    capacity = models.PositiveIntegerField(_("số học viên tối đa"))

    scope_path = "organization__path"

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lớp bồi dưỡng")
        verbose_name_plural = _("lớp bồi dưỡng")
        ordering = ["-starts_on", "name", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="training_class_dates"),
        ]

    def __str__(self) -> str:
        return self.name


class Enrollment(models.Model):
    """A trainee of a class: a candidate (awareness course) or a member, with the result."""

    training_class = models.ForeignKey(
        TrainingClass, verbose_name=_("lớp"), on_delete=models.CASCADE, related_name="enrollments"
    )
    member = models.ForeignKey(
        "members.Member", verbose_name=_("đảng viên"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    candidate = models.ForeignKey(
        "candidates.Candidate",
        verbose_name=_("quần chúng ưu tú"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("chi bộ của học viên"), on_delete=models.PROTECT, related_name="+"
    )
    full_name = models.CharField(_("họ và tên"), max_length=150)
    result = models.CharField(_("kết quả"), max_length=20, choices=Result.choices, default=Result.PENDING)
    score = models.DecimalField(_("điểm"), max_digits=4, decimal_places=2, null=True, blank=True)

    scope_path = "training_class__organization__path"
    # The trainee's own cell also sees its people's enrolment (read only); the trainee reads their own.
    scope_receiver = "organization__path"
    scope_owner = "member__user"

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("học viên")
        verbose_name_plural = _("học viên")
        ordering = ["training_class", "full_name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(member__isnull=True, candidate__isnull=False)
                | Q(member__isnull=False, candidate__isnull=True),
                name="enrollment_one_person",
            ),
            models.UniqueConstraint(fields=["training_class", "member"], name="unique_class_member"),
            models.UniqueConstraint(fields=["training_class", "candidate"], name="unique_class_candidate"),
        ]

    def __str__(self) -> str:
        return self.full_name


class ClassSession(models.Model):
    """One session (buổi học) of a class."""

    training_class = models.ForeignKey(
        TrainingClass, verbose_name=_("lớp"), on_delete=models.CASCADE, related_name="sessions"
    )
    held_on = models.DateField(_("ngày học"))
    topic = models.CharField(_("chuyên đề"), max_length=255)

    scope_path = "training_class__organization__path"

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("buổi học")
        verbose_name_plural = _("buổi học")
        ordering = ["training_class", "held_on", "id"]

    def __str__(self) -> str:
        return f"{self.held_on:%d/%m/%Y} {self.topic}"


class Attendance(models.Model):
    session = models.ForeignKey(
        ClassSession, verbose_name=_("buổi học"), on_delete=models.CASCADE, related_name="attendance"
    )
    enrollment = models.ForeignKey(
        Enrollment, verbose_name=_("học viên"), on_delete=models.CASCADE, related_name="attendance"
    )
    present = models.BooleanField(_("có mặt"), default=True)

    scope_path = "session__training_class__organization__path"

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("điểm danh")
        verbose_name_plural = _("điểm danh")
        constraints = [models.UniqueConstraint(fields=["session", "enrollment"], name="unique_attendance")]

    def __str__(self) -> str:
        return f"{self.enrollment} {self.session}"


class Certificate(models.Model):
    """A certificate (giấy chứng nhận) or diploma of a course kind held by a member or a candidate: from a class
    here, or recorded from the paper file (no enrollment). `equivalent` marks a giấy xác nhận tương đương."""

    course_kind = models.ForeignKey(CourseKind, verbose_name=_("loại lớp"), on_delete=models.PROTECT)
    enrollment = models.OneToOneField(
        Enrollment,
        verbose_name=_("học viên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificate",
    )
    member = models.ForeignKey(
        "members.Member", verbose_name=_("đảng viên"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    candidate = models.ForeignKey(
        "candidates.Candidate",
        verbose_name=_("quần chúng ưu tú"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("chi bộ"), on_delete=models.PROTECT, related_name="+"
    )
    number = models.CharField(_("số giấy chứng nhận"), max_length=100)
    issued_on = models.DateField(_("ngày cấp"))
    issued_by = models.CharField(_("nơi cấp"), max_length=255)
    equivalent = models.BooleanField(_("giấy xác nhận tương đương"), default=False)

    scope_path = "organization__path"
    scope_owner = "member__user"
    scope_personal = True

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("giấy chứng nhận")
        verbose_name_plural = _("giấy chứng nhận")
        ordering = ["-issued_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(member__isnull=True, candidate__isnull=False)
                | Q(member__isnull=False, candidate__isnull=True),
                name="certificate_one_person",
            ),
            models.UniqueConstraint(fields=["issued_by", "number"], name="unique_certificate_number"),
        ]
        indexes = [models.Index(fields=["course_kind", "member"], name="certificate_kind_member")]

    def __str__(self) -> str:
        return f"{self.number} ({self.issued_on:%d/%m/%Y})"


class TrainingPlan(models.Model):
    """A yearly plan (kế hoạch) of an organization: how many to train in a course kind."""

    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("tổ chức đảng"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    course_kind = models.ForeignKey(CourseKind, verbose_name=_("loại lớp"), on_delete=models.PROTECT)
    planned_classes = models.PositiveIntegerField(_("số lớp dự kiến"), default=0)
    planned_trainees = models.PositiveIntegerField(_("số học viên dự kiến"))
    note = models.TextField(_("ghi chú"), blank=True)

    scope_path = "organization__path"

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kế hoạch bồi dưỡng")
        verbose_name_plural = _("kế hoạch bồi dưỡng")
        ordering = ["-year", "course_kind__order"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year", "course_kind"], name="unique_training_plan")
        ]

    def __str__(self) -> str:
        return f"{self.course_kind} {self.year}"
