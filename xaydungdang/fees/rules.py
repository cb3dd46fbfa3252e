"""The Party's rules on fees (QĐ 01-QĐ/TW 03/02/2026; rules.md §2.5), each citing its source.

Rates, minimum wages and shares are dated tables (FeeRate, RegionalMinimumWage, RemittanceShare, seeded by
data migrations with their legal basis); the other numbers are parameters. The functions here are pure: the
callers pass the tables (`Tables`) and the member's facts, so a sheet of a thousand members reads each table
once.
"""

import calendar
import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from xaydungdang.core import parameters
from xaydungdang.core.dates import add_months, months_between
from xaydungdang.fees.choices import AgeBracket, Category, ReliefKind, ReliefReason
from xaydungdang.members.retirement import retirement_date  # noqa: F401 - the one rule, also read as rules.retirement_date
from xaydungdang.organizations.choices import OrganizationKind

EXEMPT_PARTY_AGE_YEARS = parameters.define(
    "fees.exempt_party_age_years",
    50,
    legal_basis="QĐ 01-QĐ/TW 03/02/2026 Điều 5: đảng viên có tuổi đảng từ 50 năm trở lên được miễn đóng đảng phí",
    description="Tuổi đảng được miễn đóng đảng phí (năm)",
)
REDUCTION_PERCENTS = parameters.define(
    "fees.reduction_percents",
    [30, 50, 70],
    legal_basis="QĐ 01-QĐ/TW 2026 Điều 5: giảm 30%, 50% hoặc 70% mức đóng",
    description="Các mức giảm đảng phí được phép (%)",
)
RELIEF_MAX_MONTHS = parameters.define(
    "fees.relief_max_months",
    12,
    legal_basis="QĐ 01-QĐ/TW 2026 Điều 5: miễn hoặc giảm vì khó khăn khác tối đa 12 tháng",
    description="Thời gian tối đa của một quyết định giảm (hoặc miễn vì khó khăn khác) đảng phí (tháng)",
)
ADVANCE_MAX_MONTHS = parameters.define(
    "fees.advance_max_months",
    12,
    legal_basis="[INFERRED] QĐ 01-QĐ/TW 2026 cho đóng trước; giới hạn 12 tháng là mặc định của hệ thống",
    description="Số tháng tối đa được đóng trước trong một lần",
)
ARREARS_MONTHS = parameters.define(
    "fees.arrears_months",
    3,
    legal_basis="QĐ 01-QĐ/TW 2026; QĐ 294-QĐ/TW: không đóng đảng phí 3 tháng trong năm không có lý do chính đáng "
    "là căn cứ đề nghị xóa tên",
    description="Số tháng không đóng đảng phí trong năm là căn cứ đề nghị xóa tên",
)
# Messages (tests assert them).
PERCENT_NOT_ALLOWED = _("Tỷ lệ giảm phải là một trong các mức %(allowed)s (QĐ 01-QĐ/TW).")
PERCENT_ONLY_FOR_REDUCTION = _("Chỉ quyết định giảm mới có tỷ lệ giảm.")
TOO_LONG = _("Giảm, hoặc miễn vì khó khăn khác, tối đa %(months)s tháng (QĐ 01-QĐ/TW); quyết định này %(given)s tháng.")
ENDS_BEFORE_START = _("Tháng kết thúc phải từ tháng bắt đầu trở đi.")
WRONG_LEVEL = _(
    "Việc miễn, giảm đảng phí của đảng viên chi bộ này do %(level)s quyết định (QĐ 01-QĐ/TW), không phải %(given)s."
)
NOT_A_CELL = _("Đảng viên phải sinh hoạt ở một chi bộ.")
OUTSIDE_EXEMPTION = _(
    "Đảng viên được miễn sinh hoạt chỉ được đóng trước hoặc đóng sau đảng phí cho các tháng trong thời gian "
    "được miễn (%(period)s; QĐ 01-QĐ/TW 2026 Điều 5 khoản 2); tháng %(months)s nằm ngoài thời gian đó."
)


