"""Pages of the review. Every read starts from `visible_to(user)`; out-of-scope objects are 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from xaydungdang.access.choices import Action
from xaydungdang.access.policy import (
    OUT_OF_SCOPE,
    OutOfScope,
    get_visible_or_404,
    policy_for,
    refusal_as_404,
    refusals_as_404,
)
from xaydungdang.core.htmx import page_or_partial
from xaydungdang.core.pagination import page_of
from xaydungdang.core.querystring import query_choice
from xaydungdang.members.selectors import own_member
from xaydungdang.organizations.models import Organization
from xaydungdang.residence import selectors as residence_selectors
from xaydungdang.reviews import rules, selectors, self_reviews, services, subjects
from xaydungdang.reviews.choices import EDITABLE_DOSSIER_STATUSES, DossierStatus, Level, Subject
from xaydungdang.reviews.forms import CommentForm, OverrideForm, PeriodForm, ReasonForm, RowForm
from xaydungdang.reviews.models import CriteriaGroup, Dossier, Review, ReviewPeriod
from xaydungdang.reviews.views_results import results_organization


def _errors(exc: ValidationError) -> list[str]:
    return (
        [str(m) for messages_ in exc.message_dict.values() for m in messages_]
        if hasattr(exc, "error_dict")
        else [str(m) for m in exc.messages]
    )


def _officer_roots(user):
    return policy_for(user).review_officer_roots()


@login_required
def period_list(request: HttpRequest) -> HttpResponse:
    periods = selectors.periods_visible_to(request.user).order_by("-year", "-quarter", "organization__path")
    page = page_of(request, periods, 50)
    roots = _officer_roots(request.user)
    form = PeriodForm(organizations=roots) if roots.exists() else None
    return render(request, "reviews/period_list.html", {"page": page, "form": form, **_own_self_reviews(request.user)})


def _own_self_reviews(user) -> dict:
    """The open periods in which the user, as a member, writes their self-review (links on the list)."""
    member = own_member(user)
    if member is None:
        return {}
    return {"self_review_periods": list(self_reviews.open_periods_for(member)[:5])}


@login_required
@require_POST
def period_create(request: HttpRequest) -> HttpResponse:
    roots = _officer_roots(request.user)
    form = PeriodForm(request.POST, organizations=roots)
    if form.is_valid():
        data = form.cleaned_data
        with refusals_as_404():
            period = form.run(
                services.period_open,
                actor=request.user,
                organization=data["organization"],
                kind=data["kind"],
                year=data["year"],
                quarter=data["quarter"],
                term_label=data["term_label"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                deadlines=form.deadlines(),
            )
        if period:
            messages.success(request, _("Đã mở kỳ “%(period)s”.") % {"period": period})
            return redirect("reviews:period", pk=period.pk)
    page = Paginator(selectors.periods_visible_to(request.user), 50).get_page(1)
    return render(request, "reviews/period_list.html", {"page": page, "form": form}, status=400)


def _period(request, pk: int) -> ReviewPeriod:
    return get_visible_or_404(ReviewPeriod.objects.select_related("organization"), request.user, pk=pk)


@login_required
def period_detail(request: HttpRequest, pk: int) -> HttpResponse:
    period = _period(request, pk)
    policy = policy_for(request.user)
    dossiers = Dossier.objects.visible_to(request.user).filter(period=period).select_related("organization")
    status = query_choice(request, "status", DossierStatus.values)
    if status:
        dossiers = dossiers.filter(status=status)
    page = page_of(request, dossiers.order_by("organization__path"), 50)
    mine = [
        o
        for o in policy.root_organizations()
        if o.path.startswith(period.organization.path) and policy.can_in_organization(Action.VIEW, o)
    ]
    if not mine and not policy.is_admin and policy.can_in_organization(Action.VIEW, period.organization):
        mine = [period.organization]
    context = {
        "period": period,
        "page": page,
        "mine": mine,
        "status": status,
        "statuses": DossierStatus.choices,
        "deadlines": period.deadlines.all(),
        "can_manage": _can_manage(request.user, period),
        "hide_results": results_organization(request.user, period) is None,
        "reason_form": ReasonForm(),
    }
    return render(request, page_or_partial(request, "reviews/period_detail.html", "dossiers"), context)


def _can_manage(user, period) -> bool:
    return policy_for(user).is_review_officer_of(period.organization)


@login_required
@require_POST
def period_lock(request: HttpRequest, pk: int) -> HttpResponse:
    return _period_action(request, pk, services.period_lock, _("Đã khóa kỳ đánh giá."))


@login_required
@require_POST
def period_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    return _period_action(request, pk, services.period_reopen, _("Đã mở lại kỳ đánh giá."))


def _period_action(request, pk, service, done: str) -> HttpResponse:
    period = _period(request, pk)
    form = ReasonForm(request.POST)
    form.is_valid()
    try:
        service(actor=request.user, period=period, reason=form.cleaned_data.get("reason", ""))
    except OutOfScope as exc:
        raise refusal_as_404(exc) from exc
    except ValidationError as exc:
        for message in _errors(exc):
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect("reviews:period", pk=period.pk)


# --- the grid -----------------------------------------------------------------------------------------
# The grid, the row endpoint and the checks read the dossier's rows once and compute everything else from
# them (quota, violations, self-review count): a constant number of queries whatever the number of rows.
def _checks_context(request, dossier: Dossier, rows: list, ancestors: list) -> dict:
    """What the quota and violations panels show, computed from the rows already loaded."""
    params = rules.Params.on(dossier.period.ends_on)
    checks = selectors.dossier_checks(dossier, rows, params=params, ancestors=ancestors)
    member_rows = [r for r in rows if r.member_id]
    can_edit = (
        dossier.status in EDITABLE_DOSSIER_STATUSES
        and not dossier.period.is_locked
        and policy_for(request.user).can_in_organization(Action.CHANGE, dossier.organization)
    )
    progress_default = Review._meta.get_field("task_progress").default
    untouched = not any(
        r.scores or r.score is not None or r.chosen_level or r.self_assessed or r.task_progress != progress_default
        for r in rows
    )
    return {
        "dossier": dossier,
        "period": dossier.period,
        "organization": dossier.organization,
        "can_edit": can_edit,
        "violations": checks.violations,
        "errors_by_row": {} if untouched else _errors_by_row(checks.violations),
        "quota": checks.quota,
        "self_done": sum(1 for r in member_rows if r.self_assessed),
        # Self-reviews still missing among the members to be rated (a warning: the cell may be collecting them).
        "self_missing": sum(1 for r in member_rows if not r.self_assessed and not r.not_rated),
        "member_count": len(member_rows),
        # Nothing typed yet: the violations of an empty grid are not shown (every row would be one).
        "untouched": untouched,
    }


def _dossier_context(request, dossier: Dossier) -> dict:
    rows = list(selectors.grid_rows(dossier, request.user))
    ancestors = rules.ancestors_of(dossier.organization)
    context = _checks_context(request, dossier, rows, ancestors)
    editable = context["can_edit"]
    groups = list(CriteriaGroup.objects.filter(is_active=True))
    member_groups = [g for g in groups if g.subject == Subject.MEMBER]
    org_groups = [g for g in groups if g.subject == Subject.ORGANIZATION]
    approver = rules.approving_organization(dossier.organization, ancestors)
    member_ids = [r.member_id for r in rows if r.member_id]
    can_decide = approver is not None and policy_for(request.user).can_in_organization(Action.CHANGE, approver)
    context.update(
        member_groups=member_groups,
        org_groups=org_groups,
        member_rows=[(r, RowForm(review=r, groups=member_groups, editable=editable)) for r in rows if r.member_id],
        org_rows=[(r, RowForm(review=r, groups=org_groups, editable=editable)) for r in rows if r.organization_id],
        approver=approver,
        can_decide=can_decide,
        can_override=can_decide and dossier.status == DossierStatus.SUBMITTED and not dossier.period.is_locked,
        levels=Level.choices,
        comment_form=CommentForm(),
        ancestors=ancestors,
        self_reviews=self_reviews.submitted_by_member(dossier.period, member_ids),
        residence=residence_selectors.grid_marks(member_ids, dossier.period.year),
    )
    return context


def _errors_by_row(violations) -> dict:
    by_row: dict[int, list[str]] = {}
    for violation in violations:
        by_row.setdefault(violation.review_id, []).append(violation.message)
    return by_row


def _dossier_scope(request, period_pk: int, org_pk: int):
    """The period and the organization of a dossier page, both read by the user; 404 otherwise."""
    period = _period(request, period_pk)
    organization = get_visible_or_404(Organization.objects, request.user, pk=org_pk)
    if not organization.path.startswith(period.organization.path) or not policy_for(request.user).can_in_organization(
        Action.VIEW, organization
    ):
        raise Http404(str(OUT_OF_SCOPE))
    return period, organization


@login_required
@require_GET
def dossier_page(request: HttpRequest, period_pk: int, org_pk: int) -> HttpResponse:
    """The organization's dossier in the period. A read: opening it (or adding the members who joined since)
    is the POST of `dossier_open`, offered on this page to who may change the organization."""
    period, organization = _dossier_scope(request, period_pk, org_pk)
    policy = policy_for(request.user)
    dossier = Dossier.objects.filter(period=period, organization=organization).first()
    can_open = policy.can_in_organization(Action.CHANGE, organization) and not period.is_locked
    if dossier:
        dossier.period, dossier.organization = period, organization
        context = _dossier_context(request, dossier)
        editable = dossier.status in EDITABLE_DOSSIER_STATUSES
        context["unlisted"] = subjects.unlisted_count(dossier) if can_open and editable else 0
    else:
        context = {"period": period, "organization": organization, "ancestors": rules.ancestors_of(organization)}
    context["can_open"] = can_open
    context["children"] = selectors.sub_dossiers(organization, period, context["ancestors"], user=request.user)
    return render(request, "reviews/dossier.html", context)


@login_required
@require_POST
def dossier_open(request: HttpRequest, period_pk: int, org_pk: int) -> HttpResponse:
    """Open the dossier (a row for every subject), or add the rows of members who joined since."""
    period, organization = _dossier_scope(request, period_pk, org_pk)
    try:
        with refusals_as_404():
            services.dossier_open(actor=request.user, period=period, organization=organization)
    except ValidationError as exc:
        for message in _errors(exc):
            messages.error(request, message)
    return redirect("reviews:dossier", period_pk=period.pk, org_pk=organization.pk)


@login_required
@require_POST
def review_row(request: HttpRequest, pk: int) -> HttpResponse:
    """Save one row on change; answer with the recomputed cells, the quota and the violations (htmx OOB)."""
    review = get_visible_or_404(
        Review.objects.select_related("dossier__period", "dossier__organization", "period", "member"),
        request.user,
        Action.CHANGE,
        pk=pk,
    )
    subject = Subject.MEMBER if review.member_id else Subject.ORGANIZATION
    groups = list(CriteriaGroup.objects.filter(subject=subject, is_active=True))
    form = RowForm(request.POST, review=review, groups=groups)
    row_errors: list[str] = []
    if form.is_valid():
        try:
            review = services.review_update(actor=request.user, review=review, **form.changes())
        except OutOfScope as exc:
            raise refusal_as_404(exc) from exc
        except ValidationError as exc:
            row_errors = _errors(exc)
    else:
        row_errors = [f"{form.fields[f].label or f}: {e}" for f, errs in form.errors.items() for e in errs]
    dossier = review.dossier
    rows = list(selectors.grid_rows(dossier, request.user))
    context = _checks_context(request, dossier, rows, rules.ancestors_of(dossier.organization))
    context.update(review=review, row_errors=row_errors + context["errors_by_row"].get(review.pk, []))
    return render(request, "reviews/dossier.html#row_update", context, status=200)


@login_required
@require_POST
def review_override(request: HttpRequest, pk: int) -> HttpResponse:
    """The deciding level changes one row's level, with a reason, while it considers the dossier."""
    review = get_visible_or_404(Review.objects.select_related("dossier"), request.user, pk=pk)
    form = OverrideForm(request.POST)
    if form.is_valid():
        try:
            review = services.review_override(actor=request.user, review=review, **form.cleaned_data)
        except OutOfScope as exc:
            raise refusal_as_404(exc) from exc
        except ValidationError as exc:
            for message in _errors(exc):
                messages.error(request, message)
        else:
            messages.success(request, _("Đã điều chỉnh mức xếp loại của %(name)s.") % {"name": review.subject_name})
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    dossier = review.dossier
    return redirect("reviews:dossier", period_pk=dossier.period_id, org_pk=dossier.organization_id)


