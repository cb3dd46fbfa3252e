"""Pages of committees: the "Cấp ủy" tab of an organization, the "Chức vụ" tab of a member, the committee
structure of a subtree (page, chart, .xlsx) and an appointment's decision (.docx)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from xaydungdang.access.choices import Action
from xaydungdang.access.policy import get_visible_or_404, policy_for, refusals_as_404
from xaydungdang.committees import documents, selectors
from xaydungdang.committees.exports import structure_workbook
from xaydungdang.committees.models import Appointment
from xaydungdang.committees.rules import age_band_labels
from xaydungdang.core.charts import chart_data
from xaydungdang.core.dates import today
from xaydungdang.core.pdf import document_response
from xaydungdang.core.querystring import parse_on_date
from xaydungdang.members.models import Member
from xaydungdang.organizations.models import Organization


def _day(request: HttpRequest):
    day, raw = parse_on_date(request)
    return day or today(), raw


@login_required
@require_GET
def organization_tab(request: HttpRequest, pk: int) -> HttpResponse:
    """The committee on a day (today by default), its vacancies, and the organization's terms."""
    organization = get_visible_or_404(Organization.objects, request.user, pk=pk)
    day, raw = _day(request)
    term = selectors.term_on(organization, day)
    context = {
        "organization": organization,
        "day": day,
        "on_raw": raw,
        "term": term,
        "holdings": selectors.committee_on(organization, day, request.user),
        "vacancies": [v for v in selectors.vacancies(term, day) if v.vacant] if term else [],
        "terms": selectors.terms_of(organization, request.user).prefetch_related("carried_from__organization"),
        "can_change": policy_for(request.user).can_in_organization(Action.CHANGE, organization),
    }
    return render(request, "committees/_organization_tab.html", context)


@login_required
@require_GET
def member_tab(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_visible_or_404(Member.objects, request.user, pk=pk)
    context = {
        "member": member,
        "holdings": selectors.posts_of(member, request.user),
        "appointments": Appointment.objects.visible_to(request.user)
        .filter(member=member)
        .select_related("organization", "post_kind"),
        "plan_entries": member.plan_entries.visible_to(request.user).select_related("plan__organization", "post_kind"),
        "today": today(),
    }
    return render(request, "committees/_member_tab.html", context)


def _structure_organization(request: HttpRequest, pk: int) -> Organization:
    organization = get_visible_or_404(Organization.objects, request.user, pk=pk)
    with refusals_as_404():
        if not policy_for(request.user).reads_subtree(organization):
            policy_for(request.user).require_in_organization(Action.CHANGE, organization)
    return organization


@login_required
@require_GET
def structure_page(request: HttpRequest, pk: int) -> HttpResponse:
    organization = _structure_organization(request, pk)
    day, raw = _day(request)
    rows = selectors.structure(organization, day, request.user)
    names = [_("Tổng số"), _("Nữ"), _("Dân tộc thiểu số"), _("Tái cử")]
    data = chart_data(
        [row.post_kind.name for row in rows], [row.count for row in rows], [row.women for row in rows],
        [row.minority for row in rows], [row.reelected for row in rows],
    )  # fmt: skip
    chart = {"labels": data.labels, "series": dict(zip(names, data.series, strict=True)), "empty": data.empty}
    context = {
        "organization": organization,
        "day": day,
        "on_raw": raw,
        "rows": rows,
        "bands": age_band_labels(day),
        "chart": chart,
    }
    return render(request, "committees/structure.html", context)


@login_required
@require_GET
def structure_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    organization = _structure_organization(request, pk)
    day, _raw = _day(request)
    content = structure_workbook(organization, day, selectors.structure(organization, day, request.user))
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="co_cau_cap_uy_{organization.code}_{day:%Y%m%d}.xlsx"'
    return response


@login_required
@require_GET
def appointment_docx(request: HttpRequest, pk: int) -> HttpResponse:
    appointment = get_visible_or_404(
        Appointment.objects.select_related("organization", "member", "post_kind"), request.user, Action.CHANGE, pk=pk
    )
    return document_response(request, documents.render(appointment), documents.filename(appointment))
