from django.db import models
from django.utils.translation import gettext_lazy as _


class ReorganizationKind(models.TextChoices):
    MERGE = "merge", _("Hợp nhất")
    ABSORB = "absorb", _("Sáp nhập")
    SPLIT = "split", _("Chia tách")
    MOVE = "move", _("Điều chỉnh trực thuộc")
    RENAME = "rename", _("Đổi tên")
    DISSOLVE = "dissolve", _("Giải thể")


# A move may correct the tree without a decision of its own (the organization page, the API, an import);
# every other reorganization is made by a decision, whose number is required.
DECISION_OPTIONAL = frozenset({ReorganizationKind.MOVE})
