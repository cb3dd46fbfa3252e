"""Payment statements (sao kê of a bank account, the National Public Service Portal's list): each transfer
matched to a member and the months it pays, the rest left on an unmatched list for the cell.

The file is read by `exchange.fee_statements` (bytes to `StatementRow`s); this module matches and records.
A line's fingerprint is kept per cell, so importing the same statement again records nothing twice.
"""

import datetime as dt
import hashlib
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xaydungdang.access.choices import Action
from xaydungdang.access.policy import policy_for
from xaydungdang.core import parameters
from xaydungdang.core.history import acting_user, save_with_history
from xaydungdang.core.numbers import vn_int
from xaydungdang.core.text import fold
from xaydungdang.fees import rules
from xaydungdang.fees.choices import LineStatus, PaymentMethod
from xaydungdang.fees.models import Statement, StatementLine
from xaydungdang.fees.selectors import member_fee
from xaydungdang.fees.services import payment_record
from xaydungdang.members.models import Member

NOT_A_CELL = gettext_lazy("Sao kê được nhập cho một chi bộ (nơi đảng viên đóng đảng phí).")
NO_MEMBER = gettext_lazy("Không nhận ra đảng viên của chi bộ trong nội dung chuyển khoản")
SEVERAL_MEMBERS = gettext_lazy("Nội dung khớp nhiều đảng viên: %(names)s")
AMOUNT_MISMATCH = gettext_lazy("Số tiền %(amount)s đ không phải bội số của mức đóng %(fee)s đ/tháng")
NOT_OWED = gettext_lazy("Tháng %(month)s đảng viên không phải đóng (%(reason)s)")
ALREADY_MATCHED = gettext_lazy("Dòng sao kê này đã được đối chiếu.")

_PERIOD_PREFIXED = re.compile(r"(?:thang|t|ky)\s*(\d{1,2})\s*[/.\-]\s*(20\d{2})")
_PERIOD_BARE = re.compile(r"(?<![\d/.\-])(\d{1,2})\s*[/\-]\s*(20\d{2})(?![\d/])")
_TWELVE_DIGITS = re.compile(r"(?<!\d)(\d{12})(?!\d)")


@dataclass(frozen=True)
class StatementRow:
    row_number: int
    paid_on: dt.date
    amount: int
    description: str = ""
    reference: str = ""
    member_code: str = ""  # CCCD, record number or card number, when the file has such a column
    period: dt.date | None = None


def period_in(text: str) -> dt.date | None:
    """The month a transfer says it pays: "T6/2026", "thang 06-2026", "06/2026" (not a full date)."""
    folded = fold(text)
    for pattern in (_PERIOD_PREFIXED, _PERIOD_BARE):
        found = pattern.search(folded)
        if found and 1 <= int(found[1]) <= 12:
            return dt.date(int(found[2]), int(found[1]), 1)
    return None


def match_member(row: StatementRow, members: list[Member]) -> tuple[Member | None, str]:
    """By a code (CCCD, record number, card number) in its column or the text, else by the full name."""
    text = fold(f"{row.member_code} {row.description}")
    codes = set(_TWELVE_DIGITS.findall(text)) | ({fold(row.member_code)} if row.member_code else set())
    for member in members:
        own = {fold(c) for c in (member.national_id, member.record_number, member.party_card_number) if c}
        if own & codes or any(len(c) >= 6 and c in text for c in own):
            return member, ""
    named = [m for m in members if m.search_name and m.search_name in text]
    if named:
        longest = max(len(m.search_name) for m in named)
        named = [m for m in named if len(m.search_name) == longest]
    if len(named) == 1:
        return named[0], ""
    if named:
        return None, str(SEVERAL_MEMBERS % {"names": ", ".join(m.full_name for m in named)})
    return None, str(NO_MEMBER)


def months_paid(member: Member, row: StatementRow) -> tuple[dt.date, int, str]:
    """(first month, how many, problem): from the period the row names (else the month of payment), as
    many months as the amount is of the monthly fee."""
    first = row.period or period_in(row.description) or rules.first_of_month(row.paid_on)
    fee = member_fee(member, first)
    if fee.exempt:
        return first, 0, str(NOT_OWED % {"month": f"{first:%m/%Y}", "reason": fee.exempt_reason})
    if fee.problem:
        return first, 0, fee.problem
    count, rest = divmod(row.amount, fee.amount)
    limit = parameters.value(rules.ADVANCE_MAX_MONTHS.key, on=row.paid_on)
    if rest or not 1 <= count <= limit:
        return first, 0, str(AMOUNT_MISMATCH % {"amount": vn_int(row.amount), "fee": vn_int(fee.amount)})
    return first, count, ""


