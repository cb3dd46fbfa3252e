from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from xaydungdang.reports.rollups.rebuild import rebuild, verify


class Command(BaseCommand):
    help = "Tính lại số liệu tổng hợp (rollups) từ dữ liệu gốc; --verify chỉ so sánh và báo chênh lệch."

    def add_arguments(self, parser):
        parser.add_argument(
            "--verify", action="store_true", help="So sánh số liệu đang lưu với dữ liệu gốc, không ghi."
        )
        parser.add_argument(
            "--without-communes",
            action="store_true",
            help="Chỉ tính cho Trung ương và cấp tỉnh (PostgreSQL); cấp xã được đếm trực tiếp cho đến lần tính đầy đủ.",
        )

    def handle(self, *args, verify_only: bool = False, **options):
        if options["verify"]:
            problems = verify()
            for line in problems:
                self.stdout.write(line)
            if problems:
                self.stdout.write(self.style.ERROR(f"{len(problems)} chênh lệch giữa số liệu tổng hợp và dữ liệu gốc."))
                raise SystemExit(1)
            self.stdout.write(self.style.SUCCESS("Số liệu tổng hợp khớp với dữ liệu gốc."))
            return
        if options["without_communes"] and connection.vendor != "postgresql":
            raise CommandError("Tùy chọn --without-communes cần cơ sở dữ liệu PostgreSQL.")
        counts = rebuild(without_communes=options["without_communes"])
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã tính lại: {counts['organizations']} tổ chức, {counts['members']} đảng viên, "
                f"{counts['days']} dòng theo ngày, {counts['months']} dòng theo tháng."
            )
        )
