"""Sums of the rollups' change rows (entries, exits, admissions) over windows of days: whole years from the
year table, whole months from the month table, the days left at either end from the day table."""

import datetime as dt

from django.db.models import IntegerField, Sum, Value

from xaydungdang.reports.models import RollupDay, RollupMonth, RollupYear


def _month_after(day: dt.date) -> dt.date:
    return (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)


def _year_after(day: dt.date) -> dt.date:
    return dt.date(day.year + 1, 1, 1)


def _inside(first: dt.date, last: dt.date, floor, after) -> tuple[dt.date, dt.date] | None:
    """[lo, hi): the starts of the whole units (months or years) lying inside the days [first, last]."""
    lo = first if floor(first) == first else after(first)
    hi = floor(last + dt.timedelta(days=1))
    return (lo, hi) if lo < hi else None


def window_parts(first: dt.date, last: dt.date) -> list[tuple[type, str, dt.date, dt.date]]:
    """The days [first, last] as (table, date column, lo, hi) ranges [lo, hi): whole years from the year
    table, whole months from the month table, the days left at either end from the day table."""
    parts: list[tuple[type, str, dt.date, dt.date]] = []
    pieces = [(first, last + dt.timedelta(days=1))]
    for model, column, floor, after in (
        (RollupYear, "year", lambda d: d.replace(month=1, day=1), _year_after),
        (RollupMonth, "month", lambda d: d.replace(day=1), _month_after),
    ):
        rest = []
        for lo, hi in pieces:
            whole = _inside(lo, hi - dt.timedelta(days=1), floor, after) if lo < hi else None
            if whole is None:
                rest.append((lo, hi))
                continue
            parts.append((model, column, *whole))
            rest += [(lo, whole[0]), (whole[1], hi)]
        pieces = rest
    parts += [(RollupDay, "day", lo, hi) for lo, hi in pieces if lo < hi]
    return parts


def window_sums(organization_ids, dimensions, windows) -> list[dict[tuple[int, str, str], int]]:
    """For each window [first, last] of days, the sums of these organizations' rows of these dimensions:
    {(organization id, dimension, bucket): n}, zeros left out. One query whatever the number of windows (a
    bounded number of rows per organization and window: the years inside, 22 months and 60 days)."""
    sums: list[dict[tuple[int, str, str], int]] = [{} for _window in windows]
    parts = [
        model.objects.filter(
            organization_id__in=organization_ids,
            dimension__in=dimensions,
            **{f"{column}__gte": lo, f"{column}__lt": hi},
        )
        .values_list("organization_id", "dimension", "bucket")
        .annotate(n=Sum("delta"), window=Value(index, output_field=IntegerField()))
        .order_by()
        for index, (first, last) in enumerate(windows)
        for model, column, lo, hi in window_parts(first, last)
    ]
    if not parts or not organization_ids:
        return sums
    for organization_id, dimension, bucket, n, index in parts[0].union(*parts[1:], all=True):
        key = (organization_id, dimension, bucket)
        sums[index][key] = sums[index].get(key, 0) + n
    return [{key: n for key, n in found.items() if n} for found in sums]
