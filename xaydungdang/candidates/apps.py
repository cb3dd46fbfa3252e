from django.apps import AppConfig


class CandidatesConfig(AppConfig):
    name = "xaydungdang.candidates"

    def ready(self) -> None:
        from xaydungdang.candidates.due import register_sections

        register_sections()
