"""Pages of the reports app: dashboard, tables (+ .xlsx), comparison, narrative (.docx), admission plans."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from xaydungdang.access.policy import OUT_OF_SCOPE
from xaydungdang.core.dates import today
from xaydungdang.core.htmx import page_or_partial
from xaydungdang.core.pdf import document_response
from xaydungdang.core.querystring import query_choice, query_form, query_int, query_pk, query_text
from xaydungdang.organizations.models import Organization
from xaydungdang.reports import hd11
from xaydungdang.reports.access import can_plan, can_report, report_organization, report_roots
from xaydungdang.reports.compare import compare
from xaydungdang.reports.documents import narrative_docx
from xaydungdang.reports.forms import AdmissionPlanForm, CompareForm, NarrativeForm, ReportFilterForm
from xaydungdang.reports.hd11.exports import forms_docx, forms_xlsx
from xaydungdang.reports.models import AdmissionPlan
from xaydungdang.reports.narrative import narrative
from xaydungdang.reports.presentation import ethnicity_rows, member_sections, organization_section, plan_payload
from xaydungdang.reports.rollups.readiness import remembered
from xaydungdang.reports.selectors import subtree_statistics
from xaydungdang.reports.selectors.admissions import achievement, achievement_and_admissions
from xaydungdang.reports.selectors.changes import member_changes
from xaydungdang.reports.services import admission_plan_set
from xaydungdang.reports.spreadsheets import tables_xlsx
from xaydungdang.reports.tables import GAP_NOTE, fill

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _context(request: HttpRequest, form) -> dict:
    organization = report_organization(request.user, query_pk(request, "org"))
    ancestors = []
    if organization is not None:
        ancestors = [a for a in Organization.objects.get_ancestors(organization) if can_report(request.user, a)]
    return {"form": form, "organization": organization, "roots": report_roots(request.user), "ancestors": ancestors}


def _filters(request: HttpRequest) -> tuple[ReportFilterForm, dt.date, dt.date]:
    form = ReportFilterForm(request.GET)
    data = query_form(request, form)
    on = data["on"] or today()
    since = data["since"] or dt.date(on.year, 1, 1)
    return form, on, min(since, on)


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    form, on, since = _filters(request)
    context = _context(request, form)
    organization = context["organization"]
    if organization is not None:
        with remembered():  # each readiness fact read once
            context.update(_dashboard_figures(organization, on, since))
        context["can_plan"] = can_plan(request.user, organization)
    return render(request, page_or_partial(request, "reports/dashboard.html", "body"), context)


def _dashboard_figures(organization, on: dt.date, since: dt.date) -> dict:
    """What the dashboard shows, in a number of queries that does not depend on the subtree."""
    stats = subtree_statistics(organization=organization, on=on, since=since)
    children = list(Organization.objects.get_children(organization).order_by("path"))
    window = (since + dt.timedelta(days=1), on)
    total, per_child, admitted = achievement_and_admissions(organization, on.year, on, window, children)
    sections = member_sections(stats["members"])
    organizations = organization_section(stats["organizations"])
    chart_data = {section.key: section.payload for section in [organizations, *sections]}
    chart_data["plan"] = plan_payload(per_child)
    return {
        "total_members": stats["members"]["total"][""],
        "chart_data": chart_data,
        "on": on,
        "since": since,
        "stats": stats,
        "members": stats["members"],
        "sections": sections,
        "organization_section": organizations,
        "ethnicities": ethnicity_rows(stats["members"]),
        "plan_total": total,
        "plan_rows": per_child,
        "member_changes": member_changes(organization, since, on, admitted=admitted),
        "organization_changes": stats["organization_changes"],
        "children": children,
    }


@login_required
@require_GET
def tables(request: HttpRequest) -> HttpResponse:
    form, on, _since = _filters(request)
    context = _context(request, form)
    if context["organization"] is None:
        raise Http404(str(OUT_OF_SCOPE))
    filled = fill(context["organization"], on)
    if query_choice(request, "format", ["xlsx"]) == "xlsx":
        response = HttpResponse(tables_xlsx(filled), content_type=XLSX)
        response["Content-Disposition"] = (
            f'attachment; filename="bieu-thong-ke-{context["organization"].code}-{on:%Y%m%d}.xlsx"'
        )
        return response
    context.update(on=on, tables=filled, gap_note=GAP_NOTE)
    return render(request, "reports/tables.html", context)


@login_required
@require_GET
def official_forms(request: HttpRequest) -> HttpResponse:
    """The forms of HD 11-HD/BTCTW (reports/hd11/forms.yaml) for the subtree on a date: page, .xlsx, PDF."""
    form, on, _since = _filters(request)
    context = _context(request, form)
    organization = context["organization"]
    if organization is None:
        raise Http404(str(OUT_OF_SCOPE))
    chosen = query_text(request, "form")
    if chosen and hd11.form_by_code(chosen) is None:
        raise Http404(_("Không có biểu %(code)s.") % {"code": chosen})
    cache: dict = {}
    selected = [f for f in hd11.forms() if not chosen or f.code == chosen]
    filled = [hd11.fill(f, organization, on, cache=cache) for f in selected]
    stem = f"bieu-hd11-{organization.code}-{on:%Y%m%d}" + (f"-{chosen}" if chosen else "")
    file_format = query_choice(request, "format", ["xlsx", "docx", "pdf"])
    if file_format == "xlsx":
        response = HttpResponse(forms_xlsx(filled), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{stem}.xlsx"'
        return response
    if file_format in ("docx", "pdf"):
        return document_response(request, forms_docx(filled), f"{stem}.docx")
    context.update(
        on=on,
        year_end=dt.date(on.year - 1, 12, 31) if on < dt.date(on.year, 12, 31) else on,
        forms=filled,
        all_forms=hd11.forms(),
        chosen=chosen,
        not_exact=hd11.not_exact(),
    )
    return render(request, "reports/official_forms.html", context)


@login_required
@require_GET
def comparison(request: HttpRequest) -> HttpResponse:
    form = CompareForm(request.GET)
    context = _context(request, form)
    if context["organization"] is None:
        raise Http404(str(OUT_OF_SCOPE))
    first, second = dt.date(today().year - 1, 12, 31), today()
    data = query_form(request, form)
    if data["year_a"] and data["year_b"]:
        first, second = _year_end(data["year_a"]), _year_end(data["year_b"])
    first, second = data["a"] or first, data["b"] or second
    context.update(first=first, second=second, figures=compare(context["organization"], first, second))
    return render(request, "reports/compare.html", context)


def _year_end(year: int) -> dt.date:
    return min(dt.date(year, 12, 31), today())


@login_required
@require_GET
def narrative_report(request: HttpRequest) -> HttpResponse:
    form = NarrativeForm(request.GET)
    context = _context(request, form)
    organization = context["organization"]
    if organization is None:
        raise Http404(str(OUT_OF_SCOPE))
    data = query_form(request, form)
    end = data["end"] or today()
    start = min(data["start"] or dt.date(end.year, 1, 1), end)
    report = narrative(organization, start, end)
    if query_choice(request, "format", ["docx", "pdf"]):
        return document_response(request, narrative_docx(report), f"bao-cao-{organization.code}-{end:%Y%m%d}.docx")
    context.update(report=report, start=start, end=end)
    return render(request, "reports/narrative.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def plans(request: HttpRequest) -> HttpResponse:
    context = _context(request, None)
    organization = context["organization"]
    if organization is None:
        raise Http404(str(OUT_OF_SCOPE))
    year = query_int(request, "year", today().year, min_value=1930, max_value=2100)
    editable = [
        o for o in Organization.objects.filter(path__startswith=organization.path).active() if can_plan(request.user, o)
    ]
    form = AdmissionPlanForm(
        request.POST or None, organizations=editable, initial={"year": year, "organization": organization.pk}
    )
    if request.method == "POST":
        if not editable:
            raise Http404(str(OUT_OF_SCOPE))
        if form.is_valid():
            target = next(o for o in editable if o.pk == form.cleaned_data["organization"])
            plan = form.run(
                admission_plan_set,
                actor=request.user,
                organization=target,
                year=form.cleaned_data["year"],
                planned=form.cleaned_data["planned"],
                note=form.cleaned_data["note"],
            )
            if plan:
                messages.success(request, _("Đã lưu kế hoạch kết nạp."))
                return redirect(f"{request.path}?org={organization.pk}&year={form.cleaned_data['year']}")
    total, rows = achievement(organization, year, min(today(), dt.date(year, 12, 31)))
    listed = AdmissionPlan.objects.visible_to(request.user).filter(
        year=year, organization__path__startswith=organization.path
    )
    context.update(
        form=form if editable else None,
        year=year,
        plan_total=total,
        plan_rows=rows,
        plans=listed.select_related("organization").order_by("organization__path"),
    )
    return render(request, "reports/plans.html", context)
