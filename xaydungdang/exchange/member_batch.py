"""Many new members at once (a large import): exactly the rows `member_create` writes, in bulk.

For each member: the member row (with the names Member.save() derives and the state its rebuild
caches), the admission event and, when the member is official, the recognition event, the periods that
`members.state.replay` gives for those events, the history rows simple-history writes for the member
(history_type "+", the import's reason) and for each event, and the member's contribution to the report
rollups (reports.rollups.bulk). Ids of members and events come from their sequences first, so that every
row can be built before any is written; rows go in with COPY on PostgreSQL (core.bulk).
"""

from collections.abc import Mapping
from functools import cache, lru_cache
from operator import itemgetter
from types import MappingProxyType
from typing import NamedTuple

from django.utils import timezone

from xaydungdang.access.choices import Action
from xaydungdang.access.policy import policy_for
from xaydungdang.core import bulk
from xaydungdang.core.text import fold, normalize_name, sort_key
from xaydungdang.members.choices import EventKind
from xaydungdang.members.models import Member, MembershipEvent, MembershipPeriod
from xaydungdang.members.services import PARTY_DATE_FIELDS, PROFILE_FIELDS
from xaydungdang.members.state import replay
from xaydungdang.reports.rollups.bulk import rollup_members_added

PROFILE = (*PROFILE_FIELDS, *PARTY_DATE_FIELDS)  # what member_create takes
STATE = ("organization_id", "status", "is_exempted", "user_id")
# The cached state replay gives, written over what the row said (as member_rebuild_state does).
REPLAYED = ("admission_date", "admission_decision_date", "official_date")
MEMBER_COLUMNS = ("id", "search_name", "sort_name", *PROFILE, *STATE)
# The other columns of an event take their defaults ("" and {}), as member_create leaves them.
EVENT_COLUMNS = (
    "id", "member_id", "kind", "effective_date", "decision_date", "to_organization_id", "recorded_by_id", "recorded_at"
)  # fmt: skip
PERIOD_COLUMNS = (
    "member_id", "organization_id", "attachment", "status", "is_exempted", "valid_from", "valid_to", "party_age_start"
)  # fmt: skip
HISTORY = ("history_date", "history_change_reason", "history_type", "history_user_id")
_REWRITABLE = ("full_name", *REPLAYED)
_profile_of = itemgetter(*PROFILE)


@cache
def _tables() -> dict[str, bulk.Table]:
    member_history = Member.history.model
    event_history = MembershipEvent.history.model
    return {
        "member": bulk.Table(Member, MEMBER_COLUMNS),
        "member_history": bulk.Table(member_history, ("id", *PROFILE, *STATE, *HISTORY)),
        "event": bulk.Table(MembershipEvent, EVENT_COLUMNS),
        "event_history": bulk.Table(event_history, (*EVENT_COLUMNS, *HISTORY)),
        "period": bulk.Table(MembershipPeriod, PERIOD_COLUMNS),
    }


@lru_cache(maxsize=1 << 16)  # names repeat, across a file's chunks and across files: each derived once
def _names(name: str) -> tuple[str, str, str]:
    """Member.refresh_names() of a name: (full name, search name, sort name)."""
    full = normalize_name(name)
    return full, fold(full), sort_key(full)


class _Event(NamedTuple):
    """What replay reads of an event."""

    kind: str
    effective_date: object
    decision_date: object = None
    to_organization_id: int | None = None
    data: Mapping = MappingProxyType({})


def members_create_in_bulk(
    *,
    actor,
    fields: list[tuple[object, dict]],
    reason: str,
    rollups: bool = True,
    rewritten: list | None = None,
    keys: list | None = None,
) -> list[int]:
    """Create members from (organization, member_create's keyword arguments) pairs, already checked
    (members.services.member_validate): the same rows as `member_create` for each. Returns their ids.
    With `rollups=False` the caller adds them to the rollups later, in the same transaction, with
    `members_rollups_add` (once for many calls: a large import writes a chunk at a time). `rewritten`, when
    given, receives per member the set of the given fields stored otherwise (the name as normalized, the
    dates the replay gives); `keys`, per member, its (cell, national ID, record number) as written."""
    policy = policy_for(actor)
    for organization in {organization.pk: organization for organization, _values in fields}.values():
        policy.require_in_organization(Action.CHANGE, organization)  # re-checked inside the transaction
    events = sum(2 if values.get("official_date") else 1 for _organization, values in fields)
    rows = _Rows(actor=actor, reason=reason, members=len(fields), events=events)
    tables = _tables()
    # The other rows are built while the members stream to the database (which inserts meanwhile).
    bulk.write(tables["member"], (rows.add(organization, values) for organization, values in fields))
    for name in ("member_history", "event", "event_history", "period"):
        bulk.write(tables[name], rows.tables[name])
    if rollups:
        members_rollups_add(rows.member_ids)
    if rewritten is not None:
        rewritten += rows.rewritten
    if keys is not None:
        keys += rows.keys
    return rows.member_ids


def members_rollups_add(members: list[int] | str) -> None:
    """Add members written by `members_create_in_bulk(rollups=False)` to the report rollups: their ids, or
    a query selecting them (reports.rollups.bulk.rollup_members_added)."""
    rollup_members_added(members)


class _Rows:
    def __init__(self, *, actor, reason: str, members: int, events: int) -> None:
        self.now = timezone.now()
        self.member_history = (self.now, reason, "+", actor.pk)
        self.event_history = (self.now, None, "+", actor.pk)
        self.member_ids = bulk.reserve_ids(Member, members)
        self.event_ids = iter(bulk.reserve_ids(MembershipEvent, events))
        self.recorded = (actor.pk, self.now)  # an event's recorded_by_id, recorded_at
        self.names = _names
        self.added = 0
        self.rewritten: list[set[str]] = []
        self.keys: list[tuple] = []
        self.tables: dict[str, list[tuple]] = {name: [] for name in _tables() if name != "member"}

    def add(self, organization, values: dict) -> tuple:
        """The member's row; its other rows are kept in `tables`."""
        member_id = self.member_ids[self.added]
        self.added += 1
        admitted, decided, official = (
            values["admission_date"],
            values.get("admission_decision_date"),
            values.get("official_date"),
        )
        events = [_Event(EventKind.ADMITTED, admitted, decided, organization.pk)]
        if official:
            events.append(_Event(EventKind.RECOGNIZED_OFFICIAL, official))
        result = replay(events)  # members.state owns what the events give: the state and the periods
        state = result.state
        full_name, search_name, sort_name = self.names(values["full_name"])
        profile = {**values, "full_name": full_name, **{name: getattr(state, name) for name in REPLAYED}}
        self.rewritten.append({name for name in _REWRITABLE if profile[name] != values.get(name)})
        member = (*_profile_of(profile), state.organization_id, state.status, state.is_exempted, None)
        self.keys.append((state.organization_id, profile["national_id"], profile["record_number"]))
        tables = self.tables
        tables["member_history"].append((member_id, *member, *self.member_history))
        for event in events:
            row = (next(self.event_ids), member_id, event.kind, event.effective_date, event.decision_date,
                   event.to_organization_id, *self.recorded)  # fmt: skip
            tables["event"].append(row)
            tables["event_history"].append((*row, *self.event_history))
        tables["period"] += [
            (
                member_id,
                p.organization_id,
                p.attachment,
                p.status,
                p.is_exempted,
                p.valid_from,
                p.valid_to,
                p.party_age_start,
            )
            for p in result.periods
        ]
        return (member_id, search_name, sort_name, *member)
