"""`manage.py backup [--output FILE]`: a backup of the whole database (core/backups.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from xaydungdang.core import backups


class Command(BaseCommand):
    help = "Sao lưu toàn bộ cơ sở dữ liệu (PostgreSQL: pg_dump dạng custom; SQLite: sao lưu trực tuyến)."

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", type=Path, help="tệp sao lưu (mặc định backups/<tên>-<thời điểm>)")
        parser.add_argument("--database", default="default", help="bí danh cơ sở dữ liệu trong settings")

    def handle(self, *args, output=None, database="default", **options):
        output = output or backups.default_output(database)
        try:
            path = backups.backup(output, database)
        except backups.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Đã sao lưu vào {path} ({path.stat().st_size:,} byte)."))
