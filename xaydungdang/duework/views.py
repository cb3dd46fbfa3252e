"""The "Việc cần làm" page: every registered section for an organization's subtree on a date."""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from xaydungdang.access.choices import Action
from xaydungdang.access.policy import OUT_OF_SCOPE, get_visible_or_404, policy_for
from xaydungdang.core import parameters
from xaydungdang.core.dates import format_vn_date, today
from xaydungdang.core.htmx import page_or_partial
from xaydungdang.core.querystring import query_date
from xaydungdang.duework.registry import DueQuery, run, sections
from xaydungdang.organizations.models import Organization


def _on(request: HttpRequest) -> dt.date:
    return query_date(request, "on", today())


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The menu's "Việc cần làm": the top of the user's scope (the menu costs no query per page)."""
    organization = policy_for(request.user).root_organizations().first()
    if organization is None:
        raise Http404(str(OUT_OF_SCOPE))
    return redirect("duework:organization", pk=organization.pk)


@login_required
@require_GET
def organization_due(request: HttpRequest, pk: int) -> HttpResponse:
    """Việc cần làm of the organization's subtree on a date (today by default); the fragment for htmx."""
    organization = get_visible_or_404(Organization.objects, request.user, pk=pk)
    on = _on(request)
    policy = policy_for(request.user)
    query = DueQuery(organization=organization, on=on, user=request.user)
    with parameters.cached():  # one read of each rule parameter for all sections
        filled = [(section, section.heading(query), run(section, query)) for section in sections()]
    context = {
        "organization": organization,
        "on": on,
        "on_text": format_vn_date(on),
        "query": query,
        "sections": filled,
        # The register lists every member of the subtree: a link for office holders only (policy).
        "shows_register": policy.can_in_organization(Action.VIEW, organization),
    }
    return render(request, page_or_partial(request, "duework/organization.html", "sections"), context)


@require_GET
def legacy_organization(request: HttpRequest, org_pk: int) -> HttpResponse:
    """The page's former address under /members/org/<id>/due/ (bookmarks)."""
    target = redirect("duework:organization", pk=org_pk)
    if request.GET:
        target["Location"] += f"?{request.GET.urlencode()}"
    return target
