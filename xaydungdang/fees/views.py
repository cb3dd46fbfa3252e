"""Pages of the fees: a cell's monthly collection sheet (phone friendly), payments and corrections, a
member's basis and reliefs, remittances, the report of a subtree (page, chart, .xlsx), and the tabs."""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from xaydungdang.access.choices import Action
from xaydungdang.access.policy import OUT_OF_SCOPE, get_visible_or_404, policy_for, refusals_as_404
from xaydungdang.core.charts import chart_data
from xaydungdang.core.dates import add_months, today
from xaydungdang.core.history import history_entries
from xaydungdang.core.htmx import page_or_partial
from xaydungdang.core.querystring import BadQuery, query_choice, query_month
from xaydungdang.fees import selectors, services
from xaydungdang.fees.choices import LineStatus
from xaydungdang.fees.exports import report_columns, report_xlsx, row_values
from xaydungdang.fees.forms import (
    MONTH_FORMATS,
    CorrectionForm,
    FeeBasisForm,
    LineMatchForm,
    PaymentForm,
    PeriodForm,
    ReliefForm,
    RemittanceForm,
)
from xaydungdang.fees.models import FeeBasis, FeePayment, FeeRelief, Remittance, Statement
from xaydungdang.fees.rules import competent_level, first_of_month, months_in
from xaydungdang.fees.statements import statement_line_match
from xaydungdang.members.models import Member
from xaydungdang.organizations.models import Organization

MONTH_EXAMPLE = gettext_lazy("mm/yyyy, ví dụ 03/2026")
HISTORY_MONTHS = 12
REPORT_MAX_MONTHS = 24
BAD_PERIOD = gettext_lazy("Kỳ báo cáo phải từ tháng bắt đầu đến tháng kết thúc, tối đa %(months)s tháng.")


def _month(request: HttpRequest, name: str, default: dt.date) -> dt.date:
    return query_month(request, name, default, formats=MONTH_FORMATS, example=MONTH_EXAMPLE)


def _office_org(request: HttpRequest, org_pk: int, action: str = Action.VIEW) -> Organization:
    """An organization the user holds office over (a member's own grant does not show others' fees)."""
    organization = get_visible_or_404(Organization.objects, request.user, pk=org_pk)
    with refusals_as_404():
        policy_for(request.user).require_in_organization(action, organization)
    return organization


@login_required
@require_GET
def sheet(request: HttpRequest, org_pk: int) -> HttpResponse:
    """Sổ thu đảng phí of a cell for a month: who owes what, who paid, when and how."""
    organization = _office_org(request, org_pk)
    if not organization.holds_members:
        return redirect("fees:report", org_pk=organization.pk)
    month = first_of_month(_month(request, "month", today()))
    can_change = policy_for(request.user).can_in_organization(Action.CHANGE, organization)
    result = selectors.collection_sheet(organization, month)
    form = PaymentForm(members=[r.member for r in result.rows], initial={"first_month": month, "paid_on": today()})
    context = {
        "organization": organization,
        "sheet": result,
        "previous": add_months(month, -1),
        "next": add_months(month, 1),
        "can_change": can_change,
        "form": form,
    }
    return render(request, "fees/sheet.html", context)


@login_required
@require_http_methods(["POST"])
def payment_create(request: HttpRequest, org_pk: int) -> HttpResponse:
    """Record a payment from the sheet: the quick button (one month, cash, today) or the full form."""
    organization = _office_org(request, org_pk, Action.CHANGE)
    members = Member.objects.of(organization, on=today(), subtree=False) | Member.objects.filter(
        fee_payments__organization=organization
    )
    members = list(members.distinct().order_by("sort_name"))
    data = request.POST.copy()
    data.setdefault("months", "1")
    data.setdefault("paid_on", today().strftime("%d/%m/%Y"))
    data.setdefault("method", "cash")
    form = PaymentForm(data, members=members)
    if form.is_valid():
        member = next(m for m in members if m.pk == form.cleaned_data["member"])
        arguments = {k: v for k, v in form.cleaned_data.items() if k != "member"}
        if form.run(services.payment_record, actor=request.user, member=member, **arguments):
            month = form.cleaned_data["first_month"]
            return redirect(f"{_sheet_url(organization)}?month={month:%m/%Y}")
    context = {"organization": organization, "form": form, "title": _("Ghi nhận khoản thu đảng phí")}
    return render(request, "fees/form.html", context, status=400)


