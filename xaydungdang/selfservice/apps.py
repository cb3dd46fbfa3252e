from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _decides_in(user, organization) -> bool:
    from xaydungdang.access.choices import Action
    from xaydungdang.access.policy import policy_for

    return organization.holds_members and policy_for(user).can_in_organization(Action.CHANGE, organization)


class SelfserviceConfig(AppConfig):
    name = "xaydungdang.selfservice"

    def ready(self) -> None:
        from xaydungdang.core.tabs import register_tab
        from xaydungdang.members.lifecycle import exits
        from xaydungdang.selfservice.accounts import close_account_on_exit
        from xaydungdang.selfservice.due import register_sections

        register_sections()
        exits.register("selfservice", close_account_on_exit)
        register_tab(
            "organization",
            "selfservice",
            _("Đề nghị, tài khoản đảng viên"),
            "selfservice:organization_tab",
            order=80,
            visible=_decides_in,
        )
