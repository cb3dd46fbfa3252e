from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "xaydungdang.meetings"
    verbose_name = _("Sinh hoạt chi bộ")

    def ready(self) -> None:
        from xaydungdang.meetings.due import register_sections
        from xaydungdang.meetings.tabs import register_tabs

        register_sections()
        register_tabs()
