"""Pages of the member registry: the list (filters, search, a past date), a record, create and edit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from xaydungdang.access.choices import Action
from xaydungdang.access.policy import OutOfScope, get_visible_or_404, policy_for
from xaydungdang.access.services import log_personal_read
from xaydungdang.core.history import SENSITIVE_FIELDS, history_entries
from xaydungdang.core.htmx import page_or_partial
from xaydungdang.core.querystring import (
    PAGE_SIZE,
    form_is_valid,
    parse_on_date,
    query_page,
    query_pk,
    querystring_without_page,
)
from xaydungdang.core.tabs import tabs_for
from xaydungdang.members import selectors, services
from xaydungdang.members.filters import MemberFilter
from xaydungdang.members.forms import MemberForm
from xaydungdang.members.models import Member
from xaydungdang.members.paging import SEARCH_CAP, list_page
from xaydungdang.members.totals import list_total
from xaydungdang.organizations.forms import bootstrap
from xaydungdang.organizations.models import Organization
from xaydungdang.organizations.selectors import visible_ancestors

INDENT = "\u2003"  # an em space per level below the top of the scope


@login_required
def member_list(request: HttpRequest) -> HttpResponse:
    """Today's members, or with `on=dd/mm/yyyy` those of that date with their status then."""
    user = request.user
    day, raw = parse_on_date(request)
    if day:
        rows, prefix = selectors.members_on(user, day), "member__"
    else:
        rows, prefix = selectors.visible_members(user), ""
    organizations = Organization.objects.visible_to(user)
    filterset = MemberFilter(request.GET, rows, user=user, organizations=organizations, member_prefix=prefix)
    valid = form_is_valid(request, filterset)
    results = filterset.qs if valid else rows.none()
    cleaned = filterset.form.cleaned_data if valid else {}
    searched = bool(cleaned.get("q"))
    total = list_total(user, cleaned, day) if valid else 0
    page = list_page(results, PAGE_SIZE, query_page(request), cap=SEARCH_CAP if searched else None, total=total)
    selected = cleaned.get("org")
    _offer_organizations(filterset, selectors.organization_options(user, selected))
    context = {
        "filter": filterset,
        "page_obj": page,
        "on_date": day,
        "on_raw": raw,
        "querystring_without_page": querystring_without_page(request),
        "can_add": policy_for(user).can_change_anything(),
        **_sort_link(request),
    }
    template = page_or_partial(request, "members/list.html", "results")
    return render(request, template, context, status=200 if valid else 400)


def _offer_organizations(filterset: MemberFilter, options) -> None:
    """Render only the top levels of the scope as options; validation still accepts any visible one."""
    field = filterset.form.fields["org"]
    field.widget.choices = [("", field.empty_label)] + [(org.pk, f"{INDENT * org.indent}{org.name}") for org in options]
    bootstrap(filterset.form)


def _sort_link(request: HttpRequest) -> dict:
    params = request.GET.copy()
    params.pop("page", None)
    current = params.get("sort", "")
    params["sort"] = "name" if current == "-name" else "-name"
    return {"sort_name_url": f"?{params.urlencode()}", "sort_dir": "desc" if current == "-name" else "asc"}


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_visible_or_404(Member.objects.select_related("organization", "user"), request.user, pk=pk)
    policy = policy_for(request.user)
    personal = selectors.personal_data(member, request.user)
    if personal.visible:
        _log_record_read(request, member, _("Xem hồ sơ đảng viên"))
    context = {
        "member": member,
        "ancestors": [*visible_ancestors(request.user, member.organization), member.organization],
        "personal": personal,
        "can_change": policy.can(Action.CHANGE, member),
        "history_entries": history_entries(member, viewer=request.user),
        "tabs": tabs_for("member", member, request.user),
    }
    return render(request, "members/detail.html", context)


def _log_record_read(request: HttpRequest, member: Member, what: str) -> None:
    """The record's personal fields were shown unmasked: one access-log row (only the fields it holds)."""
    shown = [name for name in SENSITIVE_FIELDS if getattr(member, name)]
    if shown:
        log_personal_read(request, f"{what}: {member.full_name} (#{member.pk})", 1, shown)


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    """Register a member in a cell: `?org=<id>` preselects the cell (from its page)."""
    user = request.user
    if not policy_for(user).can_change_anything():
        raise Http404
    cells = selectors.member_holding_organizations(user)
    initial = {}
    if org_id := query_pk(request, "org"):
        initial["organization"] = get_visible_or_404(Organization.objects, user, Action.CHANGE, pk=org_id)
    form = MemberForm(request.POST or None, initial=initial, mode="create", organizations=cells)
    if request.method == "POST" and form.is_valid():
        try:
            member = form.run(services.member_create, actor=user, **form.create_kwargs())
        except OutOfScope as exc:
            form.add_error("organization", str(exc))
        else:
            if member:
                messages.success(request, _("Đã thêm đảng viên %(name)s.") % {"name": member.full_name})
                for warning in form.warnings:
                    messages.warning(request, warning)
                return redirect("members:detail", pk=member.pk)
    organization = initial.get("organization")
    ancestors = [*visible_ancestors(user, organization), organization] if organization else []
    context = {"form": form, "mode": "create", "organization": organization, "ancestors": ancestors}
    return render(request, "members/form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct a record; the reason is required and kept with the old values in the history."""
    member = get_visible_or_404(Member.objects.select_related("organization"), request.user, Action.CHANGE, pk=pk)
    fields = [*services.PROFILE_FIELDS, *services.PARTY_DATE_FIELDS]
    initial = {f: getattr(member, f) for f in fields} | {"version": services.member_version(member)}
    form = MemberForm(request.POST or None, initial=initial, mode="edit")
    if request.method == "GET":  # the form shows the personal fields as they are
        _log_record_read(request, member, _("Mở hồ sơ đảng viên để đính chính"))
    if request.method == "POST" and form.is_valid():
        kwargs = {"reason": form.cleaned_data["reason"], **form.update_kwargs_with_version()}
        if form.run(services.member_update, actor=request.user, member=member, **kwargs):
            messages.success(request, _("Đã lưu hồ sơ đảng viên."))
            for warning in form.warnings:
                messages.warning(request, warning)
            return redirect("members:detail", pk=member.pk)
    ancestors = [*visible_ancestors(request.user, member.organization), member.organization]
    context = {"form": form, "mode": "edit", "member": member, "ancestors": ancestors}
    return render(request, "members/form.html", context)
