"""Reads of the tree that hide how it is stored (materialized paths)."""

from treebeard.mp_tree import MP_NodeManager, MP_NodeQuerySet

from xaydungdang.access.querysets import ScopedQuerySetMixin


class OrganizationQuerySet(ScopedQuerySetMixin, MP_NodeQuerySet):
    def active(self) -> "OrganizationQuerySet":
        return self.filter(dissolved_on__isnull=True)

    def subtree_of(self, organization) -> "OrganizationQuerySet":
        """The organization and every organization under it."""
        return self.filter(path__startswith=organization.path)


class OrganizationManager(MP_NodeManager.from_queryset(OrganizationQuerySet)):
    def get_queryset(self) -> OrganizationQuerySet:
        return OrganizationQuerySet(self.model, using=self._db).order_by("path")