def _dossier_action(request, pk: int, action) -> HttpResponse:
    dossier = get_visible_or_404(Dossier.objects.select_related("period", "organization"), request.user, pk=pk)
    form = CommentForm(request.POST)
    form.is_valid()
    try:
        done = action(dossier, form.cleaned_data.get("comment", ""))
    except OutOfScope as exc:
        raise refusal_as_404(exc) from exc
    except ValidationError as exc:
        for message in _errors(exc):
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect("reviews:dossier", period_pk=dossier.period_id, org_pk=dossier.organization_id)


@login_required
@require_POST
def dossier_submit(request: HttpRequest, pk: int) -> HttpResponse:
    def action(dossier, comment):
        services.dossier_submit(actor=request.user, dossier=dossier)
        return _("Đã trình hồ sơ lên cấp trên.")

    return _dossier_action(request, pk, action)


@login_required
@require_POST
def dossier_approve(request: HttpRequest, pk: int) -> HttpResponse:
    def action(dossier, comment):
        services.dossier_approve(actor=request.user, dossier=dossier, comment=comment)
        return _("Đã duyệt hồ sơ.")

    return _dossier_action(request, pk, action)


@login_required
@require_POST
def dossier_return(request: HttpRequest, pk: int) -> HttpResponse:
    def action(dossier, comment):
        services.dossier_return(actor=request.user, dossier=dossier, comment=comment)
        return _("Đã trả lại hồ sơ.")

    return _dossier_action(request, pk, action)
