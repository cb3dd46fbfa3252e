"""Writing a checked import plan: updates through `member_update`, new members through `member_create`
or, for large files, through a batch path that writes exactly what member_create writes (the member,
its admission and recognition events, the periods replayed by `members.state.replay`, the history and
the report rollups: exchange.member_batch)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from xaydungdang.exchange.member_batch import members_create_in_bulk
from xaydungdang.exchange.member_import import Plan, Row, _with_defaults
from xaydungdang.members.services import member_create, member_update

BATCH_THRESHOLD = 200  # below this many new members, member_create row by row; above, the batch path


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
    members_create_in_bulk(actor=user, fields=[(row.organization, _create_kwargs(row)) for row in rows], reason=reason)


def analyze_bulk_tables() -> None:
    """ANALYZE what a large import wrote (members, events, periods, their history)."""
    from xaydungdang.core import bulk
    from xaydungdang.members.models import Member, MembershipEvent, MembershipPeriod

    bulk.analyze(Member, MembershipEvent, MembershipPeriod, Member.history.model, MembershipEvent.history.model)
