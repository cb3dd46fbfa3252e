"""Admissions of a year against the admission plan, for an organization and for each organization under it.

What an admission is belongs to dimensions.ADMISSION_KINDS. Organizations of the rollup kinds whose rollups
hold the admissions (RollupFeature.ADMISSIONS, readiness) read the sums of their ADMISSION rows over the
window (rollups.windows, one query for all of them and both windows); the others, and a database whose
rollups lack the admissions until `rebuild_rollups` ran, count the events live (the reference).
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection

from xaydungdang.members.models import MembershipEvent
from xaydungdang.organizations.models import Organization
from xaydungdang.reports.dimensions import ADMISSION_KINDS
from xaydungdang.reports.models import AdmissionPlan, RollupFeature
from xaydungdang.reports.rollups.contributions import ADMISSION
from xaydungdang.reports.rollups.readiness import feature_names, readable_among, rollups_readable
from xaydungdang.reports.rollups.windows import window_sums
from xaydungdang.reports.rules import achievement_rate

__all__ = ["ADMISSION_KINDS", "Achievement", "achievement", "achievement_and_admissions", "admissions", "plan_for"]


@dataclass
class Achievement:
    organization: Organization
    admitted: int
    planned: int | None

    @property
    def rate(self) -> Decimal | None:
        return achievement_rate(self.admitted, self.planned)


def admissions(organization, start: dt.date, end: dt.date, *, use_rollups: bool = True) -> int:
    """Admissions (and re-admissions) into the subtree with an effective date in [start, end]."""
    if use_rollups and admissions_in_rollups(organization):
        (sums,) = window_sums([organization.pk], (ADMISSION,), [(start, end)])
        return sums.get((organization.pk, ADMISSION, ""), 0)
    by_prefix = _admissions_by_prefix(organization, [(start, end)], len(organization.path))
    return sum(counts[0] for counts in by_prefix.values())


def admissions_in_rollups(organization) -> bool:
    """Whether the organization's admissions can be read from its rollups."""
    return RollupFeature.ADMISSIONS in feature_names() and rollups_readable(organization)


EVENTS, ORGANIZATIONS = MembershipEvent._meta.db_table, Organization._meta.db_table
_KINDS = ", ".join(["%s"] * len(ADMISSION_KINDS))
# Counted per organization first, from the (kind, effective_date, to_organization) index alone, then
# added up by the prefix of the organizations' paths: joining the organizations first let PostgreSQL
# walk every event of the subtree (0.35 s for the root at 200,000 members, 50 ms this way). One count
# per window, in one scan of the events of their union. A subtree is kept to its organizations before
# the grouping; a tree's root, whose subtree holds about every event, only when its organizations are
# joined for their paths (one pass over them instead of two: half the time at the root).
BY_PREFIX = """
SELECT substr(o.path, 1, %s) AS prefix, {sums} FROM (
    SELECT to_organization_id, {counts} FROM {events}
     WHERE kind IN ({kinds}) AND effective_date >= %s AND effective_date <= %s{subtree}
     GROUP BY to_organization_id
) e JOIN {organizations} o ON o.id = e.to_organization_id{root}
GROUP BY 1
"""
SUBTREE = "\n       AND to_organization_id IN (SELECT id FROM {organizations} WHERE {paths})"
PATH = "path LIKE %s"
ROOT = "\nWHERE o.path LIKE %s"
WINDOW_COUNT = "sum(CASE WHEN effective_date >= %s AND effective_date <= %s THEN 1 ELSE 0 END) AS n{index}"


