"""Pages that record what a meeting did: attendance (on a phone, during the meeting), minutes and their
.docx, tasks, attachments and the quality self-assessment."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from xaydungdang.access.choices import Action
from xaydungdang.access.policy import OUT_OF_SCOPE, get_visible_or_404
from xaydungdang.core.dates import parse_vn_date, today
from xaydungdang.core.htmx import page_or_partial
from xaydungdang.core.pdf import document_response
from xaydungdang.core.querystring import query_pk
from xaydungdang.meetings import documents, rules, services
from xaydungdang.meetings.choices import MeetingState
from xaydungdang.meetings.forms import (
    AssessmentForm,
    AttachmentForm,
    AttendanceForm,
    MinutesForm,
    TaskDoneForm,
    TaskForm,
)
from xaydungdang.meetings.models import Meeting, MeetingAttachment, MeetingTask, Minutes, QualityAssessment
from xaydungdang.meetings.selectors import roster
from xaydungdang.members.models import Member


def _meeting(request: HttpRequest, pk: int, action: str = Action.CHANGE) -> Meeting:
    return get_visible_or_404(Meeting.objects.select_related("organization"), request.user, action, pk=pk)


def _form_page(request, meeting, form, title, template="meetings/form.html", **extra) -> HttpResponse:
    context = {"meeting": meeting, "organization": meeting.organization, "form": form, "title": title, **extra}
    return render(request, page_or_partial(request, template, "form"), context)


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark the meeting held and who came: one row per member of the roster, sized for a phone."""
    meeting = _meeting(request, pk)
    if request.method == "POST":
        held = parse_vn_date(request.POST.get("held_on")) or meeting.day
        meeting.held_on = held  # the roster of the day the meeting was held
    rows = roster(meeting)
    recorded = {a.member_id: a for a in meeting.attendance.all()}
    initial = {"held_on": meeting.held_on or min(meeting.planned_on, today())}
    for row in rows:
        if row.member.pk in recorded:
            initial[f"m{row.member.pk}"] = recorded[row.member.pk].presence
            initial[f"r{row.member.pk}"] = recorded[row.member.pk].reason
    form = AttendanceForm(request.POST or None, rows=rows, guests=meeting.guests.all(), initial=initial)
    if request.method == "POST" and form.is_valid():
        meeting.refresh_from_db()
        arguments = form.service_arguments()
        if form.run(services.attendance_record, actor=request.user, meeting=meeting, **arguments):
            return redirect("meetings:detail", pk=meeting.pk)
    return _form_page(request, meeting, form, _("Điểm danh"), "meetings/attendance.html")


@login_required
@require_http_methods(["GET", "POST"])
def minutes_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    minutes = Minutes.objects.filter(meeting=meeting).first()
    agenda = rules.agenda_for(meeting.kind)
    initial = {}
    if minutes:
        initial = {"chair": minutes.chair, "secretary": minutes.secretary, "started_at": minutes.started_at,
                   "ended_at": minutes.ended_at, "conclusion": minutes.conclusion}  # fmt: skip
        initial.update({f"s_{key}": text for key, text in minutes.sections.items()})
    form = MinutesForm(request.POST or None, agenda=agenda, initial=initial)
    if request.method == "POST" and form.is_valid():
        arguments = form.service_arguments()
        if form.run(services.minutes_save, actor=request.user, meeting=meeting, **arguments):
            return redirect("meetings:detail", pk=meeting.pk)
    return _form_page(request, meeting, form, _("Biên bản sinh hoạt"))


@login_required
@require_GET
def minutes_document(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, Action.VIEW)
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is None:
        raise Http404(_("Buổi sinh hoạt chưa có biên bản."))
    return document_response(request, documents.minutes_docx(meeting, minutes), documents.filename(meeting))


@login_required
@require_http_methods(["GET", "POST"])
def task_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    members = Member.objects.visible_to(request.user).filter(organization=meeting.organization).active()
    form = TaskForm(request.POST or None, members=members.order_by("sort_name"))
    if request.method == "POST" and form.is_valid():
        if form.run(services.task_add, actor=request.user, meeting=meeting, **form.cleaned_data):
            return redirect("meetings:detail", pk=meeting.pk)
    return _form_page(request, meeting, form, _("Thêm nhiệm vụ"))


@login_required
@require_http_methods(["GET", "POST"])
def task_done(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_visible_or_404(
        MeetingTask.objects.select_related("meeting__organization"), request.user, Action.CHANGE, pk=pk
    )
    form = TaskDoneForm(request.POST or None, initial={"done_on": today()})
    back = query_pk(request, "next_meeting")
    if request.method == "POST" and form.is_valid():
        if form.run(services.task_complete, actor=request.user, task=task, **form.cleaned_data):
            target = back or task.meeting.pk
            return redirect("meetings:detail", pk=target)
    return _form_page(request, task.meeting, form, _("Hoàn thành nhiệm vụ: %(task)s") % {"task": task.title})


@login_required
@require_http_methods(["GET", "POST"])
def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        if form.run(services.attachment_add, actor=request.user, meeting=meeting, **form.cleaned_data):
            return redirect("meetings:detail", pk=meeting.pk)
    return _form_page(request, meeting, form, _("Tải tài liệu kèm theo"), multipart=True)


@login_required
@require_GET
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    attachment = get_visible_or_404(MeetingAttachment.objects, request.user, Action.VIEW, pk=pk)
    name = attachment.file.name.rsplit("/", 1)[-1]
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=name)


@login_required
@require_http_methods(["GET", "POST"])
def assessment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    if meeting.state != MeetingState.HELD:
        raise Http404(str(OUT_OF_SCOPE))
    current = QualityAssessment.objects.filter(meeting=meeting).first()
    initial = {"criteria_met": list(current.criteria_met.all()), "note": current.note} if current else {}
    form = AssessmentForm(request.POST or None, criteria=services.criteria_on(meeting.held_on), initial=initial)
    if request.method == "POST" and form.is_valid():
        if form.run(services.assessment_save, actor=request.user, meeting=meeting, **form.cleaned_data):
            return redirect("meetings:detail", pk=meeting.pk)
    return _form_page(request, meeting, form, _("Tự đánh giá chất lượng sinh hoạt"))
