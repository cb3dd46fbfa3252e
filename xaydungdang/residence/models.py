"""Residence liaison of working members (QĐ 213-QĐ/TW 02/01/2020, HD 33-HD/BTCTW 30/10/2020).

The workplace's party organization introduces a working member to the party cell where they live (letter
mẫu 1-213); each year the residence cell's committee writes its comment (mẫu 3-213), which the workplace
cell reads when it rates the member. The residence cell may sit in another subtree: it reaches the
introduction through the policy's narrow grant (`AccessPolicy.residence_received`), never the member.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from xaydungdang.access.querysets import ScopedQuerySet
from xaydungdang.residence.choices import Exemption

DEFAULT_REQUEST = _(
    "Đề nghị chi ủy, chi bộ nơi cư trú giúp đỡ, theo dõi, nhận xét đồng chí trong việc thực hiện nhiệm vụ "
    "đảng viên ở nơi cư trú theo Quy định số 213-QĐ/TW ngày 02/01/2020 của Bộ Chính trị."
)


class Introduction(models.Model):
    """A working member introduced to their residence cell (giấy giới thiệu mẫu 1-213)."""

    member = models.ForeignKey(
        "members.Member", verbose_name=_("đảng viên"), on_delete=models.PROTECT, related_name="residence_introductions"
    )
    workplace = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("chi bộ nơi công tác"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    residence_organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("chi bộ nơi cư trú"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    residence_address = models.CharField(_("địa chỉ nơi cư trú"), max_length=255, blank=True)
    letter_number = models.CharField(_("số giấy giới thiệu"), max_length=50)
    letter_date = models.DateField(_("ngày giấy giới thiệu"))
    request = models.TextField(_("nội dung đề nghị"), default=DEFAULT_REQUEST)
    exemption = models.CharField(
        _("miễn sinh hoạt nơi cư trú (HD 33)"), max_length=20, choices=Exemption.choices, blank=True
    )
    exemption_note = models.CharField(_("ghi chú miễn"), max_length=255, blank=True)
    ended_on = models.DateField(_("thôi giới thiệu từ ngày"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người lập"),
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
        verbose_name = _("giới thiệu về nơi cư trú")
        verbose_name_plural = _("giới thiệu về nơi cư trú")
        ordering = ["-letter_date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["member"], condition=models.Q(ended_on__isnull=True), name="one_current_introduction"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} → {self.residence_organization}"

    @property
    def is_exempted(self) -> bool:
        return bool(self.exemption)


class Comment(models.Model):
    """The residence cell's yearly comment on an introduced member (phiếu mẫu 3-213)."""

    introduction = models.ForeignKey(
        Introduction, verbose_name=_("giấy giới thiệu"), on_delete=models.CASCADE, related_name="comments"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    text = models.TextField(_("nhận xét của chi ủy, chi bộ nơi cư trú"))
    commented_on = models.DateField(_("ngày nhận xét"))
    commenter = models.CharField(_("người nhận xét (họ tên, chức vụ)"), max_length=200)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    scope_path = "introduction__member__organization__path"
    scope_owner = "introduction__member__user"
    scope_personal = True
    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nhận xét của nơi cư trú")
        verbose_name_plural = _("nhận xét của nơi cư trú")
        ordering = ["-year", "-id"]
        constraints = [models.UniqueConstraint(fields=["introduction", "year"], name="one_residence_comment_a_year")]

    def __str__(self) -> str:
        return f"{self.introduction.member} — {self.year}"
