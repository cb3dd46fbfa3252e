"""Rules of the reports: how an achievement rate is computed."""

from decimal import ROUND_HALF_UP, Decimal


def achievement_rate(done: int, planned: int | None) -> Decimal | None:
    """Percentage of the plan achieved, to one decimal (53,6%); None when there is no plan.

    The admission plan is set per organization and year (Điều lệ Đảng, Điều 4; QĐ 24-QĐ/TW 2021 on
    admission); the rate is admissions divided by the plan, as the year-end reports state it.
    """
    if not planned:
        return None
    return (Decimal(done) * 100 / Decimal(planned)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
