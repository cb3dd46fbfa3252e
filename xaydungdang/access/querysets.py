"""The one way a user-facing query is narrowed to what the user may see (NetBox `restrict`)."""

from django.db import models


class ScopedQuerySetMixin:
    """Mix into a model's QuerySet. The model declares `scope_path`, the lookup to its organization's path.

    Models holding one person's data also declare `scope_owner` (the lookup to that person's user) and
    `scope_personal = True`, so that a member sees their own rows and not their cell-mates'.
    """

    def visible_to(self, user, action: str = "view") -> models.QuerySet:
        from xaydungdang.access.policy import policy_for

        return policy_for(user).restrict(self, action)


class ScopedQuerySet(ScopedQuerySetMixin, models.QuerySet):
    pass
