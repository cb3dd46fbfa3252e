from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "xaydungdang.organizations"

    def ready(self) -> None:
        from xaydungdang.organizations.lookups import PathStartsWith

        self.get_model("Organization")._meta.get_field("path").register_lookup(PathStartsWith)
