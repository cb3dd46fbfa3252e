"""Import of committee lists (one row per post held): small files, so every row goes through the committees
services themselves, in file order, each in a savepoint; the whole file is rolled back on any error or in a
dry run. Idempotent: a term already opened on that day is reused, a post already held from that day is
left as it is."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from xaydungdang.committees import services
from xaydungdang.committees.models import Holding, PostKind, Term
from xaydungdang.core.text import fold
from xaydungdang.exchange.columns import committee_columns
from xaydungdang.exchange.member_import import Row, parse_row
from xaydungdang.exchange.readers import read_table
from xaydungdang.members.models import Member
from xaydungdang.organizations.models import Organization

UNKNOWN_ORGANIZATION = _("Không có tổ chức mã «%(code)s» trong phạm vi quản lý của bạn.")
NO_MEMBER_KEY = _("Phải ghi số lý lịch đảng viên hoặc số CCCD để xác định người giữ chức vụ.")
UNKNOWN_MEMBER = _("Không tìm thấy đảng viên này trong phạm vi quản lý của bạn.")
NAME_MISMATCH = _("Họ và tên không khớp với hồ sơ đảng viên (%(name)s).")
HEADERS = {"member": "Họ và tên", "term": "Nhiệm kỳ từ ngày", "organization": "Mã tổ chức"}


class _Rollback(Exception):
    pass


def import_committees(*, user, file_name: str, content: bytes, commit: bool):
    """Returns (errors, (created, updated, unchanged)); raises readers.FileError for an unreadable file."""
    columns = committee_columns()
    table = read_table(file_name, content, columns)
    headers = {c.field: c.header for c in columns} | HEADERS
    headers["post_kind"] = "Chức vụ"
    errors: list[dict] = []
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    try:
        with transaction.atomic():
            for raw in table.rows:
                row = parse_row(raw, columns, table.present)
                if not row.errors:
                    _apply_row(user=user, row=row, counts=counts)
                errors.extend({"row": row.number, "column": headers.get(f, ""), "message": m} for f, m in row.errors)
            if errors or not commit:
                raise _Rollback
    except _Rollback:
        pass
    return errors, (counts["created"], counts["updated"], counts["unchanged"])


def _member(user, row: Row) -> Member | None:
    data = row.data
    visible = Member.objects.visible_to(user, "change")
    if data.get("record_number"):
        found = visible.annotate(key=Upper("record_number")).filter(key=data["record_number"].upper()).first()
    elif data.get("national_id"):
        found = visible.filter(national_id=data["national_id"]).first()
    else:
        row.fail("record_number", NO_MEMBER_KEY)
        return None
    if found is None:
        row.fail("member", UNKNOWN_MEMBER)
    elif fold(found.full_name) != fold(data["full_name"]):
        row.fail("full_name", NAME_MISMATCH % {"name": found.full_name})
        return None
    return found


def _apply_row(*, user, row: Row, counts: dict) -> None:
    data = row.data
    organization = (
        Organization.objects.visible_to(user, "change")
        .annotate(key=Upper("code"))
        .filter(key=data["organization_code"].upper())
        .first()
    )
    if organization is None:
        row.fail("organization_code", UNKNOWN_ORGANIZATION % {"code": data["organization_code"]})
        return
    member = _member(user, row)
    if member is None:
        return
    post_kind = PostKind.objects.get(code=data["post_kind"])
    starts_on = data["term_starts_on"]
    started_on = data.get("started_on") or starts_on
    try:
        with transaction.atomic():
            term = Term.objects.filter(organization=organization, starts_on=starts_on).first()
            if term is None:
                term = services.term_create(
                    actor=user, organization=organization, starts_on=starts_on, congress_date=starts_on
                )
            same = Holding.objects.filter(term=term, member=member, post_kind=post_kind, started_on=started_on)
            if same.exists():
                counts["unchanged"] += 1
                return
            services.holding_create(
                actor=user,
                term=term,
                member=member,
                post_kind=post_kind,
                started_on=started_on,
                obtained_by=data.get("obtained_by") or "elected",
                decision_number=data.get("decision_number", ""),
                decision_date=data.get("decision_date"),
            )
            counts["created"] += 1
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            for message in messages:
                row.fail(name, message)
    except PermissionDenied as exc:
        row.fail("organization_code", str(exc))
