"""Checking and writing a member import, chunk by chunk, so that memory stays that of a chunk whatever
the number of rows.

Two passes over the file. The check (`check_members`) reads every row, outside any long transaction (so
its progress is seen), runs each chunk's updates through `member_update` in a savepoint rolled back at
once (its own checks are reported) and keeps only the errors and the counts. The write
(`write_members`), when the check found no error, reads the file again in one transaction: updates
through `member_update`, new members through `member_create` or, for large files, through a batch path
that writes exactly what member_create writes (the member, its admission and recognition events, the
periods replayed by `members.state.replay`, the history and the report rollups: exchange.member_batch),
a chunk at a time. Any error in the write rolls everything back.
"""

from collections.abc import Callable, Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from xaydungdang.core import parameters
from xaydungdang.exchange.member_batch import members_create_in_bulk, members_rollups_add
from xaydungdang.exchange.member_import import MemberImporter, Plan, Row, _with_defaults, parse_chunk
from xaydungdang.exchange.unchanged import CreatedRows, UnchangedRows, remember
from xaydungdang.members.services import member_create, member_update

BATCH_THRESHOLD = 200  # below this many new members, member_create row by row; above, the batch path

Chunks = Iterable[tuple[list[int], dict[str, list]]]


class Interrupted(Exception):
    """Raised to roll back what a pass wrote after collecting the errors of its rows."""


def check_members(*, user, chunks: Chunks, present: set[str], reason: str, progress: Callable | None = None) -> Plan:
    """Check every row; write nothing. The plan counts the creates and updates and lists every error."""
    importer = MemberImporter(user=user, present=present)
    plan, done, unchanged = importer.plan, 0, UnchangedRows(importer)
    with parameters.cached():  # the age rules read their parameters once, not twice per row
        for numbers, raw in chunks:
            done += len(numbers)
            _add(importer, unchanged, numbers, raw)
            if plan.updates:
                try:
                    with transaction.atomic():
                        _apply_updates(user=user, plan=plan, reason=reason)
                        raise Interrupted
                except Interrupted:
                    pass
            plan.settle()
            if progress:
                progress(done)
    if progress:
        progress(done)
    return plan


def write_members(*, user, chunks: Chunks, present: set[str], reason: str, creates: int) -> Plan:
    """Write a file that `check_members` passed (`creates`: the new members it counted), in one
    transaction; rows checked again against the database as they are written (any error rolls back)."""
    importer = MemberImporter(user=user, present=present, validate_new=False)
    plan, unchanged = importer.plan, UnchangedRows(importer)
    writer = _Creates(user=user, reason=reason, batch=creates >= BATCH_THRESHOLD)
    created = CreatedRows()
    try:
        with transaction.atomic(), parameters.cached():
            for numbers, raw in chunks:
                hashes = _add(importer, unchanged, numbers, raw)
                _apply_updates(user=user, plan=plan, reason=reason)
                if plan.errors:
                    raise Interrupted
                member_ids, rewritten = writer.add(plan.creates)
                if member_ids:
                    created.add(plan.creates, member_ids, hashes, rewritten)
                plan.settle()
            writer.finish()
            created.finish()
    except Interrupted:
        plan.settle()
    return plan


def _add(importer: MemberImporter, unchanged: UnchangedRows, numbers: list[int], raw: dict[str, list]) -> dict:
    """Check a chunk: the rows known unchanged are only counted, the others parsed and checked; those found
    unchanged are remembered. Returns the hash of each checked row by its number."""
    numbers, raw, hashes = unchanged.split(numbers, raw)
    importer.unchanged_rows = []
    if numbers:
        importer.add(parse_chunk(numbers, raw, importer.plan.columns, importer.plan.present))
    found = importer.unchanged_rows
    if found:
        remember([(r.member.pk, hashes[r.number], r.member.values, r.member.organization.code) for r in found])
    return hashes


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


class _Creates:
    """New members, written as their chunk is: member_create each, or the batch path (the rollups of the
    whole file added once, at the end)."""

    def __init__(self, *, user, reason: str, batch: bool) -> None:
        self.user, self.reason, self.batch = user, reason, batch
        self.member_ids: list[int] = []

    def add(self, rows: list[Row]) -> tuple[list[int], list[set[str]]]:
        """The ids of the members the batch path wrote (none for member_create's), and per member the
        fields it stored otherwise than the row gave them (members_create_in_bulk's `rewritten`)."""
        if not self.batch:
            for row in rows:
                member_create(actor=self.user, organization=row.organization, reason=self.reason, **_kwargs(row))
            return [], []
        fields = [(row.organization, _kwargs(row)) for row in rows]
        rewritten: list[set[str]] = []
        ids = members_create_in_bulk(
            actor=self.user, fields=fields, reason=self.reason, rollups=False, rewritten=rewritten
        )
        self.member_ids += ids
        return ids, rewritten

    def finish(self) -> None:
        if self.member_ids:
            members_rollups_add(self.member_ids)


def _kwargs(row: Row) -> dict:
    return _with_defaults({k: v for k, v in row.data.items() if k != "organization_code"})


def analyze_bulk_tables() -> None:
    """ANALYZE what a large import wrote (members, events, periods, their history, the rows remembered)."""
    from xaydungdang.core import bulk
    from xaydungdang.exchange.models import ImportedRow
    from xaydungdang.members.models import Member, MembershipEvent, MembershipPeriod

    bulk.analyze(
        Member, MembershipEvent, MembershipPeriod, Member.history.model, MembershipEvent.history.model, ImportedRow
    )
