"""Party fees (đảng phí, QĐ 01-QĐ/TW 03/02/2026): the dated tables the rules read, each member's fee basis
and reliefs, the payments a cell collects, imported statements, and the remittances up the tree.

Money is whole đồng (integers); rates are in per ten thousand (1% = 100) so they stay integers too.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from xaydungdang.access.querysets import ScopedQuerySet
from xaydungdang.fees.choices import (
    AgeBracket,
    Category,
    LineStatus,
    PaymentMethod,
    ReliefKind,
    ReliefReason,
    Zone,
)
from xaydungdang.organizations.choices import OrganizationKind, Sector


class DatedQuerySet(models.QuerySet):
    def valid_on(self, day) -> "DatedQuerySet":
        return self.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day), valid_from__lte=day)


class FeeRate(models.Model):
    """A row of the rate table: what a category pays, in force for a period, with its legal basis."""

    category = models.CharField(_("đối tượng"), max_length=20, choices=Category.choices)
    bracket = models.CharField(_("độ tuổi"), max_length=10, choices=AgeBracket.choices, default=AgeBracket.ANY)
    rate = models.PositiveIntegerField(_("tỷ lệ (phần vạn)"), null=True, blank=True)
    of_minimum_wage = models.BooleanField(_("tính trên lương tối thiểu vùng"), default=False)
    fixed_amount = models.PositiveIntegerField(_("mức cố định (đồng/tháng)"), null=True, blank=True)
    valid_from = models.DateField(_("áp dụng từ ngày"))
    valid_to = models.DateField(_("áp dụng đến ngày"), null=True, blank=True)
    legal_basis = models.CharField(_("căn cứ"), max_length=500)

    objects = DatedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mức đóng đảng phí")
        verbose_name_plural = _("bảng mức đóng đảng phí")
        ordering = ["category", "bracket", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rate__isnull=True, fixed_amount__isnull=False)
                | Q(rate__isnull=False, fixed_amount__isnull=True),
                name="fee_rate_rate_or_fixed",
                violation_error_message=_("Mức đóng là một tỷ lệ hoặc một số tiền cố định, không phải cả hai."),
            ),
            models.UniqueConstraint(fields=["category", "bracket", "valid_from"], name="unique_fee_rate_start"),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} ({self.get_bracket_display()}) {self.valid_from:%d/%m/%Y}"


class RegionalMinimumWage(models.Model):
    """The regional minimum monthly wage of a zone for a period (the base of non-insured members' fee)."""

    zone = models.PositiveSmallIntegerField(_("vùng"), choices=Zone.choices)
    amount = models.PositiveIntegerField(_("mức lương tối thiểu tháng (đồng)"))
    valid_from = models.DateField(_("áp dụng từ ngày"))
    valid_to = models.DateField(_("áp dụng đến ngày"), null=True, blank=True)
    legal_basis = models.CharField(_("căn cứ"), max_length=500)

    objects = DatedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lương tối thiểu vùng")
        verbose_name_plural = _("bảng lương tối thiểu vùng")
        ordering = ["valid_from", "zone"]
        constraints = [models.UniqueConstraint(fields=["zone", "valid_from"], name="unique_minimum_wage_start")]

    def __str__(self) -> str:
        return f"{self.get_zone_display()} {self.amount:,} đ ({self.valid_from:%d/%m/%Y})"


class RemittanceShare(models.Model):
    """The share of collected fees a kind of level keeps (the rest it remits upward), for a period."""

    kind = models.CharField(_("loại tổ chức"), max_length=30, choices=OrganizationKind.choices)
    sector = models.CharField(_("lĩnh vực"), max_length=20, choices=Sector.choices, blank=True)
    keep_percent = models.PositiveSmallIntegerField(_("tỷ lệ giữ lại (%)"))
    valid_from = models.DateField(_("áp dụng từ ngày"))
    valid_to = models.DateField(_("áp dụng đến ngày"), null=True, blank=True)
    legal_basis = models.CharField(_("căn cứ"), max_length=500)

    objects = DatedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tỷ lệ trích giữ lại đảng phí")
        verbose_name_plural = _("bảng tỷ lệ trích giữ lại đảng phí")
        ordering = ["kind", "sector", "valid_from"]
        constraints = [
            models.CheckConstraint(condition=Q(keep_percent__lte=100), name="remittance_share_at_most_100"),
            models.UniqueConstraint(fields=["kind", "sector", "valid_from"], name="unique_remittance_share_start"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.keep_percent}%"


class FeeBasis(models.Model):
    """What a member's monthly fee is computed from, for a period (the category and its amount)."""

    member = models.ForeignKey(
        "members.Member", verbose_name=_("đảng viên"), on_delete=models.CASCADE, related_name="fee_bases"
    )
    category = models.CharField(_("đối tượng"), max_length=20, choices=Category.choices)
    amount = models.PositiveBigIntegerField(
        _("số tiền làm căn cứ (đồng/tháng)"),
        default=0,
        help_text=_("Tiền lương đóng BHXH, lương hưu hoặc trợ cấp BHXH; với đảng viên ở ngoài nước là mức đóng."),
    )
    zone = models.PositiveSmallIntegerField(_("vùng lương tối thiểu"), choices=Zone.choices, null=True, blank=True)
    voluntary_amount = models.PositiveIntegerField(_("mức tự nguyện đóng cao hơn (đồng/tháng)"), null=True, blank=True)
    voluntary_approval = models.CharField(_("văn bản chấp thuận mức tự nguyện"), max_length=100, blank=True)
    valid_from = models.DateField(_("áp dụng từ ngày"))
    valid_to = models.DateField(_("áp dụng đến ngày"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    scope_path = "member__organization__path"
    scope_owner = "member__user"
    scope_personal = True

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("căn cứ đóng đảng phí")
        verbose_name_plural = _("căn cứ đóng đảng phí")
        ordering = ["member", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="fee_basis_valid_to_after_from",
                violation_error_message=_("Ngày kết thúc phải từ ngày bắt đầu trở đi."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.get_category_display()} ({self.valid_from:%d/%m/%Y})"


class FeeRelief(models.Model):
    """An exemption or a reduction of a member's fee for a period, with the decision that granted it.

    (The exemption at 50 years of party age is not recorded: the rules derive it from the member's events.)
    """

    member = models.ForeignKey(
        "members.Member", verbose_name=_("đảng viên"), on_delete=models.CASCADE, related_name="fee_reliefs"
    )
    kind = models.CharField(_("hình thức"), max_length=20, choices=ReliefKind.choices)
    reason = models.CharField(_("lý do"), max_length=20, choices=ReliefReason.choices)
    reduction_percent = models.PositiveSmallIntegerField(_("tỷ lệ giảm (%)"), null=True, blank=True)
    valid_from = models.DateField(_("từ tháng"))
    valid_to = models.DateField(_("đến tháng"))
    decision_number = models.CharField(_("số quyết định"), max_length=100)
    decision_date = models.DateField(_("ngày quyết định"))
    decided_by = models.ForeignKey(
        "organizations.Organization", verbose_name=_("cấp quyết định"), on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    scope_path = "member__organization__path"
    scope_owner = "member__user"
    scope_personal = True

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("miễn, giảm đảng phí")
        verbose_name_plural = _("miễn, giảm đảng phí")
        ordering = ["member", "valid_from"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.member} ({self.valid_from:%m/%Y}–{self.valid_to:%m/%Y})"


class Statement(models.Model):
    """An imported payment statement (sao kê ngân hàng, Cổng Dịch vụ công): the import batch's audit record."""

    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("chi bộ"), on_delete=models.PROTECT, related_name="+"
    )
    method = models.CharField(_("nguồn"), max_length=10, choices=PaymentMethod.choices, default=PaymentMethod.BANK)
    file_name = models.CharField(_("tên tệp"), max_length=255)
    digest = models.CharField(_("mã băm của tệp"), max_length=64)
    rows = models.PositiveIntegerField(_("số dòng"), default=0)
    matched = models.PositiveIntegerField(_("số dòng đối chiếu được"), default=0)
    unmatched = models.PositiveIntegerField(_("số dòng chưa đối chiếu"), default=0)
    skipped = models.PositiveIntegerField(_("số dòng đã nhập trước đây"), default=0)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người nhập"), null=True, on_delete=models.SET_NULL
    )
    imported_at = models.DateTimeField(_("thời điểm nhập"), auto_now_add=True)

    scope_path = "organization__path"
    scope_personal = True

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("sao kê nộp đảng phí")
        verbose_name_plural = _("sao kê nộp đảng phí")
        ordering = ["-imported_at", "-id"]

    def __str__(self) -> str:
        return self.file_name


class StatementLine(models.Model):
    """One transfer of a statement; matched to a member and the months it pays, or left for the cell to match.

    `fingerprint` (per organization) makes a re-import of the same lines change nothing."""

    statement = models.ForeignKey(Statement, verbose_name=_("sao kê"), on_delete=models.CASCADE, related_name="lines")
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("chi bộ"), on_delete=models.PROTECT, related_name="+"
    )
    row_number = models.PositiveIntegerField(_("dòng"))
    fingerprint = models.CharField(_("dấu vân tay giao dịch"), max_length=64)
    reference = models.CharField(_("mã giao dịch"), max_length=100, blank=True)
    paid_on = models.DateField(_("ngày nộp"))
    amount = models.PositiveBigIntegerField(_("số tiền (đồng)"))
    description = models.CharField(_("nội dung"), max_length=500, blank=True)
    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("đảng viên"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(_("tình trạng"), max_length=10, choices=LineStatus.choices)
    problem = models.CharField(_("lý do chưa đối chiếu"), max_length=255, blank=True)

    scope_path = "organization__path"
    scope_personal = True

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dòng sao kê")
        verbose_name_plural = _("dòng sao kê")
        ordering = ["statement", "row_number"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "fingerprint"], name="unique_statement_line_fingerprint")
        ]

    def __str__(self) -> str:
        return f"{self.paid_on:%d/%m/%Y} {self.amount:,} đ"


class FeePayment(models.Model):
    """A member's fee for one month as the cell recorded it (sổ thu đảng phí): amount, when, how, receipt.

    One row per member and month; a payment in advance for several months is several rows. Corrections edit
    the row through the services, and simple-history keeps the old values, who and why."""

    member = models.ForeignKey(
        "members.Member", verbose_name=_("đảng viên"), on_delete=models.PROTECT, related_name="fee_payments"
    )
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("chi bộ thu"), on_delete=models.PROTECT, related_name="+"
    )
    month = models.DateField(_("tháng"), help_text=_("Ngày đầu tháng của kỳ đóng."))
    amount = models.PositiveBigIntegerField(_("số tiền (đồng)"))
    paid_on = models.DateField(_("ngày nộp"))
    method = models.CharField(_("hình thức nộp"), max_length=10, choices=PaymentMethod.choices)
    receipt_number = models.CharField(_("số biên lai"), max_length=50, blank=True)
    statement_line = models.ForeignKey(
        StatementLine,
        verbose_name=_("dòng sao kê"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="payments",
    )

    scope_path = "organization__path"
    scope_owner = "member__user"
    scope_personal = True

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("khoản đóng đảng phí")
        verbose_name_plural = _("sổ thu đảng phí")
        ordering = ["organization", "month", "member"]
        constraints = [models.UniqueConstraint(fields=["member", "month"], name="unique_fee_payment_month")]
        indexes = [models.Index(fields=["organization", "month"], name="fee_payment_org_month")]

    def __str__(self) -> str:
        return f"{self.member} {self.month:%m/%Y}: {self.amount:,} đ"


class Remittance(models.Model):
    """Fees a level remitted to the level above for a period (a month or a quarter)."""

    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("tổ chức nộp"), on_delete=models.PROTECT, related_name="+"
    )
    to_organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("nộp lên"), on_delete=models.PROTECT, related_name="+"
    )
    period_start = models.DateField(_("từ tháng"))
    period_end = models.DateField(_("đến tháng"))
    amount = models.PositiveBigIntegerField(_("số tiền (đồng)"))
    remitted_on = models.DateField(_("ngày nộp"))
    reference = models.CharField(_("số chứng từ"), max_length=100, blank=True)

    scope_path = "organization__path"

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nộp đảng phí lên cấp trên")
        verbose_name_plural = _("nộp đảng phí lên cấp trên")
        ordering = ["organization", "period_start"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "period_start"], name="unique_remittance_period"),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="remittance_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} {self.period_start:%m/%Y}–{self.period_end:%m/%Y}: {self.amount:,} đ"
