"""The statistics of meetings of a subtree: page with a chart, and the same figures as .xlsx."""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from xaydungdang.access.policy import OutOfScope, get_visible_or_404, policy_for, refusals_as_404
from xaydungdang.core.charts import chart_data
from xaydungdang.core.dates import format_vn_date, today
from xaydungdang.core.querystring import query_form, query_text
from xaydungdang.core.spreadsheets import xlsx_bytes
from xaydungdang.meetings.forms import PeriodForm
from xaydungdang.meetings.statistics import Figures, figures
from xaydungdang.organizations.models import Organization


def _organization(request: HttpRequest, org_pk: int) -> Organization:
    organization = get_visible_or_404(Organization.objects, request.user, pk=org_pk)
    with refusals_as_404():
        if not policy_for(request.user).reads_subtree(organization):
            raise OutOfScope()
    return organization


def _period(request: HttpRequest) -> tuple[PeriodForm, dt.date, dt.date]:
    day = today()
    defaults = {"start": dt.date(day.year, 1, 1).strftime("%d/%m/%Y"), "end": day.strftime("%d/%m/%Y")}
    form = PeriodForm({k: query_text(request, k) or v for k, v in defaults.items()})
    data = query_form(request, form)
    return form, data["start"], data["end"]


def chart_payload(result: Figures) -> dict:
    """Chart.js data, through core.charts: `empty` when there is nothing to draw, a top-N past 12 kinds."""
    rows = [f for _label, f in result.kinds()]
    data = chart_data(
        [label for label, _f in result.kinds()], [f.on_time for f in rows], [f.late for f in rows],
        [f.missed for f in rows],
    )  # fmt: skip
    names = [(_("Đúng hạn"), "#198754"), (_("Muộn"), "#ffc107"), (_("Không sinh hoạt"), "#dc3545")]
    return {
        "labels": data.labels,
        "datasets": [
            {"label": name, "data": values, "backgroundColor": color}
            for (name, color), values in zip(names, data.series, strict=True)
        ],
        "empty": data.empty,
    }


@login_required
@require_GET
def statistics(request: HttpRequest, org_pk: int) -> HttpResponse:
    organization = _organization(request, org_pk)
    form, start, end = _period(request)
    result = figures(organization, request.user, start=start, end=end, on=today())
    context = {"organization": organization, "form": form, "figures": result, "chart": chart_payload(result)}
    return render(request, "meetings/stats.html", context)


def _write(result: Figures, organization):
    def write(book):
        sheet = book.sheet(_("Sinh hoạt chi bộ"), widths=[40, 14, 14, 14, 14])
        period = f"{format_vn_date(result.start)} – {format_vn_date(result.end)}"
        sheet.title(_("Thống kê sinh hoạt: %(organization)s, %(period)s") % {"organization": organization.name,
                                                                            "period": period})  # fmt: skip
        sheet.blank()
        sheet.header([_("Loại sinh hoạt"), _("Phải sinh hoạt"), _("Đã sinh hoạt"), _("Muộn"), _("Không sinh hoạt")])
        for label, f in result.kinds():
            sheet.row([label, f.due, f.held, f.late, f.missed])
        sheet.blank()
        sheet.header([_("Sinh hoạt chuyên đề theo quý"), _("Số buổi")])
        for quarter, count in result.thematic_by_quarter.items():
            sheet.row([quarter, count])
        sheet.blank()
        sheet.header([_("Tình hình dự"), _("Lượt")])
        for label, count in result.attendance_rows():
            sheet.row([label, count])
        sheet.row([_("Tỷ lệ dự (%)"), result.attendance_rate if result.attendance_rate is not None else ""])
        sheet.row([_("Số buổi có cấp ủy viên cấp trên dự"), result.meetings_with_higher_level])
        sheet.row([_("Số buổi sinh hoạt bất thường"), result.extraordinary])
        sheet.blank()
        sheet.header([_("Chất lượng sinh hoạt"), _("Số buổi")])
        for label, count in result.quality_rows():
            sheet.row([label, count])

    return write


@login_required
@require_GET
def statistics_xlsx(request: HttpRequest, org_pk: int) -> HttpResponse:
    organization = _organization(request, org_pk)
    _form, start, end = _period(request)
    result = figures(organization, request.user, start=start, end=end, on=today())
    response = HttpResponse(
        xlsx_bytes(_write(result, organization)),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="sinh-hoat-{organization.code}.xlsx"'
    return response