def _sheet_url(organization: Organization) -> str:
    from django.urls import reverse

    return reverse("fees:sheet", kwargs={"org_pk": organization.pk})


@login_required
@require_http_methods(["GET", "POST"])
def payment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct (or cancel) a recorded payment; the old values stay in its history."""
    payment = get_visible_or_404(
        FeePayment.objects.select_related("member", "organization"), request.user, Action.CHANGE, pk=pk
    )
    back = f"{_sheet_url(payment.organization)}?month={payment.month:%m/%Y}"
    initial = {f: getattr(payment, f) for f in ("amount", "paid_on", "method", "receipt_number")}
    form = CorrectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if request.POST.get("cancel"):
            reason = form.cleaned_data["reason"]
            form.run(services.payment_cancel, actor=request.user, payment=payment, reason=reason)
            return redirect(back)
        if form.run(services.payment_correct, actor=request.user, payment=payment, **form.cleaned_data):
            return redirect(back)
    context = {
        "organization": payment.organization,
        "payment": payment,
        "form": form,
        "title": _("Sửa khoản đóng tháng %(month)s của %(name)s")
        % {"month": f"{payment.month:%m/%Y}", "name": payment.member},
        "history": history_entries(payment, viewer=request.user),
        "back": back,
    }
    return render(request, page_or_partial(request, "fees/form.html", "form"), context)


@login_required
@require_http_methods(["GET", "POST"])
def basis_create(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_visible_or_404(Member.objects.select_related("organization"), request.user, Action.CHANGE, pk=pk)
    form = FeeBasisForm(request.POST or None, initial={"valid_from": first_of_month(today())})
    if request.method == "POST" and form.is_valid():
        if form.run(services.fee_basis_set, actor=request.user, member=member, **form.cleaned_data):
            return redirect("members:detail", pk=member.pk)
    context = {
        "organization": member.organization,
        "member": member,
        "form": form,
        "title": _("Khai căn cứ đóng đảng phí"),
    }
    return render(request, page_or_partial(request, "fees/form.html", "form"), context)


@login_required
@require_http_methods(["GET", "POST"])
def relief_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Record an exemption or reduction: those who hold office over the competent level record it."""
    member = get_visible_or_404(Member.objects.select_related("organization"), request.user, pk=pk)
    level = competent_level(member.organization)
    if level is None or not policy_for(request.user).can_in_organization(Action.CHANGE, level):
        raise Http404(str(OUT_OF_SCOPE))
    form = ReliefForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.run(services.relief_grant, actor=request.user, member=member, decided_by=level, **form.cleaned_data):
            return redirect("members:detail", pk=member.pk)
    context = {
        "organization": member.organization,
        "member": member,
        "form": form,
        "title": _("Miễn, giảm đảng phí (%(level)s quyết định)") % {"level": level},
    }
    return render(request, page_or_partial(request, "fees/form.html", "form"), context)


@login_required
@require_http_methods(["GET", "POST"])
def remittance_create(request: HttpRequest, org_pk: int) -> HttpResponse:
    organization = _office_org(request, org_pk, Action.CHANGE)
    month = first_of_month(add_months(today(), -1))
    form = RemittanceForm(
        request.POST or None, initial={"period_start": month, "period_end": month, "remitted_on": today()}
    )
    if request.method == "POST" and form.is_valid():
        if form.run(services.remittance_record, actor=request.user, organization=organization, **form.cleaned_data):
            return redirect("fees:report", org_pk=organization.pk)
    context = {"organization": organization, "form": form, "title": _("Nộp đảng phí lên cấp trên")}
    return render(request, page_or_partial(request, "fees/form.html", "form"), context)


