from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from xaydungdang.access.querysets import ScopedQuerySet
from xaydungdang.candidates.choices import CandidateStatus, ExceptionArea, Step
from xaydungdang.members.choices import EducationLevel
from xaydungdang.members.identity import PersonIdentity


class Candidate(PersonIdentity):
    """A candidate for admission (quần chúng ưu tú, đối tượng kết nạp) followed by a cell through the pipeline."""

    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("chi bộ"), on_delete=models.PROTECT, related_name="candidates"
    )
    # Identity: PersonIdentity's, general education required (the admission rules read it).
    education_level = models.CharField(_("giáo dục phổ thông"), max_length=20, choices=EducationLevel.choices)
    education_exception_area = models.CharField(
        _("vùng được áp dụng ngoại lệ về trình độ học vấn"), max_length=20, choices=ExceptionArea.choices, blank=True
    )
    over_age_decision = models.CharField(
        _("quyết định của Ban Thường vụ tỉnh ủy, thành ủy cho kết nạp người trên 60 tuổi"), max_length=100, blank=True
    )
    step = models.CharField(_("bước hiện tại"), max_length=30, choices=Step.choices, default=Step.RECORDED)
    status = models.CharField(
        _("tình trạng"), max_length=20, choices=CandidateStatus.choices, default=CandidateStatus.IN_PROGRESS
    )
    member = models.OneToOneField(
        "members.Member",
        verbose_name=_("đảng viên"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="candidate",
    )

    scope_path = "organization__path"
    # Candidates' personal data is for the cell's committee and the officers, not every member of the cell.
    scope_personal = True

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quần chúng ưu tú")
        verbose_name_plural = _("quần chúng ưu tú")
        ordering = ["organization", "full_name", "id"]
        indexes = [models.Index(fields=["organization", "status", "step"], name="candidate_org_status_step")]


class CandidateStep(models.Model):
    """One completed step of the pipeline, with its date and document."""

    candidate = models.ForeignKey(
        Candidate, verbose_name=_("quần chúng"), on_delete=models.CASCADE, related_name="steps"
    )
    step = models.CharField(_("bước"), max_length=30, choices=Step.choices)
    done_on = models.DateField(_("ngày"))
    document_number = models.CharField(_("số văn bản"), max_length=100, blank=True)
    issued_by = models.CharField(_("cơ quan ban hành"), max_length=255, blank=True)
    votes_for = models.PositiveIntegerField(_("số phiếu tán thành"), null=True, blank=True)
    votes_eligible = models.PositiveIntegerField(_("số đảng viên chính thức"), null=True, blank=True)
    late_approval = models.CharField(_("văn bản đồng ý của cấp ủy cấp trên (khi quá hạn)"), max_length=100, blank=True)
    union_resolution = models.CharField(
        _("nghị quyết giới thiệu của Đoàn TNCS Hồ Chí Minh hoặc công đoàn cơ sở"), max_length=100, blank=True
    )
    note = models.TextField(_("ghi chú"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người ghi nhận"), null=True, on_delete=models.SET_NULL
    )
    recorded_at = models.DateTimeField(_("thời điểm ghi nhận"), auto_now_add=True)

    scope_path = "candidate__organization__path"
    scope_personal = True

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bước kết nạp")
        verbose_name_plural = _("bước kết nạp")
        ordering = ["candidate", "done_on", "id"]
        constraints = [models.UniqueConstraint(fields=["candidate", "step"], name="unique_candidate_step")]

    def __str__(self) -> str:
        return f"{self.get_step_display()} {self.done_on:%d/%m/%Y}"


class Sponsor(models.Model):
    """An official member who introduces the candidate (đảng viên giới thiệu)."""

    candidate = models.ForeignKey(
        Candidate, verbose_name=_("quần chúng"), on_delete=models.CASCADE, related_name="sponsors"
    )
    member = models.ForeignKey(
        "members.Member", verbose_name=_("đảng viên giới thiệu"), on_delete=models.PROTECT, related_name="+"
    )
    known_since = models.DateField(_("cùng công tác, sinh hoạt từ ngày"))

    scope_path = "candidate__organization__path"
    scope_personal = True

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đảng viên giới thiệu")
        verbose_name_plural = _("đảng viên giới thiệu")
        constraints = [models.UniqueConstraint(fields=["candidate", "member"], name="unique_candidate_sponsor")]

    def __str__(self) -> str:
        return str(self.member)