def fingerprint(row: StatementRow, occurrence: int) -> str:
    """The transfer's identity: its reference, or its date, amount and text (and which copy of identical
    lines in the file it is)."""
    key = (
        f"ref:{row.reference.strip()}"
        if row.reference.strip()
        else f"{row.paid_on}|{row.amount}|{fold(row.description)}"
    )
    return hashlib.sha256(f"{key}|{occurrence}".encode()).hexdigest()


@transaction.atomic
def statement_import(
    *, actor, organization, file_name: str, content: bytes, rows: list[StatementRow], method: str = PaymentMethod.BANK
) -> Statement:
    """Record a statement: every new line matched and paid, or kept unmatched; lines seen before skipped."""
    policy_for(actor).require_in_organization(Action.CHANGE, organization)
    if not organization.holds_members:
        raise ValidationError({"organization": [NOT_A_CELL]})
    statement = Statement.objects.create(
        organization=organization,
        method=method,
        file_name=file_name[:255],
        digest=hashlib.sha256(content).hexdigest(),
        imported_by=acting_user(actor),
    )
    members = list(Member.objects.filter(periods__organization=organization).distinct().order_by("pk"))
    seen = set(StatementLine.objects.filter(organization=organization).values_list("fingerprint", flat=True))
    occurrences: dict[str, int] = {}
    for row in rows:
        statement.rows += 1
        base = fingerprint(row, 0)
        occurrences[base] = occurrences.get(base, -1) + 1
        key = fingerprint(row, occurrences[base])
        if key in seen:
            statement.skipped += 1
            continue
        seen.add(key)
        line = StatementLine(
            statement=statement,
            organization=organization,
            row_number=row.row_number,
            fingerprint=key,
            reference=row.reference[:100],
            paid_on=row.paid_on,
            amount=row.amount,
            description=row.description[:500],
            status=LineStatus.UNMATCHED,
        )
        member, problem = match_member(row, members)
        line.member = member
        first, count = None, 0
        if member:
            first, count, problem = months_paid(member, row)
        line.problem = problem[:255]
        save_with_history(line, actor=actor, reason=_("Nhập sao kê %(file)s") % {"file": statement.file_name})
        if member and count:
            _pay(actor, line, member, first, count, method)
        if line.status == LineStatus.MATCHED:
            statement.matched += 1
        else:
            statement.unmatched += 1
    statement.save()
    return statement


def _pay(actor, line: StatementLine, member: Member, first: dt.date, count: int, method: str) -> None:
    try:
        with transaction.atomic():
            payment_record(
                actor=actor,
                member=member,
                first_month=first,
                months=count,
                amount=line.amount // count,
                paid_on=line.paid_on,
                method=method,
                receipt_number=line.reference[:50],
                statement_line=line,
            )
    except ValidationError as exc:
        line.problem = "; ".join(str(m) for m in exc.messages)[:255]
        save_with_history(line, actor=actor, reason=_("Không ghi được khoản đóng"))
        return
    line.status, line.problem = LineStatus.MATCHED, ""
    save_with_history(line, actor=actor, reason=_("Đối chiếu tự động"))


@transaction.atomic
def statement_line_match(
    *, actor, line: StatementLine, member: Member, first_month: dt.date, months: int = 1
) -> StatementLine:
    """The cell matches an unmatched line by hand: the member and the months it pays."""
    policy_for(actor).require(Action.CHANGE, line)
    line = StatementLine.objects.select_for_update().get(pk=line.pk)
    if line.status == LineStatus.MATCHED:
        raise ValidationError(ALREADY_MATCHED)
    method = line.statement.method
    payment_record(
        actor=actor,
        member=member,
        first_month=first_month,
        months=months,
        amount=line.amount // months,
        paid_on=line.paid_on,
        method=method,
        receipt_number=line.reference[:50],
        statement_line=line,
    )
    line.member, line.status, line.problem = member, LineStatus.MATCHED, ""
    statement = line.statement
    statement.matched += 1
    statement.unmatched -= 1
    statement.save(update_fields=["matched", "unmatched"])
    return save_with_history(line, actor=actor, reason=_("Đối chiếu thủ công"))
