from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganizationKind(models.TextChoices):
    CENTRAL = "central", _("Ban Chấp hành Trung ương")
    PROVINCIAL = "provincial", _("Đảng bộ trực thuộc Trung ương")
    UPPER_GRASSROOTS = "upper_grassroots", _("Đảng bộ cấp trên trực tiếp của tổ chức cơ sở đảng")
    GRASSROOTS_COMMITTEE = "grassroots_committee", _("Đảng bộ cơ sở")
    GRASSROOTS_CELL = "grassroots_cell", _("Chi bộ cơ sở")
    PARTIAL_COMMITTEE = "partial_committee", _("Đảng bộ bộ phận")
    CELL = "cell", _("Chi bộ trực thuộc")


# Kinds whose organizations hold members directly (members attach only to these).
MEMBER_HOLDING_KINDS = frozenset({OrganizationKind.GRASSROOTS_CELL, OrganizationKind.CELL})

# Grassroots party organizations (tổ chức cơ sở đảng), the level most rules and rates speak of.
GRASSROOTS_KINDS = frozenset({OrganizationKind.GRASSROOTS_COMMITTEE, OrganizationKind.GRASSROOTS_CELL})

# The default of which kind may sit under which, after the 2025 reform (QĐ 294-QĐ/TW; rules.md §3).
# It is data (KindRule rows), seeded from this table, because pilots differ by province.
DEFAULT_KIND_RULES: dict[str, tuple[str, ...]] = {
    OrganizationKind.CENTRAL: (OrganizationKind.PROVINCIAL,),
    OrganizationKind.PROVINCIAL: (
        OrganizationKind.UPPER_GRASSROOTS,
        OrganizationKind.GRASSROOTS_COMMITTEE,
        OrganizationKind.GRASSROOTS_CELL,
    ),
    OrganizationKind.UPPER_GRASSROOTS: (
        OrganizationKind.GRASSROOTS_COMMITTEE,
        OrganizationKind.GRASSROOTS_CELL,
    ),
    OrganizationKind.GRASSROOTS_COMMITTEE: (OrganizationKind.PARTIAL_COMMITTEE, OrganizationKind.CELL),
    OrganizationKind.PARTIAL_COMMITTEE: (OrganizationKind.CELL,),
    OrganizationKind.GRASSROOTS_CELL: (),
    OrganizationKind.CELL: (),
}


class Sector(models.TextChoices):
    TERRITORIAL = "territorial", _("Xã, phường, đặc khu")
    AGENCY = "agency", _("Cơ quan")
    PUBLIC_SERVICE = "public_service", _("Đơn vị sự nghiệp")
    ENTERPRISE = "enterprise", _("Doanh nghiệp")
    ARMED_FORCES = "armed_forces", _("Lực lượng vũ trang")
    VILLAGE = "village", _("Thôn, ấp, khu phố")
    OTHER = "other", _("Khác")
