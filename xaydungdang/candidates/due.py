"""What the admission pipeline makes due (Việc cần làm): decisions and ceremonies waiting, with deadlines.

A duework provider, registered in CandidatesConfig.ready().
"""

import datetime as dt

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

from xaydungdang.candidates import rules
from xaydungdang.candidates.choices import CandidateStatus, Step
from xaydungdang.candidates.models import Candidate, CandidateStep
from xaydungdang.core import parameters
from xaydungdang.duework.registry import DueItem, DueQuery, DueSection, register
from xaydungdang.members.lifecycle.calendar import add_working_days, preloaded

DECISION, CEREMONY = "decision", "ceremony"
TASKS = {DECISION: _("Quyết định kết nạp"), CEREMONY: _("Lễ kết nạp")}


def _waiting(query: DueQuery, after: tuple[str, ...]) -> QuerySet:
    return (
        Candidate.objects.visible_to(query.user)
        .filter(
            organization__path__startswith=query.organization.path,
            status=CandidateStatus.IN_PROGRESS,
            step__in=after,
        )
        .select_related("organization")
        .prefetch_related(Prefetch("steps", queryset=CandidateStep.objects.order_by("done_on", "id")))
    )


def _done_on(candidate: Candidate, step: str) -> dt.date:
    return next(s.done_on for s in candidate.steps.all() if s.step == step)


def _items(query: DueQuery, task: str, after: tuple[str, ...], since: str, days: int) -> list[DueItem]:
    items = []
    for candidate in _waiting(query, after)[: query.limit]:
        start = _done_on(candidate, since)
        due = add_working_days(start, days)
        extra = {"step": task, "task": TASKS[task]}
        items.append(
            DueItem(candidate, str(candidate), due, start=start, organization=candidate.organization, extra=extra)
        )
    return sorted(items, key=lambda item: item.due)


def decisions_pending(query: DueQuery) -> list[DueItem]:
    """Cell resolutions waiting for the admission decision: 60 working days from the cell resolution."""
    days = parameters.value(rules.DECISION_DAYS.key, on=query.on)
    return _items(query, DECISION, (Step.CELL_RESOLUTION, Step.COMMITTEE_RESOLUTION), Step.CELL_RESOLUTION, days)


def ceremonies_pending(query: DueQuery) -> list[DueItem]:
    """Admission decisions waiting for the ceremony: 30 working days from the decision."""
    days = parameters.value(rules.CEREMONY_DAYS.key, on=query.on)
    return _items(query, CEREMONY, (Step.DECISION,), Step.DECISION, days)


def admission_pending(query: DueQuery) -> list[DueItem]:
    """Both waits of the admission, decisions first: one section of the page."""
    with preloaded(query.on - dt.timedelta(days=3 * 366), query.on + dt.timedelta(days=366)):
        return (decisions_pending(query) + ceremonies_pending(query))[: query.limit]


SECTION = DueSection(
    "admission",
    _("Chờ quyết định kết nạp, chờ lễ kết nạp"),
    "candidates/due/_admission.html",
    admission_pending,
    order=20,
)


def register_sections() -> None:
    register(SECTION)
