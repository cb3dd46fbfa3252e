"""The two steps every member write ends with: append an event, then rebuild the state and save.

Shared by the registry services (members.services) and the lifecycle services (members.lifecycle).
"""

import datetime as dt

from xaydungdang.core.history import acting_user, save_with_history
from xaydungdang.members.models import Member, MembershipEvent
from xaydungdang.members.state import member_rebuild_state


def record(member: Member, *, actor, kind: str, effective_date: dt.date, **fields) -> MembershipEvent:
    """Append one event to the member's log, recorded by `actor`."""
    event = MembershipEvent(
        member=member, kind=kind, effective_date=effective_date, recorded_by=acting_user(actor), **fields
    )
    event.full_clean(exclude=["member", "recorded_by"])
    return save_with_history(event, actor=actor)


def save_member(member: Member, *, actor, reason: str) -> Member:
    """Save the member with who and why in its history."""
    return save_with_history(member, actor=actor, reason=reason)


def finish(member: Member, *, actor, reason: str) -> Member:
    """Rebuild the cached state from the log and save the member with who and why."""
    member_rebuild_state(member)
    return save_member(member, actor=actor, reason=reason)
