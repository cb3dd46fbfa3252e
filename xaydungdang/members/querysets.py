import datetime as dt

from django.db import models
from django.db.models import Q
from django.db.models.functions import Length

from xaydungdang.access.querysets import ScopedQuerySetMixin
from xaydungdang.core.text import fold
from xaydungdang.members.choices import ACTIVE_STATUSES


class PersonalScopedQuerySet(ScopedQuerySetMixin, models.QuerySet):
    def on(self, day: dt.date) -> "PersonalScopedQuerySet":
        """Effective-dated rows valid on `day` (for MembershipPeriod)."""
        return self.filter(Q(valid_from__lte=day), Q(valid_to__isnull=True) | Q(valid_to__gt=day))


class MemberQuerySet(ScopedQuerySetMixin, models.QuerySet):
    def active(self) -> "MemberQuerySet":
        return self.filter(status__in=ACTIVE_STATUSES)

    def in_subtree(self, organization) -> "MemberQuerySet":
        return self.filter(organization__path__startswith=organization.path)

    def search(self, text: str) -> "MemberQuerySet":
        """Name search ignoring diacritics and case (`nguyen van hung` finds `Nguyễn Văn Hùng`).

        On PostgreSQL a trigram GIN index on search_name serves the infix match.
        """
        folded = fold(text)
        if not folded:
            return self
        # Shortest names first (the exact name before longer ones containing it). Ordering by an expression
        # also keeps PostgreSQL from walking the name's btree index in order while filtering `%…%` row by row.
        return self.filter(search_name__contains=folded).order_by(Length("search_name"), "sort_name", "pk")
