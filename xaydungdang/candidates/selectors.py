"""Reads of the admission pipeline: candidates of a subtree, and the deadlines the due-work page shows."""

import datetime as dt

from django.db.models import Prefetch, QuerySet

from xaydungdang.candidates import rules
from xaydungdang.candidates.choices import CandidateStatus, Step
from xaydungdang.candidates.models import Candidate, CandidateStep
from xaydungdang.core import parameters
from xaydungdang.members.lifecycle.calendar import add_working_days
from xaydungdang.members.lifecycle.due_work import LIMIT, DueItem


def candidates_of(organization, user) -> QuerySet:
    return (
        Candidate.objects.visible_to(user)
        .filter(organization__path__startswith=organization.path)
        .select_related("organization")
        .order_by("organization__path", "full_name", "id")
    )


def _waiting(organization, user, after: tuple[str, ...]) -> QuerySet:
    queryset = Candidate.objects.filter(
        organization__path__startswith=organization.path, status=CandidateStatus.IN_PROGRESS, step__in=after
    )
    if user is not None:
        queryset = queryset.visible_to(user)
    return queryset.select_related("organization").prefetch_related(
        Prefetch("steps", queryset=CandidateStep.objects.order_by("done_on", "id"))
    )


def _done_on(candidate: Candidate, step: str) -> dt.date:
    return next(s.done_on for s in candidate.steps.all() if s.step == step)


def decisions_pending(organization, on: dt.date, user=None) -> list[DueItem]:
    """Cell resolutions waiting for the admission decision: 60 working days from the cell resolution."""
    items = []
    days = parameters.value(rules.DECISION_DAYS.key, on=on)
    for candidate in _waiting(organization, user, (Step.CELL_RESOLUTION, Step.COMMITTEE_RESOLUTION))[:LIMIT]:
        start = _done_on(candidate, Step.CELL_RESOLUTION)
        due = add_working_days(start, days)
        items.append(DueItem(candidate, str(candidate), due, start=start))
    return sorted(items, key=lambda item: item.due)


def ceremonies_pending(organization, on: dt.date, user=None) -> list[DueItem]:
    """Admission decisions waiting for the ceremony: 30 working days from the decision."""
    items = []
    days = parameters.value(rules.CEREMONY_DAYS.key, on=on)
    for candidate in _waiting(organization, user, (Step.DECISION,))[:LIMIT]:
        start = _done_on(candidate, Step.DECISION)
        due = add_working_days(start, days)
        items.append(DueItem(candidate, str(candidate), due, start=start))
    return sorted(items, key=lambda item: item.due)
