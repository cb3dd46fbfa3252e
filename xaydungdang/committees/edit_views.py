"""Pages that write: open a term, add and end posts, plan entries, the congress check, the carry-over of
terms after a reorganization. Each form's input goes to one service; its refusal shows on the form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from xaydungdang.access.choices import Action
from xaydungdang.access.policy import get_visible_or_404, policy_for, refusals_as_404
from xaydungdang.committees import planning, rules, services
from xaydungdang.committees.congress import congress_check
from xaydungdang.committees.forms import CongressCheckForm, HoldingEndForm, HoldingForm, PlanEntryForm, TermForm
from xaydungdang.committees.models import CadrePlan, Holding, Term
from xaydungdang.core.dates import today
from xaydungdang.organizations.models import Organization
from xaydungdang.reorganizations.models import Reorganization

FIGURE_LABELS = {
    "women": gettext_lazy("Nữ"),
    "young": gettext_lazy("Cán bộ trẻ"),
    "minority": gettext_lazy("Dân tộc thiểu số"),
    "reelected": gettext_lazy("Tái cử"),
}


def _tab(organization) -> str:
    return f"/orgs/{organization.pk}/?tab=committee"


def _form_page(request, form, organization, title):
    return render(request, "committees/form.html", {"form": form, "organization": organization, "title": title})


@login_required
@require_http_methods(["GET", "POST"])
def term_create(request: HttpRequest, pk: int) -> HttpResponse:
    organization = get_visible_or_404(Organization.objects, request.user, Action.CHANGE, pk=pk)
    form = TermForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if v not in (None, "") or k == "decision_number"}
        with refusals_as_404():
            if form.run(services.term_create, actor=request.user, organization=organization, **data):
                return redirect(_tab(organization))
    return _form_page(request, form, organization, _("Mở nhiệm kỳ mới"))


@login_required
@require_http_methods(["GET", "POST"])
def holding_create(request: HttpRequest, pk: int) -> HttpResponse:
    term = get_visible_or_404(Term.objects.select_related("organization"), request.user, Action.CHANGE, pk=pk)
    form = HoldingForm(request.POST or None, organization=term.organization, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if v is not None}
        with refusals_as_404():
            if form.run(services.holding_create, actor=request.user, term=term, **data):
                return redirect(_tab(term.organization))
    return _form_page(
        request, form, term.organization, _("Bổ sung chức vụ — nhiệm kỳ %(label)s") % {"label": term.label}
    )


@login_required
@require_http_methods(["GET", "POST"])
def holding_end(request: HttpRequest, pk: int) -> HttpResponse:
    holding = get_visible_or_404(
        Holding.objects.select_related("term__organization", "member", "post_kind"), request.user, Action.CHANGE, pk=pk
    )
    form = HoldingEndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with refusals_as_404():
            if form.run(services.holding_end, actor=request.user, holding=holding, **form.cleaned_data):
                return redirect(_tab(holding.term.organization))
    title = _("Thôi giữ chức vụ: %(post)s — %(name)s") % {"post": holding.post_kind.name, "name": holding.member}
    return _form_page(request, form, holding.term.organization, title)


@login_required
@require_http_methods(["GET", "POST"])
def plans(request: HttpRequest, pk: int) -> HttpResponse:
    """The organization's cadre plans, each person with their age band; a form adds a person to the newest."""
    organization = get_visible_or_404(Organization.objects, request.user, pk=pk)
    with refusals_as_404():
        policy_for(request.user).require_in_organization(Action.VIEW, organization)
    can_change = policy_for(request.user).can_in_organization(Action.CHANGE, organization)
    plan_list = list(CadrePlan.objects.visible_to(request.user).filter(organization=organization))
    form = PlanEntryForm(request.POST or None, organization=organization, user=request.user) if can_change else None
    if request.method == "POST" and form and plan_list and form.is_valid():
        with refusals_as_404():
            if form.run(planning.plan_entry_add, actor=request.user, plan=plan_list[0], **form.cleaned_data):
                return redirect("committees:plans", pk=organization.pk)
    day = today()
    sections = []
    for plan in plan_list:
        entries = plan.entries.select_related("member", "post_kind").order_by("post_kind__order", "added_on")
        rows = [
            (e, rules.age_on(e.member.birth_date, day), rules.age_band(rules.age_on(e.member.birth_date, day), on=day))
            for e in entries
        ]
        counts = [sum(1 for e, _a, b in rows if b == i and not e.removed_on) for i in range(3)]
        bands = list(zip(rules.age_band_labels(day), counts, strict=True))
        sections.append({"plan": plan, "rows": rows, "bands": bands})
    context = {
        "organization": organization,
        "sections": sections,
        "form": form if plan_list else None,
        "can_change": can_change,
    }
    return render(request, "committees/plans.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def congress_check_page(request: HttpRequest, pk: int) -> HttpResponse:
    """CT 45-CT/TW checks of a proposed committee: each person's working age left, the structure figures
    beside the targets. It writes nothing."""
    organization = get_visible_or_404(Organization.objects, request.user, Action.CHANGE, pk=pk)
    form = CongressCheckForm(request.POST or None, organization=organization, user=request.user)
    result = None
    if request.method == "POST" and form.is_valid():
        result = congress_check(
            organization=organization,
            congress_date=form.cleaned_data["congress_date"],
            members=form.cleaned_data["members"],
        )
    figures = [(FIGURE_LABELS[f.key], f) for f in result.figures] if result else []
    context = {"organization": organization, "form": form, "result": result, "figures": figures}
    return render(request, "committees/congress_check.html", context)


@login_required
@require_POST
def carry_over(request: HttpRequest, pk: int) -> HttpResponse:
    """Carry the terms over a reorganization's lineage (listed in the due work until done)."""
    reorganization = get_visible_or_404(Reorganization.objects, request.user, Action.CHANGE, pk=pk)
    with refusals_as_404():
        created = services.terms_carry_over(actor=request.user, reorganization=reorganization)
    messages.success(request, _("Đã kế thừa nhiệm kỳ: %(count)s nhiệm kỳ mới.") % {"count": len(created)})
    return redirect(_tab(reorganization.organization))
