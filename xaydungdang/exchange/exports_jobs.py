"""Large exports as background jobs: the member list (with the list's filters), the 7-HSĐV register and
the review results of any subtree. The request only records what was asked; the worker (or, without
one, a thread of the web process: exchange.jobs) writes the file row by row in constant memory to a
temporary file, stores it, and logs the export with its number of rows. The file belongs to the user who
asked for it and holds only what that user may see (scoped and masked as the page is).
"""

import logging
import tempfile
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.http import Http404, QueryDict
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xaydungdang.access.choices import Action
from xaydungdang.access.models import AccessLog
from xaydungdang.access.policy import policy_for
from xaydungdang.access.services import access_log_record
from xaydungdang.core.dates import format_vn_date, parse_vn_date, today
from xaydungdang.core.history import SENSITIVE_FIELDS
from xaydungdang.exchange import exports, jobs
from xaydungdang.exchange.columns import member_columns
from xaydungdang.exchange.models import ExportJob
from xaydungdang.exchange.writers import write_xlsx
from xaydungdang.organizations.models import Organization

logger = logging.getLogger(__name__)
Status = ExportJob.Status
INLINE_MAX_ROWS = 2000  # above this many rows, an export is a background job
PROGRESS_EVERY = 1000
FAILED = gettext_lazy("Không tạo được tệp; hãy thử lại hoặc báo quản trị hệ thống.")
INTERRUPTED = gettext_lazy("Việc tạo tệp bị gián đoạn (máy chủ đã dừng khi đang xử lý); hãy tạo lại.")


@dataclass
class Source:
    """What a job writes: its title, file name, number of rows and the writer."""

    title: str
    file_name: str
    total: int
    write: object  # write(target_path, progress) -> None
    log: str
    fields: tuple[str, ...] = ()  # the personal fields the file holds (for the access log)


def _members(user, params: dict) -> Source:
    from xaydungdang.members.filters import MemberFilter
    from xaydungdang.members.selectors import visible_members

    query = QueryDict(mutable=True)
    for key, value in params.get("filters", {}).items():
        query[key] = value
    filterset = MemberFilter(
        query, visible_members(user), user=user, organizations=Organization.objects.visible_to(user)
    )
    if filterset.errors:
        raise Http404(_("Bộ lọc không hợp lệ."))
    queryset = filterset.qs
    stamp = timezone.localtime().strftime("%d/%m/%Y %H:%M")
    title = _("Danh sách đảng viên, xuất lúc %(stamp)s") % {"stamp": stamp}

    def write(target, progress) -> None:
        rows = exports.member_rows(queryset, policy_for(user))
        write_xlsx(member_columns(), rows, title=title, target=target, progress=progress)

    return Source(
        title=_("Danh sách đảng viên"),
        file_name=f"dang-vien-{timezone.localdate():%Y%m%d}.xlsx",
        total=queryset.count(),
        write=write,
        log=_("Xuất danh sách đảng viên"),
        fields=tuple(sorted(SENSITIVE_FIELDS)),
    )


def _register(user, params: dict) -> Source:
    from xaydungdang.members.lifecycle.register import REGISTER_FIELDS, register_members, register_xlsx

    organization = Organization.objects.visible_to(user).filter(pk=params.get("organization")).first()
    # The register lists every member of the subtree: for office holders over it, as on its page (policy).
    if organization is None or not policy_for(user).can_in_organization(Action.VIEW, organization):
        raise Http404
    on = parse_vn_date(params.get("on") or "") or today()

    def write(target, progress) -> None:
        register_xlsx(organization, on, user, target=target, progress=progress)

    return Source(
        title=_("Sổ danh sách đảng viên (7-HSĐV): %(org)s ngày %(on)s")
        % {"org": organization.name, "on": format_vn_date(on)},
        file_name=f"so-danh-sach-dang-vien-{organization.code}-{on:%Y%m%d}.xlsx",
        total=register_members(organization, on, user).count(),
        write=write,
        log=_("Sổ danh sách đảng viên (7-HSĐV): %(org)s ngày %(on)s")
        % {"org": organization.name, "on": format_vn_date(on)},
        fields=REGISTER_FIELDS,
    )


def _review_results(user, params: dict) -> Source:
    from xaydungdang.reviews.exports import results_workbook
    from xaydungdang.reviews.views_results import _scope, results_data

    request = SimpleNamespace(user=user, GET={"org": params.get("organization") or ""})
    period, organization = _scope(request, params.get("period"))  # the results page's own scope rule

    def write(target, progress) -> None:
        data = results_data(period, organization)
        results_workbook(
            title=f"{period} — {organization}",
            members=data["members"],
            organizations=data["organizations"],
            comparison=data["comparison"],
            failed_twice=data["failed_twice"],
            target=target,
        )
        progress(1)

    return Source(
        title=_("Kết quả xếp loại: %(period)s — %(org)s") % {"period": period, "org": organization},
        file_name=f"xep-loai-{period.year}-{organization.code}.xlsx",
        total=1,
        write=write,
        log=_("Kết quả xếp loại: %(period)s — %(org)s") % {"period": period, "org": organization},
    )


