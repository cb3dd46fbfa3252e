"""Pages of the exchange: upload, the dry run's result, confirm, history, templates and exports."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from xaydungdang.access.models import AccessLog
from xaydungdang.access.policy import get_visible_or_404, policy_for
from xaydungdang.access.services import access_log_record
from xaydungdang.core.history import SENSITIVE_FIELDS
from xaydungdang.core.htmx import page_or_partial
from xaydungdang.core.pagination import page_of
from xaydungdang.core.querystring import form_is_valid, query_choice, query_date
from xaydungdang.exchange import exports
from xaydungdang.exchange.columns import committee_columns, member_columns, organization_columns
from xaydungdang.exchange.exports_jobs import INLINE_MAX_ROWS, export_job_rescue, export_job_start, export_source
from xaydungdang.exchange.forms import UploadForm
from xaydungdang.exchange.models import ExportJob, ImportBatch
from xaydungdang.exchange.services import import_batch_rescue, import_batch_schedule, import_batch_start
from xaydungdang.exchange.writers import write_csv, write_xlsx
from xaydungdang.members.filters import MemberFilter
from xaydungdang.members.selectors import visible_members
from xaydungdang.organizations.models import Organization

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ERRORS_PER_PAGE = 100
TEMPLATES = {
    "members": (member_columns, "mau-nhap-dang-vien.xlsx", "Mẫu nhập danh sách đảng viên"),
    "organizations": (organization_columns, "mau-nhap-to-chuc-dang.xlsx", "Mẫu nhập danh sách tổ chức đảng"),
    "committees": (committee_columns, "mau-nhap-cap-uy.xlsx", "Mẫu nhập danh sách cấp ủy"),
}


def _require_importer(request: HttpRequest) -> None:
    """Importing writes records: only roles that change records see these pages (others: 404)."""
    if not policy_for(request.user).can_change_anything():
        raise Http404


def _xlsx_response(content: bytes, file_name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    _require_importer(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        batch = import_batch_start(
            actor=request.user, file_name=upload_file.name, content=upload_file.read(), kind=form.cleaned_data["kind"]
        )
        if batch.status == ImportBatch.Status.PENDING:
            import_batch_schedule(batch=batch, commit=False)
        return redirect("exchange:batch", pk=batch.pk)
    batches = ImportBatch.objects.visible_to(request.user).defer("content", "errors")[:5]
    return render(request, "exchange/upload.html", {"form": form, "batches": batches})


@login_required
@require_GET
def batch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_importer(request)
    batch = import_batch_rescue(batch=get_visible_or_404(ImportBatch.objects.defer("content"), request.user, pk=pk))
    page = page_of(request, batch.errors, ERRORS_PER_PAGE)
    context = {"batch": batch, "page_obj": page, "querystring_without_page": ""}
    return render(request, page_or_partial(request, "exchange/batch.html", "status"), context)


@login_required
@require_POST
def batch_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    _require_importer(request)
    batch = get_visible_or_404(ImportBatch.objects.defer("content"), request.user, pk=pk)
    if batch.status != ImportBatch.Status.VALID:
        messages.error(request, _("Chỉ ghi được tệp đã kiểm tra không có lỗi."))
        return redirect("exchange:batch", pk=batch.pk)
    batch = import_batch_schedule(batch=batch, commit=True)
    if batch.status == ImportBatch.Status.DONE:
        messages.success(
            request, _("Đã nhập tệp %(name)s: %(summary)s.") % {"name": batch.file_name, "summary": batch.summary}
        )
    return redirect("exchange:batch", pk=batch.pk)


@login_required
@require_GET
def batch_list(request: HttpRequest) -> HttpResponse:
    _require_importer(request)
    batches = ImportBatch.objects.visible_to(request.user).select_related("user").defer("content", "errors")
    page = page_of(request, batches, 50)
    return render(request, "exchange/batches.html", {"page_obj": page, "querystring_without_page": ""})


@login_required
@require_GET
def template_download(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in TEMPLATES:
        raise Http404
    columns, file_name, title = TEMPLATES[kind]
    return _xlsx_response(write_xlsx(columns(), [], title=title), file_name)


@login_required
@require_GET
def members_export(request: HttpRequest, file_format: str = "xlsx") -> HttpResponse:
    """The member list with the filters of /members/, in the import template's layout; logged. A list
    longer than INLINE_MAX_ROWS is made in the background (exports_jobs)."""
    user = request.user
    filterset = MemberFilter(
        request.GET, visible_members(user), user=user, organizations=Organization.objects.visible_to(user)
    )
    if not form_is_valid(request, filterset):
        return HttpResponse(_("Bộ lọc không hợp lệ."), status=400, content_type="text/plain; charset=utf-8")
    if filterset.qs.count() > INLINE_MAX_ROWS:  # too large for a request: made in the background
        return export_redirect(ExportJob.Kind.MEMBERS, _export_params(ExportJob.Kind.MEMBERS, request.GET))
    rows = exports.Counted(exports.member_rows(filterset.qs, policy_for(user)))
    stamp = timezone.localtime().strftime("%d/%m/%Y %H:%M")
    if file_format == "csv":
        content = write_csv(member_columns(), rows)
    else:
        title = _("Danh sách đảng viên, xuất lúc %(stamp)s") % {"stamp": stamp}
        content = write_xlsx(member_columns(), rows, title=title)
    access_log_record(
        user=user,
        kind=AccessLog.Kind.EXPORT,
        what=_("Xuất danh sách đảng viên (%(count)s dòng)") % {"count": rows.count},
        detail={"filters": {key: value for key, value in request.GET.items() if value}, "rows": rows.count},
        request=request,
        channel=AccessLog.Channel.EXPORT,
        count=rows.count,
        fields=SENSITIVE_FIELDS,
    )
    name = f"dang-vien-{timezone.localdate():%Y%m%d}.{file_format}"
    if file_format == "csv":
        response = HttpResponse(content, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    return _xlsx_response(content, name)


# --- exports as background jobs ----------------------------------------------------------------------
def _export_params(kind: str, query) -> dict:
    if kind == ExportJob.Kind.MEMBERS:
        return {"filters": {key: value for key, value in query.items() if value and key not in ("kind", "page")}}
    if kind == ExportJob.Kind.REGISTER:
        return {"organization": query.get("organization", ""), "on": query.get("on", "")}
    if kind == ExportJob.Kind.REVIEW_RESULTS:
        return {"period": query.get("period", ""), "organization": query.get("organization", "")}
    raise Http404


def export_redirect(kind: str, params: dict) -> HttpResponse:
    """To the page that makes this export in the background (for a list too large for a request)."""
    query = params.get("filters", params)
    return redirect(f"{reverse('exchange:export_new')}?{urlencode({'kind': kind, **query})}")


@login_required
@require_http_methods(["GET", "POST"])
def export_new(request: HttpRequest) -> HttpResponse:
    """GET: what will be exported, and a button; POST: the job is queued and its page shown."""
    if request.method == "POST":
        data, kind = request.POST, request.POST.get("kind", "")
    else:
        data, kind = request.GET, query_choice(request, "kind", ExportJob.Kind.values)
        query_date(request, "on")  # the register's date, read again by the export (out of bounds: 400 here)
    params = _export_params(kind, data)
    if request.method == "POST":
        job = export_job_start(actor=request.user, kind=kind, params=params)
        return redirect("exchange:export", pk=job.pk)
    source = export_source(user=request.user, kind=kind, params=params)
    fields = params.get("filters", params)
    return render(request, "exchange/export_new.html", {"source": source, "kind": kind, "fields": fields})


@login_required
@require_GET
def export_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = export_job_rescue(job=get_visible_or_404(ExportJob.objects, request.user, pk=pk))
    return render(request, page_or_partial(request, "exchange/export.html", "status"), {"job": job})


@login_required
@require_GET
def export_download(request: HttpRequest, pk: int) -> FileResponse:
    job = get_visible_or_404(ExportJob.objects, request.user, pk=pk)
    if job.status != ExportJob.Status.DONE or not job.file:
        raise Http404
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=job.file_name, content_type=XLSX)


@login_required
@require_GET
def export_list(request: HttpRequest) -> HttpResponse:
    page = page_of(request, ExportJob.objects.visible_to(request.user), 50)
    return render(request, "exchange/exports.html", {"page_obj": page, "querystring_without_page": ""})
