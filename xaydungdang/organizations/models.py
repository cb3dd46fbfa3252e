from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from treebeard.mp_tree import MP_Node

from xaydungdang.access.querysets import ScopedQuerySet
from xaydungdang.organizations.choices import MEMBER_HOLDING_KINDS, OrganizationKind, ReorganizationKind, Sector
from xaydungdang.organizations.querysets import OrganizationManager


class KindRule(models.Model):
    """Which kind of organization may sit directly under which (data: the 2025 reform changed it)."""

    parent_kind = models.CharField(_("loại tổ chức cấp trên"), max_length=30, choices=OrganizationKind.choices)
    child_kind = models.CharField(_("loại tổ chức cấp dưới"), max_length=30, choices=OrganizationKind.choices)

    class Meta:
        verbose_name = _("quy tắc loại tổ chức")
        verbose_name_plural = _("quy tắc loại tổ chức")
        constraints = [models.UniqueConstraint(fields=["parent_kind", "child_kind"], name="unique_kind_rule")]

    def __str__(self) -> str:
        return f"{self.get_child_kind_display()} ⊂ {self.get_parent_kind_display()}"


class Organization(MP_Node):
    """A party organization (tổ chức đảng): a node of the tree, stored as a materialized path."""

    code = models.CharField(_("mã tổ chức"), max_length=32, unique=True)
    name = models.CharField(_("tên tổ chức"), max_length=255)
    kind = models.CharField(_("loại tổ chức"), max_length=30, choices=OrganizationKind.choices)
    sector = models.CharField(_("lĩnh vực"), max_length=30, choices=Sector.choices, default=Sector.OTHER)
    admin_unit_code = models.CharField(_("mã đơn vị hành chính"), max_length=10, blank=True)
    founded_on = models.DateField(_("ngày thành lập"), null=True, blank=True)
    founding_decision = models.CharField(_("quyết định thành lập"), max_length=100, blank=True)
    dissolved_on = models.DateField(_("ngày giải thể, kết thúc hoạt động"), null=True, blank=True)
    dissolution_decision = models.CharField(_("quyết định giải thể"), max_length=100, blank=True)

    node_order_by = ["code"]
    scope_path = "path"

    objects = OrganizationManager()
    history = HistoricalRecords(excluded_fields=["numchild"])

    class Meta:
        verbose_name = _("tổ chức đảng")
        verbose_name_plural = _("tổ chức đảng")
        constraints = [
            models.CheckConstraint(
                condition=Q(dissolved_on__isnull=True)
                | Q(founded_on__isnull=True)
                | Q(dissolved_on__gte=models.F("founded_on")),
                name="organization_dissolved_after_founded",
                violation_error_message=_("Ngày giải thể phải sau ngày thành lập."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def holds_members(self) -> bool:
        return self.kind in MEMBER_HOLDING_KINDS

    @property
    def is_active(self) -> bool:
        return self.dissolved_on is None


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
        constraints = [
            models.UniqueConstraint(fields=["reorganization", "predecessor", "successor"], name="unique_lineage")
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"


class ParentChange(models.Model):
    """From `effective_date` the organization sits under `new_parent`; before it, under `old_parent`.
    An organization without a later change has had its current parent all along: that is how the tree
    "as of" a past date is rebuilt (selectors.parent_on)."""

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
        ordering = ["organization", "effective_date", "id"]

    def __str__(self) -> str:
        return f"{self.organization}: {self.old_parent} → {self.new_parent}"
