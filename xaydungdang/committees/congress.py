"""The checks of a committee proposed for a new term (CT 45-CT/TW): each person's working age left at the
congress month, and the proposal's structure beside the targets (settings)."""

import datetime as dt
from dataclasses import dataclass

from xaydungdang.committees import rules
from xaydungdang.committees.models import Holding
from xaydungdang.core import parameters
from xaydungdang.members.choices import Gender
from xaydungdang.members.ethnicities import KINH


@dataclass
class PersonCheck:
    member: object
    reelected: bool
    months_left: int
    error: str | None


@dataclass
class Figure:
    key: str
    count: int
    share: float  # percent of the proposal
    target: float

    @property
    def met(self) -> bool:
        return self.share >= self.target


@dataclass
class CongressCheck:
    people: list[PersonCheck]
    figures: list[Figure]

    @property
    def errors(self) -> list[str]:
        return [p.error for p in self.people if p.error]


def congress_check(*, organization, congress_date: dt.date, members) -> CongressCheck:
    """Re-elected: the person held a post in the organization's committee before the congress."""
    members = list(members)
    sitting = set(
        Holding.objects.filter(term__organization=organization, started_on__lt=congress_date).values_list(
            "member_id", flat=True
        )
    )
    people = []
    for member in members:
        reelected = member.pk in sitting
        error = rules.congress_age_error(
            name=member.full_name,
            birth_date=member.birth_date,
            gender=member.gender,
            congress_date=congress_date,
            reelected=reelected,
        )
        people.append(
            PersonCheck(member, reelected, rules.months_left(member.birth_date, member.gender, congress_date), error)
        )
    targets = parameters.value(rules.STRUCTURE_TARGETS.key, on=congress_date)
    young_age = parameters.value(rules.YOUNG_MAX_AGE.key, on=congress_date)
    counts = {
        "women": sum(m.gender == Gender.FEMALE for m in members),
        "young": sum(rules.age_on(m.birth_date, congress_date) < young_age for m in members),
        "minority": sum(m.ethnicity != KINH for m in members),
        "reelected": sum(p.reelected for p in people),
    }
    total = len(members) or 1
    figures = [Figure(key, count, round(100 * count / total, 1), targets.get(key, 0)) for key, count in counts.items()]
    return CongressCheck(people, figures)
