"""Results and rates of a period for a subtree: a page with charts, and the same as .xlsx."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from xaydungdang.access.choices import Action
from xaydungdang.access.models import AccessLog
from xaydungdang.access.policy import OUT_OF_SCOPE, get_visible_or_404, policy_for
from xaydungdang.access.services import access_log_record
from xaydungdang.core.charts import chart_data
from xaydungdang.core.querystring import query_pk
from xaydungdang.organizations.models import Organization
from xaydungdang.reviews import selectors
from xaydungdang.reviews.choices import LEVELS_BEST_FIRST, Level
from xaydungdang.reviews.exports import results_workbook
from xaydungdang.reviews.models import ReviewPeriod


def results_organization(user, period, org_id: str | None = None):
    """The subtree whose results `user` reads (?org=, else the highest node they reach in the period),
    or None when the policy gives them none: results aggregate the whole subtree."""
    policy = policy_for(user)
    if org_id:
        organization = get_visible_or_404(Organization.objects, user, pk=org_id)
    else:
        tops = [o for o in policy.root_organizations() if o.path.startswith(period.organization.path)]
        organization = tops[0] if tops else period.organization
    if not organization.path.startswith(period.organization.path):
        organization = period.organization
    if not policy.can_in_organization(Action.VIEW, organization) or not policy.reads_subtree(organization):
        return None
    return organization


def _scope(request, pk: int):
    """The period and the subtree asked for; 404 when the user may not read its results."""
    period = get_visible_or_404(ReviewPeriod.objects.select_related("organization"), request.user, pk=pk)
    organization = results_organization(request.user, period, query_pk(request, "org"))
    if organization is None:
        raise Http404(str(OUT_OF_SCOPE))
    return period, organization


FAILED_SHOWN = 100  # names of members failed two years running the page lists; the .xlsx holds every one


def _failed_twice(period, organization, shown: int | None) -> tuple[list, int]:
    """The members failed two years running (the first `shown`, when given) and how many more there are."""
    rows = selectors.failed_two_years(period, organization)
    if shown is None:
        return list(rows), 0
    first = list(rows[: shown + 1])
    if len(first) <= shown:
        return first, 0
    return first[:shown], rows.count() - shown


def results_data(period, organization, *, shown: int | None = None) -> dict:
    """Everything the results page (`shown`: the names it lists) and its .xlsx show (the export job too)."""
    failed_twice, failed_more = _failed_twice(period, organization, shown)
    members, comparison = selectors.member_results_and_comparison(period, organization)
    rates = [[float(r or 0) for _, _, r in c.rows()] for c in comparison]
    chart = {
        "labels": [c.label for c in comparison],
        "levels": [str(Level(level).label) for level in LEVELS_BEST_FIRST],
        "series": rates,
        "members": [n for _, n, _ in members.rows()],
        # core.charts: nothing to draw when every rate is zero (periods are few: no top-N of rates).
        "empty": chart_data([c.label for c in comparison], [sum(r) for r in rates], top=None).empty,
    }
    return {
        "period": period,
        "organization": organization,
        "members": members,
        "organizations": selectors.organization_results(period, organization),
        "comparison": comparison,
        "failed_twice": failed_twice,
        "failed_more": failed_more,
        "pending": selectors.pending_dossiers(period, organization),
        "chart": chart,
    }


@login_required
def results(request: HttpRequest, pk: int) -> HttpResponse:
    period, organization = _scope(request, pk)
    return render(request, "reviews/results.html", results_data(period, organization, shown=FAILED_SHOWN))


@login_required
def results_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    period, organization = _scope(request, pk)
    data = results_data(period, organization)
    content = results_workbook(
        title=f"{period} — {organization}",
        members=data["members"],
        organizations=data["organizations"],
        comparison=data["comparison"],
        failed_twice=data["failed_twice"],
    )
    access_log_record(
        user=request.user,
        kind=AccessLog.Kind.EXPORT,
        what=f"Kết quả xếp loại: {period} — {organization}",
        detail={"period": period.pk, "organization": organization.pk},
        request=request,
        channel=AccessLog.Channel.EXPORT,
        count=len(data["failed_twice"]),  # the members named; the rest are counts
        fields=("full_name", "review_result"),
    )
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="xep-loai-{period.year}-{organization.code}.xlsx"'
    return response