SOURCES = {
    ExportJob.Kind.MEMBERS: _members,
    ExportJob.Kind.REGISTER: _register,
    ExportJob.Kind.REVIEW_RESULTS: _review_results,
}


def export_source(*, user, kind: str, params: dict) -> Source:
    """The export asked for, scoped to the user (Http404 when out of scope, as the pages)."""
    if kind not in SOURCES:
        raise Http404
    with translation.override("vi"):
        return SOURCES[kind](user, params)


def export_job_start(*, actor, kind: str, params: dict) -> ExportJob:
    """Record the export and queue it; the request writes nothing else."""
    if not (actor and actor.is_authenticated):
        raise PermissionDenied
    source = export_source(user=actor, kind=kind, params=params)
    job = ExportJob.objects.create(
        user=actor,
        kind=kind,
        title=source.title[:300],
        params=params,
        total_rows=source.total,
        file_name=source.file_name,
        scheduled_at=timezone.now(),
    )
    jobs.enqueue("xaydungdang.exchange.tasks.run_export", job.pk)
    return job


def export_job_run(*, job_id: int, claimed: bool = True, progress=None) -> ExportJob | None:
    """Write the file. With `claimed=False` (a queued job), only if no one else took it."""
    fields = {"status": Status.RUNNING, "processed_rows": 0, "started_at": timezone.now(), "finished_at": None}
    taken = ExportJob.objects.filter(pk=job_id, status=Status.PENDING).update(**fields)
    if not taken and not claimed:
        return None
    if not taken:
        ExportJob.objects.filter(pk=job_id).update(**fields)
    job = ExportJob.objects.select_related("user").get(pk=job_id)
    with jobs.running("export", job.pk):
        return _run(job, progress)


def _run(job: ExportJob, progress) -> ExportJob:
    def report(done: int) -> None:
        ExportJob.objects.filter(pk=job.pk).update(processed_rows=done)
        if progress:
            progress(done)

    try:
        source = export_source(user=job.user, kind=job.kind, params=job.params)
        with tempfile.TemporaryDirectory(prefix="xyd-export-") as folder:
            path = Path(folder) / source.file_name
            with translation.override("vi"):
                source.write(str(path), report)
            with path.open("rb") as handle:
                job.file.save(source.file_name, File(handle), save=False)
    except Exception:
        logger.exception("export job %s failed", job.pk)
        _finish(job, status=Status.FAILED, error=str(FAILED))
        return job
    job.processed_rows = job.total_rows = max(job.total_rows, source.total)
    _finish(job, status=Status.DONE, file=job.file.name, processed_rows=job.processed_rows, total_rows=job.total_rows)
    access_log_record(
        user=job.user,
        kind=AccessLog.Kind.EXPORT,
        what=_("%(what)s (%(count)s dòng, tạo trong nền)") % {"what": source.log, "count": source.total},
        detail={"job": job.pk, "kind": job.kind, "params": job.params, "rows": source.total},
        channel=AccessLog.Channel.EXPORT,
        count=source.total,
        fields=source.fields,
    )
    return job


def _finish(job: ExportJob, **fields) -> None:
    fields["finished_at"] = timezone.now()
    for name, value in fields.items():
        setattr(job, name, value)
    ExportJob.objects.filter(pk=job.pk).update(**fields)


def export_jobs_recover() -> int:
    """Mark every export whose runner died (the `recover_jobs` command)."""
    running = ExportJob.objects.filter(status=Status.RUNNING)
    return sum(export_job_rescue(job=job).status == Status.FAILED for job in running)


def export_job_rescue(*, job: ExportJob) -> ExportJob:
    """On each poll of the progress page: run a job no worker took in this process; mark a job whose
    runner died as failed, with a message."""
    if job.status == Status.PENDING and jobs.unclaimed(job.scheduled_at):
        jobs.run_in_thread(_run_unclaimed, job.pk)
    elif job.status == Status.RUNNING and not jobs.is_alive("export", job.pk):
        job.refresh_from_db()
        if job.status == Status.RUNNING and not jobs.is_alive("export", job.pk):
            _finish(job, status=Status.FAILED, error=str(INTERRUPTED))
    return job


def _run_unclaimed(job_id: int) -> None:
    export_job_run(job_id=job_id, claimed=False)
