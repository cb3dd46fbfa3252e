"""A member's state is derived from their events: this module is the one place that says how.

`replay(events)` folds the ordered events into the current state and the effective-dated periods;
`member_rebuild_state()` stores both (periods table + the cache on Member). Services append an event and
rebuild; a test replays every member and must find exactly what is stored.
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple

from xaydungdang.members.choices import ACTIVE_STATUSES, AttachmentKind, EventKind, MemberStatus
from xaydungdang.members.lifecycle.rules import interval_on, party_intervals

# Events that end membership, with the status they leave.
LEAVING_STATUS = {
    EventKind.ADMISSION_ANNULLED: MemberStatus.ANNULLED,
    EventKind.STRUCK_OFF: MemberStatus.STRUCK_OFF,
    EventKind.EXPELLED: MemberStatus.EXPELLED,
    EventKind.DISMISSED: MemberStatus.DISMISSED,
    EventKind.RESIGNED: MemberStatus.RESIGNED,
    EventKind.DECEASED: MemberStatus.DECEASED,
}


class State(NamedTuple):  # a tuple: `_replace` is several times faster than dataclasses.replace
    organization_id: int | None = None
    status: str | None = None
    is_exempted: bool = False
    temporary_organization_id: int | None = None
    admission_date: dt.date | None = None
    admission_decision_date: dt.date | None = None
    official_date: dt.date | None = None
    status_before_leaving: str | None = None  # what a cleared expulsion gives back


@dataclass
class Period:
    organization_id: int
    attachment: str
    status: str
    is_exempted: bool
    valid_from: dt.date
    valid_to: dt.date | None = None
    party_age_start: dt.date | None = None  # the lifecycle rule's base of party age during this period


@dataclass
class Replay:
    state: State = field(default_factory=State)
    periods: list[Period] = field(default_factory=list)


def apply(state: State, event) -> State:  # noqa: C901 - one flat dispatch over the event kinds
    kind = event.kind
    if kind in (EventKind.ADMITTED, EventKind.READMITTED):
        return state._replace(
            organization_id=event.to_organization_id,
            status=MemberStatus.PROBATIONARY,
            is_exempted=False,
            admission_date=event.effective_date,
            admission_decision_date=event.decision_date or state.admission_decision_date,
            official_date=None,
        )
    if kind == EventKind.REGISTERED:
        return state._replace(organization_id=event.to_organization_id, status=event.data["status"])
    if kind == EventKind.RECOGNIZED_OFFICIAL:
        return state._replace(status=MemberStatus.OFFICIAL, official_date=event.effective_date)
    if kind == EventKind.TRANSFERRED_OUT:
        if event.to_organization_id:  # inside the deployment: moves when the receiver accepts
            return state
        return state._replace(status=MemberStatus.TRANSFERRED_OUT, temporary_organization_id=None)
    if kind == EventKind.TRANSFERRED_IN:
        status = state.status if state.status in ACTIVE_STATUSES else event.data.get("status")
        return state._replace(organization_id=event.to_organization_id, status=status)
    if kind == EventKind.TEMPORARY_STARTED:
        return state._replace(temporary_organization_id=event.to_organization_id)
    if kind == EventKind.TEMPORARY_ENDED:
        return state._replace(temporary_organization_id=None)
    if kind == EventKind.EXEMPTED:
        return state._replace(is_exempted=True)
    if kind == EventKind.EXEMPTION_ENDED:
        return state._replace(is_exempted=False)
    if kind in LEAVING_STATUS:
        return state._replace(
            status=LEAVING_STATUS[kind],
            temporary_organization_id=None,
            is_exempted=False,
            status_before_leaving=state.status,
        )
    if kind == EventKind.EXPULSION_CLEARED:  # the expulsion was wrong: back as before it (rules.md §2.6)
        return state._replace(status=state.status_before_leaving, status_before_leaving=None)
    return state  # disciplined, card issued, badge awarded, data corrected: no change of state


def _close(periods: list[Period], index: int | None, day: dt.date) -> None:
    if index is None:
        return
    if periods[index].valid_from >= day:
        periods[index] = None  # type: ignore[call-overload]  # zero-length: superseded the same day
    else:
        periods[index].valid_to = day


def replay(events) -> Replay:
    """Fold events (ordered by effective date, then id) into the final state and the periods."""
    events = list(events)
    result = Replay()
    periods: list[Period | None] = []
    official_ix: int | None = None
    temporary_ix: int | None = None
    state = State()
    for event in events:
        new = apply(state, event)
        day = event.effective_date
        if (new.organization_id, new.status, new.is_exempted) != (
            state.organization_id,
            state.status,
            state.is_exempted,
        ):
            _close(periods, official_ix, day)
            official_ix = None
            if new.organization_id:
                periods.append(Period(new.organization_id, AttachmentKind.OFFICIAL, new.status, new.is_exempted, day))
                official_ix = len(periods) - 1
        temporary_changed = new.temporary_organization_id != state.temporary_organization_id
        if temporary_changed or (
            new.temporary_organization_id and (new.status, new.is_exempted) != (state.status, state.is_exempted)
        ):
            _close(periods, temporary_ix, day)
            temporary_ix = None
            if new.temporary_organization_id:
                periods.append(
                    Period(new.temporary_organization_id, AttachmentKind.TEMPORARY, new.status, new.is_exempted, day)
                )
                temporary_ix = len(periods) - 1
        state = new
    result.state = state
    result.periods = [p for p in periods if p is not None]
    intervals = party_intervals(events)
    for period in result.periods:
        interval = interval_on(intervals, period.valid_from)
        period.party_age_start = interval.base if interval else None
    return result


def member_rebuild_state(member) -> Replay:
    """Replay the member's events and store the periods and the cached state. Call inside a transaction."""
    from xaydungdang.members.models import MembershipPeriod

    result = replay(member.events.order_by("effective_date", "id"))
    member.periods.all().delete()
    MembershipPeriod.objects.bulk_create(MembershipPeriod(member=member, **vars(period)) for period in result.periods)
    state = result.state
    member.organization_id = state.organization_id
    member.status = state.status
    member.is_exempted = state.is_exempted
    member.admission_date = state.admission_date
    member.admission_decision_date = state.admission_decision_date
    member.official_date = state.official_date
    from xaydungdang.reports.rollups import rollup_member_changed  # keeps report counts in this transaction

    rollup_member_changed(member, result.periods)
    return result
