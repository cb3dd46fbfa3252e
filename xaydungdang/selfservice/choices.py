from django.db import models
from django.utils.translation import gettext_lazy as _


class RequestKind(models.TextChoices):
    CORRECT_DATA = "correct_data", _("Đính chính thông tin")
    PARTY_AGE = "party_age", _("Giấy xác nhận tuổi đảng")
    INTRODUCTION = "introduction", _("Giấy giới thiệu")


DOCUMENT_KINDS = frozenset({RequestKind.PARTY_AGE, RequestKind.INTRODUCTION})


class RequestStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Đã gửi, chờ duyệt")
    APPROVED = "approved", _("Đã duyệt, đã cấp giấy")
    RETURNED = "returned", _("Trả lại")
    DONE = "done", _("Hoàn thành")


OPEN_STATUSES = frozenset({RequestStatus.SUBMITTED})
