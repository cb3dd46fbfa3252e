from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    """What a member's fee is computed from (QĐ 01-QĐ/TW 2026, Art. 3; rules.md §2.5)."""

    SALARY = "salary", _("Hưởng lương, đóng BHXH bắt buộc")
    LEAVE_BENEFIT = "leave_benefit", _("Hưởng trợ cấp BHXH khi ốm đau, thai sản")
    PENSION = "pension", _("Hưởng lương hưu")
    NOT_INSURED = "not_insured", _("Không đóng BHXH bắt buộc, không hưởng lương hưu")
    STUDENT = "student", _("Học sinh, sinh viên")
    ABROAD = "abroad", _("Ở ngoài nước")


class AgeBracket(models.TextChoices):
    """The two rates of members not in compulsory social insurance."""

    ANY = "any", _("Mọi độ tuổi")
    BELOW_RETIREMENT = "below", _("Dưới tuổi nghỉ hưu")
    RETIREMENT_OR_ABOVE = "retired", _("Từ tuổi nghỉ hưu trở lên")


class Zone(models.IntegerChoices):
    """Regions of the regional minimum wage (NĐ 293/2025/NĐ-CP)."""

    I = 1, _("Vùng I")  # noqa: E741
    II = 2, _("Vùng II")
    III = 3, _("Vùng III")
    IV = 4, _("Vùng IV")


class ReliefKind(models.TextChoices):
    EXEMPTION = "exemption", _("Miễn đóng")
    REDUCTION = "reduction", _("Giảm mức đóng")


class ReliefReason(models.TextChoices):
    SOCIAL_PENSION = "social_pension", _("Hưởng trợ cấp hưu trí xã hội")
    POOR_HOUSEHOLD = "poor_household", _("Thuộc hộ nghèo, hộ cận nghèo")
    SERIOUS_ILLNESS = "serious_illness", _("Mắc bệnh hiểm nghèo")
    HARDSHIP = "hardship", _("Hoàn cảnh khó khăn khác")


class PaymentMethod(models.TextChoices):
    CASH = "cash", _("Tiền mặt tại chi bộ")
    BANK = "bank", _("Chuyển khoản ngân hàng")
    PORTAL = "portal", _("Cổng Dịch vụ công Quốc gia")


class LineStatus(models.TextChoices):
    MATCHED = "matched", _("Đã đối chiếu")
    UNMATCHED = "unmatched", _("Chưa đối chiếu được")
