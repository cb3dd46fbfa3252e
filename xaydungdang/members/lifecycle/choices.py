from django.db import models
from django.utils.translation import gettext_lazy as _


class DisciplineForm(models.TextChoices):
    """Disciplinary forms for a member short of expulsion (QĐ 69-QĐ/TW; expulsion is its own event)."""

    REPRIMAND = "reprimand", _("Khiển trách")
    WARNING = "warning", _("Cảnh cáo")
    REMOVAL_FROM_POST = "removal_from_post", _("Cách chức")


class StrikeOffGround(models.TextChoices):
    """Grounds for striking a member off the list (QĐ 24 §8.1; QĐ 01-QĐ/TW 2026 on fees)."""

    LEFT_ACTIVITY = "left_activity", _("Bỏ sinh hoạt đảng hoặc không đóng đảng phí 3 tháng trong năm")
    RETURNED_CARD = "returned_card", _("Tự ý trả thẻ đảng viên hoặc tự hủy thẻ đảng viên")
    LOST_WILL = "lost_will", _("Giảm sút ý chí phấn đấu, đã giáo dục 12 tháng không tiến bộ")
    FAILED_TWO_YEARS = "failed_two_years", _("Hai năm liền vi phạm tư cách đảng viên, không hoàn thành nhiệm vụ")
    POLITICAL_STANDARD = "political_standard", _("Không đủ tiêu chuẩn chính trị")
    PROBATION_UNFIT = "probation_unfit", _("Đảng viên dự bị không đủ tư cách khi xét công nhận chính thức")
    OTHER = "other", _("Khác")


class TransferKind(models.TextChoices):
    INTERNAL = "internal", _("Chuyển sinh hoạt chính thức trong hệ thống")
    OUTGOING = "outgoing", _("Chuyển sinh hoạt chính thức ra ngoài hệ thống")
    INCOMING = "incoming", _("Chuyển sinh hoạt chính thức từ ngoài hệ thống đến")


class TransferState(models.TextChoices):
    ISSUED = "issued", _("Đã cấp giấy giới thiệu, chờ tiếp nhận")
    ACCEPTED = "accepted", _("Đã tiếp nhận")
    CANCELLED = "cancelled", _("Đã hủy")


class TemporaryPurpose(models.TextChoices):
    """Why a member takes up temporary activity elsewhere: the duration limits differ (rules.md §2.4)."""

    WORK = "work", _("Thay đổi nơi làm việc")
    RESIDENCE = "residence", _("Thay đổi nơi cư trú")
    STUDY = "study", _("Đi học tập trung trong nước")