def _admissions_by_prefix(organization, windows, length: int, within=None) -> dict[str, list[int]]:
    """Admissions into the subtree in each window [start, end], by the first `length` characters of the path;
    into the subtrees of the organizations `within` only, when given."""
    kinds = tuple(str(kind) for kind in ADMISSION_KINDS)
    is_root = organization.depth == 1 and within is None
    subtrees = [organization] if within is None else within
    sql = BY_PREFIX.format(
        sums=", ".join(f"sum(e.n{index})" for index in range(len(windows))),
        counts=", ".join(WINDOW_COUNT.format(index=index) for index in range(len(windows))),
        events=EVENTS,
        organizations=ORGANIZATIONS,
        kinds=_KINDS,
        subtree=""
        if is_root
        else SUBTREE.format(organizations=ORGANIZATIONS, paths=" OR ".join([PATH] * len(subtrees))),
        root=ROOT if is_root else "",
    )
    bounds = [day for window in windows for day in window]
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            [length, *bounds, *kinds, min(bounds[::2]), max(bounds[1::2]), *(f"{o.path}%" for o in subtrees)],
        )
        return {prefix: [int(n) for n in counts] for prefix, *counts in cursor.fetchall()}


def _top_plans(plans: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The plans not covered by a plan higher up (a plan of a commune covers its cells' plans)."""
    tops: list[tuple[str, int]] = []
    for path, planned in sorted(plans):
        if tops and path.startswith(tops[-1][0]):
            continue
        tops.append((path, planned))
    return tops


def plan_for(organization, year: int, plans: list[tuple[str, int]] | None = None) -> int | None:
    """The organization's own plan, or the sum of the highest plans below it; None when nobody planned."""
    if plans is None:
        plans = list(
            AdmissionPlan.objects.filter(year=year, organization__path__startswith=organization.path).values_list(
                "organization__path", "planned"
            )
        )
    mine = [(path, planned) for path, planned in plans if path.startswith(organization.path)]
    if not mine:
        return None
    return sum(planned for _path, planned in _top_plans(mine))


def achievement(organization, year: int, on: dt.date) -> tuple[Achievement, list[Achievement]]:
    """The organization's admissions of `year` up to `on` against its plan, and the same for each child."""
    total, rows, _admitted = achievement_and_admissions(organization, year, on)
    return total, rows


def achievement_and_admissions(organization, year: int, on: dt.date, window=None, children=None, *, use_rollups=True):
    """achievement(organization, year, on), and the admissions of `window` ([start, end], when given) in
    the same query; `children` are the organization's children when the caller has them."""
    start = dt.date(year, 1, 1)
    end = min(on, dt.date(year, 12, 31))
    plans = list(
        AdmissionPlan.objects.filter(year=year, organization__path__startswith=organization.path).values_list(
            "organization__path", "planned"
        )
    )
    windows = [(start, end)] + ([window] if window else [])
    if children is None:
        children = list(Organization.objects.get_children(organization).order_by("path"))
    counted = _counted(organization, windows, children, use_rollups=use_rollups)
    by_child = {child.path: counted[child.path][0] for child in children if child.path in counted}
    rows = [Achievement(child, by_child.get(child.path, 0), plan_for(child, year, plans)) for child in children]
    total = Achievement(organization, counted[organization.path][0], plan_for(organization, year, plans))
    admitted = counted[organization.path][-1] if window else None
    return total, [row for row in rows if row.admitted or row.planned or row.organization.is_active], admitted


def _counted(organization, windows, children, *, use_rollups: bool) -> dict[str, list[int]]:
    """Admissions in each window, by path: of the organization's subtree and of each child's. From the rollups
    of those that have them, the others' from the events in one query (all of them from the events, the
    subtree's in the same query, when the organization or none of its children has rollups)."""
    readable = set()
    if use_rollups and admissions_in_rollups(organization):
        readable = {organization.pk} | readable_among(children)
    live = [child for child in children if child.pk not in readable]
    length = len(organization.path) + Organization.steplen
    if organization.pk not in readable or len(live) == len(children):
        by_prefix = _admissions_by_prefix(organization, windows, length)
        total = [sum(column) for column in zip(*by_prefix.values(), strict=True)] or [0] * len(windows)
        return {**by_prefix, organization.path: total}  # the organization's own events are under its path
    counted = _admissions_by_prefix(organization, windows, length, within=live) if live else {}
    sums = window_sums(sorted(readable), (ADMISSION,), windows)
    paths = {organization.pk: organization.path} | {child.pk: child.path for child in children}
    counted.update({paths[pk]: [found.get((pk, ADMISSION, ""), 0) for found in sums] for pk in readable})
    return counted
