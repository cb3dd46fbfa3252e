"""Who may read the statistics of which subtree (through the one policy object, access.policy).

Statistics of an organization aggregate its whole subtree, so they are shown to users whose grant
covers that subtree (or who hold a node grant on an organization without children); a member's own
grant shows their record, not their organization's statistics. Anything else is a 404.
"""

from django.http import Http404

from xaydungdang.access.choices import Action
from xaydungdang.access.policy import OUT_OF_SCOPE, policy_for
from xaydungdang.organizations.models import Organization


def can_report(user, organization: Organization) -> bool:
    return policy_for(user).reads_subtree(organization)


def report_roots(user) -> list[Organization]:
    """The highest organizations whose statistics the user may read: where the dashboard starts."""
    return [organization for organization in policy_for(user).root_organizations() if can_report(user, organization)]


def report_organization(user, organization_id: str | None) -> Organization | None:
    """The organization asked for (404 when the user may not read it), or the user's first root."""
    if not organization_id:
        roots = report_roots(user)
        return roots[0] if roots else None
    try:
        organization = Organization.objects.visible_to(user).get(pk=int(organization_id))
    except (Organization.DoesNotExist, ValueError) as exc:
        raise Http404(str(OUT_OF_SCOPE)) from exc
    if not can_report(user, organization):
        raise Http404(str(OUT_OF_SCOPE))
    return organization


def can_plan(user, organization: Organization) -> bool:
    return policy_for(user).can_in_organization(Action.CHANGE, organization)
