from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from xaydungdang.access.querysets import ScopedQuerySet
from xaydungdang.organizations.choices import OrganizationKind
from xaydungdang.reviews.choices import (
    DossierStatus,
    Level,
    NotRated,
    PeriodKind,
    SelfReviewForm,
    Subject,
    TaskProgress,
)
from xaydungdang.reviews.querysets import ReviewPeriodQuerySet, ReviewQuerySet


class CriteriaGroup(models.Model):
    """A group of criteria on the 100-point scale and its weight (QĐ 366-QĐ/TW, appendices).

    Data, not code: the default set is loaded by a data migration and each deployment may edit it; the
    active groups of one subject must add up to 100 points.
    """

    subject = models.CharField(_("đối tượng"), max_length=20, choices=Subject.choices)
    code = models.SlugField(_("mã nhóm"), max_length=30)
    name = models.CharField(_("tên nhóm tiêu chí"), max_length=255)
    max_points = models.PositiveSmallIntegerField(_("điểm tối đa"))
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang áp dụng"), default=True)
    legal_basis = models.CharField(_("căn cứ"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nhóm tiêu chí đánh giá")
        verbose_name_plural = _("nhóm tiêu chí đánh giá")
        ordering = ["subject", "position", "code"]
        constraints = [models.UniqueConstraint(fields=["subject", "code"], name="unique_criteria_group_code")]

    def __str__(self) -> str:
        return f"{self.name} ({self.max_points})"


class ReviewPeriod(models.Model):
    """A review period (year, quarter or term) opened by an organization for its whole subtree."""

    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("tổ chức mở kỳ"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("loại kỳ"), max_length=10, choices=PeriodKind.choices, default=PeriodKind.YEAR)
    year = models.PositiveSmallIntegerField(_("năm"))
    quarter = models.PositiveSmallIntegerField(_("quý"), null=True, blank=True)
    term_label = models.CharField(_("nhiệm kỳ"), max_length=20, blank=True)
    name = models.CharField(_("tên kỳ đánh giá"), max_length=255)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    is_locked = models.BooleanField(_("đã khóa"), default=False)
    locked_at = models.DateTimeField(_("thời điểm khóa"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người mở"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    scope_path = "organization__path"
    objects = ReviewPeriodQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kỳ đánh giá")
        verbose_name_plural = _("kỳ đánh giá")
        ordering = ["-year", "-quarter", "organization__path"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")),
                name="review_period_ends_after_start",
                violation_error_message=_("Ngày kết thúc kỳ phải sau ngày bắt đầu."),
            ),
            models.CheckConstraint(
                condition=Q(kind=PeriodKind.QUARTER, quarter__gte=1, quarter__lte=4)
                | (~Q(kind=PeriodKind.QUARTER) & Q(quarter__isnull=True)),
                name="review_period_quarter_only_for_quarters",
                violation_error_message=_("Chỉ kỳ theo quý mới có số quý (1–4)."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class PeriodDeadline(models.Model):
    """The date by which organizations of one kind submit their dossiers in a period."""

    period = models.ForeignKey(
        ReviewPeriod, verbose_name=_("kỳ đánh giá"), on_delete=models.CASCADE, related_name="deadlines"
    )
    organization_kind = models.CharField(_("cấp tổ chức"), max_length=30, choices=OrganizationKind.choices)
    due_on = models.DateField(_("hạn trình"))

    class Meta:
        verbose_name = _("hạn trình theo cấp")
        verbose_name_plural = _("hạn trình theo cấp")
        ordering = ["due_on"]
        constraints = [models.UniqueConstraint(fields=["period", "organization_kind"], name="unique_period_deadline")]

    def __str__(self) -> str:
        return f"{self.get_organization_kind_display()}: {self.due_on:%d/%m/%Y}"


class Dossier(models.Model):
    """One organization's ratings in one period (its own and its members'), submitted to the level above."""

    period = models.ForeignKey(
        ReviewPeriod, verbose_name=_("kỳ đánh giá"), on_delete=models.CASCADE, related_name="dossiers"
    )
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("tổ chức"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=DossierStatus.choices, default=DossierStatus.DRAFT
    )
    submitted_at = models.DateTimeField(_("thời điểm trình"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người trình"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("thời điểm duyệt"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người duyệt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    comment = models.TextField(_("ý kiến cấp trên"), blank=True)

    scope_path = "organization__path"
    # The organization's business: office holders over it see it, a member's own grant does not.
    scope_personal = True
    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hồ sơ đánh giá")
        verbose_name_plural = _("hồ sơ đánh giá")
        ordering = ["period", "organization__path"]
        constraints = [models.UniqueConstraint(fields=["period", "organization"], name="unique_dossier")]

    def __str__(self) -> str:
        return f"{self.organization} — {self.period}"

    @property
    def is_approved(self) -> bool:
        """Approved by the level above: its levels count in the results (the tallies' approved rows)."""
        return self.status == DossierStatus.APPROVED


class Review(models.Model):
    """The review and rating of one member or one organization in one period.

    `level` is what counts: the level chosen by hand, or the proposal when none was chosen; empty when the
    subject is not rated. `proposed_level` and `reasons` are the system's proposal and its explanation.
    """

    period = models.ForeignKey(
        ReviewPeriod, verbose_name=_("kỳ đánh giá"), on_delete=models.CASCADE, related_name="reviews"
    )
    dossier = models.ForeignKey(Dossier, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="reviews")
    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("đảng viên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reviews",
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("tổ chức đảng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    scores = models.JSONField(_("điểm theo nhóm tiêu chí"), default=dict, blank=True)
    score = models.DecimalField(_("tổng điểm"), max_digits=5, decimal_places=2, null=True, blank=True)
    task_progress = models.CharField(
        _("tiến độ nhiệm vụ"), max_length=20, choices=TaskProgress.choices, default=TaskProgress.ON_TIME
    )
    serious_violation = models.BooleanField(_("suy thoái, vi phạm điều đảng viên không được làm"), default=False)
    disciplined = models.BooleanField(_("bị kỷ luật trong kỳ"), default=False)
    discipline_note = models.CharField(_("kỷ luật"), max_length=255, blank=True)
    sick_leave_months = models.PositiveSmallIntegerField(_("số tháng nghỉ ốm"), default=0)
    shortcomings_fixed = models.BooleanField(_("đã khắc phục hạn chế, khuyết điểm"), default=True)
    unit_disciplined = models.BooleanField(_("đơn vị trực thuộc, thành viên lãnh đạo bị kỷ luật"), default=False)
    self_assessed = models.BooleanField(_("đã tự kiểm điểm"), default=False)
    not_rated = models.CharField(_("không xếp loại vì"), max_length=20, choices=NotRated.choices, blank=True)
    chosen_level = models.CharField(_("mức chọn"), max_length=20, choices=Level.choices, blank=True)
    proposed_level = models.CharField(_("mức đề xuất"), max_length=20, choices=Level.choices, blank=True)
    level = models.CharField(_("xếp loại"), max_length=20, choices=Level.choices, blank=True, db_index=True)
    reasons = models.JSONField(_("giải thích"), default=list, blank=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    override_reason = models.CharField(
        _("lý do cấp trên điều chỉnh mức xếp loại"),
        max_length=500,
        blank=True,
        help_text=_("Ghi khi cấp xem xét, quyết định đổi mức xếp loại của một dòng lúc duyệt; lưu cả vào lịch sử."),
    )

    scope_path = "dossier__organization__path"
    scope_owner = "member__user"
    scope_personal = True
    objects = ReviewQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kết quả đánh giá")
        verbose_name_plural = _("kết quả đánh giá")
        ordering = ["dossier", "member__full_name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(member__isnull=False, organization__isnull=True)
                | Q(member__isnull=True, organization__isnull=False),
                name="review_one_subject",
                violation_error_message=_("Một kết quả đánh giá thuộc về đúng một đảng viên hoặc một tổ chức."),
            ),
            models.UniqueConstraint(
                fields=["period", "member"], condition=Q(member__isnull=False), name="unique_member_review"
            ),
            models.UniqueConstraint(
                fields=["period", "organization"], condition=Q(organization__isnull=False), name="unique_org_review"
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=100),
                name="review_score_0_100",
                violation_error_message=_("Tổng điểm phải từ 0 đến 100."),
            ),
        ]
        indexes = [
            models.Index(fields=["period", "level"], name="review_period_level"),
            # The results of a subtree: its dossiers' member rows counted by level from the index alone.
            models.Index(
                fields=["dossier", "period", "level", "self_assessed"],
                condition=Q(member__isnull=False),
                name="review_member_dossier",
            ),
            # Members failed in a period (selectors.failed_two_years): a few per cent of the rows, found
            # without the planner's choice of the period's index and a filter over all its rows.
            models.Index(
                fields=["period", "member", "id"],
                condition=Q(member__isnull=False, level=Level.FAILED),
                name="review_failed_member",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject_name} — {self.period}"

    @property
    def subject_name(self) -> str:
        return str(self.member or self.organization)

    @property
    def subject(self) -> str:
        return Subject.MEMBER if self.member_id else Subject.ORGANIZATION


class SelfReview(models.Model):
    """A member's own self-review in a period (HD 43-HD/BTCTW, Mẫu 2A/2B/2C): what they write of themself
    before the cell rates them. One per (period, member); submitting it sets `Review.self_assessed`."""

    period = models.ForeignKey(
        ReviewPeriod, verbose_name=_("kỳ đánh giá"), on_delete=models.CASCADE, related_name="self_reviews"
    )
    member = models.ForeignKey(
        "members.Member", verbose_name=_("đảng viên"), on_delete=models.PROTECT, related_name="self_reviews"
    )
    form = models.CharField(_("mẫu"), max_length=2, choices=SelfReviewForm.choices)
    political_ideology = models.TextField(_("về tư tưởng chính trị"))
    ethics_lifestyle = models.TextField(_("về phẩm chất đạo đức, lối sống"))
    discipline = models.TextField(_("về ý thức tổ chức kỷ luật"))
    task_results = models.TextField(_("về kết quả thực hiện chức trách, nhiệm vụ được giao"))
    limitations = models.TextField(_("hạn chế, khuyết điểm và nguyên nhân; biện pháp khắc phục"))
    proposed_level = models.CharField(_("tự xếp loại"), max_length=20, choices=Level.choices)
    submitted_at = models.DateTimeField(_("thời điểm nộp"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nộp"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    scope_path = "member__organization__path"
    scope_owner = "member__user"
    scope_personal = True
    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bản tự kiểm điểm")
        verbose_name_plural = _("bản tự kiểm điểm")
        ordering = ["period", "member__sort_name"]
        constraints = [models.UniqueConstraint(fields=["period", "member"], name="unique_self_review")]

    def __str__(self) -> str:
        return f"{self.member} — {self.period}"


class ReviewTally(models.Model):
    """The member rows of one dossier counted by level and self-review (reviews.tally keeps it exact).

    The results of a subtree sum these rows over its dossiers (a dossier holds tens of members, so tens of
    times fewer rows than counting the reviews); every write of a member's Review row updates it in the same
    transaction, and `manage.py rebuild_review_tally --verify` compares it with the reviews themselves.
    """

    period = models.ForeignKey(ReviewPeriod, verbose_name=_("kỳ đánh giá"), on_delete=models.CASCADE, related_name="+")
    dossier = models.ForeignKey(Dossier, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="tallies")
    level = models.CharField(_("xếp loại"), max_length=20, choices=Level.choices, blank=True)
    self_assessed = models.BooleanField(_("đã tự kiểm điểm"))
    count = models.IntegerField(_("số đảng viên"), default=0)

    class Meta:
        verbose_name = _("số đếm kết quả đánh giá của hồ sơ")
        verbose_name_plural = _("số đếm kết quả đánh giá của hồ sơ")
        constraints = [
            models.UniqueConstraint(fields=["dossier", "level", "self_assessed"], name="unique_review_tally"),
        ]
        indexes = [
            # A subtree's results: the period's rows of its dossiers, read from the index alone.
            models.Index(fields=["period", "dossier", "level", "self_assessed", "count"], name="review_tally_period"),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.level or '-'} {self.self_assessed}: {self.count}"


class ReviewPeriodTally(models.Model):
    """The rows of a whole period counted by dossier approval, subject, level and self-review (reviews.tally).

    Members (`organization_kind` empty: the sum of the period's ReviewTally rows with their dossiers'
    approval) and organizations by kind: the results of a root of the tree read these few rows instead of a
    row set per dossier, or a row per organization, of the whole country.
    """

    period = models.ForeignKey(ReviewPeriod, verbose_name=_("kỳ đánh giá"), on_delete=models.CASCADE, related_name="+")
    approved = models.BooleanField(_("hồ sơ đã duyệt"))
    organization_kind = models.CharField(
        _("cấp tổ chức được đánh giá"), max_length=30, choices=OrganizationKind.choices, blank=True
    )
    # The dossier's id modulo reviews.tally.SHARDS: writers of different dossiers mostly update different rows,
    # so the whole country's review season does not queue on one row per level (a read sums the shards).
    shard = models.PositiveSmallIntegerField(_("phần"), default=0)
    level = models.CharField(_("xếp loại"), max_length=20, choices=Level.choices, blank=True)
    self_assessed = models.BooleanField(_("đã tự kiểm điểm"))
    count = models.IntegerField(_("số đảng viên"), default=0)

    class Meta:
        verbose_name = _("số đếm kết quả đánh giá của kỳ")
        verbose_name_plural = _("số đếm kết quả đánh giá của kỳ")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "approved", "organization_kind", "level", "self_assessed", "shard"],
                name="unique_review_period_tally",
            ),
        ]

    def __str__(self) -> str:
        subject = self.organization_kind or "members"
        return f"{self.period_id} {self.approved} {subject} {self.level or '-'} {self.self_assessed}: {self.count}"
