"""The same counts for each organization directly under one: rows of the statistical tables."""

import datetime as dt
from functools import reduce
from operator import or_

from django.db.models import Q
from django.db.models.functions import Substr

from xaydungdang.members.models import MembershipPeriod
from xaydungdang.organizations.models import Organization
from xaydungdang.reports.dimensions import empty_counts
from xaydungdang.reports.rollups.readiness import readable_among
from xaydungdang.reports.selectors.members import live_counts, rollup_counts
from xaydungdang.reports.selectors.organizations import existing_on


def children_on(organization, on: dt.date) -> list[Organization]:
    return list(Organization.objects.get_children(organization).filter(existing_on(on)).order_by("path"))


def counts_by_child(organization, on: dt.date, *, use_rollups: bool = True) -> list[tuple[Organization, dict]]:
    """(child, member counts of its subtree on `on`) for each child existing on `on`.

    Children keeping rollups (provinces under the root, communes under a province) read them in one
    query; the others (a grassroots committee right under a province, rollups not built) are counted in
    one live scan of their subtrees grouped by child. A constant number of queries whatever the children.
    """
    children = children_on(organization, on)
    readable = readable_among(children) if use_rollups else set()
    counts = rollup_counts(sorted(readable), on) if readable else {}
    live = [child for child in children if child.pk not in readable]
    if live:
        counts.update(_live_by_child(organization, live, on, whole=len(live) == len(children)))
    return [(child, counts.get(child.pk) or empty_counts()) for child in children]


def _live_by_child(organization, children: list[Organization], on: dt.date, *, whole: bool) -> dict[int, dict]:
    length = len(organization.path) + Organization.steplen
    periods = MembershipPeriod.objects.of(organization, on=on)
    if not whole:
        periods = periods.filter(reduce(or_, (Q(organization__path__startswith=c.path) for c in children)))
    by_path = live_counts(periods.annotate(child=Substr("organization__path", 1, length)), on, group_by="child")
    return {child.pk: by_path[child.path] for child in children if child.path in by_path}
