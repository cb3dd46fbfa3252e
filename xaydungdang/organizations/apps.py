from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "xaydungdang.organizations"
