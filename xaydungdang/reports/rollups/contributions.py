"""What one member contributes to the rollups: dated +1/-1 changes per dimension bucket. Pure functions.

A counted period (official attachment, probationary or official status) adds the member to every bucket
on its first day and removes them on the day after it ends; age and party age move the member from one
band to the next on the anniversary inside the period (party age from the period's party_age_start, the
lifecycle rule's base). The footprint is the JSON-able input of this
computation, kept per member so that a later change subtracts exactly what was added.

Besides the counts, each rollup organization gets the changes of its subtree as signed daily deltas
(dimension ENTRY, bucket ""; dimension EXIT, bucket the reason), so the entries and exits of any window
are a sum of rows: an entry is a counted period of the subtree starting on a day no counted period of
the subtree ends (a move between two cells of the subtree is neither entry nor exit), an exit likewise,
by the status of the official period that follows it (reports.selectors.changes, the live reference).
Admissions and re-admissions (dimensions.ADMISSION_KINDS) are counted as dimension ADMISSION, bucket "",
+1 on the event's effective date in every rollup organization above its receiving organization (the live
reference: reports.selectors.admissions); the footprint keeps them beside the periods.
"""

import datetime as dt
from collections import Counter

from xaydungdang.members.choices import ACTIVE_STATUSES, AttachmentKind, MemberStatus
from xaydungdang.reports.dimensions import (
    AGE_BANDS,
    MEMBER_FIELDS,
    PARTY_AGE_BANDS,
    age_band,
    band_changes,
    party_age_band,
    static_buckets,
)

# Key of a delta: (rollup organization id, day, dimension, bucket).
DeltaKey = tuple[int, dt.date, str, str]

# The dimensions of the changes (not counts of a day: a window of them is a sum over its days).
ENTRY, EXIT, ADMISSION = "entry", "exit", "admission"
CHANGE_DIMENSIONS = frozenset({ENTRY, EXIT, ADMISSION})
TRANSFERRED = "transferred"  # left for another organization (inside or outside the deployment)


def exit_reason(next_status: str | None) -> str:
    """The bucket of an exit: the status the member left for; a move elsewhere is TRANSFERRED."""
    if next_status is None or next_status in ACTIVE_STATUSES or next_status == MemberStatus.TRANSFERRED_OUT:
        return TRANSFERRED
    return str(next_status)


def counted(attachment: str, status: str) -> bool:
    return attachment == AttachmentKind.OFFICIAL and status in ACTIVE_STATUSES


def footprint(member: dict, periods: list[tuple], targets: dict[int, list[int]], admissions=()) -> dict:
    """The member's attributes and counted periods (org, status, exempted, from, to, rollup orgs, the day
    party age counts from, the reason of leaving when it ends: exit_reason of the official period that follows),
    and under "admissions" (when any) their admissions (org, day, rollup orgs), by day and organization.

    `periods` may hold the member's other periods too: the official ones give the status that follows.
    `admissions`: (receiving organization id, effective date) of the member's events of ADMISSION_KINDS.
    """
    following: dict[dt.date, str] = {}  # the day an official period starts -> the reason of leaving for it
    for _org, attachment, status, _exempted, valid_from, _to, _start in periods:
        if attachment == AttachmentKind.OFFICIAL and (reason := exit_reason(status)) != TRANSFERRED:
            following[valid_from] = min(following.get(valid_from, reason), reason)
    rows = []
    for organization_id, attachment, status, is_exempted, valid_from, valid_to, party_age_start in periods:
        if not counted(attachment, status) or not targets.get(organization_id):
            continue
        rows.append(
            [
                organization_id,
                status,
                is_exempted,
                valid_from.isoformat(),
                valid_to.isoformat() if valid_to else None,
                targets[organization_id],
                _jsonable(party_age_start),
                following.get(valid_to, TRANSFERRED) if valid_to else None,
            ]
        )
    admitted = admission_rows(admissions, targets)
    if not rows and not admitted:
        return {}
    attributes = {field: _jsonable(member[field]) for field in MEMBER_FIELDS}
    data = {"member": attributes, "periods": rows}
    if admitted:
        data["admissions"] = admitted
    return data


