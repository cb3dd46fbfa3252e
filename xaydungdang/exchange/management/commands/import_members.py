"""python manage.py import_members FILE --user USERNAME [--dry-run] [--organizations]"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from xaydungdang.exchange.models import ImportBatch
from xaydungdang.exchange.services import import_batch_run, import_batch_start

SHOWN_ERRORS = 50


class Command(BaseCommand):
    help = "Nhập đảng viên (hoặc tổ chức) từ tệp .xlsx/.csv: kiểm tra mọi dòng, rồi ghi tất cả hoặc không ghi gì."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--user", required=True, help="Tên đăng nhập của người nhập (quyền của người đó áp dụng).")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ kiểm tra, không ghi.")
        parser.add_argument("--organizations", action="store_true", help="Tệp là danh sách tổ chức đảng.")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Không có tệp {path}.")
        user = get_user_model().objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"Không có người dùng {options['user']}.")
        kind = ImportBatch.Kind.ORGANIZATIONS if options["organizations"] else ImportBatch.Kind.MEMBERS
        try:
            batch = import_batch_start(actor=user, file_name=path.name, content=path.read_bytes(), kind=kind)
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from exc
        if batch.status != ImportBatch.Status.PENDING:  # refused at once (a file over a limit)
            self._report(batch)
        with tqdm(total=batch.total_rows, unit=" dòng", desc="Kiểm tra", file=self.stderr._out) as bar:

            def progress(done: int) -> None:
                bar.update(done - bar.n)

            batch = import_batch_run(batch_id=batch.pk, commit=not options["dry_run"], progress=progress)
        self._report(batch)

    def _report(self, batch: ImportBatch) -> None:
        for error in batch.errors[:SHOWN_ERRORS]:
            self.stdout.write(f"Dòng {error['row']}, cột «{error['column']}»: {error['message']}")
        if batch.error_count > SHOWN_ERRORS:
            self.stdout.write(f"… và {batch.error_count - SHOWN_ERRORS} lỗi khác (xem đợt nhập số {batch.pk}).")
        self.stdout.write(f"{batch.get_status_display()}: {batch.summary}; {batch.error_count} lỗi.")
        if batch.status in (ImportBatch.Status.INVALID, ImportBatch.Status.FAILED):
            raise CommandError(f"Không ghi dữ liệu nào (đợt nhập số {batch.pk}).")
