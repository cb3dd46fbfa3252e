from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from xaydungdang.access.querysets import ScopedQuerySet
from xaydungdang.meetings.choices import GuestKind, MeetingKind, MeetingState, Presence, QualityLevel


class MeetingQuerySet(ScopedQuerySet):
    def in_subtree(self, organization) -> "MeetingQuerySet":
        return self.filter(organization__path__startswith=organization.path)

    def held(self) -> "MeetingQuerySet":
        return self.filter(state=MeetingState.HELD)

    def not_cancelled(self) -> "MeetingQuerySet":
        return self.exclude(state=MeetingState.CANCELLED)


class Meeting(models.Model):
    """A party meeting (sinh hoạt chi bộ, sinh hoạt đảng bộ): planned, then held or cancelled.

    `period_start` is the first day of the month, quarter or half-year the meeting counts for (rules.py)."""

    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("tổ chức đảng"), on_delete=models.PROTECT, related_name="meetings"
    )
    kind = models.CharField(_("loại sinh hoạt"), max_length=20, choices=MeetingKind.choices)
    period_start = models.DateField(_("kỳ sinh hoạt (ngày đầu kỳ)"))
    topic = models.CharField(_("chuyên đề"), max_length=500, blank=True)
    planned_on = models.DateField(_("ngày dự kiến"))
    planned_time = models.TimeField(_("giờ bắt đầu"), null=True, blank=True)
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    online = models.BooleanField(_("sinh hoạt trực tuyến"), default=False)
    state = models.CharField(_("tình trạng"), max_length=20, choices=MeetingState.choices, default=MeetingState.PLANNED)
    held_on = models.DateField(_("ngày sinh hoạt"), null=True, blank=True)
    cancel_reason = models.TextField(_("lý do hủy"), blank=True)
    invited_at = models.DateTimeField(_("thời điểm gửi thông báo"), null=True, blank=True)

    scope_path = "organization__path"

    objects = MeetingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("buổi sinh hoạt")
        verbose_name_plural = _("buổi sinh hoạt")
        ordering = ["planned_on", "id"]
        indexes = [models.Index(fields=["organization", "kind", "period_start"], name="meeting_org_kind_period")]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "kind", "period_start"],
                condition=Q(kind__in=[MeetingKind.REGULAR, MeetingKind.COMMITTEE]) & ~Q(state=MeetingState.CANCELLED),
                name="unique_periodic_meeting",
                violation_error_message=_("Tổ chức này đã có buổi sinh hoạt thường kỳ của kỳ này."),
            ),
            models.CheckConstraint(
                condition=~Q(state=MeetingState.HELD) | Q(held_on__isnull=False),
                name="meeting_held_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.organization} {self.planned_on:%d/%m/%Y}"

    @property
    def day(self):
        """The day it was held, or is planned for."""
        return self.held_on or self.planned_on


class Attendance(models.Model):
    """One member's attendance at a meeting, with the reason for an absence."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("buổi sinh hoạt"), on_delete=models.CASCADE, related_name="attendance"
    )
    member = models.ForeignKey(
        "members.Member", verbose_name=_("đảng viên"), on_delete=models.PROTECT, related_name="meeting_attendance"
    )
    presence = models.CharField(_("tình hình dự"), max_length=20, choices=Presence.choices)
    reason = models.CharField(_("lý do"), max_length=255, blank=True)

    scope_path = "meeting__organization__path"
    scope_owner = "member__user"
    scope_personal = True

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("điểm danh")
        verbose_name_plural = _("điểm danh")
        ordering = ["meeting", "member__sort_name", "id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="unique_meeting_attendance")]

    def __str__(self) -> str:
        return f"{self.member}: {self.get_presence_display()}"


class Guest(models.Model):
    """A guest invited to the meeting: a committee member of the level above, the residence cell's
    secretary… recorded by name and post; `user` (when they have an account) receives the notice."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("buổi sinh hoạt"), on_delete=models.CASCADE, related_name="guests"
    )
    kind = models.CharField(_("loại khách mời"), max_length=20, choices=GuestKind.choices)
    full_name = models.CharField(_("họ và tên"), max_length=150)
    post = models.CharField(_("chức vụ"), max_length=255, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("tài khoản"), null=True, blank=True, on_delete=models.SET_NULL
    )
    email = models.EmailField(_("thư điện tử"), blank=True)
    present = models.BooleanField(_("có mặt"), default=False)

    scope_path = "meeting__organization__path"

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("khách mời")
        verbose_name_plural = _("khách mời")
        ordering = ["meeting", "id"]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.post})" if self.post else self.full_name


