"""Pages of the admission pipeline: candidates of an organization, a candidate's steps, a form per step."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from xaydungdang.access.choices import Action
from xaydungdang.access.policy import OUT_OF_SCOPE, get_visible_or_404, policy_for, refusals_as_404
from xaydungdang.candidates import services
from xaydungdang.candidates.choices import Step
from xaydungdang.candidates.forms import CandidateForm, StepForm
from xaydungdang.candidates.models import Candidate
from xaydungdang.candidates.selectors import candidates_of
from xaydungdang.core.htmx import page_or_partial
from xaydungdang.organizations.models import Organization


@login_required
@require_GET
def candidate_list(request: HttpRequest, org_pk: int) -> HttpResponse:
    """The candidates of a subtree: for office holders over it (a member's own grant does not show them)."""
    organization = get_visible_or_404(Organization.objects, request.user, pk=org_pk)
    with refusals_as_404():
        policy_for(request.user).require_in_organization(Action.VIEW, organization)
    context = {
        "organization": organization,
        "candidates": candidates_of(organization, request.user)[:500],
        "can_add": organization.holds_members
        and policy_for(request.user).can_in_organization(Action.CHANGE, organization),
    }
    return render(request, "candidates/list.html", context)


@login_required
@require_GET
def candidate_detail(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = get_visible_or_404(Candidate.objects.select_related("organization", "member"), request.user, pk=pk)
    done = {s.step: s for s in candidate.steps.select_related("recorded_by")}
    expected = services.next_step(candidate, set(done))
    can_change = policy_for(request.user).can_in_organization(Action.CHANGE, candidate.organization)
    context = {
        "candidate": candidate,
        "rows": [(step, Step(step).label, done.get(step)) for step in services.steps_for(candidate)],
        "expected": expected,
        "sponsors": candidate.sponsors.select_related("member"),
        "can_change": can_change and candidate.status == "in_progress",
    }
    return render(request, "candidates/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def candidate_create(request: HttpRequest, org_pk: int) -> HttpResponse:
    organization = get_visible_or_404(Organization.objects, request.user, Action.CHANGE, pk=org_pk)
    form = CandidateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        candidate = form.run(
            services.candidate_create,
            actor=request.user,
            organization=organization,
            recorded_on=form.cleaned_data["recorded_on"],
            **data,
        )
        if candidate:
            return redirect("candidates:detail", pk=candidate.pk)
    context = {"organization": organization, "form": form, "title": "Ghi nhận quần chúng ưu tú"}
    return render(request, page_or_partial(request, "candidates/form.html", "form"), context)


@login_required
@require_http_methods(["GET", "POST"])
def step_create(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    candidate = get_visible_or_404(Candidate.objects.select_related("organization"), request.user, Action.CHANGE, pk=pk)
    if step not in Step.values or step == Step.RECORDED:
        raise Http404(str(OUT_OF_SCOPE))
    form = StepForm(request.POST or None, candidate=candidate, user=request.user, step=step)
    if request.method == "POST" and form.is_valid():
        arguments = form.service_arguments()
        if form.run(services.candidate_advance, actor=request.user, candidate=candidate, step=step, **arguments):
            return redirect("candidates:detail", pk=candidate.pk)
    context = {"candidate": candidate, "organization": candidate.organization, "form": form, "title": Step(step).label}
    return render(request, page_or_partial(request, "candidates/form.html", "form"), context)
