from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from xaydungdang.access.querysets import ScopedQuerySet
from xaydungdang.committees.choices import (
    AppointmentKind,
    AppointmentStatus,
    CongressKind,
    EndReason,
    ObtainedBy,
    TermOrigin,
)
from xaydungdang.committees.querysets import HoldingQuerySet


class PostKind(models.Model):
    """A kind of post (bí thư, phó bí thư, cấp ủy viên…) and the kinds of organization that have it: data, so
    a deployment can add posts without a code change. `rank` orders posts by seniority (higher is senior):
    "a higher post" in the discipline rule and "an equivalent post" in the planning rule compare ranks."""

    code = models.SlugField(_("mã chức vụ"), max_length=40, unique=True)
    name = models.CharField(_("tên chức vụ"), max_length=150)
    organization_kinds = models.JSONField(_("loại tổ chức có chức vụ này"), default=list, blank=True)
    rank = models.PositiveSmallIntegerField(_("thứ bậc"), default=0)
    order = models.PositiveSmallIntegerField(_("thứ tự hiển thị"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chức vụ")
        verbose_name_plural = _("chức vụ")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class Term(models.Model):
    """A term (nhiệm kỳ) of an organization's committee, with the congress that opened it or the higher
    committee's decision that appointed the committee (chỉ định) when there was no congress."""

    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("tổ chức đảng"), on_delete=models.PROTECT, related_name="terms"
    )
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày (dự kiến)"))
    closed_on = models.DateField(_("ngày kết thúc thực tế"), null=True, blank=True)
    origin = models.CharField(_("hình thành"), max_length=20, choices=TermOrigin.choices, default=TermOrigin.CONGRESS)
    congress_date = models.DateField(_("ngày đại hội"), null=True, blank=True)
    congress_kind = models.CharField(_("hình thức đại hội"), max_length=20, choices=CongressKind.choices, blank=True)
    delegates_called = models.PositiveIntegerField(_("số đại biểu (đảng viên) được triệu tập"), null=True, blank=True)
    delegates_present = models.PositiveIntegerField(_("số đại biểu (đảng viên) có mặt"), null=True, blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=100, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    issued_by = models.CharField(_("cơ quan ban hành"), max_length=255, blank=True)
    carried_from = models.ManyToManyField(
        "self", verbose_name=_("kế thừa nhiệm kỳ"), symmetrical=False, blank=True, related_name="carried_into"
    )
    note = models.TextField(_("ghi chú"), blank=True)

    scope_path = "organization__path"

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nhiệm kỳ")
        verbose_name_plural = _("nhiệm kỳ")
        ordering = ["organization", "-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=F("starts_on")),
                name="term_ends_after_start",
                violation_error_message=_("Ngày kết thúc nhiệm kỳ phải sau ngày bắt đầu."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} {self.label}"

    @property
    def label(self) -> str:
        return f"{self.starts_on.year}–{self.ends_on.year}"

    @property
    def last_day(self):
        return self.closed_on or self.ends_on

    def covers(self, day) -> bool:
        return self.starts_on <= day <= self.last_day


class TermSeat(models.Model):
    """How many people a term's committee has for one kind of post (the congress decides the number)."""

    term = models.ForeignKey(Term, verbose_name=_("nhiệm kỳ"), on_delete=models.CASCADE, related_name="seats")
    post_kind = models.ForeignKey(PostKind, verbose_name=_("chức vụ"), on_delete=models.PROTECT, related_name="+")
    seats = models.PositiveSmallIntegerField(_("số lượng"))

    scope_path = "term__organization__path"

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("số lượng chức vụ")
        verbose_name_plural = _("số lượng chức vụ")
        constraints = [models.UniqueConstraint(fields=["term", "post_kind"], name="unique_term_seat")]

    def __str__(self) -> str:
        return f"{self.post_kind}: {self.seats}"


class Holding(models.Model):
    """One member holding one post in one term, from `started_on` to `ended_on` (the last day held; open
    while empty). Concurrent posts are separate rows. "The committee of X on D" is the rows covering D."""

    term = models.ForeignKey(Term, verbose_name=_("nhiệm kỳ"), on_delete=models.PROTECT, related_name="holdings")
    member = models.ForeignKey(
        "members.Member", verbose_name=_("đảng viên"), on_delete=models.PROTECT, related_name="holdings"
    )
    post_kind = models.ForeignKey(PostKind, verbose_name=_("chức vụ"), on_delete=models.PROTECT, related_name="+")
    started_on = models.DateField(_("từ ngày"))
    ended_on = models.DateField(_("đến ngày"), null=True, blank=True)
    obtained_by = models.CharField(_("hình thức"), max_length=20, choices=ObtainedBy.choices)
    decision_number = models.CharField(_("số quyết định"), max_length=100, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    end_reason = models.CharField(_("lý do thôi giữ chức vụ"), max_length=20, choices=EndReason.choices, blank=True)
    end_decision_number = models.CharField(_("số quyết định thôi giữ chức vụ"), max_length=100, blank=True)
    carried_from = models.ForeignKey(
        "self", verbose_name=_("kế thừa từ"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người ghi nhận"), null=True, on_delete=models.SET_NULL
    )

    scope_path = "term__organization__path"
    # The member reads their own posts (My space), also in a committee above their cell.
    scope_owner = "member__user"

    objects = HoldingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chức vụ đảm nhiệm")
        verbose_name_plural = _("chức vụ đảm nhiệm")
        ordering = ["term", "post_kind__order", "started_on", "id"]
        indexes = [models.Index(fields=["member", "started_on"], name="holding_member_start")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="holding_ends_after_start",
                violation_error_message=_("Ngày thôi giữ chức vụ không được trước ngày bắt đầu."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} — {self.post_kind}"


class CadrePlan(models.Model):
    """A cadre plan (quy hoạch cán bộ) of an organization for a period (e.g. 2025–2030), QĐ 377-QĐ/TW."""

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("tổ chức đảng"),
        on_delete=models.PROTECT,
        related_name="cadre_plans",
    )
    start_year = models.PositiveSmallIntegerField(_("từ năm"))
    end_year = models.PositiveSmallIntegerField(_("đến năm"))
    decision_number = models.CharField(_("số quyết định phê duyệt"), max_length=100, blank=True)

    scope_path = "organization__path"

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quy hoạch cán bộ")
        verbose_name_plural = _("quy hoạch cán bộ")
        ordering = ["organization", "-start_year"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "start_year", "end_year"], name="unique_cadre_plan"),
            models.CheckConstraint(
                condition=Q(end_year__gt=F("start_year")),
                name="cadre_plan_end_after_start",
                violation_error_message=_("Năm kết thúc quy hoạch phải sau năm bắt đầu."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} {self.start_year}–{self.end_year}"


class PlanEntry(models.Model):
    """One person planned for one post: added and (at a yearly review) removed, each with its reason."""

    plan = models.ForeignKey(CadrePlan, verbose_name=_("quy hoạch"), on_delete=models.CASCADE, related_name="entries")
    post_kind = models.ForeignKey(PostKind, verbose_name=_("chức vụ"), on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey(
        "members.Member", verbose_name=_("đảng viên"), on_delete=models.PROTECT, related_name="plan_entries"
    )
    added_on = models.DateField(_("ngày đưa vào quy hoạch"))
    added_reason = models.CharField(_("lý do bổ sung"), max_length=255, blank=True)
    removed_on = models.DateField(_("ngày đưa ra khỏi quy hoạch"), null=True, blank=True)
    removed_reason = models.CharField(_("lý do đưa ra"), max_length=255, blank=True)

    scope_path = "plan__organization__path"

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("người trong quy hoạch")
        verbose_name_plural = _("người trong quy hoạch")
        ordering = ["plan", "post_kind__order", "added_on", "id"]

    def __str__(self) -> str:
        return f"{self.member} — {self.post_kind}"


class Appointment(models.Model):
    """A proposal and decision of appointment, reappointment or rotation to a post (QĐ 377-QĐ/TW); the
    tenure runs `tenure_months` from the decision's effective date."""

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("tổ chức đảng"),
        on_delete=models.PROTECT,
        related_name="appointments",
    )
    member = models.ForeignKey(
        "members.Member", verbose_name=_("đảng viên"), on_delete=models.PROTECT, related_name="appointments"
    )
    post_kind = models.ForeignKey(PostKind, verbose_name=_("chức vụ"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("hình thức"), max_length=20, choices=AppointmentKind.choices)
    status = models.CharField(
        _("tình trạng"), max_length=20, choices=AppointmentStatus.choices, default=AppointmentStatus.PROPOSED
    )
    proposed_on = models.DateField(_("ngày đề xuất"))
    effective_on = models.DateField(_("ngày hiệu lực"), null=True, blank=True)
    tenure_months = models.PositiveSmallIntegerField(_("thời hạn giữ chức vụ (tháng)"), default=60)
    decision_number = models.CharField(_("số quyết định"), max_length=100, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    signed_by = models.CharField(_("người ký"), max_length=150, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    scope_path = "organization__path"

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bổ nhiệm cán bộ")
        verbose_name_plural = _("bổ nhiệm cán bộ")
        ordering = ["organization", "-proposed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.member} — {self.post_kind}"
