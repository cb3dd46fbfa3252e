"""Pages of training: an organization's classes and plans, a class (trainees, sessions, results), statistics."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from xaydungdang.access.choices import Action
from xaydungdang.access.policy import get_visible_or_404, policy_for, refusals_as_404
from xaydungdang.core.charts import chart_data
from xaydungdang.core.dates import today
from xaydungdang.core.htmx import page_or_partial
from xaydungdang.core.querystring import query_choice, query_year
from xaydungdang.organizations.models import Organization
from xaydungdang.training import exports, imports, selectors, services
from xaydungdang.training.forms import ClassForm, EnrollForm, ImportForm, PlanForm, ResultForm, SessionForm
from xaydungdang.training.models import Enrollment, TrainingClass, TrainingPlan

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _office(request: HttpRequest, org_pk: int, action: str = Action.VIEW) -> Organization:
    """An organization the user holds office over (a member's own grant does not open training pages)."""
    organization = get_visible_or_404(Organization.objects, request.user, action, pk=org_pk)
    with refusals_as_404():
        policy_for(request.user).require_in_organization(action, organization)
    return organization


def _year(request: HttpRequest) -> int:
    return query_year(request, "year", today().year, min_value=2000)


@login_required
@require_GET
def organization_index(request: HttpRequest, org_pk: int) -> HttpResponse:
    organization = _office(request, org_pk)
    context = {
        "organization": organization,
        "classes": selectors.classes_of(organization, request.user)[:200],
        "plans": TrainingPlan.objects.visible_to(request.user)
        .filter(organization=organization)
        .select_related("course_kind"),
        "can_change": policy_for(request.user).can_in_organization(Action.CHANGE, organization),
    }
    return render(request, page_or_partial(request, "training/index.html", "body"), context)


@login_required
@require_GET
def organization_tab(request: HttpRequest, pk: int) -> HttpResponse:
    """The "Bồi dưỡng" tab of the organization page: the index's body as a fragment."""
    return organization_index(request, pk)


@login_required
@require_http_methods(["GET", "POST"])
def class_create(request: HttpRequest, org_pk: int) -> HttpResponse:
    organization = _office(request, org_pk, Action.CHANGE)
    form = ClassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        created = form.run(services.class_create, actor=request.user, organization=organization, **data)
        if created:
            return redirect("training:class", pk=created.pk)
    context = {"organization": organization, "form": form, "title": _("Mở lớp bồi dưỡng")}
    return render(request, page_or_partial(request, "training/form.html", "form"), context)


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request: HttpRequest, org_pk: int) -> HttpResponse:
    organization = _office(request, org_pk, Action.CHANGE)
    form = PlanForm(request.POST or None, initial={"year": today().year})
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        if form.run(services.plan_save, actor=request.user, organization=organization, **data):
            return redirect("training:index", org_pk=organization.pk)
    context = {"organization": organization, "form": form, "title": _("Kế hoạch bồi dưỡng hằng năm")}
    return render(request, page_or_partial(request, "training/form.html", "form"), context)


def _class(request: HttpRequest, pk: int, action: str = Action.VIEW) -> TrainingClass:
    return get_visible_or_404(
        TrainingClass.objects.select_related("organization", "course_kind"), request.user, action, pk=pk
    )


