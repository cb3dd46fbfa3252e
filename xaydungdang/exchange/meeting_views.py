"""Pages of a meeting's attendance file: the roster template and the upload."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from xaydungdang.access.choices import Action
from xaydungdang.access.policy import get_visible_or_404
from xaydungdang.core.dates import today
from xaydungdang.exchange.forms import AttendanceUploadForm
from xaydungdang.exchange.meeting_attendance import attendance_import, template_xlsx
from xaydungdang.meetings.models import Meeting

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _meeting(request: HttpRequest, pk: int) -> Meeting:
    return get_visible_or_404(Meeting.objects.select_related("organization"), request.user, Action.CHANGE, pk=pk)


@login_required
@require_GET
def attendance_template(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    response = HttpResponse(template_xlsx(meeting), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="diem-danh-{meeting.pk}.xlsx"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def attendance_upload(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    initial = {"held_on": meeting.held_on or min(meeting.planned_on, today())}
    form = AttendanceUploadForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        done = form.run(
            attendance_import, actor=request.user, meeting=meeting, held_on=form.cleaned_data["held_on"],
            file_name=upload.name, content=upload.read(),
        )  # fmt: skip
        if done:
            return redirect("meetings:detail", pk=meeting.pk)
    context = {"meeting": meeting, "organization": meeting.organization, "form": form,
               "title": _("Nhập điểm danh từ tệp"), "multipart": True}  # fmt: skip
    return render(request, "meetings/form.html", context)
