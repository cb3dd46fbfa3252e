from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "xaydungdang.core"

    def ready(self) -> None:
        from xaydungdang.core import sessions  # noqa: F401 - connects the login signal
