"""The same counts for each organization directly under one: rows of the statistical tables."""

import datetime as dt

from django.db.models.functions import Substr

from xaydungdang.members.models import MembershipPeriod
from xaydungdang.organizations.models import Organization
from xaydungdang.reports.dimensions import empty_counts
from xaydungdang.reports.rollups import ROLLUP_KINDS
from xaydungdang.reports.selectors.members import live_counts, rollup_counts
from xaydungdang.reports.selectors.organizations import existing_on


def children_on(organization, on: dt.date) -> list[Organization]:
    return list(Organization.objects.get_children(organization).filter(existing_on(on)).order_by("path"))


def counts_by_child(organization, on: dt.date, *, use_rollups: bool = True) -> list[tuple[Organization, dict]]:
    """(child, member counts of its subtree on `on`) for each child existing on `on`.

    Children of the rollup kinds (provinces under the root) read their rollups in one query; otherwise
    one live scan of the subtree grouped by child.
    """
    children = children_on(organization, on)
    if use_rollups and children and all(child.kind in ROLLUP_KINDS for child in children):
        by_id = rollup_counts([child.pk for child in children], on)
        return [(child, by_id[child.pk]) for child in children]
    length = len(organization.path) + Organization.steplen
    periods = MembershipPeriod.objects.of(organization, on=on).annotate(child=Substr("organization__path", 1, length))
    by_path = live_counts(periods, on, group_by="child")
    return [(child, by_path.get(child.path) or empty_counts()) for child in children]
