import datetime as dt

from django.db import models
from django.db.models import Q
from django.db.models.functions import Length

from xaydungdang.access.querysets import ScopedQuerySetMixin
from xaydungdang.core.text import fold
from xaydungdang.members.choices import ACTIVE_STATUSES, AttachmentKind
from xaydungdang.members.lifecycle.choices import TransferKind, TransferState


class PersonalScopedQuerySet(ScopedQuerySetMixin, models.QuerySet):
    pass


class TransferQuerySet(PersonalScopedQuerySet):
    def waiting(self) -> "TransferQuerySet":
        """Letters to a cell of the system, issued and not yet accepted or cancelled."""
        return self.filter(kind=TransferKind.INTERNAL, state=TransferState.ISSUED)

    def receivable_by(self, user) -> "TransferQuerySet":
        """Those the user may receive (the policy's receiver rule)."""
        from xaydungdang.access.policy import policy_for

        return policy_for(user).receivable(self)


class MembershipPeriodQuerySet(PersonalScopedQuerySet):
    def on(self, day: dt.date) -> "MembershipPeriodQuerySet":
        """Effective-dated rows valid on `day`."""
        return self.filter(Q(valid_from__lte=day), Q(valid_to__isnull=True) | Q(valid_to__gt=day))

    def of(
        self, organization, *, on: dt.date, attachment: str = AttachmentKind.OFFICIAL, subtree: bool = True
    ) -> "MembershipPeriodQuerySet":
        """THE definition of "members of X on D", as the periods that make them so: active (probationary or
        official) on `on`, attached to `organization`'s subtree (only to it with `subtree=False`; anywhere
        with `organization=None`). Officially attached by default: temporary members are not counted in the
        host's membership (rules.md §2.4) and are asked for with `attachment=AttachmentKind.TEMPORARY`.
        Each row carries the status and exemption the member had then."""
        periods = self.on(on).filter(status__in=ACTIVE_STATUSES, attachment=attachment)
        if organization is None:
            return periods
        if subtree:
            return periods.filter(organization__path__startswith=organization.path)
        return periods.filter(organization=organization)


class MemberQuerySet(ScopedQuerySetMixin, models.QuerySet):
    def active(self) -> "MemberQuerySet":
        return self.filter(status__in=ACTIVE_STATUSES)

    def in_subtree(self, organization) -> "MemberQuerySet":
        """Today's members attached in the subtree (the cached current organization)."""
        return self.filter(organization__path__startswith=organization.path)

    def of(
        self, organization, *, on: dt.date, attachment: str = AttachmentKind.OFFICIAL, subtree: bool = True
    ) -> "MemberQuerySet":
        """Members of `organization` (its subtree) on `on`, from MembershipPeriod: see
        MembershipPeriodQuerySet.of, the one definition. Scoping is the caller's: `.visible_to(user)`
        narrows by today's organization; for "whom the user could see then", scope the periods instead."""
        from xaydungdang.members.models import MembershipPeriod

        periods = MembershipPeriod.objects.of(organization, on=on, attachment=attachment, subtree=subtree)
        return self.filter(pk__in=periods.values("member_id"))

    def search(self, text: str) -> "MemberQuerySet":
        """Name search ignoring diacritics and case (`nguyen van hung` finds `Nguyễn Văn Hùng`): the folded
        name contains the folded text.

        Shortest names first (the exact name before longer ones containing it), then the Vietnamese order.
        The index `member_search_order` holds that order with the folded name beside it (members.models),
        so a text many names contain is found by walking it from the text's own length and stopping after
        the page, reading no table row; a rarer text is found through the trigram GIN index on PostgreSQL
        (migration 0002). The planner picks one from the column's statistics.
        """
        folded = fold(text)
        if not folded:
            return self
        return (
            self.alias(search_length=Length("search_name"))
            .filter(search_length__gte=len(folded), search_name__contains=folded)
            .order_by(Length("search_name"), "sort_name", "pk")
        )
