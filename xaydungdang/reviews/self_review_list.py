"""Reads of self-reviews for people: the cell's list for its secretary (who submitted, who is late) and the
member's own open periods for My space. The deadline is self_reviews.deadline, the one rule."""

import datetime as dt
from dataclasses import dataclass

from xaydungdang.members.models import MembershipPeriod
from xaydungdang.reviews.models import ReviewPeriod, SelfReview
from xaydungdang.reviews.self_reviews import deadline, open_periods_for


@dataclass(frozen=True)
class SelfReviewState:
    """One member's self-review in one period: the row of the secretary's list and of My space."""

    period: ReviewPeriod
    member: object
    due: dt.date
    review: SelfReview | None
    on: dt.date

    @property
    def submitted(self) -> bool:
        return self.review is not None and self.review.submitted_at is not None

    @property
    def late(self) -> bool:
        return not self.submitted and self.due < self.on


def cell_self_reviews(user, period: ReviewPeriod, organization, on: dt.date) -> list[SelfReviewState]:
    """The members of the organization's subtree (not exempted) the user may see, with their self-review
    for the period: the secretary's list (late ones first, then by name)."""
    memberships = list(
        MembershipPeriod.objects.visible_to(user)
        .of(organization, on=min(on, period.ends_on))
        .filter(is_exempted=False)
        .select_related("member", "organization")
        .order_by("member__sort_name", "pk")
    )
    reviews = {
        r.member_id: r
        for r in SelfReview.objects.filter(period=period, member_id__in=[m.member_id for m in memberships])
    }
    deadlines: dict = {}
    rows = []
    for membership in memberships:
        kind = membership.organization
        if kind.kind not in deadlines:
            deadlines[kind.kind] = deadline(period, kind)
        rows.append(
            SelfReviewState(period, membership.member, deadlines[kind.kind], reviews.get(membership.member_id), on)
        )
    return sorted(rows, key=lambda row: not row.late)


def own_self_reviews(member, on: dt.date) -> list[SelfReviewState]:
    """The member's self-reviews of the open periods covering their cell that have started (review season)."""
    periods = [p for p in open_periods_for(member) if p.starts_on <= on]
    reviews = {r.period_id: r for r in SelfReview.objects.filter(member=member, period__in=periods)}
    return [SelfReviewState(p, member, deadline(p, member.organization), reviews.get(p.pk), on) for p in periods]
