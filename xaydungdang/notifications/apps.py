from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "xaydungdang.notifications"
    verbose_name = _("Thông báo")

    def ready(self) -> None:
        from xaydungdang.notifications import alerts  # noqa: F401  (the bulk-read alert's receiver)
