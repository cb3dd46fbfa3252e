"""Totals a member list need not count: an app that keeps the figure exactly answers for it.

At national size the slowest part of a list's page is its total (a count of millions of rows, or of the
periods of a past day), while the reports app keeps the same figure in its rollups: the current members of a
rollup organization's subtree on any day, by status and by gender. The members app may not import reports
(imports go downward, docs/decisions/0004), so reports registers its counter in `AppConfig.ready()`:

    register_counter(counter)  # counter(organization, day, dimension, bucket) -> int | None

`list_total` describes a list as (subtree, day, one dimension's bucket) when it is that plain, asks each
counter, and returns the first figure; None means the list counts its own rows. members/tests/test_totals.py
holds every registered counter to the live count.
"""

import datetime as dt
from collections.abc import Callable

from xaydungdang.access.choices import Role
from xaydungdang.access.policy import policy_for
from xaydungdang.core.dates import today
from xaydungdang.members.choices import ACTIVE_STATUSES
from xaydungdang.organizations.models import Organization

Counter = Callable[[Organization, dt.date, str, str], int | None]
_COUNTERS: list[Counter] = []

CURRENT, ALL, OTHERS = "current", "all", "others"  # the list's status choices besides each status


def register_counter(counter: Counter) -> None:
    if counter not in _COUNTERS:
        _COUNTERS.append(counter)


def narrowing(status: str, gender: str, *, dated: bool) -> tuple[str, str] | None:
    """The (dimension, bucket) of the rollups a list of current members narrowed this way is, if any.

    A dated list holds only that day's current members, so "all" is "current" there."""
    if status == CURRENT or (dated and status == ALL):
        return ("gender", gender) if gender else ("total", "")
    if status in ACTIVE_STATUSES and not gender:
        return ("status", status)
    return None


def scope_root(user) -> Organization | None:
    """The organization whose whole subtree is exactly the members `user` sees: the root for an administrator
    of a deployment with one root; for anyone else, the organization of a subtree grant that holds every other
    grant of theirs (their own record included); None otherwise (the list then counts its rows)."""
    policy = policy_for(user)
    if policy.is_admin:
        roots = list(Organization.objects.filter(depth=1)[:2])
        return roots[0] if len(roots) == 1 else None
    for top in policy.grants:
        if top.subtree and top.role != Role.MEMBER and all(g.path.startswith(top.path) for g in policy.grants):
            return Organization.objects.filter(path=top.path).first()
    return None


def list_total(user, cleaned: dict, day: dt.date) -> int | None:
    """The total of the member list filtered by `cleaned` (MemberFilter's cleaned data) on `day`, when a
    counter keeps it; None when the list must count (a search, an ethnicity, a scope no counter keeps)."""
    if cleaned.get("q") or cleaned.get("ethnicity") or not _COUNTERS:
        return None
    narrowed = narrowing(cleaned.get("status") or CURRENT, cleaned.get("gender") or "", dated=day is not None)
    organization = cleaned.get("org") or scope_root(user)
    if narrowed is None or organization is None or not policy_for(user).reads_subtree(organization):
        return None
    for counter in _COUNTERS:
        total = counter(organization, day or today(), *narrowed)
        if total is not None:
            return total
    return None
