import datetime as dt

from django.db import models
from django.db.models import Q

from xaydungdang.access.querysets import ScopedQuerySetMixin
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
        """Name search: every word of the text is the beginning of some word of the name, in any order,
        ignoring diacritics and case (`nguyen van h` finds `Nguyễn Văn Hùng`, `hung nguyen` too; `hung` finds
        `Hùng` and `Hưng`, not `Phùng`). In the list's order (sort_name, id).

        The words of names are rows of MemberWord (members.words), in the order of its primary key (word,
        sort_name, member). The text's rarest word drives (members.search_plan, one query): when it begins one
        stored word only, the members are joined to that word's rows, walked in the list's order, so the walk
        stops after the page; the member row of each tells its status and whether the other words begin words
        of its folded name. When even the rarest word begins several stored words (`h`), the list's index
        (sort_name, id) INCLUDE (status, search_name) is walked instead, every word checked on the folded name
        it holds, reading no table row. A text without words finds all.
        """
        from xaydungdang.members.search_plan import driving_word
        from xaydungdang.members.words import query_words

        words = query_words(text)
        if not words:
            return self
        driver, stored = driving_word(words)
        found, order = self, ("sort_name", "pk")
        if stored is not None:  # the one stored word it begins (or, when none, the text: an empty walk)
            # The word rows' copy of the sort key orders the walk (the same order as the member's own); the
            # join is on the member alone, or the planner would count the equal keys as a second condition.
            found, order = self.filter(words__word=stored), ("words__sort_name", "pk")
        for word in words:
            if stored is None or word != driver:
                found = found.filter(Q(search_name__startswith=word) | Q(search_name__contains=f" {word}"))
        return found.order_by(*order)
