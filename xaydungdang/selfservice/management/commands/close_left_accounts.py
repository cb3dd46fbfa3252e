from django.core.management.base import BaseCommand

from xaydungdang.selfservice.accounts import close_left_accounts


class Command(BaseCommand):
    help = "Khóa tài khoản của đảng viên đã ra khỏi Đảng đến hôm nay (chạy hằng ngày)."

    def handle(self, *args, **options):
        closed = close_left_accounts()
        self.stdout.write(f"Đã khóa {closed} tài khoản.")