class Minutes(models.Model):
    """The minutes (biên bản) of a held meeting: one text per agenda item, in the guide's order."""

    meeting = models.OneToOneField(
        Meeting, verbose_name=_("buổi sinh hoạt"), on_delete=models.CASCADE, related_name="minutes"
    )
    started_at = models.TimeField(_("bắt đầu lúc"), null=True, blank=True)
    ended_at = models.TimeField(_("kết thúc lúc"), null=True, blank=True)
    chair = models.CharField(_("chủ trì"), max_length=150)
    secretary = models.CharField(_("thư ký"), max_length=150)
    sections = models.JSONField(_("nội dung theo chương trình"), default=dict, blank=True)
    conclusion = models.TextField(_("kết luận"), blank=True)

    scope_path = "meeting__organization__path"

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("biên bản")
        verbose_name_plural = _("biên bản")

    def __str__(self) -> str:
        return f"{_('Biên bản')} {self.meeting}"


class MeetingTask(models.Model):
    """A task the meeting concluded on, with its owner and due date; open tasks are carried to the
    organization's next meetings until done."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("buổi sinh hoạt"), on_delete=models.CASCADE, related_name="tasks"
    )
    title = models.CharField(_("nhiệm vụ"), max_length=500)
    owner = models.ForeignKey(
        "members.Member",
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    owner_name = models.CharField(_("người hoặc bộ phận thực hiện"), max_length=150, blank=True)
    due_on = models.DateField(_("hạn hoàn thành"), null=True, blank=True)
    done_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    result = models.TextField(_("kết quả"), blank=True)

    scope_path = "meeting__organization__path"
    # Its owner reads it (My space), also when the meeting was the grassroots committee's.
    scope_owner = "owner__user"

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["meeting", "due_on", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def owner_label(self) -> str:
        return self.owner.full_name if self.owner else self.owner_name


class MeetingAttachment(models.Model):
    """A file attached to the meeting (a report read out, a resolution, a photo of the signed minutes)."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("buổi sinh hoạt"), on_delete=models.CASCADE, related_name="attachments"
    )
    title = models.CharField(_("tên tài liệu"), max_length=255)
    file = models.FileField(_("tệp"), upload_to="meetings/%Y/%m/")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người tải lên"), null=True, on_delete=models.SET_NULL
    )
    uploaded_at = models.DateTimeField(_("thời điểm tải lên"), auto_now_add=True)

    scope_path = "meeting__organization__path"

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tài liệu kèm theo")
        verbose_name_plural = _("tài liệu kèm theo")
        ordering = ["meeting", "id"]

    def __str__(self) -> str:
        return self.title


class QualityCriterion(models.Model):
    """A criterion of the self-assessment of a meeting's quality, with its points and source; dated,
    so that a new guide replaces the criteria without rewriting past assessments."""

    code = models.CharField(_("mã"), max_length=30, unique=True)
    text = models.CharField(_("tiêu chí"), max_length=500)
    points = models.PositiveSmallIntegerField(_("điểm"))
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    source = models.CharField(_("căn cứ"), max_length=500)
    valid_from = models.DateField(_("áp dụng từ ngày"))
    valid_to = models.DateField(_("áp dụng đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("tiêu chí chất lượng sinh hoạt")
        verbose_name_plural = _("tiêu chí chất lượng sinh hoạt")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.text


class QualityAssessment(models.Model):
    """The cell's self-assessment of one meeting's quality (biểu tự đánh giá chất lượng sinh hoạt chi bộ)."""

    meeting = models.OneToOneField(
        Meeting, verbose_name=_("buổi sinh hoạt"), on_delete=models.CASCADE, related_name="assessment"
    )
    criteria_met = models.ManyToManyField(QualityCriterion, verbose_name=_("tiêu chí đạt"), blank=True)
    points = models.PositiveSmallIntegerField(_("tổng điểm"))
    level = models.CharField(_("mức chất lượng"), max_length=20, choices=QualityLevel.choices)
    assessed_on = models.DateField(_("ngày đánh giá"))
    note = models.TextField(_("ghi chú"), blank=True)

    scope_path = "meeting__organization__path"

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tự đánh giá chất lượng sinh hoạt")
        verbose_name_plural = _("tự đánh giá chất lượng sinh hoạt")

    def __str__(self) -> str:
        return f"{self.meeting}: {self.get_level_display()}"
