"""The tree's history: reorganizations as events, the lineage they leave, and every change of parent.

The tables keep the names they had when these models lived in `organizations` (no data moved).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from xaydungdang.access.querysets import ScopedQuerySet
from xaydungdang.organizations.models import Organization
from xaydungdang.reorganizations.choices import ReorganizationKind


class Reorganization(models.Model):
    """A reorganization is an event, not an edit: merge, absorb, split, move, rename or dissolve,
    with its effective date and decision. Lineage edges and parent changes point back to it."""

    kind = models.CharField(_("hình thức"), max_length=20, choices=ReorganizationKind.choices)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("tổ chức chính"),
        on_delete=models.PROTECT,
        related_name="reorganizations",
        help_text=_("Tổ chức kết quả (hợp nhất, sáp nhập) hoặc tổ chức được điều chỉnh."),
    )
    effective_date = models.DateField(_("ngày hiệu lực"))
    decision_number = models.CharField(_("số quyết định"), max_length=100)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    issued_by = models.CharField(_("cơ quan ban hành"), max_length=255, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    details = models.JSONField(_("chi tiết"), default=dict, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người ghi nhận"), null=True, on_delete=models.SET_NULL
    )
    recorded_at = models.DateTimeField(_("thời điểm ghi nhận"), auto_now_add=True)

    scope_path = "organization__path"

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("sắp xếp tổ chức")
        verbose_name_plural = _("sắp xếp tổ chức")
        db_table = "organizations_reorganization"
        ordering = ["-effective_date", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.organization} {self.effective_date:%d/%m/%Y}"


class Lineage(models.Model):
    """`predecessor` continued as `successor` from the reorganization's date (merged into, split into…)."""

    reorganization = models.ForeignKey(
        Reorganization, verbose_name=_("sắp xếp tổ chức"), on_delete=models.CASCADE, related_name="lineage"
    )
    predecessor = models.ForeignKey(
        Organization, verbose_name=_("tổ chức trước"), on_delete=models.PROTECT, related_name="successor_links"
    )
    successor = models.ForeignKey(
        Organization, verbose_name=_("tổ chức sau"), on_delete=models.PROTECT, related_name="predecessor_links"
    )

    class Meta:
        verbose_name = _("quan hệ kế thừa")
        verbose_name_plural = _("quan hệ kế thừa")
        db_table = "organizations_lineage"
        constraints = [
            models.UniqueConstraint(fields=["reorganization", "predecessor", "successor"], name="unique_lineage")
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"


class ParentChange(models.Model):
    """From `effective_date` the organization sits under `new_parent`; before it, under `old_parent`.
    An organization without a later change has had its current parent all along: that is how the tree
    "as of" a past date is rebuilt (structure.subtree_ids_on)."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("tổ chức"), on_delete=models.CASCADE, related_name="parent_changes"
    )
    old_parent = models.ForeignKey(
        Organization, verbose_name=_("trực thuộc trước"), on_delete=models.PROTECT, related_name="+"
    )
    new_parent = models.ForeignKey(
        Organization, verbose_name=_("trực thuộc sau"), on_delete=models.PROTECT, related_name="+"
    )
    effective_date = models.DateField(_("ngày hiệu lực"), db_index=True)
    reorganization = models.ForeignKey(
        Reorganization, verbose_name=_("sắp xếp tổ chức"), on_delete=models.CASCADE, related_name="parent_changes"
    )

    class Meta:
        verbose_name = _("thay đổi trực thuộc")
        verbose_name_plural = _("thay đổi trực thuộc")
        db_table = "organizations_parentchange"
        ordering = ["organization", "effective_date", "id"]

    def __str__(self) -> str:
        return f"{self.organization}: {self.old_parent} → {self.new_parent}"
