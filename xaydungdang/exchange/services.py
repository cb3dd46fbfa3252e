"""Import batches: start, check (dry run), commit; each batch is its own audit record and is logged."""

import logging

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xaydungdang.access.models import AccessLog
from xaydungdang.access.policy import policy_for
from xaydungdang.access.services import access_log_record
from xaydungdang.exchange.member_commit import apply_plan
from xaydungdang.exchange.member_import import plan_members
from xaydungdang.exchange.models import ImportBatch
from xaydungdang.exchange.organization_import import import_organizations
from xaydungdang.exchange.readers import FileError, count_rows, read_table

logger = logging.getLogger(__name__)

INLINE_MAX_ROWS = 2000  # larger files run as a background job, with a progress bar
CANNOT_IMPORT = gettext_lazy("Bạn không có quyền nhập dữ liệu.")
SYSTEM_ERROR = gettext_lazy("Lỗi hệ thống khi nhập tệp; không có dữ liệu nào được ghi. Hãy báo quản trị hệ thống.")
Status = ImportBatch.Status


@transaction.atomic
def import_batch_start(*, actor, file_name: str, content: bytes, kind: str = ImportBatch.Kind.MEMBERS) -> ImportBatch:
    if not policy_for(actor).can_change_anything():
        raise PermissionDenied(str(CANNOT_IMPORT))
    return ImportBatch.objects.create(
        user=actor, kind=kind, file_name=file_name[:255], content=content, total_rows=count_rows(file_name, content)
    )


def import_batch_schedule(*, batch: ImportBatch, commit: bool) -> ImportBatch:
    """Run the batch now when the file is small, or as a background job (django-q2) after this
    transaction commits, so that the worker finds the batch."""
    if batch.total_rows <= INLINE_MAX_ROWS:
        return import_batch_run(batch_id=batch.pk, commit=commit)
    from django_q.tasks import async_task

    ImportBatch.objects.filter(pk=batch.pk).update(status=Status.PENDING, processed_rows=0)
    transaction.on_commit(lambda: async_task("xaydungdang.exchange.tasks.run_batch", batch.pk, commit))
    batch.refresh_from_db()
    return batch


def import_batch_run(*, batch_id: int, commit: bool, progress=None) -> ImportBatch:
    """Check every row (and write them all, in one transaction, when `commit` and there is no error)."""
    batch = ImportBatch.objects.select_related("user").get(pk=batch_id)
    _set(batch, status=Status.VALIDATING, processed_rows=0, started_at=timezone.now(), finished_at=None)
    failed = False
    with translation.override("vi"):
        try:
            errors, counts = _check_and_apply(batch, commit=commit, progress=progress)
        except Exception:
            logger.exception("import batch %s failed", batch.pk)
            errors, failed = [{"row": 0, "column": "", "message": str(SYSTEM_ERROR)}], True
    if failed or (commit and errors):
        status, counts = Status.FAILED, (0, 0, 0)
    elif errors:
        status = Status.INVALID
    else:
        status = Status.DONE if commit else Status.VALID
    created, updated, unchanged = counts
    _set(
        batch,
        status=status,
        errors=errors,
        error_count=len(errors),
        created_count=created,
        updated_count=updated,
        unchanged_count=unchanged,
        finished_at=timezone.now(),
    )
    _log(batch, commit=commit)
    return batch


def _check_and_apply(batch: ImportBatch, *, commit: bool, progress) -> tuple[list[dict], tuple[int, int, int]]:
    try:
        if batch.kind == ImportBatch.Kind.ORGANIZATIONS:
            return import_organizations(
                user=batch.user, file_name=batch.file_name, content=bytes(batch.content), commit=commit
            )
        from xaydungdang.exchange.columns import member_columns

        table = read_table(batch.file_name, bytes(batch.content), member_columns())
    except FileError as exc:
        return [{"row": 0, "column": "", "message": str(exc)}], (0, 0, 0)

    def report(done: int) -> None:
        ImportBatch.objects.filter(pk=batch.pk).update(processed_rows=done)
        if progress:
            progress(done)

    plan = plan_members(user=batch.user, rows=table.rows, present=table.present, progress=report)
    if commit and not plan.errors:
        _set(batch, status=Status.COMMITTING)
    apply_plan(user=batch.user, plan=plan, reason=import_reason(batch.file_name), commit=commit)
    return plan.errors, (len(plan.creates), len(plan.updates), plan.unchanged)


def import_reason(file_name: str) -> str:
    return _("Nhập từ tệp %(name)s") % {"name": file_name}


def _set(batch: ImportBatch, **fields) -> None:
    for name, value in fields.items():
        setattr(batch, name, value)
    ImportBatch.objects.filter(pk=batch.pk).update(**fields)


def _log(batch: ImportBatch, *, commit: bool) -> None:
    what = _("Nhập %(kind)s từ tệp %(name)s") % {"kind": batch.get_kind_display().lower(), "name": batch.file_name}
    access_log_record(
        user=batch.user,
        kind=AccessLog.Kind.IMPORT,
        what=what if commit else _("Kiểm tra trước: %(what)s") % {"what": what},
        detail={
            "batch": batch.pk,
            "commit": commit,
            "status": batch.status,
            "created": batch.created_count,
            "updated": batch.updated_count,
            "unchanged": batch.unchanged_count,
            "errors": batch.error_count,
        },
    )
