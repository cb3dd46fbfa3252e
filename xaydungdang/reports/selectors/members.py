"""Counts of a subtree's members by every dimension, on any date: from the rollups or live from the periods."""

import datetime as dt
from collections import defaultdict

from django.db.models import Count, Q, QuerySet, Sum

from xaydungdang.core.dates import today
from xaydungdang.members.ethnicities import KINH
from xaydungdang.members.models import MembershipPeriod
from xaydungdang.reports.dimensions import (
    AGE_BANDS,
    DIMENSIONS,
    PARTY_AGE_BANDS,
    STATIC_FIELDS,
    UNKNOWN,
    empty_counts,
    latest_birth_for_age,
)
from xaydungdang.reports.models import RollupDay, RollupMonth, RollupYear
from xaydungdang.reports.rollups import version
from xaydungdang.reports.rollups.contributions import CHANGE_DIMENSIONS
from xaydungdang.reports.rollups.readiness import rollups_readable, token

Counts = dict[str, dict[str, int]]


def _band_filters(field: str, bands, on: dt.date) -> dict[str, Q]:
    """One filter per band: born (party age counted from) between the thresholds that make the band on `on`."""
    filters = {}
    edges = [latest_birth_for_age(on, edge) for _key, edge, _label in bands]
    for index, (key, _edge, _label) in enumerate(bands):
        q = Q(**{f"{field}__gt": edges[index + 1]}) if index + 1 < len(bands) else Q()
        if index > 0:
            q &= Q(**{f"{field}__lte": edges[index]})
        elif field == "party_age_start":
            q = q | Q(party_age_start__isnull=True)
        filters[key] = q
    return filters


def _filters(on: dt.date) -> dict[tuple[str, str], Q]:
    filters: dict[tuple[str, str], Q] = {("total", ""): Q()}
    for key, _label in DIMENSIONS["status"][1]:
        filters[("status", key)] = Q(status=key)
    filters[("exempted", "yes")] = Q(is_exempted=True)
    filters[("exempted", "no")] = Q(is_exempted=False)
    filters[("minority", "kinh")] = Q(member__ethnicity=KINH)
    filters[("minority", "minority")] = ~Q(member__ethnicity=KINH)
    for dimension, field in STATIC_FIELDS.items():
        for key, _label in DIMENSIONS[dimension][1]:
            filters[(dimension, key)] = Q(**{f"member__{field}": key})
            if key == UNKNOWN:
                filters[(dimension, key)] |= Q(**{f"member__{field}__isnull": True})
    for key, q in _band_filters("member__birth_date", AGE_BANDS, on).items():
        filters[("age_band", key)] = q
    # Party age from the period's cached base of the lifecycle rule (dimensions.party_age_band).
    for key, q in _band_filters("party_age_start", PARTY_AGE_BANDS, on).items():
        filters[("party_age_band", key)] = q
    return filters


def live_counts(periods: QuerySet, on: dt.date, group_by: str | None = None) -> dict:
    """One scan of the periods with a filtered count per bucket (the raw-SQL bound of the rollups).

    With `group_by` (an annotation or field of the periods), one result per group value.
    """
    filters = _filters(on)
    aliases = {f"c{index}": key for index, key in enumerate(filters)}
    aggregates = {alias: Count("pk", filter=filters[key]) for alias, key in aliases.items()}
    if group_by is None:
        return _to_counts(periods.aggregate(**aggregates), aliases)
    rows = periods.values(group_by).annotate(**aggregates).order_by()
    return {row[group_by]: _to_counts(row, aliases) for row in rows}


def _to_counts(row: dict, aliases: dict[str, tuple[str, str]]) -> Counts:
    counts = empty_counts()
    for alias, (dimension, bucket) in aliases.items():
        counts[dimension][bucket] = row[alias] or 0
    return counts


def rollup_counts(organization_ids: list[int], on: dt.date) -> dict[int, Counts]:
    """Counts of the rollup organizations on `on`: whole years before on's year, that year's months before
    on's month, then its days (at most a row per bucket for each year, 11 months and 31 days)."""
    month, year = on.replace(day=1), on.replace(month=1, day=1)
    result: dict[int, Counts] = defaultdict(empty_counts)
    counted = Q(organization_id__in=organization_ids) & ~Q(dimension__in=CHANGE_DIMENSIONS)  # changes: windows
    parts = [
        queryset.filter(counted).values("organization_id", "dimension", "bucket").annotate(n=Sum("delta")).order_by()
        for queryset in (
            RollupYear.objects.filter(year__lt=year),
            RollupMonth.objects.filter(month__gte=year, month__lt=month),
            RollupDay.objects.filter(day__gte=month, day__lte=on),
        )
    ]
    for row in parts[0].union(*parts[1:], all=True):  # one round trip
        counts = result[row["organization_id"]]
        counts.setdefault(row["dimension"], {})
        counts[row["dimension"]][row["bucket"]] = counts[row["dimension"]].get(row["bucket"], 0) + row["n"]
    return {organization_id: result[organization_id] for organization_id in organization_ids}


def member_counts(organization, on: dt.date | None = None, *, from_rollups: bool) -> Counts:
    """Counts of the members of the organization's subtree on `on` (today when None), from its rollups
    (the caller checked readiness.rollups_readable) or live."""
    on = on or today()
    if from_rollups:
        key = ("counts", organization.pk, on)
        return version.cached(token(organization), key, lambda: rollup_counts([organization.pk], on)[organization.pk])
    return live_counts(MembershipPeriod.objects.of(organization, on=on), on)


def list_total(organization, on: dt.date, dimension: str, bucket: str) -> int | None:
    """The members.totals counter: the current members of the organization's subtree on `on` in one bucket
    (("total", ""), ("status", s), ("gender", g)) from its rollups; None when it keeps none readable."""
    if not rollups_readable(organization):
        return None
    return member_counts(organization, on, from_rollups=True).get(dimension, {}).get(bucket, 0)
