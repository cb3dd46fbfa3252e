"""python manage.py export_file members|register|review_results --user USERNAME --output FILE [options]"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.http import Http404
from tqdm import tqdm

from xaydungdang.exchange.exports_jobs import export_source
from xaydungdang.exchange.models import ExportJob
from xaydungdang.organizations.models import Organization


class Command(BaseCommand):
    help = (
        "Xuất tệp .xlsx lớn (danh sách đảng viên, sổ 7-HSĐV, kết quả xếp loại) của bất kỳ tổ chức nào, "
        "trong phạm vi quyền của người dùng, với bộ nhớ không đổi."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=[kind.value for kind in ExportJob.Kind])
        parser.add_argument("--user", required=True, help="Tên đăng nhập (phạm vi và che dữ liệu theo quyền người đó).")
        parser.add_argument("--output", required=True, help="Đường dẫn tệp .xlsx sẽ ghi.")
        parser.add_argument("--organization", help="Mã tổ chức (sổ 7-HSĐV, kết quả xếp loại, lọc danh sách).")
        parser.add_argument("--on", default="", help="Ngày dd/mm/yyyy (sổ 7-HSĐV; mặc định hôm nay).")
        parser.add_argument("--period", help="Số hiệu kỳ đánh giá (kết quả xếp loại).")

    def handle(self, *args, **options):
        user = get_user_model().objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"Không có người dùng {options['user']}.")
        organization = None
        if options["organization"]:
            organization = Organization.objects.filter(code__iexact=options["organization"]).first()
            if organization is None:
                raise CommandError(f"Không có tổ chức mã {options['organization']}.")
        kind = options["kind"]
        if kind == ExportJob.Kind.MEMBERS:
            params = {"filters": {"org": str(organization.pk)} if organization else {}}
        elif kind == ExportJob.Kind.REGISTER:
            if organization is None:
                raise CommandError("Sổ 7-HSĐV cần --organization.")
            params = {"organization": organization.pk, "on": options["on"]}
        else:
            params = {"period": options["period"], "organization": organization.pk if organization else ""}
        try:
            source = export_source(user=user, kind=kind, params=params)
        except Http404 as exc:
            raise CommandError("Không có dữ liệu trong phạm vi quyền của người dùng này.") from exc
        output = Path(options["output"])
        with tqdm(total=source.total, unit=" dòng", desc="Xuất", file=self.stderr._out) as bar:
            source.write(str(output), lambda done: bar.update(done - bar.n))
        self.stdout.write(f"Đã ghi {source.total} dòng vào {output}.")
