"""Models of the membership lifecycle: transfers with their letters and deadlines, badges, the holiday calendar.

Imported at the end of `members/models.py`, so they belong to the members app.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from xaydungdang.members.lifecycle.choices import TransferKind, TransferState
from xaydungdang.members.querysets import PersonalScopedQuerySet, TransferQuerySet


class Transfer(models.Model):
    """An official transfer of party activity (chuyển sinh hoạt đảng chính thức) and its introduction letter.

    Inside the deployment the member moves when the receiving organization accepts; to outside it the
    member leaves on the letter's date; from outside the member arrives with a letter (QĐ 294 §6.3.1).
    """

    member = models.ForeignKey(
        "members.Member", verbose_name=_("đảng viên"), on_delete=models.CASCADE, related_name="transfers"
    )
    kind = models.CharField(_("loại chuyển sinh hoạt"), max_length=10, choices=TransferKind.choices)
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=TransferState.choices, default=TransferState.ISSUED, db_index=True
    )
    from_organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("tổ chức chuyển đi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    to_organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("tổ chức chuyển đến"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    external_organization = models.CharField(_("tổ chức đảng ngoài hệ thống"), max_length=255, blank=True)
    cause_date = models.DateField(
        _("ngày quyết định hoặc ngày thay đổi nơi cư trú"),
        null=True,
        blank=True,
        help_text=_("Thời hạn chuyển sinh hoạt được tính từ ngày này."),
    )
    transfer_due = models.DateField(_("hạn chuyển sinh hoạt"), null=True, blank=True)
    letter_number = models.CharField(_("số giấy giới thiệu"), max_length=100, blank=True)
    issued_on = models.DateField(_("ngày cấp giấy giới thiệu"))
    issued_by = models.CharField(_("cơ quan cấp giấy"), max_length=255, blank=True)
    present_by = models.DateField(_("hạn xuất trình giấy giới thiệu"), null=True, blank=True)
    accepted_on = models.DateField(_("ngày tiếp nhận"), null=True, blank=True)
    cancelled_on = models.DateField(_("ngày hủy"), null=True, blank=True)
    reason = models.TextField(_("lý do"), blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người ghi nhận"), null=True, on_delete=models.SET_NULL
    )

    scope_path = "member__organization__path"
    scope_owner = "member__user"
    scope_personal = True
    # The receiving side sees the letters addressed to it, and may accept them (access.policy.can_receive).
    scope_receiver = "to_organization__path"

    objects = TransferQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chuyển sinh hoạt đảng")
        verbose_name_plural = _("chuyển sinh hoạt đảng")
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=TransferKind.INTERNAL) | Q(to_organization__isnull=False),
                name="transfer_internal_has_receiver",
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} — {self.get_kind_display()} {self.issued_on:%d/%m/%Y}"

    @property
    def destination(self) -> str:
        return str(self.to_organization) if self.to_organization_id else self.external_organization


class Badge(models.Model):
    """A Party membership badge (Huy hiệu Đảng) awarded for a milestone of party age (HD 01-HD/TW §18)."""

    member = models.ForeignKey(
        "members.Member", verbose_name=_("đảng viên"), on_delete=models.CASCADE, related_name="badges"
    )
    years = models.PositiveSmallIntegerField(_("mốc tuổi đảng (năm)"))
    awarded_on = models.DateField(_("ngày trao tặng"))
    decision_number = models.CharField(_("số quyết định"), max_length=100, blank=True)
    badge_number = models.CharField(_("số huy hiệu"), max_length=20, blank=True)
    posthumous = models.BooleanField(_("truy tặng"), default=False)
    # A member leaving the Party hands the badge back (HD 01-HD/TW §18); the day it was returned.
    returned_on = models.DateField(_("ngày nộp lại"), null=True, blank=True)

    scope_path = "member__organization__path"
    scope_owner = "member__user"
    scope_personal = True

    objects = PersonalScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("huy hiệu Đảng")
        verbose_name_plural = _("huy hiệu Đảng")
        ordering = ["member", "years"]
        constraints = [models.UniqueConstraint(fields=["member", "years"], name="unique_badge_milestone")]

    def __str__(self) -> str:
        return _("Huy hiệu %(years)s năm tuổi Đảng") % {"years": self.years}


class Holiday(models.Model):
    """A day off (ngày nghỉ lễ, Tết) that working-day deadlines skip, besides Saturdays and Sundays."""

    day = models.DateField(_("ngày"), unique=True)
    name = models.CharField(_("tên ngày nghỉ"), max_length=100)

    class Meta:
        verbose_name = _("ngày nghỉ")
        verbose_name_plural = _("ngày nghỉ")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} {self.name}"
