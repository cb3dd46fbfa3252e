"""python manage.py recover_jobs: mark imports and exports whose runner died (a restart mid-way)."""

from django.core.management.base import BaseCommand

from xaydungdang.exchange.exports_jobs import export_jobs_recover
from xaydungdang.exchange.services import import_batches_recover


class Command(BaseCommand):
    help = "Đánh dấu các đợt nhập và tệp xuất bị gián đoạn (máy chủ dừng giữa chừng) để người dùng làm lại."

    def handle(self, *args, **options):
        imports, exports = import_batches_recover(), export_jobs_recover()
        self.stdout.write(f"Đã đánh dấu {imports} đợt nhập và {exports} tệp xuất bị gián đoạn.")
