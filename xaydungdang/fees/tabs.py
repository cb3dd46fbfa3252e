from django.utils.translation import gettext_lazy as _

from xaydungdang.access.choices import Action
from xaydungdang.access.policy import policy_for
from xaydungdang.core.tabs import register_tab


def _holds_office(user, organization) -> bool:
    return policy_for(user).can_in_organization(Action.VIEW, organization)


def register_tabs() -> None:
    register_tab("member", "fees", _("Đảng phí"), "fees:member_tab", order=40)
    register_tab("organization", "fees", _("Đảng phí"), "fees:organization_tab", order=40, visible=_holds_office)
