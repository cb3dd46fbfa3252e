"""Pages of the organization tree: browse, open a node, create a child, edit. Moves and other
reorganizations are the reorganizations app's pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from xaydungdang.access.choices import Action
from xaydungdang.access.policy import OutOfScope, get_visible_or_404, policy_for
from xaydungdang.core.history import history_entries
from xaydungdang.core.htmx import page_or_partial
from xaydungdang.core.pagination import page_of
from xaydungdang.core.querystring import (
    PAGE_SIZE,
    parse_on_date,
    query_choice,
    query_pk,
    query_text,
    querystring_without_page,
)
from xaydungdang.core.tabs import tabs_for
from xaydungdang.core.versions import EditConflict
from xaydungdang.organizations import selectors, services
from xaydungdang.organizations.forms import OrganizationForm, add_service_errors
from xaydungdang.organizations.models import Organization


@login_required
def tree(request: HttpRequest) -> HttpResponse:
    """The tree from the user's top organizations; `?parent=<id>` gives one node's children (htmx)."""
    parent_id = query_pk(request, "parent")
    query = query_text(request, "q")
    if query and not parent_id:
        # The tree's own filter: the matching organizations in a flat list, each with its place in the tree.
        found = selectors.search_organizations(request.user, query)
        places = selectors.places_in_tree(request.user, found)
        context = {"nodes": found, "query": query, "found": [(org, places[org.pk]) for org in found]}
        return render(request, "organizations/tree.html", context)
    if parent_id:
        parent = get_visible_or_404(Organization.objects, request.user, pk=parent_id)
        nodes = selectors.visible_children(request.user, parent)
    else:
        nodes = selectors.tree_roots(request.user)
    template = page_or_partial(request, "organizations/tree.html", "nodes")
    # A user with one top organization sees its first level opened (loaded once the page is shown).
    open_single_root = not parent_id and len(nodes) == 1
    return render(request, template, {"nodes": nodes, "open_single_root": open_single_root})


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    organization = get_visible_or_404(Organization.objects, request.user, pk=pk)
    user = request.user
    policy = policy_for(user)
    tabs = tabs_for("organization", organization, user)
    requested = query_text(request, "tab")
    tab = requested if requested == "history" or any(t.key == requested for t in tabs) else "members"
    context = {
        "organization": organization,
        "ancestors": selectors.visible_ancestors(user, organization),
        "children": selectors.visible_children(user, organization),
        "active_count": selectors.subtree_active_counts([organization]).get(organization.pk, 0),
        "can_change": policy.can_in_organization(Action.CHANGE, organization),
        # Links to the organization's work are the policy's: office holders over it, statistics for whom
        # reads the whole subtree; a member's own grant shows the page and their own record only.
        "holds_office": policy.can_in_organization(Action.VIEW, organization),
        "reads_subtree": policy.reads_subtree(organization),
        "tabs": tabs,
        "tab": tab,
        "current_tab": next((t for t in tabs if t.key == tab), None),
    }
    if tab == "history":
        context["history_entries"] = history_entries(organization, viewer=user)
    elif tab == "members":
        context.update(_members_context(request, organization))
    template = page_or_partial(request, "organizations/detail.html", "members")
    return render(request, template, context)


def _members_context(request: HttpRequest, organization: Organization) -> dict:
    """The members tab: today's members of the subtree, or those of `?on=dd/mm/yyyy` with their status then."""
    day, raw = parse_on_date(request)
    show = query_choice(request, "show", selectors.SHOW_CHOICES, selectors.SHOW_CURRENT)
    if day:
        rows = selectors.subtree_members_on(request.user, day, organization)
    else:
        rows = selectors.subtree_members(request.user, organization, show)
    page = page_of(request, rows, PAGE_SIZE)
    return {
        "page_obj": page,
        "on_date": day,
        "on_raw": raw,
        "show": show,
        "show_choices": _show_choices(),
        "querystring_without_page": querystring_without_page(request),
    }


def _show_choices() -> list[tuple[str, str]]:
    """The options of the members list's "Hiện" filter, today's members first."""
    others = [(status.value, status.label) for status in selectors.OTHER_STATUSES]
    return [
        (selectors.SHOW_CURRENT, _("Đảng viên đang sinh hoạt")),
        (selectors.SHOW_OTHERS, _("Đã ra khỏi danh sách (chuyển đi, ra khỏi Đảng, từ trần…)")),
        *others,
        (selectors.SHOW_ALL, _("Tất cả")),
    ]


@login_required
@require_http_methods(["GET", "POST"])
def create_child(request: HttpRequest, pk: int) -> HttpResponse:
    parent = get_visible_or_404(Organization.objects, request.user, Action.CHANGE, pk=pk)
    form = OrganizationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            child = services.organization_create(
                actor=request.user, parent=parent, reason=form.cleaned_data["reason"], **form.service_kwargs()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        except OutOfScope as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Đã thành lập %(name)s.") % {"name": child.name})
            return redirect("organizations:detail", pk=child.pk)
    context = {"form": form, "organization": parent, "mode": "create"}
    context["ancestors"] = [*selectors.visible_ancestors(request.user, parent), parent]
    return render(request, "organizations/form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    organization = get_visible_or_404(Organization.objects, request.user, Action.CHANGE, pk=pk)
    initial = {name: getattr(organization, name) for name in ("code", "name", *services.EDITABLE_FIELDS)}
    initial["version"] = services.organization_version(organization)
    form = OrganizationForm(request.POST or None, initial=initial, with_kind=False)
    if request.method == "POST" and form.is_valid():
        try:
            services.organization_update(
                actor=request.user,
                organization=organization,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data.get("version") or None,
                **form.service_kwargs(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            if isinstance(exc, EditConflict):
                form.show_conflict(exc)
        else:
            messages.success(request, _("Đã lưu thông tin tổ chức."))
            return redirect("organizations:detail", pk=organization.pk)
    context = {"form": form, "organization": organization, "mode": "edit"}
    context["ancestors"] = selectors.visible_ancestors(request.user, organization)
    return render(request, "organizations/form.html", context)
