"""The member's self-review page (their own, in an open period) and its reading by the cell (from the grid)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from xaydungdang.access.choices import Action
from xaydungdang.access.policy import OUT_OF_SCOPE, get_visible_or_404, policy_for, refusals_as_404
from xaydungdang.core.dates import today
from xaydungdang.core.querystring import query_flag
from xaydungdang.members.selectors import own_member
from xaydungdang.organizations.models import Organization
from xaydungdang.reviews import self_reviews
from xaydungdang.reviews.choices import SelfReviewForm
from xaydungdang.reviews.forms import SelfReviewEntryForm
from xaydungdang.reviews.models import ReviewPeriod, SelfReview
from xaydungdang.reviews.self_review_list import cell_self_reviews


@login_required
def self_review(request: HttpRequest, pk: int) -> HttpResponse:
    """The member writes their self-review for the period; anyone else (no member record, a period that does
    not cover their cell) gets a 404."""
    member = own_member(request.user)
    period = get_visible_or_404(ReviewPeriod.objects.select_related("organization"), request.user, pk=pk)
    if member is None or not self_reviews.applies_to(period, member):
        raise Http404(str(OUT_OF_SCOPE))
    existing = SelfReview.objects.filter(period=period, member=member).first()
    form = SelfReviewEntryForm(request.POST or None, instance=existing)
    status = 200
    if request.method == "POST" and not period.is_locked:
        if form.is_valid():
            with refusals_as_404():
                saved = form.run(
                    self_reviews.self_review_submit,
                    actor=request.user,
                    period=period,
                    member=member,
                    **form.cleaned_data,
                )
            if saved:
                messages.success(request, _("Đã nộp bản tự kiểm điểm."))
                return redirect("reviews:self_review", pk=period.pk)
        status = 400
    context = {
        "period": period,
        "member": member,
        "form": form,
        "existing": existing,
        "form_label": SelfReviewForm(existing.form if existing else self_reviews.form_for(member)).label,
        "deadline": self_reviews.deadline(period, member.organization),
        "locked": period.is_locked,
    }
    return render(request, "reviews/self_review.html", context, status=status)


@login_required
def self_review_detail(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    """A submitted self-review, read by its author and by who may see the member's review row."""
    review = get_visible_or_404(
        SelfReview.objects.select_related("member__organization", "period"),
        request.user,
        period_id=pk,
        member_id=member_pk,
    )
    return render(request, "reviews/self_review_detail.html", {"review": review, "period": review.period})


@login_required
def cell_list(request: HttpRequest, pk: int, org_pk: int) -> HttpResponse:
    """The secretary's list of the organization's self-reviews for the period: late ones first (`?late=1`:
    only them), then the submitted and the not yet due. 404 outside what the user may see."""
    period = get_visible_or_404(ReviewPeriod.objects.select_related("organization"), request.user, pk=pk)
    organization = get_visible_or_404(Organization.objects, request.user, pk=org_pk)
    if not organization.path.startswith(period.organization.path) or not policy_for(request.user).can_in_organization(
        Action.VIEW, organization
    ):
        raise Http404(str(OUT_OF_SCOPE))
    rows = cell_self_reviews(request.user, period, organization, today())
    only_late = query_flag(request, "late")
    context = {
        "period": period,
        "organization": organization,
        "rows": [row for row in rows if row.late] if only_late else rows,
        "late_count": sum(row.late for row in rows),
        "submitted_count": sum(row.submitted for row in rows),
        "total": len(rows),
        "only_late": only_late,
    }
    return render(request, "reviews/self_review_list.html", context)
