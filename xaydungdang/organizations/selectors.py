"""Reads of the organization tree for one user: visible nodes, their subtree headcounts, their members."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Substr

from xaydungdang.access.choices import Action
from xaydungdang.access.policy import policy_for
from xaydungdang.members.choices import ACTIVE_STATUSES, AttachmentKind, MemberStatus
from xaydungdang.members.models import Member, MembershipPeriod
from xaydungdang.organizations.models import Organization


def subtree_active_counts(organizations: Iterable[Organization]) -> dict[int, int]:
    """Active members (probationary or official) in each organization's WHOLE subtree, by organization id.

    Organizations of one depth share a path length, so one grouped query over the path prefix counts all
    of them; a mixed list costs one query per depth. The count is a figure about an organization the
    caller already may see, so it is not narrowed to the member rows the user may open.
    """
    by_depth: dict[int, list[Organization]] = defaultdict(list)
    for organization in organizations:
        by_depth[organization.depth].append(organization)
    counts: dict[int, int] = {}
    for depth, nodes in by_depth.items():
        length = depth * Organization.steplen
        ids_by_path = {node.path: node.pk for node in nodes}
        rows = (
            Member.objects.active()
            .filter(_subtrees_condition(nodes))
            .annotate(prefix=Substr("organization__path", 1, length))
            .filter(prefix__in=list(ids_by_path))
            .values("prefix")
            .annotate(n=Count("pk"))
            .order_by()
        )
        found = {row["prefix"]: row["n"] for row in rows}
        counts.update({pk: found.get(path, 0) for path, pk in ids_by_path.items()})
    return counts


def _subtrees_condition(nodes: list[Organization]) -> Q:
    """Members under any of the nodes; for siblings, simply under their parent (one indexed prefix)."""
    parents = {node.path[: -Organization.steplen] for node in nodes}
    if len(parents) == 1 and (parent := next(iter(parents))):
        return Q(organization__path__startswith=parent)
    condition = Q(pk__in=[])
    for node in nodes:
        condition |= Q(organization__path__startswith=node.path)
    return condition


def with_counts(organizations: Iterable[Organization]) -> list[Organization]:
    """The organizations, each with `active_count` set (one query per depth, usually one)."""
    nodes = list(organizations)
    counts = subtree_active_counts(nodes)
    for node in nodes:
        node.active_count = counts.get(node.pk, 0)
    return nodes


def tree_roots(user) -> list[Organization]:
    """Where the user's tree starts: the highest organizations their grants reach, with counts."""
    return with_counts(policy_for(user).root_organizations())


def visible_children(user, organization: Organization) -> list[Organization]:
    """The organization's children the user may see, with their subtree counts."""
    children = Organization.objects.visible_to(user).filter(
        path__startswith=organization.path, depth=organization.depth + 1
    )
    return with_counts(children)


def visible_ancestors(user, organization: Organization) -> list[Organization]:
    """The organization's ancestors the user may see, from the top down (breadcrumbs)."""
    step = Organization.steplen
    paths = [organization.path[: step * level] for level in range(1, organization.depth)]
    if not paths:
        return []
    return list(Organization.objects.visible_to(user).filter(path__in=paths).order_by("depth"))


# Which members the list of an organization shows: today's members (what its box counts), the others (left the
# Party, transferred away, deceased…: the rows still attached to it), all, or one of the others' statuses.
SHOW_CURRENT, SHOW_OTHERS, SHOW_ALL = "current", "others", "all"
OTHER_STATUSES = [status for status in MemberStatus if status not in ACTIVE_STATUSES]
SHOW_CHOICES = [SHOW_CURRENT, SHOW_OTHERS, SHOW_ALL, *OTHER_STATUSES]


def subtree_members(user, organization: Organization, show: str = SHOW_CURRENT) -> QuerySet:
    """Members attached anywhere in the organization's subtree that the user may see, by name; `show` narrows
    them (SHOW_CHOICES): by default today's members, the same rows the organization's headcount counts."""
    rows = Member.objects.visible_to(user).filter(organization__path__startswith=organization.path)
    if show == SHOW_CURRENT:
        rows = rows.active()
    elif show == SHOW_OTHERS:
        rows = rows.exclude(status__in=ACTIVE_STATUSES)
    elif show != SHOW_ALL:
        rows = rows.filter(status=show)
    return rows.select_related("organization").order_by("sort_name", "pk")


def subtree_members_on(user, day: dt.date, organization: Organization | None = None) -> QuerySet:
    """Who was an active member (officially attached) in the subtree on `day`, as MembershipPeriod rows
    carrying the status they had then. Scoped by the organization of the period, not today's one."""
    periods = (
        MembershipPeriod.objects.visible_to(user)
        .on(day)
        .filter(attachment=AttachmentKind.OFFICIAL, status__in=ACTIVE_STATUSES)
        .select_related("member", "organization")
    )
    if organization is not None:
        periods = periods.filter(organization__path__startswith=organization.path)
    return periods.order_by("member__sort_name", "member_id")


def changeable_organizations(user) -> QuerySet:
    """Organizations the user may change (targets of a move, parents of a new organization)."""
    return Organization.objects.visible_to(user, Action.CHANGE)


SEARCH_LIMIT = 50


def search_organizations(user, text: str, limit: int = SEARCH_LIMIT) -> list[Organization]:
    """Organizations the user sees whose name contains `text` without diacritics or case ("chi bo giao vien"
    finds "Chi bộ Giáo viên 1"), or whose code is `text` or begins with it; exact codes first, then by path."""
    from xaydungdang.core.text import fold

    folded = fold(text)
    if not folded:
        return []
    code = text.strip().upper()
    visible = Organization.objects.visible_to(user).only("pk", "name", "code", "kind", "path", "depth", "dissolved_on")
    found = [
        org
        for org in visible.order_by("path").iterator()
        if folded in fold(org.name) or org.code.upper().startswith(code)
    ]
    found.sort(key=lambda org: (org.code.upper() != code, bool(org.dissolved_on), len(org.path), org.path))
    return with_counts(found[:limit])


def places_in_tree(user, organizations: list[Organization]) -> dict[int, list[Organization]]:
    """Each organization's visible ancestors from the top down, for a list of search results (one query)."""
    step = Organization.steplen
    wanted = {org.path[: step * level] for org in organizations for level in range(1, org.depth)}
    above = {org.path: org for org in Organization.objects.visible_to(user).filter(path__in=wanted)} if wanted else {}
    return {
        org.pk: [above[org.path[: step * level]] for level in range(1, org.depth) if org.path[: step * level] in above]
        for org in organizations
    }