@login_required
@require_GET
def report(request: HttpRequest, org_pk: int) -> HttpResponse:
    """Collected, exempted, reduced, arrears and remitted for a subtree and period: page, chart, .xlsx."""
    organization = get_visible_or_404(Organization.objects, request.user, pk=org_pk)
    if not policy_for(request.user).reads_subtree(organization):
        raise Http404(str(OUT_OF_SCOPE))
    end = first_of_month(_month(request, "end", today()))
    start = first_of_month(_month(request, "start", end.replace(month=1)))
    if start > end or len(months_in(start, end)) > REPORT_MAX_MONTHS:
        raise BadQuery("start", BAD_PERIOD % {"months": REPORT_MAX_MONTHS})
    rows = selectors.reconciliation(organization, start, end)
    total = selectors.totals(rows)
    # Arrears are this year's as of today: a ground is judged on the day, whatever period the report shows.
    in_arrears = selectors.arrears(Member.objects.visible_to(request.user).of(organization, on=today()), today())
    if query_choice(request, "format", ["xlsx"]) == "xlsx":
        content = report_xlsx(
            organization=organization, start=start, end=end, rows=rows, total=total, arrears=len(in_arrears)
        )
        response = HttpResponse(
            content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = (
            f'attachment; filename="dang-phi-{organization.code}-{start:%Y%m}-{end:%Y%m}.xlsx"'
        )
        return response
    series = selectors.monthly_series(organization, start, end)
    months = [f"{p['month']:%m/%Y}" for p in series]
    data = chart_data(months, [p["due"] for p in series], [p["collected"] for p in series], top=None)
    chart = {
        "labels": data.labels,
        "due": data.series[0],
        "collected": data.series[1],
        "due_label": _("Phải thu"),
        "collected_label": _("Đã thu"),
        "empty": data.empty,
    }
    context = {
        "organization": organization,
        "form": PeriodForm(initial={"start": start, "end": end}),
        "start": start,
        "end": end,
        "columns": report_columns(),
        "rows": [(row, row_values(row)) for row in rows],
        "total": row_values(total),
        "arrears": in_arrears,
        "chart": chart,
        "can_remit": policy_for(request.user).can_in_organization(Action.CHANGE, organization),
    }
    return render(request, "fees/report.html", context)


@login_required
@require_GET
def member_tab(request: HttpRequest, pk: int) -> HttpResponse:
    """The "Đảng phí" tab of the member page: the last 12 months owed and paid, bases and reliefs.
    The member sees their own; office holders over the cell see their members'."""
    member = get_visible_or_404(Member.objects.select_related("organization"), request.user, pk=pk)
    end = first_of_month(today())
    context = {
        "member": member,
        "months": list(reversed(selectors.member_history(member, add_months(end, 1 - HISTORY_MONTHS), end))),
        "bases": FeeBasis.objects.visible_to(request.user).filter(member=member).order_by("-valid_from"),
        "reliefs": FeeRelief.objects.visible_to(request.user).filter(member=member).order_by("-valid_from"),
        "can_change": policy_for(request.user).can(Action.CHANGE, member),
    }
    return render(request, "fees/_member_tab.html", context)


@login_required
@require_GET
def organization_tab(request: HttpRequest, pk: int) -> HttpResponse:
    """The "Đảng phí" tab of the organization page: this month's sheet in figures, and the links."""
    organization = _office_org(request, pk)
    month = first_of_month(today())
    context = {
        "organization": organization,
        "month": month,
        "sheet": selectors.collection_sheet(organization, month) if organization.holds_members else None,
        "remittances": Remittance.objects.visible_to(request.user)
        .filter(organization=organization)
        .order_by("-period_start")[:6],
    }
    return render(request, "fees/_organization_tab.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def statement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An imported statement: its counts, the unmatched list, and a form to match a line by hand."""
    statement = get_visible_or_404(Statement.objects.select_related("organization"), request.user, pk=pk)
    organization = statement.organization
    can_change = policy_for(request.user).can_in_organization(Action.CHANGE, organization)
    members = list(Member.objects.filter(periods__organization=organization).distinct().order_by("sort_name", "pk"))
    form = LineMatchForm(request.POST or None, members=members)
    if request.method == "POST":
        if not can_change:
            raise Http404(str(OUT_OF_SCOPE))
        if form.is_valid():
            line = get_visible_or_404(statement.lines.all(), request.user, Action.CHANGE, pk=form.cleaned_data["line"])
            member = next(m for m in members if m.pk == form.cleaned_data["member"])
            arguments = {"first_month": form.cleaned_data["first_month"], "months": form.cleaned_data["months"]}
            if form.run(statement_line_match, actor=request.user, line=line, member=member, **arguments):
                return redirect("fees:statement", pk=statement.pk)
    lines = statement.lines.select_related("member").order_by("row_number")
    context = {
        "statement": statement,
        "organization": organization,
        "unmatched": [line for line in lines if line.status == LineStatus.UNMATCHED],
        "matched": [line for line in lines if line.status == LineStatus.MATCHED],
        "form": form,
        "can_change": can_change,
    }
    return render(request, "fees/statement.html", context, status=400 if form.errors else 200)
