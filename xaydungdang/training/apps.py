from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "xaydungdang.training"

    def ready(self) -> None:
        from xaydungdang.members import certificates
        from xaydungdang.training import due, lookups

        certificates.register_source(lookups.SOURCE)
        due.register_sections()
