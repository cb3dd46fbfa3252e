"""Test set-up through the real services: a term with its committee, in a few arguments."""

import datetime as dt

from xaydungdang.access.policy import SYSTEM
from xaydungdang.committees import services
from xaydungdang.committees.models import PostKind


def post(code: str) -> PostKind:
    return PostKind.objects.get(code=code)


def term_with(organization, *, starts_on=dt.date(2020, 10, 1), posts=(), seats=None, actor=SYSTEM):
    """A congress term of `organization` and its posts: `posts` is (member, post code) pairs."""
    term = services.term_create(
        actor=actor, organization=organization, starts_on=starts_on, congress_date=starts_on, seats=seats
    )
    for member, code in posts:
        services.holding_create(actor=actor, term=term, member=member, post_kind=post(code), started_on=starts_on)
    return term
