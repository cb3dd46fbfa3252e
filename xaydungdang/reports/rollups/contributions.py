"""What one member contributes to the rollups: dated +1/-1 changes per dimension bucket. Pure functions.

A counted period (official attachment, probationary or official status) adds the member to every bucket
on its first day and removes them on the day after it ends; age and party age move the member from one
band to the next on the anniversary inside the period (party age from the period's party_age_start, the
lifecycle rule's base). The footprint is the JSON-able input of this
computation, kept per member so that a later change subtracts exactly what was added.
"""

import datetime as dt
from collections import Counter

from xaydungdang.members.choices import ACTIVE_STATUSES, AttachmentKind
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


def counted(attachment: str, status: str) -> bool:
    return attachment == AttachmentKind.OFFICIAL and status in ACTIVE_STATUSES


def footprint(member: dict, periods: list[tuple], targets: dict[int, list[int]]) -> dict:
    """The member's attributes and counted periods (org, status, exempted, from, to, rollup orgs, the day
    party age counts from)."""
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
            ]
        )
    if not rows:
        return {}
    attributes = {field: _jsonable(member[field]) for field in MEMBER_FIELDS}
    return {"member": attributes, "periods": rows}


def deltas(footprint_data: dict, sign: int = 1) -> Counter:
    """The dated changes a footprint adds (sign=1) or removes (sign=-1)."""
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
