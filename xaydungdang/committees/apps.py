from django.apps import AppConfig


class CommitteesConfig(AppConfig):
    name = "xaydungdang.committees"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from xaydungdang.committees import hooks
        from xaydungdang.committees.due import register_sections
        from xaydungdang.committees.selectors import signer_on
        from xaydungdang.core.docx import register_signer
        from xaydungdang.core.tabs import register_tab

        hooks.connect()
        register_signer(signer_on)
        register_sections()
        register_tab("organization", "committee", _("Cấp ủy"), "committees:organization_tab", order=20)
        register_tab("member", "posts", _("Chức vụ"), "committees:member_tab", order=20)
