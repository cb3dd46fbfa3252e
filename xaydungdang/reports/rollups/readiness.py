"""Whether an organization's rollups can be read: a cheap check before trusting them on a dashboard."""

from xaydungdang.members.choices import ACTIVE_STATUSES, AttachmentKind
from xaydungdang.members.models import MembershipPeriod
from xaydungdang.organizations.models import Organization
from xaydungdang.reports.models import RollupDay
from xaydungdang.reports.rollups.store import ROLLUP_KINDS


def rollups_missing(organization) -> bool:
    """True when the organization keeps rollups but they were never built although its subtree has members.

    Any counted period adds a day row to every rollup organization above it (the first day a subtree
    ever had a member cannot be cancelled), so rows exist whenever members do once the rollups are built.
    Two index lookups; a partial or stale build is what `rebuild_rollups --verify` finds.
    """
    if organization.kind not in ROLLUP_KINDS:
        return False
    if RollupDay.objects.filter(organization_id=organization.pk).exists():
        return False
    subtree = Organization.objects.filter(path__startswith=organization.path).values("pk")
    return MembershipPeriod.objects.filter(
        organization__in=subtree, attachment=AttachmentKind.OFFICIAL, status__in=ACTIVE_STATUSES
    ).exists()
