from django.utils.translation import gettext_lazy as _

from xaydungdang.core.tabs import register_tab


def register_tabs() -> None:
    register_tab("member", "residence", _("Nơi cư trú"), "residence:member_tab", order=60)
