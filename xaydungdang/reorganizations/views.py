"""Pages of reorganizations: an organization's move, the history of its reorganizations and one form per
action. Every one of them writes through reorganizations.services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from xaydungdang.access.choices import Action
from xaydungdang.access.policy import OutOfScope, get_visible_or_404, policy_for
from xaydungdang.members.models import Member
from xaydungdang.organizations import selectors
from xaydungdang.organizations.forms import add_service_errors
from xaydungdang.organizations.models import Organization
from xaydungdang.reorganizations import forms, services
from xaydungdang.reorganizations.models import Reorganization
from xaydungdang.reorganizations.structure import lineage

ACTIONS = {
    "rename": (_("Đổi tên"), forms.RenameForm),
    "relocate": (_("Điều chỉnh trực thuộc"), forms.RelocateForm),
    "absorb": (_("Sáp nhập tổ chức khác vào tổ chức này"), forms.AbsorbForm),
    "merge": (_("Hợp nhất thành tổ chức mới"), forms.MergeForm),
    "split": (_("Chia tách"), forms.SplitForm),
    "dissolve": (_("Giải thể"), forms.DissolveForm),
}


@login_required
def history(request: HttpRequest, pk: int) -> HttpResponse:
    organization = get_visible_or_404(Organization.objects, request.user, pk=pk)
    events = (
        Reorganization.objects.visible_to(request.user)
        .filter(
            Q(organization=organization) | Q(lineage__predecessor=organization) | Q(lineage__successor=organization)
        )
        .select_related("organization", "recorded_by")
        .distinct()
    )
    return render(
        request,
        "reorganizations/history.html",
        {
            "organization": organization,
            "reorganizations": events,
            "lineage": lineage(organization),
            "actions": ACTIONS if policy_for(request.user).can(Action.CHANGE, organization) else {},
        },
    )


def _siblings(user, organization: Organization):
    parent = Organization.objects.get_parent(organization)
    siblings = Organization.objects.visible_to(user, Action.CHANGE).active().exclude(pk=organization.pk)
    if parent is None:
        return siblings.none()
    return siblings.filter(path__startswith=parent.path, depth=organization.depth)


def _form(request: HttpRequest, action: str, organization: Organization):
    form_class = ACTIONS[action][1]
    data = request.POST if request.method == "POST" else None
    if form_class in (forms.AbsorbForm, forms.MergeForm):
        return form_class(data, siblings=_siblings(request.user, organization))
    if form_class is forms.SplitForm:
        return form_class(data, members=Member.objects.filter(organization=organization).active().order_by("sort_name"))
    return form_class(data)


def _perform(request: HttpRequest, action: str, organization: Organization, form) -> Reorganization:
    user, data = request.user, form.cleaned_data
    common = {"actor": user, "effective_date": data["effective_date"], **form.decision()}
    if action == "rename":
        return services.organization_rename(organization=organization, name=data["name"], **common)
    if action == "dissolve":
        return services.organization_dissolve(organization=organization, **common)
    if action == "relocate":
        parent = (
            Organization.objects.visible_to(user, Action.CHANGE).filter(code=data["new_parent_code"].strip()).first()
        )
        if parent is None:
            raise ValidationError({"new_parent_code": _("Không tìm thấy tổ chức có mã này trong phạm vi của bạn.")})
        return services.organization_move(organization=organization, new_parent=parent, **common)
    if action == "absorb":
        return services.organizations_absorb(sources=list(data["sources"]), target=organization, **common)
    if action == "merge":
        return services.organizations_merge(
            sources=[organization, *data["sources"]],
            parent=Organization.objects.get_parent(organization),
            code=data["code"],
            name=data["name"],
            kind=data["kind"],
            **common,
        )
    parts = [
        {
            "code": code,
            "name": name,
            "kind": organization.kind,
            "members": [m.pk for m in form.members if form.member_part(m) == i],
        }
        for i, (code, name) in enumerate(data["parts"])
    ]
    return services.organization_split(source=organization, parts=parts, **common)


def _show_errors(form, error: ValidationError) -> None:
    for field, messages_ in error.message_dict.items():
        for message in messages_:
            form.add_error(field if field in form.fields else None, message)


@login_required
def perform(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in ACTIONS:
        raise Http404
    organization = get_visible_or_404(Organization.objects, request.user, Action.CHANGE, pk=pk)
    form = _form(request, action, organization)
    if request.method == "POST" and form.is_valid():
        try:
            reorganization = _perform(request, action, organization, form)
        except ValidationError as error:
            _show_errors(form, error)
        else:
            messages.success(request, _("Đã ghi nhận: %(what)s.") % {"what": reorganization})
            return redirect("reorganize:history", pk=reorganization.organization.pk)
    title = ACTIONS[action][0]
    return render(request, "reorganizations/form.html", {"organization": organization, "form": form, "title": title})


@login_required
@require_http_methods(["GET", "POST"])
def move(request: HttpRequest, pk: int) -> HttpResponse:
    organization = get_visible_or_404(Organization.objects, request.user, Action.CHANGE, pk=pk)
    targets = (
        selectors.changeable_organizations(request.user)
        .exclude(path__startswith=organization.path)
        .exclude(path=organization.path[: -Organization.steplen])
    )
    form = forms.OrganizationMoveForm(request.POST or None, targets=targets)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.organization_move(
                actor=request.user,
                organization=organization,
                new_parent=data["new_parent"],
                effective_date=data["on"],
                reason=data["reason"],
                decision_number=data["decision_number"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        except OutOfScope as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Đã chuyển %(name)s.") % {"name": organization.name})
            return redirect("organizations:detail", pk=organization.pk)
    context = {"form": form, "organization": organization, "mode": "move"}
    context["ancestors"] = selectors.visible_ancestors(request.user, organization)
    return render(request, "organizations/form.html", context)
