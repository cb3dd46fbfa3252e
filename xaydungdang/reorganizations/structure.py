"""The tree as it stood on a past date, rebuilt from ParentChange rows (see models.ParentChange; decision 0003).

Without reorganizations after the date, the subtree is the current one (one indexed prefix query);
otherwise only the organizations whose chain of parents moved are walked in Python.
"""

import datetime as dt

from django.db.models import Q

from xaydungdang.organizations.models import Organization
from xaydungdang.reorganizations.models import Lineage, ParentChange


def existing_on(day: dt.date) -> Q:
    """Organizations that existed on `day` (founded by then, not yet dissolved)."""
    return (Q(founded_on__isnull=True) | Q(founded_on__lte=day)) & (
        Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=day)
    )


def _old_parents_after(day: dt.date) -> dict[int, int]:
    """For each organization moved after `day`: its parent on `day` (the old parent of its first later move)."""
    old_parents: dict[int, int] = {}
    changes = ParentChange.objects.filter(effective_date__gt=day).order_by("organization_id", "effective_date", "id")
    for organization_id, old_parent_id in changes.values_list("organization_id", "old_parent_id"):
        old_parents.setdefault(organization_id, old_parent_id)
    return old_parents


class _Tree:
    """Current parent of each organization, loaded on demand from paths."""

    def __init__(self) -> None:
        self.parent: dict[int, int | None] = {}

    def load(self, queryset) -> list[int]:
        rows = list(queryset.values_list("id", "path"))
        steplen = Organization.steplen
        parent_paths = {path[:-steplen] for _, path in rows if len(path) > steplen}
        path_ids = dict(Organization.objects.filter(path__in=parent_paths).values_list("path", "id"))
        for pk, path in rows:
            self.parent[pk] = path_ids.get(path[:-steplen])
        return [pk for pk, _ in rows]

    def current_parent(self, pk: int) -> int | None:
        if pk not in self.parent:
            self.load(Organization.objects.filter(pk=pk))
        return self.parent[pk]


def subtree_ids_on(organization: Organization, day: dt.date) -> set[int]:
    """Ids of the organizations in `organization`'s subtree as the tree stood on `day`."""
    old_parents = _old_parents_after(day)
    current = Organization.objects.filter(path__startswith=organization.path)
    if not old_parents:
        return set(current.filter(existing_on(day)).values_list("id", flat=True))
    tree = _Tree()
    candidates = set(tree.load(current))
    for moved in Organization.objects.filter(pk__in=old_parents):
        candidates.update(tree.load(Organization.objects.filter(path__startswith=moved.path)))
    inside: set[int] = set()
    for pk in candidates:
        node: int | None = pk
        seen = set()
        while node is not None and node not in seen:
            if node == organization.pk:
                inside.add(pk)
                break
            seen.add(node)
            node = old_parents[node] if node in old_parents else tree.current_parent(node)
    existing = set(Organization.objects.filter(existing_on(day), pk__in=inside).values_list("id", flat=True))
    return existing


def lineage(organization: Organization) -> dict[str, list[Lineage]]:
    """What this organization continued (predecessors) and what continued it (successors)."""
    edges = Lineage.objects.select_related("reorganization", "predecessor", "successor")
    return {
        "predecessors": list(edges.filter(successor=organization)),
        "successors": list(edges.filter(predecessor=organization)),
    }