def first_of_month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def last_of_month(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def months_in(start: dt.date, end: dt.date) -> list[dt.date]:
    """The first days of the months from `start`'s month to `end`'s month, both included."""
    month, last, result = first_of_month(start), first_of_month(end), []
    while month <= last:
        result.append(month)
        month = add_months(month, 1)
    return result


def percent_of(amount: int, rate: int) -> int:
    """`rate` per ten thousand of `amount`, in whole đồng, halves rounded up."""
    return (amount * rate + 5000) // 10000


# --- retirement age: the rule is members.retirement ---------------------------------------------
def age_bracket(birth_date: dt.date, gender: str, month: dt.date) -> str:
    """At or above retirement age from the month after the one in which it is reached: retirement takes
    effect at the end of the last day of that month (NĐ 135/2020 Điều 4; applied to fees [INFERRED])."""
    reached = retirement_date(birth_date, gender, on=month)
    return AgeBracket.RETIREMENT_OR_ABOVE if first_of_month(reached) < month else AgeBracket.BELOW_RETIREMENT


# --- the tables ------------------------------------------------------------------------------------
@dataclass
class Tables:
    """The dated tables, read once: rates, regional minimum wages and remittance shares."""

    rates: list = field(default_factory=list)
    wages: list = field(default_factory=list)
    shares: list = field(default_factory=list)

    @classmethod
    def load(cls) -> "Tables":
        from xaydungdang.fees.models import FeeRate, RegionalMinimumWage, RemittanceShare

        return cls(
            list(FeeRate.objects.all()), list(RegionalMinimumWage.objects.all()), list(RemittanceShare.objects.all())
        )

    @staticmethod
    def _valid(row, day: dt.date) -> bool:
        return row.valid_from <= day and (row.valid_to is None or row.valid_to >= day)

    def rate(self, category: str, bracket: str, day: dt.date):
        rows = [r for r in self.rates if r.category == category and self._valid(r, day)]
        row = next((r for r in rows if r.bracket == bracket), None) or next(
            (r for r in rows if r.bracket == AgeBracket.ANY), None
        )
        return row

    def minimum_wage(self, zone: int | None, day: dt.date) -> int | None:
        row = next((w for w in self.wages if w.zone == zone and self._valid(w, day)), None)
        return row.amount if row else None

    def keep_percent(self, kind: str, sector: str, day: dt.date, *, is_root: bool) -> int:
        """The share a level keeps of what it collects and receives; the root keeps everything."""
        if is_root:
            return 100
        rows = [s for s in self.shares if s.kind == kind and self._valid(s, day)]
        row = next((s for s in rows if s.sector == sector), None) or next((s for s in rows if not s.sector), None)
        return row.keep_percent if row else 0


# --- a month's fee ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class MonthFee:
    """What a member owes for a month, and why."""

    month: dt.date
    base: int | None  # the amount the rate applies to (salary, pension, minimum wage), None for a fixed fee
    rate: int | None  # per ten thousand
    full: int  # before exemption or reduction
    amount: int  # owed
    exempt_reason: str = ""
    reduction_percent: int = 0
    problem: str = ""  # why no fee could be computed (no basis, no rate, no zone)

    @property
    def exempt(self) -> bool:
        return bool(self.exempt_reason)


NO_BASIS = _("Chưa khai căn cứ đóng đảng phí")
NO_RATE = _("Chưa có mức đóng cho đối tượng này trong tháng")
NO_ZONE = _("Chưa khai vùng lương tối thiểu nơi sinh hoạt")
FIFTY_YEARS = _("Tuổi đảng từ %(years)s năm")


def base_fee(
    basis, previous_basis, *, bracket: str, month: dt.date, tables: Tables
) -> tuple[int | None, int | None, int, str]:
    """(base, rate, fee, problem) of one month before reliefs (QĐ 01-QĐ/TW Điều 3).

    Insured salary: 1% of the salary used for social insurance in the previous month, so the basis in force
    on the last day of the month before, if it was a salary then too."""
    if basis is None:
        return None, None, 0, str(NO_BASIS)
    row = tables.rate(basis.category, bracket, month)
    if row is None:
        return None, None, 0, str(NO_RATE)
    if row.fixed_amount is not None:
        fee, base, rate = row.fixed_amount, None, None
    elif row.of_minimum_wage:
        base, rate = tables.minimum_wage(basis.zone, month), row.rate
        if base is None:
            return None, rate, 0, str(NO_ZONE)
        fee = percent_of(base, rate)
    else:
        source = basis
        if (
            basis.category == Category.SALARY
            and previous_basis is not None
            and previous_basis.category == Category.SALARY
        ):
            source = previous_basis
        base, rate = source.amount, row.rate
        fee = percent_of(base, rate)
    if basis.voluntary_amount and basis.voluntary_approval and basis.voluntary_amount > fee:
        fee = basis.voluntary_amount  # a higher amount the member chose, approved (QĐ 01-QĐ/TW Điều 3)
    return base, rate, fee, ""


def month_fee(
    *, basis, previous_basis, bracket: str, month: dt.date, tables: Tables, fifty_years_on: dt.date | None, reliefs
) -> MonthFee:
    """The fee of `month` after the exemptions and reductions in force in it.

    Exempt from the month in which the member completes 50 years of party age [INFERRED: the rule says "from
    50 years"; the month it is reached is not owed]; a recorded exemption or reduction applies to each month
    of its period."""
    base, rate, full, problem = base_fee(basis, previous_basis, bracket=bracket, month=month, tables=tables)
    years = parameters.value(EXEMPT_PARTY_AGE_YEARS.key, on=month)
    if fifty_years_on is not None and fifty_years_on <= last_of_month(month):
        reason = str(FIFTY_YEARS % {"years": years})
        return MonthFee(month, base, rate, full, 0, exempt_reason=reason)
    for relief in reliefs:
        if not (first_of_month(relief.valid_from) <= month <= relief.valid_to):
            continue
        if relief.kind == ReliefKind.EXEMPTION:
            return MonthFee(month, base, rate, full, 0, exempt_reason=str(ReliefReason(relief.reason).label))
        percent = relief.reduction_percent or 0
        return MonthFee(month, base, rate, full, full - percent_of(full, percent * 100), reduction_percent=percent)
    return MonthFee(month, base, rate, full, full, problem=problem)


# --- reliefs ---------------------------------------------------------------------------------------
def competent_level(cell):
    """Who decides a member's exemption or reduction: the higher committee for a chi bộ trực thuộc, the
    chi bộ cơ sở itself for its members (QĐ 01-QĐ/TW Điều 5)."""
    if cell.kind == OrganizationKind.GRASSROOTS_CELL:
        return cell
    if cell.kind == OrganizationKind.CELL:
        return type(cell).objects.get_parent(cell)
    return None


def relief_errors(
    *, kind: str, reason: str, percent: int | None, valid_from: dt.date, valid_to: dt.date, cell, decided_by
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if valid_to < valid_from:
        errors["valid_to"] = [str(ENDS_BEFORE_START)]
    allowed = parameters.value(REDUCTION_PERCENTS.key, on=valid_from)
    if kind == ReliefKind.REDUCTION and percent not in allowed:
        errors["reduction_percent"] = [str(PERCENT_NOT_ALLOWED % {"allowed": ", ".join(f"{p}%" for p in allowed)})]
    if kind == ReliefKind.EXEMPTION and percent:
        errors["reduction_percent"] = [str(PERCENT_ONLY_FOR_REDUCTION)]
    limited = kind == ReliefKind.REDUCTION or reason == ReliefReason.HARDSHIP
    months = months_between(first_of_month(valid_from), first_of_month(valid_to)) + 1
    limit = parameters.value(RELIEF_MAX_MONTHS.key, on=valid_from)
    if limited and months > limit and "valid_to" not in errors:
        errors["valid_to"] = [str(TOO_LONG % {"months": limit, "given": months})]
    level = competent_level(cell)
    if level is None:
        errors["member"] = [str(NOT_A_CELL)]
    elif decided_by != level:
        errors["decided_by"] = [str(WRONG_LEVEL % {"level": level, "given": decided_by})]
    return errors


# --- arrears ---------------------------------------------------------------------------------------
def unpaid_months(fees: list[MonthFee], paid: set[dt.date]) -> list[dt.date]:
    """Months owed (a fee above zero, not exempt) and not paid."""
    return [fee.month for fee in fees if fee.amount > 0 and fee.month not in paid]


def is_arrears_ground(unpaid: list[dt.date], on: dt.date) -> bool:
    """3 months of a year unpaid without good reason (an exemption or reduction decided is a reason; an
    unpaid month is counted once it is over) is a ground to propose xóa tên. Never a state change."""
    over = [month for month in unpaid if month.year == on.year and last_of_month(month) < on]
    return len(over) >= parameters.value(ARREARS_MONTHS.key, on=on)


# --- members exempted from activity ---------------------------------------------------------------
def _touches(month: dt.date, start: dt.date, end: dt.date | None) -> bool:
    """The month has a day in [start, end) (`end` exclusive; open when None)."""
    return last_of_month(month) >= start and (end is None or month < end)


def _period_label(start: dt.date, end: dt.date | None) -> str:
    if end is None:
        return str(_("từ tháng %(start)s") % {"start": f"{start:%m/%Y}"})
    last = end - dt.timedelta(days=1)
    return str(_("từ tháng %(start)s đến tháng %(end)s") % {"start": f"{start:%m/%Y}", "end": f"{last:%m/%Y}"})


def exemption_payment_errors(
    *, covered: list[dt.date], paid_on: dt.date, exemptions: list[tuple[dt.date, dt.date | None]]
) -> dict[str, list[str]]:
    """Members exempted from activity (miễn công tác và sinh hoạt đảng) may pay late or in advance, for at
    most the exemption period (QĐ 01-QĐ/TW 2026 Điều 5 khoản 2). `exemptions` are the member's exemption
    periods [start, end) (end exclusive, None while open). The rule applies when one touches the payment
    day or a month paid; then every month paid other than the payment's own month must be in one: a month
    before it is refused on `first_month` (late), a month after it on `months` (in advance)."""
    current = first_of_month(paid_on)
    relevant = [(start, end) for start, end in exemptions if any(_touches(m, start, end) for m in [current, *covered])]
    if not relevant:
        return {}
    outside = [
        month
        for month in covered
        if month != current and not any(_touches(month, start, end) for start, end in exemptions)
    ]
    errors: dict[str, list[str]] = {}
    period = "; ".join(_period_label(start, end) for start, end in relevant)
    for field_name, months in (
        ("first_month", [m for m in outside if m < current]),
        ("months", [m for m in outside if m > current]),
    ):
        if months:
            labels = ", ".join(f"{m:%m/%Y}" for m in months)
            errors[field_name] = [str(OUTSIDE_EXEMPTION % {"period": period, "months": labels})]
    return errors
