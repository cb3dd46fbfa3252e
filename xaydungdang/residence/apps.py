from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResidenceConfig(AppConfig):
    name = "xaydungdang.residence"
    verbose_name = _("Liên hệ nơi cư trú")

    def ready(self) -> None:
        from xaydungdang.residence.due import register_sections
        from xaydungdang.residence.tabs import register_tabs

        register_sections()
        register_tabs()
