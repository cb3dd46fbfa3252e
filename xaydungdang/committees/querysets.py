import datetime as dt

from django.db.models import Q

from xaydungdang.access.querysets import ScopedQuerySet


class HoldingQuerySet(ScopedQuerySet):
    def on(self, day: dt.date) -> "HoldingQuerySet":
        """The holdings in force on `day` (both ends inclusive)."""
        return self.filter(Q(started_on__lte=day), Q(ended_on__isnull=True) | Q(ended_on__gte=day))

    def open(self) -> "HoldingQuerySet":
        return self.filter(ended_on__isnull=True)
