"""Pages of meetings: the calendar of an organization's subtree, planning, rescheduling, notices, guests,
a meeting's page and a member's upcoming meetings."""

import calendar
import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from xaydungdang.access.choices import Action
from xaydungdang.access.policy import get_visible_or_404, policy_for, refusals_as_404
from xaydungdang.core.dates import add_months, today
from xaydungdang.core.history import history_entries
from xaydungdang.core.htmx import page_or_partial
from xaydungdang.core.querystring import query_month, query_text
from xaydungdang.meetings import rules, services
from xaydungdang.meetings.forms import CancelForm, GuestForm, PlanForm, RescheduleForm
from xaydungdang.meetings.models import Attendance, Meeting, Minutes, QualityAssessment
from xaydungdang.meetings.selectors import carried_tasks, meetings_of, upcoming_for
from xaydungdang.organizations.models import Organization

MONTH_FORMAT = "%Y-%m"
MONTH_EXAMPLE = gettext_lazy("yyyy-mm, ví dụ 2026-01")


def _month(request: HttpRequest) -> dt.date:
    """The calendar's month from `?month=yyyy-mm` (this month when absent)."""
    first = today().replace(day=1)
    return query_month(request, "month", first, formats=[MONTH_FORMAT], example=MONTH_EXAMPLE)


def _weeks(first: dt.date, meetings) -> list[list[tuple[dt.date | None, list]]]:
    by_day: dict[dt.date, list] = {}
    for meeting in meetings:
        by_day.setdefault(meeting.day, []).append(meeting)
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month):
        weeks.append([(day if day.month == first.month else None, by_day.get(day, [])) for day in week])
    return weeks


@login_required
@require_GET
def organization_calendar(request: HttpRequest, org_pk: int) -> HttpResponse:
    """The meetings of a cell, or of a whole subtree, month by month."""
    organization = get_visible_or_404(Organization.objects, request.user, pk=org_pk)
    first = _month(request)
    last = add_months(first, 1) - dt.timedelta(days=1)
    meetings = list(meetings_of(organization, request.user, start=first, end=last)[:1000])
    policy = policy_for(request.user)
    context = {
        "organization": organization,
        "month": first,
        "previous": add_months(first, -1).strftime(MONTH_FORMAT),
        "next": add_months(first, 1).strftime(MONTH_FORMAT),
        "weeks": _weeks(first, meetings),
        "meetings": meetings,
        "can_plan": bool(rules.requirements_for(organization.kind))
        and policy.can_in_organization(Action.CHANGE, organization),
        "reads_subtree": policy.reads_subtree(organization),
    }
    return render(request, page_or_partial(request, "meetings/calendar.html", "calendar"), context)


@login_required
@require_GET
def organization_tab(request: HttpRequest, pk: int) -> HttpResponse:
    """The "Sinh hoạt chi bộ" tab of the organization page: its latest and next meetings."""
    organization = get_visible_or_404(Organization.objects, request.user, pk=pk)
    meetings = meetings_of(organization, request.user).filter(organization=organization).order_by("-planned_on")[:12]
    return render(request, "meetings/_tab.html", {"organization": organization, "meetings": meetings})


@login_required
@require_http_methods(["GET", "POST"])
def meeting_plan(request: HttpRequest, org_pk: int) -> HttpResponse:
    organization = get_visible_or_404(Organization.objects, request.user, Action.CHANGE, pk=org_pk)
    initial = {k: v for k in ("kind", "period_start") if (v := query_text(request, k))}
    form = PlanForm(request.POST or None, organization=organization, initial=initial)
    if request.method == "POST" and form.is_valid():
        meeting = form.run(services.meeting_plan, actor=request.user, organization=organization, **form.cleaned_data)
        if meeting:
            return redirect("meetings:detail", pk=meeting.pk)
    context = {"organization": organization, "form": form, "title": _("Lên kế hoạch sinh hoạt")}
    return render(request, page_or_partial(request, "meetings/form.html", "form"), context)


def _meeting(request: HttpRequest, pk: int, action: str = Action.VIEW) -> Meeting:
    return get_visible_or_404(Meeting.objects.select_related("organization"), request.user, action, pk=pk)


@login_required
@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    can_change = policy_for(request.user).can_in_organization(Action.CHANGE, meeting.organization)
    attendance = Attendance.objects.visible_to(request.user).filter(meeting=meeting).select_related("member")
    context = {
        "meeting": meeting,
        "organization": meeting.organization,
        "can_change": can_change,
        "attendance": attendance,
        "guests": meeting.guests.all(),
        "agenda": rules.agenda_for(meeting.kind),
        "minutes": Minutes.objects.filter(meeting=meeting).first(),
        "tasks": meeting.tasks.select_related("owner"),
        "carried": carried_tasks(meeting),
        "attachments": meeting.attachments.all(),
        "assessment": QualityAssessment.objects.filter(meeting=meeting).prefetch_related("criteria_met").first(),
        "history_entries": history_entries(meeting, viewer=request.user) if can_change else [],
    }
    return render(request, "meetings/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_reschedule(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, Action.CHANGE)
    initial = {"planned_on": meeting.planned_on, "planned_time": meeting.planned_time, "place": meeting.place,
               "online": meeting.online}  # fmt: skip
    form = RescheduleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if form.run(services.meeting_reschedule, actor=request.user, meeting=meeting, **form.cleaned_data):
            messages.success(request, _("Đã đổi lịch sinh hoạt."))
            return redirect("meetings:detail", pk=meeting.pk)
    context = {"meeting": meeting, "organization": meeting.organization, "form": form, "title": _("Đổi lịch")}
    return render(request, page_or_partial(request, "meetings/form.html", "form"), context)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, Action.CHANGE)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.run(services.meeting_cancel, actor=request.user, meeting=meeting, **form.cleaned_data):
            return redirect("meetings:detail", pk=meeting.pk)
    context = {"meeting": meeting, "organization": meeting.organization, "form": form, "title": _("Hủy buổi sinh hoạt")}
    return render(request, page_or_partial(request, "meetings/form.html", "form"), context)


@login_required
@require_POST
def meeting_invite(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, Action.CHANGE)
    with refusals_as_404():
        try:
            sent = services.meeting_invite(actor=request.user, meeting=meeting)
        except services.ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Đã gửi thông báo tới %(count)s người.") % {"count": sent})
    return redirect("meetings:detail", pk=meeting.pk)


@login_required
@require_http_methods(["GET", "POST"])
def guest_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, Action.CHANGE)
    form = GuestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.run(services.guest_add, actor=request.user, meeting=meeting, **form.cleaned_data):
            return redirect("meetings:detail", pk=meeting.pk)
    context = {"meeting": meeting, "organization": meeting.organization, "form": form, "title": _("Mời khách dự")}
    return render(request, page_or_partial(request, "meetings/form.html", "form"), context)


@login_required
@require_GET
def my_meetings(request: HttpRequest) -> HttpResponse:
    """A member's upcoming meetings (their cell's, and their grassroots committee's)."""
    meetings = upcoming_for(request.user, today())[:50]
    return render(request, "meetings/mine.html", {"meetings": meetings})
