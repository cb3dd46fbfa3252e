from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Quản trị hệ thống")
    OFFICER = "officer", _("Cán bộ Ban Tổ chức")
    SECRETARY = "secretary", _("Bí thư, phó bí thư")
    LEADER = "leader", _("Lãnh đạo cấp ủy")
    MEMBER = "member", _("Đảng viên")


class Scope(models.TextChoices):
    NODE = "node", _("Chỉ tổ chức này")
    SUBTREE = "subtree", _("Tổ chức này và các tổ chức trực thuộc")


class Action(models.TextChoices):
    VIEW = "view", _("xem")
    CHANGE = "change", _("sửa")


# Which roles may do what. A grant always sits on an organization and covers its scope.
ROLE_ACTIONS: dict[str, frozenset[str]] = {
    Role.ADMIN: frozenset({Action.VIEW, Action.CHANGE}),
    Role.OFFICER: frozenset({Action.VIEW, Action.CHANGE}),
    Role.SECRETARY: frozenset({Action.VIEW, Action.CHANGE}),
    Role.LEADER: frozenset({Action.VIEW}),
    # A member reads their own record and their organization's page, not other members' records.
    Role.MEMBER: frozenset({Action.VIEW}),
}
