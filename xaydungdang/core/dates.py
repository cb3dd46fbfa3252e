"""Dates as the users write them: dd/mm/yyyy."""

import calendar
import datetime as dt
import re

from django.utils import timezone
from django.utils.translation import gettext as _

# Day, month and year typed in the right shape, whatever the date (31/02/1990 matches; "hôm qua" does not).
DATE_SHAPE = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")

# The years a date the users type may fall in: no party record is older than 1900, and date arithmetic
# (windows of years, ages, anniversaries) on a date near year 1 or 9999 would overflow.
MIN_YEAR = 1900
MAX_YEAR = 2100


def today() -> dt.date:
    return timezone.localdate()


def in_bounds(day: dt.date) -> bool:
    return MIN_YEAR <= day.year <= MAX_YEAR


def parse_vn_date(value: str | None) -> dt.date | None:
    """Parse `dd/mm/yyyy` (or ISO `yyyy-mm-dd`); None for empty or invalid input, or a year out of bounds."""
    if not value:
        return None
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            day = dt.datetime.strptime(value.strip(), fmt).date()  # noqa: DTZ007 - a date, no time zone
        except ValueError:
            continue
        return day if in_bounds(day) else None
    return None


def impossible_date_error(text: str | None) -> str | None:
    """The message for a date typed in the right shape that does not exist (31/02/1990, 12/13/2020), or None.

    Forms say "the date does not exist" instead of "type dd/mm/yyyy" when the shape was right."""
    match = DATE_SHAPE.match(text or "")
    if not match:
        return None
    day, month, year = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        return _("Ngày %(text)s không có thật: tháng phải từ 1 đến 12.") % {"text": text.strip()}
    last = calendar.monthrange(year, month)[1] if year >= 1 else 31
    if not 1 <= day <= last:
        return _("Ngày %(text)s không có thật: tháng %(month)s năm %(year)s chỉ có %(last)s ngày.") % {
            "text": text.strip(),
            "month": month,
            "year": year,
            "last": last,
        }
    return None


def format_vn_date(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, clamped to the month's end (31/01 + 1 month = 28/02 or 29/02)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in range(day.day, 27, -1):
        try:
            return dt.date(year, month, candidate)
        except ValueError:
            continue
    return dt.date(year, month, min(day.day, 28))


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from start to end (age counted in months, as the Party's rules count it)."""
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if end.day < start.day:
        months -= 1
    return months


def anniversary(day: dt.date, years: int) -> dt.date:
    """The date `years` after `day`; 29/02 falls on 01/03 in a common year (the day a person turns N)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return dt.date(day.year + years, 3, 1)


def completed_years(start: dt.date, on: dt.date) -> int:
    """Whole years from start to on (equal to months_between(start, on) // 12; reached on `anniversary`)."""
    return on.year - start.year - ((on.month, on.day) < (start.month, start.day))
