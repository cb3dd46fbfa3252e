from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DueworkConfig(AppConfig):
    name = "xaydungdang.duework"
    verbose_name = _("Việc cần làm")
