from django.apps import AppConfig


def _holds_office(user, organization) -> bool:
    from xaydungdang.access.choices import Action
    from xaydungdang.access.policy import policy_for

    return policy_for(user).can_in_organization(Action.VIEW, organization)


class TrainingConfig(AppConfig):
    name = "xaydungdang.training"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from xaydungdang.core.tabs import register_tab
        from xaydungdang.members import certificates
        from xaydungdang.training import due, lookups

        certificates.register_source(lookups.SOURCE)
        due.register_sections()
        register_tab(
            "organization", "training", _("Bồi dưỡng"), "training:organization_tab", order=40, visible=_holds_office
        )
