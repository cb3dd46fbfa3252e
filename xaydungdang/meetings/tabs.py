"""The "Sinh hoạt chi bộ" tab of the organization page (core.tabs)."""

from django.utils.translation import gettext_lazy as _

from xaydungdang.core.tabs import register_tab
from xaydungdang.meetings import rules


def _holds_meetings(user, organization) -> bool:
    return organization.kind in rules.REQUIRED_ORGANIZATION_KINDS


def register_tabs() -> None:
    register_tab(
        "organization", "meetings", _("Sinh hoạt chi bộ"), "meetings:organization_tab", order=30,
        visible=_holds_meetings,
    )  # fmt: skip
