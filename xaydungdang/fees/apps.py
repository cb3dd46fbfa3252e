from django.apps import AppConfig


class FeesConfig(AppConfig):
    name = "xaydungdang.fees"

    def ready(self) -> None:
        from xaydungdang.fees.due import register_sections
        from xaydungdang.fees.tabs import register_tabs

        register_sections()
        register_tabs()