def admission_rows(admissions, targets: dict[int, list[int]]) -> list[list]:
    """The footprint's admissions: [org, day, rollup orgs] of those under a rollup organization, in the
    order of (day, org) (the set-based engine's order)."""
    rows = [
        [organization_id, _jsonable(day), targets[organization_id]]
        for organization_id, day in admissions
        if organization_id is not None and targets.get(organization_id)
    ]
    return sorted(rows, key=admission_order)


def admission_order(row: list) -> tuple:
    return row[1], row[0]


def deltas(footprint_data: dict, sign: int = 1, *, with_changes: bool = True) -> Counter:
    """The dated changes a footprint adds (sign=1) or removes (sign=-1); with changes=False without the
    entries and exits (with_changes=False: a part of a member's periods cannot tell them). Admissions add
    up whatever the part: they are always in."""
    result: Counter = Counter()
    if not footprint_data:
        return result
    member = {
        field: _date(value) if field.endswith("_date") else value for field, value in footprint_data["member"].items()
    }
    for _org, status, is_exempted, start, end, targets, *rest in footprint_data["periods"]:
        # A footprint stored before party_age_start existed banded by the ceremony date: subtracting it
        # must remove exactly what it added.
        party_age_start = _date(rest[0]) if rest else member.get("admission_date")
        changes = _period_changes(
            member, status, is_exempted, dt.date.fromisoformat(start), _date(end), party_age_start
        )
        for target in targets:
            for (day, dimension, bucket), delta in changes.items():
                result[(target, day, dimension, bucket)] += sign * delta
    for _org, day, targets in footprint_data.get("admissions", ()):
        for target in targets:
            result[(target, dt.date.fromisoformat(day), ADMISSION, "")] += sign
    if with_changes:
        for key, delta in entries_and_exits(footprint_data["periods"]).items():
            result[key] += sign * delta
    return result


def entries_and_exits(periods: list) -> Counter:
    """Per rollup organization: +1 on the first day of each run of the subtree's counted periods (ENTRY)
    and on the day after it (EXIT, by reason)."""
    result: Counter = Counter()
    starts: Counter = Counter()
    ends: Counter = Counter()
    for _org, _status, _exempted, start, end, targets, *_rest in periods:
        for target in targets:
            starts[(target, start)] += 1
            if end:
                ends[(target, end)] += 1
    for _org, _status, _exempted, start, end, targets, *rest in periods:
        for target in targets:
            if not ends[(target, start)]:
                result[(target, dt.date.fromisoformat(start), ENTRY, "")] += 1
            if end and not starts[(target, end)]:
                reason = rest[1] if len(rest) > 1 and rest[1] else TRANSFERRED
                result[(target, dt.date.fromisoformat(end), EXIT, reason)] += 1
    return result


def _period_changes(
    member: dict, status: str, is_exempted: bool, start: dt.date, end: dt.date | None, party_age_start: dt.date | None
) -> Counter:
    changes: Counter = Counter()
    for dimension, bucket in static_buckets(member, status, is_exempted):
        changes[(start, dimension, bucket)] += 1
        if end:
            changes[(end, dimension, bucket)] -= 1
    _band_changes(
        changes,
        "age_band",
        age_band(member["birth_date"], start),
        band_changes(AGE_BANDS, member["birth_date"]),
        start,
        end,
    )
    _band_changes(
        changes,
        "party_age_band",
        party_age_band(party_age_start, start),
        band_changes(PARTY_AGE_BANDS, party_age_start),
        start,
        end,
    )
    return changes


def _band_changes(changes: Counter, dimension: str, band: str, moves, start: dt.date, end: dt.date | None) -> None:
    changes[(start, dimension, band)] += 1
    for day, new_band in moves:
        if day <= start or (end and day >= end) or new_band == band:
            continue
        changes[(day, dimension, band)] -= 1
        changes[(day, dimension, new_band)] += 1
        band = new_band
    if end:
        changes[(end, dimension, band)] -= 1


def _jsonable(value):
    return value.isoformat() if isinstance(value, dt.date) else value


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None
