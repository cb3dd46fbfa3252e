"""Figures of meetings for a subtree and a period: due, held, late, missed; thematic meetings per quarter;
attendance rate; higher-level attendance; quality levels. Pure reads; the page, chart and .xlsx show them.

A period is due when it ends inside [start, end] and by `on` (today): a month still running is not yet due.
A due period is held when a meeting of its kind counting for it was held, late when held after it ended.
"""

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

from xaydungdang.meetings import rules
from xaydungdang.meetings.choices import EXPECTED, GuestKind, MeetingKind, Presence, QualityLevel
from xaydungdang.meetings.models import Attendance, Guest, Meeting, QualityAssessment
from xaydungdang.organizations.models import Organization


@dataclass
class KindFigures:
    due: int = 0
    held: int = 0
    late: int = 0

    @property
    def missed(self) -> int:
        return self.due - self.held

    @property
    def on_time(self) -> int:
        return self.held - self.late


@dataclass
class Figures:
    start: dt.date
    end: dt.date
    by_kind: dict[str, KindFigures] = field(default_factory=dict)
    thematic_by_quarter: dict[str, int] = field(default_factory=dict)
    extraordinary: int = 0
    attendance: Counter = field(default_factory=Counter)
    meetings_with_higher_level: int = 0
    held_meetings: int = 0
    quality: Counter = field(default_factory=Counter)

    @property
    def expected(self) -> int:
        return sum(self.attendance[p] for p in EXPECTED)

    @property
    def attendance_rate(self) -> float | None:
        """Present over expected (present and absent); exempted and those elsewhere are not expected."""
        return round(100 * self.attendance[Presence.PRESENT] / self.expected, 1) if self.expected else None

    def kinds(self):
        return [(MeetingKind(k).label, f) for k, f in self.by_kind.items()]

    def quality_rows(self):
        return [(level.label, self.quality[level.value]) for level in QualityLevel]

    def attendance_rows(self):
        return [(presence.label, self.attendance[presence.value]) for presence in Presence]


def _quarter(day: dt.date) -> str:
    return f"Q{(day.month - 1) // 3 + 1}/{day.year}"


def figures(organization, user, *, start: dt.date, end: dt.date, on: dt.date) -> Figures:
    """The figures of the organizations of the subtree that `user` may see."""
    result = Figures(start, end)
    last = min(end, on)
    organizations = (
        Organization.objects.visible_to(user)
        .filter(path__startswith=organization.path, kind__in=rules.REQUIRED_ORGANIZATION_KINDS)
        .only("pk", "kind", "founded_on", "dissolved_on")
    )
    meetings = (
        Meeting.objects.visible_to(user)
        .in_subtree(organization)
        .held()
        .values_list("organization_id", "kind", "period_start", "held_on")
    )
    held: dict[tuple[int, str, dt.date], dt.date] = {}
    for org_id, kind, period_start, held_on in meetings:
        key = (org_id, kind, period_start)
        held[key] = min(held_on, held.get(key, held_on))
    for requirement in rules.REQUIREMENTS:
        result.by_kind[requirement.kind] = KindFigures()
    for org in organizations.iterator(chunk_size=2000):
        for requirement in rules.requirements_for(org.kind):
            kind, figures_of_kind = requirement.kind, result.by_kind[requirement.kind]
            for period_start, period_end in rules.periods_ending_between(kind, start, last):
                if not rules.active_during(org, period_start, period_end):
                    continue
                figures_of_kind.due += 1
                held_on = held.get((org.pk, kind, period_start))
                if held_on is not None:
                    figures_of_kind.held += 1
                    figures_of_kind.late += held_on > period_end
    in_period = (
        Meeting.objects.visible_to(user).in_subtree(organization).held().filter(held_on__gte=start, held_on__lte=end)
    )
    result.held_meetings = in_period.count()
    for (held_on,) in in_period.filter(kind=MeetingKind.THEMATIC).values_list("held_on"):
        result.thematic_by_quarter[_quarter(held_on)] = result.thematic_by_quarter.get(_quarter(held_on), 0) + 1
    result.thematic_by_quarter = dict(sorted(result.thematic_by_quarter.items(), key=lambda kv: kv[0][3:] + kv[0][:2]))
    result.extraordinary = in_period.filter(kind=MeetingKind.EXTRAORDINARY).count()
    presence = Attendance.objects.filter(meeting__in=in_period).values("presence").annotate(n=Count("id")).order_by()
    result.attendance = Counter({row["presence"]: row["n"] for row in presence})
    result.meetings_with_higher_level = (
        Guest.objects.filter(meeting__in=in_period, kind=GuestKind.HIGHER_LEVEL, present=True)
        .values("meeting_id")
        .distinct()
        .count()
    )
    levels = QualityAssessment.objects.filter(meeting__in=in_period).values("level").annotate(n=Count("id")).order_by()
    result.quality = Counter({row["level"]: row["n"] for row in levels})
    return result


def quality_by_year(organization, year: int) -> dict[str, int]:
    """The quality levels of the organization's meetings held in `year`: for its year-end review."""
    rows = (
        QualityAssessment.objects.filter(meeting__organization=organization, meeting__held_on__year=year)
        .values("level")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = defaultdict(int, {row["level"]: row["n"] for row in rows})
    return {level.value: counts[level.value] for level in QualityLevel}
