from django.db import models
from django.utils.translation import gettext_lazy as _


class Purpose(models.TextChoices):
    """What a course kind is for: the lifecycle reads the first two (rules.md §2.2, §2.11)."""

    AWARENESS = "awareness", _("Bồi dưỡng nhận thức về Đảng")
    NEW_MEMBER = "new_member", _("Chương trình lý luận chính trị dành cho đảng viên mới")
    THEORY = "theory", _("Lý luận chính trị")
    COMMITTEE = "committee", _("Bồi dưỡng cấp ủy viên")
    OTHER = "other", _("Khác")


class Result(models.TextChoices):
    PENDING = "pending", _("Đang học")
    PASSED = "passed", _("Hoàn thành")
    FAILED = "failed", _("Không đạt")
    WITHDRAWN = "withdrawn", _("Bỏ học")
