from django.core.management.base import BaseCommand

from xaydungdang.reviews.tally import tally_differences, tally_rebuild


class Command(BaseCommand):
    help = "Đếm lại số liệu kết quả đánh giá theo hồ sơ và theo kỳ từ các dòng đánh giá; --verify chỉ so sánh."

    def add_arguments(self, parser):
        parser.add_argument("--verify", action="store_true", help="So sánh số đếm đang lưu với dữ liệu gốc, không ghi.")
        parser.add_argument("--period", type=int, action="append", help="Chỉ kỳ đánh giá này (mã số; lặp lại được).")

    def handle(self, *args, **options):
        periods = options["period"]
        if options["verify"]:
            problems = tally_differences(periods)
            for line in problems:
                self.stdout.write(line)
            if problems:
                self.stdout.write(self.style.ERROR(f"{len(problems)} chênh lệch giữa số đếm và dữ liệu gốc."))
                raise SystemExit(1)
            self.stdout.write(self.style.SUCCESS("Số đếm kết quả đánh giá khớp với dữ liệu gốc."))
            return
        written = tally_rebuild(periods)
        self.stdout.write(self.style.SUCCESS(f"Đã đếm lại: {written} dòng số đếm theo hồ sơ."))
