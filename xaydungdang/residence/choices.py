from django.db import models
from django.utils.translation import gettext_lazy as _


class Exemption(models.TextChoices):
    """Introduced members exempt from residence activity (HD 33-HD/BTCTW 30/10/2020): no periodic yearly
    comment; the residence cell comments only when needed (personnel decisions, awards, discipline)."""

    BARRACKS = "barracks", _("Quân đội, công an ở tập trung trong doanh trại")
    MOBILE = "mobile", _("Làm việc lưu động, không ở cố định một nơi")
    FULL_TIME_STUDY = "study", _("Đi học tập trung cả năm")
    STUDENT_AWAY = "student_away", _("Học sinh, sinh viên học xa nơi cư trú")
    ILLNESS = "illness", _("Ốm đau dài ngày, tuổi cao sức yếu")
    OTHER = "other", _("Trường hợp khác theo hướng dẫn")
