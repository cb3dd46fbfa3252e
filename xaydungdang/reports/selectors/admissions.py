"""Admissions of a year against the admission plan, for an organization and for each organization under it."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection

from xaydungdang.members.choices import EventKind
from xaydungdang.members.models import MembershipEvent
from xaydungdang.organizations.models import Organization
from xaydungdang.reports.models import AdmissionPlan
from xaydungdang.reports.rules import achievement_rate

ADMISSION_KINDS = (EventKind.ADMITTED, EventKind.READMITTED)


@dataclass
class Achievement:
    organization: Organization
    admitted: int
    planned: int | None

    @property
    def rate(self) -> Decimal | None:
        return achievement_rate(self.admitted, self.planned)


def admissions(organization, start: dt.date, end: dt.date) -> int:
    """Admissions (and re-admissions) into the subtree with an effective date in [start, end]."""
    by_prefix = _admissions_by_prefix(organization, [(start, end)], len(organization.path))
    return sum(counts[0] for counts in by_prefix.values())


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
SUBTREE = "\n       AND to_organization_id IN (SELECT id FROM {organizations} WHERE path LIKE %s)"
ROOT = "\nWHERE o.path LIKE %s"
WINDOW_COUNT = "sum(CASE WHEN effective_date >= %s AND effective_date <= %s THEN 1 ELSE 0 END) AS n{index}"


def _admissions_by_prefix(organization, windows, length: int) -> dict[str, list[int]]:
    """Admissions into the subtree in each window [start, end], by the first `length` characters of the path."""
    kinds = tuple(str(kind) for kind in ADMISSION_KINDS)
    is_root = organization.depth == 1
    sql = BY_PREFIX.format(
        sums=", ".join(f"sum(e.n{index})" for index in range(len(windows))),
        counts=", ".join(WINDOW_COUNT.format(index=index) for index in range(len(windows))),
        events=EVENTS,
        organizations=ORGANIZATIONS,
        kinds=_KINDS,
        subtree="" if is_root else SUBTREE.format(organizations=ORGANIZATIONS),
        root=ROOT if is_root else "",
    )
    bounds = [day for window in windows for day in window]
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            [length, *bounds, *kinds, min(bounds[::2]), max(bounds[1::2]), f"{organization.path}%"],
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


def achievement_and_admissions(organization, year: int, on: dt.date, window=None, children=None):
    """achievement(organization, year, on), and the admissions of `window` ([start, end], when given) in
    the same query; `children` are the organization's children when the caller has them."""
    start = dt.date(year, 1, 1)
    end = min(on, dt.date(year, 12, 31))
    plans = list(
        AdmissionPlan.objects.filter(year=year, organization__path__startswith=organization.path).values_list(
            "organization__path", "planned"
        )
    )
    prefix_length = len(organization.path) + Organization.steplen
    windows = [(start, end)] + ([window] if window else [])
    by_prefix = _admissions_by_prefix(organization, windows, prefix_length)
    by_child = {prefix: counts[0] for prefix, counts in by_prefix.items()}
    if children is None:
        children = list(Organization.objects.get_children(organization).order_by("path"))
    rows = [Achievement(child, by_child.get(child.path, 0), plan_for(child, year, plans)) for child in children]
    total = Achievement(organization, sum(by_child.values()), plan_for(organization, year, plans))
    admitted = sum(counts[-1] for counts in by_prefix.values()) if window else None
    return total, [row for row in rows if row.admitted or row.planned or row.organization.is_active], admitted
