from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from treebeard.mp_tree import MP_Node

from xaydungdang.organizations.choices import MEMBER_HOLDING_KINDS, OrganizationKind, Sector
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
        # The top levels of a scope in tree order (the member list's filter, the tree page): a range of depths,
        # not a walk of every organization in path order (70 ms at 164,000 organizations).
        indexes = [models.Index(fields=["depth", "path"], name="organization_depth_path")]

    def __str__(self) -> str:
        return self.name

    @property
    def holds_members(self) -> bool:
        return self.kind in MEMBER_HOLDING_KINDS

    @property
    def is_active(self) -> bool:
        return self.dissolved_on is None
