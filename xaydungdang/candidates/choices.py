from django.db import models
from django.utils.translation import gettext_lazy as _


class Step(models.TextChoices):
    """The admission pipeline, in order (rules.md §2.2; HD 12-HD/BTCTW 2022 §II.1.1)."""

    RECORDED = "recorded", _("Ghi nhận quần chúng ưu tú")
    COURSE = "course", _("Học lớp bồi dưỡng nhận thức về Đảng")
    APPLICATION = "application", _("Đơn xin vào Đảng và lý lịch")
    SPONSORS = "sponsors", _("Đảng viên giới thiệu")
    OPINIONS = "opinions", _("Ý kiến đoàn thể và chi ủy nơi cư trú")
    CELL_RESOLUTION = "cell_resolution", _("Nghị quyết chi bộ")
    COMMITTEE_RESOLUTION = "committee_resolution", _("Nghị quyết đảng ủy cơ sở")
    DECISION = "decision", _("Quyết định kết nạp")
    CEREMONY = "ceremony", _("Lễ kết nạp")


STEP_ORDER: tuple[str, ...] = tuple(Step.values)


class CandidateStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("Đang xem xét")
    ADMITTED = "admitted", _("Đã kết nạp")
    STOPPED = "stopped", _("Dừng xem xét")


class ExceptionArea(models.TextChoices):
    """Areas where the education standard follows the Secretariat's guidance (QĐ 294-QĐ/TW; rules.md §2.2)."""

    MOUNTAIN = "mountain", _("Miền núi, vùng cao")
    ISLAND = "island", _("Hải đảo")
    ETHNIC_MINORITY = "ethnic_minority", _("Vùng đồng bào dân tộc thiểu số")
