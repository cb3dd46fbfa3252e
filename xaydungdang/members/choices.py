from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")


class MemberStatus(models.TextChoices):
    """The member's state in the Party, derived from their events."""

    PROBATIONARY = "probationary", _("Đảng viên dự bị")
    OFFICIAL = "official", _("Đảng viên chính thức")
    TRANSFERRED_OUT = "transferred_out", _("Đã chuyển sinh hoạt ra ngoài")
    ANNULLED = "annulled", _("Không công nhận kết nạp")
    STRUCK_OFF = "struck_off", _("Bị xóa tên")
    EXPELLED = "expelled", _("Bị khai trừ")
    DISMISSED = "dismissed", _("Cho ra khỏi Đảng")
    RESIGNED = "resigned", _("Xin ra khỏi Đảng")
    DECEASED = "deceased", _("Từ trần")


# Statuses of people who are party members (counted in the organization's membership).
ACTIVE_STATUSES = frozenset({MemberStatus.PROBATIONARY, MemberStatus.OFFICIAL})


class EventKind(models.TextChoices):
    ADMITTED = "admitted", _("Kết nạp")
    RECOGNIZED_OFFICIAL = "recognized_official", _("Công nhận đảng viên chính thức")
    ADMISSION_ANNULLED = "admission_annulled", _("Không công nhận kết nạp")
    TRANSFERRED_OUT = "transferred_out", _("Chuyển sinh hoạt đảng đi")
    TRANSFERRED_IN = "transferred_in", _("Chuyển sinh hoạt đảng đến")
    TEMPORARY_STARTED = "temporary_started", _("Bắt đầu sinh hoạt tạm thời")
    TEMPORARY_ENDED = "temporary_ended", _("Kết thúc sinh hoạt tạm thời")
    EXEMPTED = "exempted", _("Miễn công tác và sinh hoạt đảng")
    EXEMPTION_ENDED = "exemption_ended", _("Thôi miễn công tác và sinh hoạt đảng")
    DISCIPLINED = "disciplined", _("Kỷ luật")
    STRUCK_OFF = "struck_off", _("Xóa tên")
    EXPELLED = "expelled", _("Khai trừ")
    DISMISSED = "dismissed", _("Cho ra khỏi Đảng")
    RESIGNED = "resigned", _("Xin ra khỏi Đảng")
    DECEASED = "deceased", _("Từ trần")
    READMITTED = "readmitted", _("Kết nạp lại")
    PARTY_CARD_ISSUED = "party_card_issued", _("Cấp thẻ đảng viên")
    BADGE_AWARDED = "badge_awarded", _("Tặng Huy hiệu Đảng")
    BADGE_RETURNED = "badge_returned", _("Nộp lại Huy hiệu Đảng")
    EXPULSION_CLEARED = "expulsion_cleared", _("Hủy quyết định khai trừ sai (minh oan)")
    DATA_CORRECTED = "data_corrected", _("Đính chính thông tin")
    REGISTERED = "registered", _("Đăng ký hồ sơ vào hệ thống")


class AttachmentKind(models.TextChoices):
    OFFICIAL = "official", _("Sinh hoạt chính thức")
    TEMPORARY = "temporary", _("Sinh hoạt tạm thời")


class EducationLevel(models.TextChoices):
    """General education (giáo dục phổ thông)."""

    PRIMARY = "primary", _("Tiểu học")
    LOWER_SECONDARY = "lower_secondary", _("Trung học cơ sở")
    UPPER_SECONDARY = "upper_secondary", _("Trung học phổ thông")


class Qualification(models.TextChoices):
    """Professional qualification (chuyên môn nghiệp vụ)."""

    NONE = "none", _("Chưa qua đào tạo")
    VOCATIONAL = "vocational", _("Sơ cấp, trung cấp nghề")
    COLLEGE = "college", _("Cao đẳng")
    BACHELOR = "bachelor", _("Đại học")
    MASTER = "master", _("Thạc sĩ")
    DOCTOR = "doctor", _("Tiến sĩ")


class TheoryLevel(models.TextChoices):
    """Political-theory level (trình độ lý luận chính trị)."""

    NONE = "none", _("Chưa qua đào tạo")
    ELEMENTARY = "elementary", _("Sơ cấp")
    INTERMEDIATE = "intermediate", _("Trung cấp")
    ADVANCED = "advanced", _("Cao cấp")
    BACHELOR = "bachelor", _("Cử nhân")


class Occupation(models.TextChoices):
    """Occupation groups as the statistics report them (rules.md §2.10)."""

    CIVIL_SERVANT = "civil_servant", _("Cán bộ, công chức")
    COMMUNE_OFFICIAL = "commune_official", _("Cán bộ, công chức cấp xã")
    PUBLIC_EMPLOYEE = "public_employee", _("Viên chức")
    ENTERPRISE = "enterprise", _("Người lao động trong doanh nghiệp")
    BUSINESS_OWNER = "business_owner", _("Chủ doanh nghiệp tư nhân")
    FARMER = "farmer", _("Nông, lâm, ngư nghiệp")
    ARMED_FORCES = "armed_forces", _("Quân đội, công an")
    STUDENT = "student", _("Học sinh, sinh viên")
    RETIRED = "retired", _("Nghỉ hưu")
    OTHER = "other", _("Khác")


class Religion(models.TextChoices):
    NONE = "none", _("Không")
    BUDDHISM = "buddhism", _("Phật giáo")
    CATHOLICISM = "catholicism", _("Công giáo")
    PROTESTANTISM = "protestantism", _("Tin Lành")
    CAO_DAI = "cao_dai", _("Cao Đài")
    HOA_HAO = "hoa_hao", _("Phật giáo Hòa Hảo")
    ISLAM = "islam", _("Hồi giáo")
    OTHER = "other", _("Khác")
