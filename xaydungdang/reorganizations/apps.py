from django.apps import AppConfig


class ReorganizationsConfig(AppConfig):
    name = "xaydungdang.reorganizations"
