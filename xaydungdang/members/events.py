"""The two steps every member write ends with: append an event, then rebuild the state and save.

Shared by the registry services (members.services) and the lifecycle services (members.lifecycle).
"""

import datetime as dt

from xaydungdang.members.models import Member, MembershipEvent
from xaydungdang.members.state import member_rebuild_state

HISTORY_REASON_LENGTH = 100  # simple-history's history_change_reason column


def record(member: Member, *, actor, kind: str, effective_date: dt.date, **fields) -> MembershipEvent:
    """Append one event to the member's log, recorded by `actor`."""
    event = MembershipEvent(member=member, kind=kind, effective_date=effective_date, recorded_by=actor, **fields)
    event.full_clean(exclude=["member", "recorded_by"])
    event._history_user = actor
    event.save()
    return event


def save_member(member: Member, *, actor, reason: str) -> Member:
    """Save the member with who and why in its history."""
    member._history_user = actor
    member._change_reason = reason[:HISTORY_REASON_LENGTH]
    member.save()
    return member


def finish(member: Member, *, actor, reason: str) -> Member:
    """Rebuild the cached state from the log and save the member with who and why."""
    member_rebuild_state(member)
    return save_member(member, actor=actor, reason=reason)
