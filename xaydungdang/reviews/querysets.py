"""Reads of reviews that hide how periods reach down the tree."""

from django.db import models

from xaydungdang.access.querysets import ScopedQuerySetMixin


def approved_dossier(lookup: str = "dossier__status") -> models.Case:
    """True when the row's dossier is approved (Dossier.is_approved in SQL), to group or annotate by."""
    from xaydungdang.reviews.choices import DossierStatus

    return models.Case(
        models.When(**{lookup: DossierStatus.APPROVED}, then=models.Value(True)),
        default=models.Value(False),
        output_field=models.BooleanField(),
    )


def under_any(paths, lookup: str) -> models.Q:
    """Rows whose `lookup` (an organization's path) lies in the subtree of any of `paths`."""
    condition = models.Q(pk__in=[])
    for path in paths:
        condition |= models.Q(**{f"{lookup}__startswith": path})
    return condition


def ancestor_paths(path: str, steplen: int = 4) -> list[str]:
    """The materialized paths of a node's ancestors and of the node itself (treebeard's fixed step)."""
    return [path[:end] for end in range(steplen, len(path) + 1, steplen)]


class ReviewPeriodQuerySet(ScopedQuerySetMixin, models.QuerySet):
    def visible_to(self, user, action: str = "view") -> "ReviewPeriodQuerySet":
        """A period is opened by an organization for its subtree, so those below it see it too.

        Viewing: periods owned in the user's scope, plus periods owned by an ancestor of any node the user
        holds a grant on. Changing (lock, reopen) keeps the usual scope of the owner organization.
        """
        from xaydungdang.access.policy import policy_for

        policy = policy_for(user)
        if action != "view" or policy.is_admin:
            return policy.restrict(self, action)
        above = {p for grant in policy.grants for p in ancestor_paths(grant.path)}
        return policy.restrict(self, action) | self.filter(organization__path__in=above)

    def covering(self, organization) -> "ReviewPeriodQuerySet":
        """Periods whose owner is `organization` or one of its ancestors (they apply to it)."""
        return self.filter(organization__path__in=ancestor_paths(organization.path))


class ReviewQuerySet(ScopedQuerySetMixin, models.QuerySet):
    def of_members(self) -> "ReviewQuerySet":
        return self.filter(member__isnull=False)

    def of_organizations(self) -> "ReviewQuerySet":
        return self.filter(organization__isnull=False)

    def in_subtree(self, organization) -> "ReviewQuerySet":
        return self.filter(dossier__organization__path__startswith=organization.path)

    def decided(self) -> "ReviewQuerySet":
        from xaydungdang.reviews.choices import DossierStatus

        return self.filter(dossier__status=DossierStatus.APPROVED)

    def rated(self) -> "ReviewQuerySet":
        return self.exclude(level="")
