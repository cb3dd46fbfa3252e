"""`manage.py restore FILE [--target-url URL] [--yes]`: put a backup back (core/backups.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from xaydungdang.core import backups


class Command(BaseCommand):
    help = (
        "Phục hồi cơ sở dữ liệu từ một tệp sao lưu của lệnh backup: vào cơ sở dữ liệu của settings, hoặc vào "
        "cơ sở dữ liệu --target-url (PostgreSQL: tạo mới nếu chưa có)."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path, help="tệp sao lưu")
        parser.add_argument("--target-url", help="địa chỉ kiểu DATABASE_URL của cơ sở dữ liệu đích")
        parser.add_argument("--database", default="default", help="bí danh cơ sở dữ liệu đích trong settings")
        parser.add_argument("--yes", action="store_true", help="không hỏi lại trước khi ghi đè")

    def handle(self, *args, source, target_url=None, database="default", yes=False, **options):
        target = backups.target_from_url(target_url) if target_url else connections[database].settings_dict
        if not yes:
            answer = input(f"Dữ liệu hiện có của {target['NAME']} sẽ bị thay bằng bản sao lưu. Gõ 'yes' để tiếp tục: ")
            if answer.strip().lower() != "yes":
                raise CommandError("Đã hủy: không phục hồi.")
        if not target_url:
            connections[database].close()
        try:
            backups.restore(source, target)
        except backups.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Đã phục hồi {source} vào {target['NAME']}."))
