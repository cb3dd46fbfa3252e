"""Writing a checked import plan: updates through `member_update`, new members through `member_create`
or, for large files, through a batch path that builds exactly what member_create builds (the member,
its admission and recognition events, the periods replayed by `members.state.replay`, and the history)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from xaydungdang.access.choices import Action
from xaydungdang.access.policy import policy_for
from xaydungdang.exchange.member_import import Plan, Row, _with_defaults
from xaydungdang.members.choices import EventKind
from xaydungdang.members.models import Member, MembershipEvent, MembershipPeriod
from xaydungdang.members.services import member_create, member_update
from xaydungdang.members.state import replay

BATCH_THRESHOLD = 200  # below this many new members, member_create row by row; above, the batch path
BATCH_SIZE = 2000


class Interrupted(Exception):
    """Raised to roll back the whole import after collecting the errors of its rows."""


def apply_plan(*, user, plan: Plan, reason: str, commit: bool) -> None:
    """Apply the plan in one transaction. Updates always run `member_update` (even in a dry run, rolled
    back) so its own checks are reported; any error, or a dry run, rolls everything back."""
    try:
        with transaction.atomic():
            _apply_updates(user=user, plan=plan, reason=reason)
            if plan.errors or not commit:
                raise Interrupted
            _apply_creates(user=user, rows=plan.creates, reason=reason)
    except Interrupted:
        return


def _apply_updates(*, user, plan: Plan, reason: str) -> None:
    for row in plan.updates:
        try:
            with transaction.atomic():
                member_update(actor=user, member=row.member, reason=reason, **row.changes)
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                for message in messages:
                    row.fail(name, message)
            plan.add_errors(row)
            row.errors.clear()
        except PermissionDenied as exc:
            row.fail("national_id", str(exc))
            plan.add_errors(row)
            row.errors.clear()


def _apply_creates(*, user, rows: list[Row], reason: str) -> None:
    if len(rows) < BATCH_THRESHOLD:
        for row in rows:
            member_create(actor=user, organization=row.organization, reason=reason, **_create_kwargs(row))
        return
    _bulk_create(user=user, rows=rows, reason=reason)


def _create_kwargs(row: Row) -> dict:
    fields = _with_defaults({k: v for k, v in row.data.items() if k != "organization_code"})
    return fields


def _bulk_create(*, user, rows: list[Row], reason: str) -> None:
    policy = policy_for(user)
    members: list[Member] = []
    for row in rows:
        policy.require_in_organization(Action.CHANGE, row.organization)  # re-checked inside the transaction
        members.append(_build(row, user=user))
    bulk_create_with_history(members, Member, batch_size=BATCH_SIZE, default_user=user, default_change_reason=reason)
    flat, periods = [], []
    for member in members:
        for event in member._import_events:
            event.member = member
            flat.append(event)
        periods.extend(MembershipPeriod(member=member, **vars(p)) for p in member._import_periods)
    bulk_create_with_history(flat, MembershipEvent, batch_size=BATCH_SIZE, default_user=user)
    MembershipPeriod.objects.bulk_create(periods, batch_size=BATCH_SIZE)
    _rollups_for_new_members(members)


def _rollups_for_new_members(members: list[Member]) -> None:
    """What `member_rebuild_state` does through reports.rollups.rollup_member_changed, for many new
    members at once: their footprints (none stored yet) and one upsert of the summed deltas."""
    from collections import Counter

    from xaydungdang.reports.dimensions import MEMBER_FIELDS
    from xaydungdang.reports.models import RollupFootprint
    from xaydungdang.reports.rollups.contributions import deltas, footprint
    from xaydungdang.reports.rollups.store import PERIOD_FIELDS, apply_deltas, rollup_targets

    targets = rollup_targets({m.organization_id for m in members})
    change: Counter = Counter()
    footprints = []
    for member in members:
        rows = [tuple(getattr(p, name) for name in PERIOD_FIELDS) for p in member._import_periods]
        data = footprint({name: getattr(member, name) for name in MEMBER_FIELDS}, rows, targets)
        if data:
            change.update(deltas(data))
            footprints.append(RollupFootprint(member_id=member.pk, data=data))
    apply_deltas(change)
    RollupFootprint.objects.bulk_create(footprints, batch_size=BATCH_SIZE)


def _build(row: Row, *, user) -> Member:
    """The member member_create would write, with the state its rebuild would cache; its events and
    periods ride along on the instance until the member has a primary key."""
    fields = _create_kwargs(row)
    organization = row.organization
    member = Member(organization=organization, **fields)
    member.refresh_names()  # what Member.save() does, bypassed by bulk_create
    events = [
        MembershipEvent(
            kind=EventKind.ADMITTED,
            effective_date=member.admission_date,
            decision_date=member.admission_decision_date,
            to_organization=organization,
            recorded_by=user,
        )
    ]
    if member.official_date:
        events.append(
            MembershipEvent(kind=EventKind.RECOGNIZED_OFFICIAL, effective_date=member.official_date, recorded_by=user)
        )
    result = replay(events)
    state = result.state  # stored as members.state.member_rebuild_state stores it
    member.organization_id = state.organization_id
    member.status = state.status
    member.is_exempted = state.is_exempted
    member.admission_date = state.admission_date
    member.admission_decision_date = state.admission_decision_date
    member.official_date = state.official_date
    member._import_events = events
    member._import_periods = result.periods
    return member
