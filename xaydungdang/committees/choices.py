from django.db import models
from django.utils.translation import gettext_lazy as _


class TermOrigin(models.TextChoices):
    """How a term's committee came to be."""

    CONGRESS = "congress", _("Đại hội bầu")
    APPOINTED = "appointed", _("Cấp ủy cấp trên chỉ định")
    CARRIED_OVER = "carried_over", _("Kế thừa khi sắp xếp tổ chức")


class CongressKind(models.TextChoices):
    DELEGATES = "delegates", _("Đại hội đại biểu")
    ALL_MEMBERS = "all_members", _("Đại hội toàn thể đảng viên")


class ObtainedBy(models.TextChoices):
    ELECTED = "elected", _("Bầu tại đại hội")
    APPOINTED = "appointed", _("Chỉ định")
    BY_ELECTION = "by_election", _("Bầu bổ sung")
    CARRIED_OVER = "carried_over", _("Kế thừa khi sắp xếp tổ chức")


class EndReason(models.TextChoices):
    END_OF_TERM = "end_of_term", _("Hết nhiệm kỳ")
    TRANSFER = "transfer", _("Điều động, chuyển công tác")
    RETIREMENT = "retirement", _("Nghỉ hưu")
    DISCIPLINE = "discipline", _("Kỷ luật")
    DEATH = "death", _("Từ trần")
    LEFT_PARTY = "left_party", _("Ra khỏi Đảng")
    REORGANIZATION = "reorganization", _("Sắp xếp tổ chức")
    RESIGNATION = "resignation", _("Xin thôi giữ chức vụ")


class AppointmentKind(models.TextChoices):
    APPOINTMENT = "appointment", _("Bổ nhiệm")
    REAPPOINTMENT = "reappointment", _("Bổ nhiệm lại")
    ROTATION = "rotation", _("Luân chuyển")


class AppointmentStatus(models.TextChoices):
    PROPOSED = "proposed", _("Đang đề xuất")
    DECIDED = "decided", _("Đã quyết định")
    WITHDRAWN = "withdrawn", _("Đã rút đề xuất")
