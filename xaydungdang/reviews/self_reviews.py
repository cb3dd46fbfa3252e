"""The member's own self-review (HD 43-HD/BTCTW, Mẫu 2A/2B/2C): which form, its deadline, writing it, and the
late ones for the secretary's Việc cần làm (a duework provider registered in ReviewsConfig.ready())."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xaydungdang.access.choices import Action
from xaydungdang.access.policy import SYSTEM, OutOfScope, policy_for
from xaydungdang.core.history import acting_user, save_with_history
from xaydungdang.duework.registry import DueItem, DueItems, DueQuery, DueSection, register
from xaydungdang.members.choices import Occupation
from xaydungdang.members.models import Member, MembershipPeriod
from xaydungdang.reviews.choices import SelfReviewForm
from xaydungdang.reviews.models import Review, ReviewPeriod, SelfReview
from xaydungdang.reviews.querysets import ancestor_paths
from xaydungdang.reviews.tally import tally_key, tally_row_changed

PERIOD_LOCKED = _("Kỳ đánh giá “%(period)s” đã khóa; không thể nộp bản tự kiểm điểm.")
OUTSIDE_PERIOD = _("Kỳ đánh giá “%(period)s” không áp dụng cho chi bộ của đảng viên này.")
NOT_YOURS = _("Chỉ đảng viên mới được tự kiểm điểm cho chính mình.")
FIELDS = ("political_ideology", "ethics_lifestyle", "discipline", "task_results", "limitations", "proposed_level")
CIVIL_SERVICE = {
    Occupation.CIVIL_SERVANT,
    Occupation.COMMUNE_OFFICIAL,
    Occupation.PUBLIC_EMPLOYEE,
    Occupation.ARMED_FORCES,
}


def form_for(member, on: dt.date | None = None) -> str:
    """The member's form: 2A when they hold a post in a committee, 2B for cadres, civil servants and public
    employees, 2C for the others."""
    from xaydungdang.committees.selectors import posts_of

    if posts_of(member, SYSTEM, on or timezone.localdate()).exists():
        return SelfReviewForm.LEADER
    if member.occupation in CIVIL_SERVICE:
        return SelfReviewForm.CIVIL_SERVANT
    return SelfReviewForm.OTHER


def deadline(period: ReviewPeriod, organization) -> dt.date:
    """The self-review is due when the member's organization submits its dossier (the period's deadline for
    that kind of organization; the earliest deadline, or the period's end, when none is set for it)."""
    deadlines = {d.organization_kind: d.due_on for d in period.deadlines.all()}
    if organization.kind in deadlines:
        return deadlines[organization.kind]
    return min(deadlines.values()) if deadlines else period.ends_on


def applies_to(period: ReviewPeriod, member) -> bool:
    return member.organization.path.startswith(period.organization.path)


def open_periods_for(member):
    """The open (not locked) periods that cover the member's organization, newest first."""
    return (
        ReviewPeriod.objects.filter(is_locked=False)
        .covering(member.organization)
        .select_related("organization")
        .prefetch_related("deadlines")
        .order_by("-year", "-quarter", "-starts_on")
    )


