from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "xaydungdang.access"

    def ready(self) -> None:
        from xaydungdang.access import second_factor, signals  # noqa: F401
