from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingKind(models.TextChoices):
    """Kinds of party meeting (rules.md §2.9)."""

    REGULAR = "regular", _("Sinh hoạt thường kỳ")
    THEMATIC = "thematic", _("Sinh hoạt chuyên đề")
    COMMITTEE = "committee", _("Sinh hoạt đảng bộ cơ sở")
    EXTRAORDINARY = "extraordinary", _("Sinh hoạt bất thường")


class MeetingState(models.TextChoices):
    PLANNED = "planned", _("Đã lên kế hoạch")
    HELD = "held", _("Đã sinh hoạt")
    CANCELLED = "cancelled", _("Hủy")


class Presence(models.TextChoices):
    """A member's attendance at one meeting (the cell's membership situation, HD 09-HD/BTCTW)."""

    PRESENT = "present", _("Có mặt")
    EXCUSED = "excused", _("Vắng có lý do")
    UNEXCUSED = "unexcused", _("Vắng không có lý do")
    EXEMPTED = "exempted", _("Miễn sinh hoạt")
    ELSEWHERE = "elsewhere", _("Sinh hoạt tạm thời nơi khác")


# Counted in the attendance rate: members expected at the meeting (exempted and those on temporary
# activity elsewhere are not expected, so they are neither present nor absent).
EXPECTED = frozenset({Presence.PRESENT, Presence.EXCUSED, Presence.UNEXCUSED})


class GuestKind(models.TextChoices):
    HIGHER_LEVEL = "higher_level", _("Cấp ủy viên cấp trên dự")
    RESIDENCE = "residence", _("Bí thư chi bộ nơi cư trú")
    OTHER = "other", _("Khách mời khác")


class QualityLevel(models.TextChoices):
    """Levels of the monthly self-assessment of a meeting's quality."""

    GOOD = "good", _("Tốt")
    FAIR = "fair", _("Khá")
    AVERAGE = "average", _("Trung bình")
    WEAK = "weak", _("Kém")


class DueKind(models.TextChoices):
    MISSED = "missed", _("Không sinh hoạt")
    UNPLANNED = "unplanned", _("Chưa lên kế hoạch")
    UNRECORDED = "unrecorded", _("Quá ngày dự kiến, chưa ghi kết quả")