@transaction.atomic
def self_review_submit(*, actor, period: ReviewPeriod, member, **data) -> SelfReview:
    """Write (or rewrite, while the period is open) the member's self-review; it marks their row of the
    period's grid as self-assessed. Only the member themself (through their account) writes it."""
    member = Member.objects.select_for_update().select_related("organization").get(pk=member.pk)
    if member.user_id is None or member.user_id != getattr(actor, "pk", None):
        raise OutOfScope(NOT_YOURS)
    period = ReviewPeriod.objects.select_related("organization").get(pk=period.pk)
    if period.is_locked:
        raise ValidationError({"period": [PERIOD_LOCKED % {"period": period}]})
    if not applies_to(period, member):
        raise ValidationError({"period": [OUTSIDE_PERIOD % {"period": period}]})
    unknown = set(data) - set(FIELDS)
    if unknown:
        raise TypeError(f"self_review_submit() got unexpected fields {sorted(unknown)}")
    review = SelfReview.objects.filter(period=period, member=member).first()
    created = review is None
    review = review or SelfReview(period=period, member=member)
    for field, value in data.items():
        setattr(review, field, value)
    review.form = form_for(member)
    review.submitted_at = timezone.now()
    review.submitted_by = acting_user(actor)
    review.full_clean()
    save_with_history(review, actor=actor, reason=_("Nộp bản tự kiểm điểm") if created else _("Sửa bản tự kiểm điểm"))
    # Locked: the tally's key is read from the row the update writes (a concurrent rating waits for it).
    row = (
        Review.objects.select_for_update(of=("self", "dossier"))
        .select_related("dossier")
        .filter(period=period, member=member, self_assessed=False)
        .order_by("pk")
        .first()
    )
    if row is not None:
        before = tally_key(row)
        row.self_assessed = True
        save_with_history(row, actor=actor, reason=_("Đảng viên nộp bản tự kiểm điểm"), update_fields=["self_assessed"])
        tally_row_changed(before, row, approved=row.dossier.is_approved)
    return review


def self_review_of(user, period: ReviewPeriod, member_pk: int) -> SelfReview | None:
    return (
        SelfReview.objects.visible_to(user)
        .filter(period=period, member_id=member_pk)
        .select_related("member", "period")
        .first()
    )


def submitted_by_member(period: ReviewPeriod, member_ids) -> dict[int, int]:
    """member id → self-review id, for the grid's marks (one query)."""
    return dict(
        SelfReview.objects.filter(period=period, member_id__in=member_ids)
        .exclude(submitted_at=None)
        .values_list("member_id", "pk")
    )


# --- Việc cần làm ---------------------------------------------------------------------------------------
def late_self_reviews(query: DueQuery) -> DueItems:
    """Members of the subtree who have not submitted their self-review for an open period whose deadline
    (for their organization's kind) has passed."""
    from django.urls import reverse

    organization = query.organization
    periods = list(
        ReviewPeriod.objects.filter(is_locked=False, starts_on__lte=query.on)
        .filter(
            Q(organization__path__in=ancestor_paths(organization.path))
            | Q(organization__path__startswith=organization.path)
        )
        .select_related("organization")
        .prefetch_related("deadlines")
        .order_by("starts_on", "pk")
    )
    items: list[DueItem] = []
    total = 0
    for period in periods:
        deadlines = {d.organization_kind: d.due_on for d in period.deadlines.all()}
        fallback = min(deadlines.values()) if deadlines else period.ends_on
        scope = organization if organization.path.startswith(period.organization.path) else period.organization
        memberships = (
            MembershipPeriod.objects.visible_to(query.user)
            .of(scope, on=min(query.on, period.ends_on))
            .filter(is_exempted=False)
            .exclude(member__self_reviews__period=period)
            .select_related("member", "organization")
            .order_by("organization__path", "member__sort_name", "pk")
        )
        for membership in memberships:
            due = deadlines.get(membership.organization.kind, fallback)
            if due >= query.on:
                continue
            total += 1
            if len(items) >= query.limit:
                continue
            member = membership.member
            url = reverse("reviews:self_review_list", args=[period.pk, membership.organization_id]) + "?late=1"
            items.append(
                DueItem(
                    member,
                    member.full_name,
                    due,
                    start=period.starts_on,
                    organization=membership.organization,
                    url=url,
                    extra={"period": period.name},
                )
            )
    return DueItems(items, total=total)


LATE_SECTION = DueSection(
    "late_self_reviews",
    _("Đảng viên chưa nộp bản tự kiểm điểm (đã quá hạn)"),
    "reviews/due/_late_self_reviews.html",
    late_self_reviews,
    order=70,
)


def register_sections() -> None:
    register(LATE_SECTION)


def can_write(user, member) -> bool:
    return member is not None and member.user_id is not None and member.user_id == getattr(user, "pk", None)


def can_read(user, self_review: SelfReview) -> bool:
    return policy_for(user).can(Action.VIEW, self_review)
