from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "xaydungdang.access"

    def ready(self) -> None:
        from xaydungdang.access import receivers, second_factor  # noqa: F401
