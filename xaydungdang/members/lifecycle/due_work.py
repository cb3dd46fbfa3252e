"""Due work (Việc cần làm) of an organization's subtree: what the rules say must be done, and by when."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q

from xaydungdang.core import parameters
from xaydungdang.core.dates import add_months
from xaydungdang.members.choices import ACTIVE_STATUSES, MemberStatus
from xaydungdang.members.lifecycle import rules
from xaydungdang.members.lifecycle.calendar import add_working_days, preloaded
from xaydungdang.members.lifecycle.choices import TransferKind, TransferState
from xaydungdang.members.lifecycle.models import Transfer
from xaydungdang.members.models import Member
from xaydungdang.members.rules import PROBATION_MONTHS

LOOKAHEAD_DAYS = parameters.define(
    "due_work.lookahead_days",
    45,
    legal_basis="Quy ước nghiệp vụ (không phải quy định của Đảng)",
    description="Số ngày nhìn trước khi liệt kê đảng viên sắp hết thời gian dự bị",
)
LIMIT = 200  # rows per section; the page says how many more there are


@dataclass
class DueItem:
    subject: object  # Member, Transfer or Candidate
    title: str
    due: dt.date | None
    start: dt.date | None = None
    extra: dict = field(default_factory=dict)

    def overdue(self, on: dt.date) -> bool:
        return bool(self.due and self.due < on)


def _members(organization, user):
    queryset = Member.objects.filter(organization__path__startswith=organization.path)
    return queryset.visible_to(user) if user is not None else queryset


def probation_ending(organization, on: dt.date, user=None) -> list[DueItem]:
    """Probationary members whose 12 months end within the look-ahead or have ended: the cell must review
    within 30 working days, the committee decide within 30 more (QĐ 294 §4)."""
    horizon = on + dt.timedelta(days=parameters.value(LOOKAHEAD_DAYS.key, on=on))
    months = parameters.value(PROBATION_MONTHS.key, on=on)
    queryset = (
        _members(organization, user)
        .filter(status=MemberStatus.PROBATIONARY, admission_date__lte=add_months(horizon, -months))
        .select_related("organization")
        .order_by("admission_date", "id")[:LIMIT]
    )
    review_days = parameters.value(rules.RECOGNITION_REVIEW_DAYS.key, on=on)
    decision_days = parameters.value(rules.RECOGNITION_DECISION_DAYS.key, on=on)
    items = []
    for member in queryset:
        end = add_months(member.admission_date, months)
        review_by = add_working_days(end, review_days)
        decide_by = add_working_days(review_by, decision_days)
        items.append(DueItem(member, str(member), review_by, start=end, extra={"decide_by": decide_by}))
    return items


def transfers_pending(organization, on: dt.date, user=None) -> list[DueItem]:
    """Letters issued and not yet accepted, sent from or to the subtree; overdue after the presentation date."""
    prefix = organization.path
    queryset = (
        Transfer.objects.filter(state=TransferState.ISSUED)
        .filter(Q(from_organization__path__startswith=prefix) | Q(to_organization__path__startswith=prefix))
        .select_related("member", "from_organization", "to_organization")
        .order_by("present_by", "id")
    )
    if user is not None:
        from xaydungdang.organizations.models import Organization

        visible = Organization.objects.visible_to(user).values("pk")
        queryset = queryset.filter(Q(from_organization__in=visible) | Q(to_organization__in=visible))
    return [
        DueItem(
            t,
            str(t.member),
            t.present_by,
            start=t.issued_on,
            extra={"incoming": t.to_organization_id and t.to_organization.path.startswith(prefix)},
        )
        for t in queryset[:LIMIT]
    ]


def badges_due(organization, on: dt.date, user=None) -> tuple[dt.date, list[DueItem]]:
    """Members who reach a badge milestone for the next award day (3/2, 19/5, 2/9, 7/11): since the previous
    award day, up to that day, and who do not hold the badge yet."""
    from xaydungdang.members.choices import EventKind

    award_day = rules.next_award_date(on)
    previous = rules.previous_award_date(award_day)
    milestones = parameters.value(rules.BADGE_MILESTONES.key, on=award_day)
    # Without gaps the milestone falls exactly N years after the decision; with gaps (readmission) later.
    window = Q()
    for years in milestones:
        window |= Q(admission_decision_date__gt=add_months(previous, -12 * years)) & Q(
            admission_decision_date__lte=add_months(award_day, -12 * years)
        )
    readmitted = Q(events__kind=EventKind.READMITTED)
    queryset = (
        _members(organization, user)
        .filter(status__in=ACTIVE_STATUSES)
        .filter(window | readmitted)
        .distinct()
        .select_related("organization")
        .prefetch_related("events", "badges")
        .order_by("admission_decision_date", "id")
    )
    items = []
    for member in queryset[: LIMIT * 2]:
        events = sorted(member.events.all(), key=lambda e: (e.effective_date, e.id))
        already = {b.years for b in member.badges.all()}
        due = rules.due_milestone(events, award_day=award_day, already=already, milestones=milestones)
        if due and due[1] > previous:
            items.append(DueItem(member, str(member), award_day, start=due[1], extra={"years": due[0]}))
    return award_day, items[:LIMIT]


MANDATORY = {
    "national_id": Q(national_id__isnull=True) | Q(national_id=""),
    "record_number": Q(record_number__isnull=True) | Q(record_number=""),
    "education_level": Q(education_level=""),
    "occupation": Q(occupation=""),
    "admission_decision_date": Q(admission_decision_date__isnull=True),
    "party_card_number": Q(status=MemberStatus.OFFICIAL, party_card_number=""),
}


def _missing_queryset(organization, user):
    condition = Q()
    for q in MANDATORY.values():
        condition |= q
    return _members(organization, user).filter(status__in=ACTIVE_STATUSES).filter(condition)


def missing_data(organization, on: dt.date, user=None) -> list[DueItem]:
    """Active members whose record lacks a mandatory field (the "đúng – đủ – sạch – sống" goal)."""
    queryset = (
        _missing_queryset(organization, user)
        .select_related("organization")
        .order_by("organization__path", "full_name", "id")[:LIMIT]
    )
    items = []
    for member in queryset:
        missing = [
            str(Member._meta.get_field(name).verbose_name)
            for name in MANDATORY
            if not getattr(member, name) and (name != "party_card_number" or member.status == MemberStatus.OFFICIAL)
        ]
        items.append(DueItem(member, str(member), None, extra={"missing": missing}))
    return items


def due_work(organization, on: dt.date, user=None) -> dict:
    """Every section of the page; candidate deadlines come from the candidates app."""
    from xaydungdang.candidates.selectors import ceremonies_pending, decisions_pending

    award_day, badges = badges_due(organization, on, user)
    # Deadlines of items up to a few years old: one holiday query for the whole page.
    with preloaded(on - dt.timedelta(days=3 * 366), on + dt.timedelta(days=366)):
        return {
            "probation": probation_ending(organization, on, user),
            "decisions": decisions_pending(organization, on, user),
            "ceremonies": ceremonies_pending(organization, on, user),
            "transfers": transfers_pending(organization, on, user),
            "award_day": award_day,
            "badges": badges,
            "missing": missing_data(organization, on, user),
            "missing_total": _missing_queryset(organization, user).count(),
            "limit": LIMIT,
        }


__all__ = ["DueItem", "due_work", "TransferKind"]