@login_required
@require_http_methods(["GET", "POST"])
def class_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The class: its trainees with results and certificates, its sessions; office holders enrol here."""
    training_class = _class(request, pk)
    can_change = policy_for(request.user).can_in_organization(Action.CHANGE, training_class.organization)
    enroll = EnrollForm(request.POST or None, training_class=training_class, user=request.user) if can_change else None
    if request.method == "POST":
        training_class = _class(request, pk, Action.CHANGE)
        if enroll.is_valid() and enroll.run(
            services.enrollment_create, actor=request.user, training_class=training_class, **enroll.cleaned_data
        ):
            return redirect("training:class", pk=training_class.pk)
    enrollments = training_class.enrollments.select_related("organization", "certificate")
    context = {
        "training_class": training_class,
        "organization": training_class.organization,
        "enrollments": enrollments,
        "sessions": training_class.sessions.all(),
        "can_change": can_change,
        "enroll": enroll,
    }
    return render(request, "training/class.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def session_create(request: HttpRequest, pk: int) -> HttpResponse:
    training_class = _class(request, pk, Action.CHANGE)
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        session = form.run(
            services.session_create, actor=request.user, training_class=training_class, **form.cleaned_data
        )
        if session:
            present = {e.pk for e in training_class.enrollments.all() if f"present_{e.pk}" in request.POST}
            services.attendance_record(actor=request.user, session=session, present=present)
            return redirect("training:class", pk=training_class.pk)
    context = {
        "training_class": training_class,
        "organization": training_class.organization,
        "form": form,
        "enrollments": training_class.enrollments.all(),
        "title": _("Ghi buổi học và điểm danh"),
    }
    return render(request, "training/session_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def result_edit(request: HttpRequest, pk: int) -> HttpResponse:
    enrollment = get_visible_or_404(
        Enrollment.objects.select_related("training_class__organization"), request.user, Action.CHANGE, pk=pk
    )
    certificate = getattr(enrollment, "certificate", None)
    initial = {"result": enrollment.result, "score": enrollment.score}
    if certificate:
        initial.update(
            certificate_number=certificate.number,
            certificate_date=certificate.issued_on,
            issued_by=certificate.issued_by,
        )
    form = ResultForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if form.run(services.result_record, actor=request.user, enrollment=enrollment, **form.cleaned_data):
            return redirect("training:class", pk=enrollment.training_class_id)
    context = {
        "training_class": enrollment.training_class,
        "organization": enrollment.training_class.organization,
        "form": form,
        "title": _("Kết quả: %(name)s") % {"name": enrollment.full_name},
    }
    return render(request, page_or_partial(request, "training/form.html", "form"), context)


@login_required
@require_http_methods(["GET", "POST"])
def class_import(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload the class list with results: a dry run lists every error by row and column; the commit is all or
    nothing; the same file again changes nothing."""
    training_class = _class(request, pk, Action.CHANGE)
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        report = imports.class_list_import(
            actor=request.user,
            training_class=training_class,
            file_name=upload.name,
            content=upload.read(),
            commit=form.cleaned_data["commit"],
        )
    context = {
        "training_class": training_class,
        "organization": training_class.organization,
        "form": form,
        "report": report,
        "columns": imports.COLUMN_HEADERS,
    }
    return render(request, "training/import.html", context)


@login_required
@require_GET
def statistics(request: HttpRequest, org_pk: int) -> HttpResponse:
    """Figures of a subtree for a year: trainees, completion and certificates by course kind, against the plan;
    the two missing-course counts. `?format=xlsx` gives the same figures as a workbook."""
    organization = get_visible_or_404(Organization.objects, request.user, pk=org_pk)
    with refusals_as_404():
        if not policy_for(request.user).reads_subtree(organization):
            policy_for(request.user).require_in_organization(Action.CHANGE, organization)
    year = _year(request)
    stats = selectors.training_stats(organization, request.user, year)
    if query_choice(request, "format", ["xlsx"]) == "xlsx":
        response = HttpResponse(exports.statistics_xlsx(stats), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="boi-duong-{organization.code}-{year}.xlsx"'
        return response
    rows = stats.rows
    data = chart_data(
        [row.kind.name for row in rows], [row.planned for row in rows], [row.trainees for row in rows],
        [row.passed for row in rows],
    )  # fmt: skip
    chart = {"labels": data.labels, "planned": data.series[0], "trainees": data.series[1], "passed": data.series[2]}
    chart["empty"] = data.empty
    context = {"organization": organization, "stats": stats, "year": year, "chart": chart, "title": _("Thống kê")}
    return render(request, "training/statistics.html", context)
