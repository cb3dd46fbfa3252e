# ruff: noqa: S608 - SQL built from our models' table names and placeholders; every value is a bound parameter
"""Sums of the rollups' change rows (entries, exits, admissions) over windows of days: whole years from the
year table, whole months from the month table, the days left at either end from the day table."""

import datetime as dt

from django.db import connection

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


# One part of a window: the sums of a table's rows of some organizations and dimensions over [lo, hi).
PART = (
    "SELECT %s, organization_id, dimension, bucket, sum(delta) FROM {table}"
    " WHERE organization_id IN ({organizations}) AND dimension IN ({dimensions}) AND {column} >= %s AND {column} < %s"
    " GROUP BY organization_id, dimension, bucket"
)


def window_sums(organization_ids, dimensions, windows) -> list[dict[tuple[int, str, str], int]]:
    """For each window [first, last] of days, the sums of these organizations' rows of these dimensions:
    {(organization id, dimension, bucket): n}, zeros left out. One query whatever the number of windows (a
    bounded number of rows per organization and window: the years inside, 22 months and 60 days); raw SQL,
    as the ORM took more CPU to compile the union than the database to run it."""
    sums: list[dict[tuple[int, str, str], int]] = [{} for _window in windows]
    organization_ids, dimensions = list(organization_ids), list(dimensions)
    statements, params = [], []
    for index, (first, last) in enumerate(windows):
        for model, column, lo, hi in window_parts(first, last):
            statements.append(
                PART.format(
                    table=model._meta.db_table,
                    column=column,
                    organizations=", ".join(["%s"] * len(organization_ids)),
                    dimensions=", ".join(["%s"] * len(dimensions)),
                )
            )
            params += [index, *organization_ids, *dimensions, lo, hi]
    if not statements or not organization_ids:
        return sums
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(statements), params)
        for index, organization_id, dimension, bucket, n in cursor.fetchall():
            key = (organization_id, dimension, bucket)
            sums[index][key] = sums[index].get(key, 0) + int(n)
    return [{key: n for key, n in found.items() if n} for found in sums]
