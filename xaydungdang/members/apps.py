from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "xaydungdang.members"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from xaydungdang.core.tabs import register_tab
        from xaydungdang.members.lifecycle.due import register_sections

        register_sections()
        register_tab("member", "timeline", _("Quá trình"), "lifecycle:timeline", order=10)
