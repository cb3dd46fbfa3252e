"""The "Việc cần làm" page: every registered section for an organization's subtree on a date.

At a province's scale a subtree has hundreds of things due: the page shows a few rows of each section (with
its count and a link to all of them), one section at a time is paged (`?kind=<key>&page=N`), the
organization can be narrowed to a unit below (`?org=<id>`), and everything listed can be had as .xlsx
(`?format=xlsx`).
"""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from xaydungdang.access.choices import Action
from xaydungdang.access.policy import OUT_OF_SCOPE, get_visible_or_404, policy_for
from xaydungdang.core import parameters
from xaydungdang.core.dates import format_vn_date, today
from xaydungdang.core.htmx import page_or_partial
from xaydungdang.core.querystring import (
    query_choice,
    query_date,
    query_page,
    query_pk,
    query_text,
    querystring_without_page,
)
from xaydungdang.core.spreadsheets import xlsx_bytes
from xaydungdang.duework.registry import LIMIT, DueItems, DueQuery, run, sections
from xaydungdang.organizations.models import Organization

OVERVIEW_ROWS = 5  # rows of each section on the overview; "Xem tất cả" pages the rest
PAGE_SIZE = 25  # rows of one section per page
EXPORT_LIMIT = 20_000  # rows of each section in the .xlsx


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


def _page_number(request: HttpRequest) -> int:
    return query_page(request)


def _shown(items: DueItems, start: int, stop: int) -> DueItems:
    """A slice of a section's items that still says how many there are in all."""
    return DueItems(items[start:stop], total=items.total)


@login_required
@require_GET
def organization_due(request: HttpRequest, pk: int) -> HttpResponse:
    """Việc cần làm of the organization's subtree on a date (today by default); the fragment for htmx."""
    organization = get_visible_or_404(Organization.objects, request.user, pk=pk)
    narrowed = str(query_pk(request, "org") or "")
    if narrowed and narrowed != str(organization.pk):
        # The filter's select names a unit below: its own page, with the other filters kept.
        target = get_visible_or_404(
            Organization.objects.filter(path__startswith=organization.path), request.user, pk=narrowed
        )
        params = request.GET.copy()
        params.pop("org")
        params.pop("page", None)
        url = reverse("duework:organization", args=[target.pk])
        return redirect(f"{url}?{params.urlencode()}" if params else url)
    on = _on(request)
    policy = policy_for(request.user)
    registered = sections()
    kind = query_text(request, "kind")
    chosen = [section for section in registered if section.key == kind]
    if kind and not chosen:
        kind = ""
    if query_choice(request, "format", ["xlsx"]) == "xlsx":
        return _export(request, organization, on, chosen or registered)
    page_obj = None
    with parameters.cached():  # one read of each rule parameter for all sections
        if kind:
            section = chosen[0]
            number = _page_number(request)
            query = DueQuery(
                organization=organization, on=on, user=request.user, limit=max(LIMIT, (number + 1) * PAGE_SIZE)
            )
            items = run(section, query)
            page_obj = Paginator(range(items.total), PAGE_SIZE).get_page(number)
            start = max(page_obj.start_index() - 1, 0)
            filled = [(section, section.heading(query), _shown(items, start, start + PAGE_SIZE))]
        else:
            query = DueQuery(organization=organization, on=on, user=request.user)
            filled = []
            for section in registered:
                items = run(section, query)
                filled.append((section, section.heading(query), _shown(items, 0, OVERVIEW_ROWS)))
    units = policy.restrict(Organization.objects.get_children(organization).filter(dissolved_on__isnull=True)).order_by(
        "path"
    )
    context = {
        "organization": organization,
        "ancestors": policy.restrict(Organization.objects.get_ancestors(organization)),
        "units": units,
        "on": on,
        "on_text": format_vn_date(on),
        "query": query,
        "kind": kind,
        "kinds": [(section.key, section.heading(query)) for section in registered],
        "sections": filled,
        "overview": not kind,
        "page_obj": page_obj,
        "querystring_without_page": querystring_without_page(request),
        # The register lists every member of the subtree: a link for office holders only (policy).
        "shows_register": policy.can_in_organization(Action.VIEW, organization),
        # The actions at hand (record the recognition, the badge…): their forms check each member again.
        "can_act": policy.can_in_organization(Action.CHANGE, organization),
    }
    return render(request, page_or_partial(request, "duework/organization.html", "sections"), context)


def _export(request: HttpRequest, organization, on: dt.date, chosen) -> HttpResponse:
    """The sections as one .xlsx sheet: the section, the subject, the organization, the dates."""
    query = DueQuery(organization=organization, on=on, user=request.user, limit=EXPORT_LIMIT)
    with parameters.cached():
        filled = [(section.heading(query), run(section, query)) for section in chosen]

    def write(workbook) -> None:
        sheet = workbook.sheet(_("Việc cần làm"), widths=[48, 32, 36, 14, 14, 10])
        sheet.title(
            _("Việc cần làm — %(name)s, tính đến ngày %(on)s") % {"name": organization.name, "on": format_vn_date(on)}
        )
        sheet.blank()
        sheet.header([_("Việc"), _("Đối tượng"), _("Tổ chức"), _("Từ ngày"), _("Hạn"), _("Quá hạn")])
        for heading, items in filled:
            for item in items:
                organization_name = getattr(item.organization, "name", "") if item.organization else ""
                sheet.row(
                    [heading, item.title, organization_name, item.start, item.due, _("Có") if item.overdue(on) else ""]
                )

    response = HttpResponse(
        xlsx_bytes(write), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="viec-can-lam-{organization.code}.xlsx"'
    return response


@require_GET
def legacy_organization(request: HttpRequest, org_pk: int) -> HttpResponse:
    """The page's former address under /members/org/<id>/due/ (bookmarks)."""
    target = redirect("duework:organization", pk=org_pk)
    if request.GET:
        target["Location"] += f"?{request.GET.urlencode()}"
    return target
