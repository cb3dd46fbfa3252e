"""Whether an organization's rollups can be read: a cheap check before trusting them on a dashboard."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models import Exists, OuterRef

from xaydungdang.members.choices import ACTIVE_STATUSES, AttachmentKind
from xaydungdang.members.models import MembershipPeriod
from xaydungdang.organizations.choices import OrganizationKind
from xaydungdang.organizations.models import Organization
from xaydungdang.reports.models import RollupDay, RollupFeature
from xaydungdang.reports.rollups import version
from xaydungdang.reports.rollups.store import ROLLUP_KINDS

# Kinds that became rollup organizations after the rollups began: their rows are complete once
# `rebuild_rollups` marked the feature (a fresh database has it from its migration); until then the
# writers keep adding to them, but readers count live.
FEATURE_OF_KIND = {OrganizationKind.UPPER_GRASSROOTS: RollupFeature.UPPER_GRASSROOTS}


_memo: ContextVar[dict | None] = ContextVar("rollup_readiness", default=None)


@contextmanager
def remembered() -> Iterator[None]:
    """Inside the block (a page), each readiness fact is read once: the features, whether a subtree was built.
    Blocks nest: an inner block shares the outer one's memo."""
    token = _memo.set({}) if _memo.get() is None else None
    try:
        yield
    finally:
        if token is not None:
            _memo.reset(token)


def _remember(key, compute: Callable):
    memo = _memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def feature_names() -> frozenset[str]:
    """The RollupFeature rows present (one query, once per `remembered` block)."""
    return _remember("features", lambda: frozenset(RollupFeature.objects.values_list("name", flat=True)))


def token(organization) -> int | None:
    """The organization's rollup token (rollups.version), once per `remembered` block."""
    return _remember(("token", organization.pk), lambda: version.token_of(organization.pk))


def readable_kinds() -> frozenset[str]:
    """The rollup kinds whose rows are complete."""
    features = feature_names()
    return frozenset(kind for kind in ROLLUP_KINDS if FEATURE_OF_KIND.get(kind, None) in (None, *features))


def keeps_rollups(organization) -> bool:
    """Whether the organization's counts come from rollups: its kind keeps them and they are complete."""
    return organization.kind in ROLLUP_KINDS and organization.kind in readable_kinds()


def rollups_missing(organization) -> bool:
    """True when the organization keeps rollups but they were never built although its subtree has members.

    Any counted period adds a day row to every rollup organization above it (the first day a subtree
    ever had a member cannot be cancelled), so rows exist whenever members do once the rollups are built.
    Two index lookups; a partial or stale build is what `rebuild_rollups --verify` finds.
    """
    return keeps_rollups(organization) and _never_built(organization)


def _never_built(organization) -> bool:
    return _remember(("never built", organization.pk), lambda: _never_built_read(organization))


def _never_built_read(organization) -> bool:
    if RollupDay.objects.filter(organization_id=organization.pk).exists():
        return False
    subtree = Organization.objects.filter(path__startswith=organization.path).values("pk")
    return MembershipPeriod.objects.filter(
        organization__in=subtree, attachment=AttachmentKind.OFFICIAL, status__in=ACTIVE_STATUSES
    ).exists()


def rollups_readable(organization) -> bool:
    """Whether a read of the organization's counts may use its rollups (kept, complete, built)."""
    return keeps_rollups(organization) and not _never_built(organization)


def readable_among(organizations) -> set[int]:
    """The ids of those organizations whose rollups can be read, in two queries whatever their number.

    One without rows is read live: its subtree is empty (a live count is then cheap) or never built.
    """
    kinds = readable_kinds()
    candidates = [o.pk for o in organizations if o.kind in kinds]
    if not candidates:
        return set()
    rows = RollupDay.objects.filter(organization_id=OuterRef("pk"))
    found = Organization.objects.filter(pk__in=candidates).filter(Exists(rows)).values_list("pk", flat=True)
    return set(found)
