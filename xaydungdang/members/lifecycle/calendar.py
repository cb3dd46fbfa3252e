"""Working days (ngày làm việc): Monday to Friday, less the holidays in the Holiday table.

Deadlines of the Party's procedures are counted in working days (QĐ 294 §4, §6.3.1): "within N working
days of D" ends on the N-th working day after D.
"""

import contextlib
import datetime as dt
from contextvars import ContextVar
from functools import lru_cache

ONE_DAY = dt.timedelta(days=1)
# (start, end, holidays) loaded once for a page that computes many deadlines.
_preloaded: ContextVar[tuple[dt.date, dt.date, frozenset[dt.date]] | None] = ContextVar("holidays", default=None)


def _query(start: dt.date, end: dt.date) -> frozenset[dt.date]:
    from xaydungdang.members.lifecycle.models import Holiday

    return frozenset(Holiday.objects.filter(day__gte=start, day__lte=end).values_list("day", flat=True))


def _holidays(start: dt.date, end: dt.date) -> frozenset[dt.date]:
    loaded = _preloaded.get()
    if loaded and loaded[0] <= start and end <= loaded[1]:
        return loaded[2]
    return _query(start, end)


@contextlib.contextmanager
def preloaded(start: dt.date, end: dt.date):
    """Within the block, deadlines between `start` and `end` are computed without further queries."""
    token = _preloaded.set((start, end, _query(start, end)))
    try:
        yield
    finally:
        _preloaded.reset(token)


def is_working_day(day: dt.date, holidays: frozenset[dt.date] = frozenset()) -> bool:
    return day.weekday() < 5 and day not in holidays


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The `days`-th working day after `start` (start itself not counted)."""
    # Generous window: every 5 working days take at most 7 calendar days, plus room for Tết.
    holidays = _holidays(start, start + dt.timedelta(days=days * 7 // 5 + 30))
    day, counted = start, 0
    while counted < days:
        day += ONE_DAY
        if is_working_day(day, holidays):
            counted += 1
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end` (negative when end is before start)."""
    if end < start:
        return -working_days_between(end, start)
    holidays = _holidays(start, end)
    return sum(1 for n in range(1, (end - start).days + 1) if is_working_day(start + n * ONE_DAY, holidays))


@lru_cache(maxsize=1)
def default_holidays() -> tuple[tuple[str, str], ...]:
    """Holidays of 2024–2026 loaded by the data migration (Bộ luật Lao động 2019 Điều 112 and the yearly
    announcements of the Prime Minister on Tết; lunar dates must be added each year by an administrator)."""
    rows = [
        ("2024-01-01", "Tết Dương lịch"),
        *[(f"2024-02-{d:02d}", "Tết Nguyên đán") for d in range(8, 15)],
        ("2024-04-18", "Giỗ Tổ Hùng Vương"),
        ("2024-04-29", "Nghỉ bù Lễ 30/4"),
        ("2024-04-30", "Ngày Giải phóng miền Nam"),
        ("2024-05-01", "Ngày Quốc tế Lao động"),
        ("2024-09-02", "Quốc khánh"),
        ("2024-09-03", "Quốc khánh"),
        ("2025-01-01", "Tết Dương lịch"),
        *[(f"2025-01-{d:02d}", "Tết Nguyên đán") for d in range(25, 32)],
        ("2025-02-01", "Tết Nguyên đán"),
        ("2025-02-02", "Tết Nguyên đán"),
        ("2025-04-07", "Giỗ Tổ Hùng Vương"),
        ("2025-04-30", "Ngày Giải phóng miền Nam"),
        ("2025-05-01", "Ngày Quốc tế Lao động"),
        ("2025-05-02", "Nghỉ bù Lễ 30/4 – 1/5"),
        ("2025-09-01", "Quốc khánh"),
        ("2025-09-02", "Quốc khánh"),
        ("2026-01-01", "Tết Dương lịch"),
        *[(f"2026-02-{d:02d}", "Tết Nguyên đán") for d in range(14, 23)],
        ("2026-04-27", "Giỗ Tổ Hùng Vương (nghỉ bù)"),
        ("2026-04-30", "Ngày Giải phóng miền Nam"),
        ("2026-05-01", "Ngày Quốc tế Lao động"),
        ("2026-09-01", "Quốc khánh"),
        ("2026-09-02", "Quốc khánh"),
    ]
    return tuple(rows)
