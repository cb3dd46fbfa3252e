"""`manage.py seed_demo`: a realistic Cần Thơ party committee with members, events and demo accounts."""

import importlib
import importlib.util
import time
from random import Random

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from tqdm import tqdm

from xaydungdang.access.policy import SYSTEM
from xaydungdang.core.dates import today
from xaydungdang.core.demo import DemoContext
from xaydungdang.demo.accounts import DEMO_PASSWORD, create_demo_accounts, demo_user
from xaydungdang.demo.builder import build, shapes
from xaydungdang.members.models import Member, MembershipEvent, MembershipPeriod
from xaydungdang.organizations.models import Organization


def app_demo_modules():
    """`<app>.demo` modules that offer `seed(ctx)`, in INSTALLED_APPS order."""
    for config in apps.get_app_configs():
        name = f"{config.name}.demo"
        if config.name == "xaydungdang.demo" or importlib.util.find_spec(name) is None:
            continue
        module = importlib.import_module(name)
        if callable(getattr(module, "seed", None)):
            yield config.label, module


class Command(BaseCommand):
    help = "Tạo dữ liệu mẫu: Đảng bộ thành phố Cần Thơ, các tổ chức, đảng viên và tài khoản dùng thử."

    def add_arguments(self, parser):
        parser.add_argument("--members", type=int, default=20_000, help="Số đảng viên (mặc định 20.000)")
        parser.add_argument("--seed", type=int, default=2025, help="Hạt giống ngẫu nhiên (mặc định 2025)")
        parser.add_argument("--if-empty", action="store_true", help="Không làm gì nếu đã có tổ chức đảng")

    def handle(self, *args, members: int, seed: int, if_empty: bool, **options):
        if Organization.objects.exists():
            if if_empty:
                self.stdout.write("Đã có dữ liệu tổ chức đảng: không tạo dữ liệu mẫu.")
                return
            raise CommandError("Cơ sở dữ liệu đã có tổ chức đảng; dùng --if-empty hoặc một cơ sở dữ liệu trống.")
        if members < 50:
            raise CommandError("Cần ít nhất 50 đảng viên để tạo dữ liệu mẫu.")
        day = today()
        started = time.perf_counter()
        with transaction.atomic():
            admin = demo_user("quantri", "Quản trị", "", superuser=True)
            plan = shapes.can_tho(members, Random(f"{seed}-tree"))
            with tqdm(total=members, unit=" đảng viên", disable=options["verbosity"] < 1) as bar:
                result = build(plan, members=members, seed=seed, today=day, actor_id=None, progress=bar.update)
            root = Organization.objects.get(pk=result.root.id)
            accounts = create_demo_accounts(root, admin)
        self.stdout.write(f"Đã tạo dữ liệu chính trong {time.perf_counter() - started:.1f} giây.")
        failed = self._seed_apps(seed, root, members, day)
        self._report(accounts)
        if failed:
            raise CommandError(f"Dữ liệu mẫu của các ứng dụng sau bị lỗi: {', '.join(failed)}")

    def _seed_apps(self, seed, root, members, day) -> list[str]:
        failed = []
        for label, module in app_demo_modules():
            ctx = DemoContext(Random(f"{seed}-{label}"), root, day, SYSTEM, members, self.stdout.write)
            self.stdout.write(f"Dữ liệu mẫu của ứng dụng {label}…")
            try:
                with transaction.atomic():
                    module.seed(ctx)
            except Exception as error:  # noqa: BLE001 - report every app's failure, keep the rest
                self.stderr.write(f"  lỗi: {error!r}")
                failed.append(label)
        return failed

    def _report(self, accounts) -> None:
        self.stdout.write(self.style.SUCCESS(f"Tài khoản dùng thử (mật khẩu: {DEMO_PASSWORD}):"))
        for username, (_user, organization, role) in accounts.items():
            self.stdout.write(f"  {username:<10} {role} — {organization.name}")
        counts = {
            "tổ chức đảng": Organization.objects.count(),
            "đảng viên": Member.objects.count(),
            "đảng viên đang sinh hoạt": Member.objects.active().count(),
            "sự kiện đảng tịch": MembershipEvent.objects.count(),
            "giai đoạn sinh hoạt": MembershipPeriod.objects.count(),
        }
        for label, count in counts.items():
            self.stdout.write(f"  {count:>10,} {label}".replace(",", "."))
