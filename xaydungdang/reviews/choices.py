from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    """The four quality levels (QĐ 366-QĐ/TW Điều 11; unchanged since QĐ 132)."""

    EXCELLENT = "excellent", _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = "good", _("Hoàn thành tốt nhiệm vụ")
    COMPLETED = "completed", _("Hoàn thành nhiệm vụ")
    FAILED = "failed", _("Không hoàn thành nhiệm vụ")


# Higher is better; a cap is "at most this rank".
LEVEL_RANK: dict[str, int] = {Level.EXCELLENT: 4, Level.GOOD: 3, Level.COMPLETED: 2, Level.FAILED: 1}
LEVELS_BEST_FIRST = [Level.EXCELLENT, Level.GOOD, Level.COMPLETED, Level.FAILED]


class PeriodKind(models.TextChoices):
    YEAR = "year", _("Năm")
    QUARTER = "quarter", _("Quý")
    TERM = "term", _("Nhiệm kỳ")


class Subject(models.TextChoices):
    MEMBER = "member", _("Đảng viên")
    ORGANIZATION = "organization", _("Tổ chức đảng")


class TaskProgress(models.TextChoices):
    """How the assigned tasks were done (QĐ 366-QĐ/TW Điều 11 conditions of each level)."""

    EXCEEDED = "exceeded", _("Đúng hạn, có nhiệm vụ vượt mức")
    ON_TIME = "on_time", _("Hoàn thành đúng hạn")
    SOME_LATE = "some_late", _("Hoàn thành, một số chậm tiến độ")
    NOT_DONE = "not_done", _("Không hoàn thành")


class DossierStatus(models.TextChoices):
    DRAFT = "draft", _("Đang nhập")
    SUBMITTED = "submitted", _("Đã trình cấp trên")
    APPROVED = "approved", _("Đã duyệt")
    RETURNED = "returned", _("Bị trả lại")


EDITABLE_DOSSIER_STATUSES = frozenset({DossierStatus.DRAFT, DossierStatus.RETURNED})


class NotRated(models.TextChoices):
    """Why a subject is reviewed (kiểm điểm) but not rated (xếp loại)."""

    NEW_MEMBER = "new_member", _("Mới kết nạp, chưa đủ thời gian xếp loại")
    EXEMPTED = "exempted", _("Miễn công tác và sinh hoạt đảng")
    NEW_ORGANIZATION = "new_organization", _("Tổ chức mới thành lập, chưa đủ thời gian xếp loại")


class SelfReviewForm(models.TextChoices):
    """The individual self-review forms of HD 43-HD/BTCTW (31/10/2025), by the member's category
    [INFERRED from HD 25-HD/BTCTW 2023, whose forms 2A/2B/2C HD 43 keeps: 2A for leaders and managers,
    2B for cadres, civil servants and public employees without a leading post, 2C for other members]."""

    LEADER = "2A", _("Mẫu 2A — cán bộ lãnh đạo, quản lý")
    CIVIL_SERVANT = "2B", _("Mẫu 2B — cán bộ, công chức, viên chức không giữ chức vụ lãnh đạo, quản lý")
    OTHER = "2C", _("Mẫu 2C — đảng viên khác (nghỉ hưu, lao động tự do, học sinh, sinh viên…)")
