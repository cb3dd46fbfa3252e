"""Reads of My space (Trang của tôi): one member's own record and everything about them, through each app's
own selectors, scoped to the viewer (the member sees their own rows)."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import QuerySet

from xaydungdang.committees.selectors import posts_of
from xaydungdang.core import parameters
from xaydungdang.core.dates import add_months, today
from xaydungdang.fees.rules import first_of_month
from xaydungdang.fees.selectors import member_history
from xaydungdang.meetings.selectors import attendance_of, tasks_of, upcoming_for
from xaydungdang.members.lifecycle.rules import (
    BADGE_MILESTONES,
    PartyAge,
    milestone_date,
    next_award_date,
    party_age,
)
from xaydungdang.members.lifecycle.selectors import member_badges
from xaydungdang.members.models import Member
from xaydungdang.members.selectors import PersonalData, personal_data
from xaydungdang.reviews.selectors import member_reviews
from xaydungdang.reviews.self_review_list import own_self_reviews
from xaydungdang.selfservice.models import SelfRequest
from xaydungdang.training.selectors import member_training

FEE_MONTHS = 12
ATTENDANCE_MONTHS = 12
UPCOMING_MEETINGS = 5


@dataclass(frozen=True)
class NextBadge:
    years: int
    reached: dt.date
    award_day: dt.date


@dataclass
class MySpace:
    member: Member
    personal: PersonalData
    masked: PersonalData  # what the member's cell-mates and others without write see
    party_age: PartyAge
    badges: list
    next_badge: NextBadge | None
    posts: list
    meetings: list
    attendance: list
    fees: list
    fees_owed: list
    enrollments: list
    certificates: list
    reviews: list
    tasks: list
    requests: QuerySet
    self_reviews: list = field(default_factory=list)  # this review season's, to write or read
    open_tasks: list = field(default_factory=list)

    @property
    def owed_total(self) -> int:
        return sum(row.fee.amount for row in self.fees_owed)


def next_badge(events, badges, on: dt.date) -> NextBadge | None:
    """The next milestone of party age not awarded yet, the day it is reached, and the award day after it."""
    awarded = {badge.years for badge in badges}
    for years in sorted(parameters.value(BADGE_MILESTONES.key, on=on)):
        if years in awarded:
            continue
        reached = milestone_date(events, years)
        if reached is None:
            return None  # left the Party before reaching it
        if reached < on and years < max(awarded, default=0):
            continue
        return NextBadge(years, reached, next_award_date(max(reached, on)))
    return None


def my_space(user, member: Member, on: dt.date | None = None) -> MySpace:
    on = on or today()
    events = list(member.events.order_by("effective_date", "id"))
    # The badges as the member page shows them (one selector: the award events, with the Badge rows' numbers).
    badges = member_badges(member, events)
    end = first_of_month(on)
    fees = list(reversed(member_history(member, add_months(end, 1 - FEE_MONTHS), end)))
    enrollments, certificates = member_training(member, user)
    tasks = list(tasks_of(member, user)[:30])
    space = MySpace(
        member=member,
        personal=personal_data(member, user),
        masked=personal_data(member, None),
        party_age=party_age(events, on),
        badges=badges,
        next_badge=next_badge(events, badges, on),
        posts=list(posts_of(member, user)),
        meetings=list(upcoming_for(user, on)[:UPCOMING_MEETINGS]),
        attendance=list(attendance_of(member, user, add_months(on, -ATTENDANCE_MONTHS))[:24]),
        fees=fees,
        fees_owed=[row for row in fees if row.owes],
        enrollments=list(enrollments[:20]),
        certificates=list(certificates[:20]),
        reviews=member_reviews(member, user),
        self_reviews=own_self_reviews(member, on),
        tasks=tasks,
        requests=SelfRequest.objects.visible_to(user).filter(member=member).select_related("decided_by")[:20],
    )
    space.open_tasks = [task for task in tasks if task.done_on is None]
    return space
