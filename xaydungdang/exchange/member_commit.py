"""Checking and writing a member import, chunk by chunk, so that memory stays that of a chunk whatever
the number of rows.

The preview (`check_members`) reads every row and writes nothing: each chunk's updates are tried through
`member_update` in a savepoint rolled back at once (its own checks are reported); only the errors and the
counts are kept. A commit (`commit_members`) is ONE pass in one transaction: each chunk is checked as the
preview checks it, then written at once (updates through `member_update`; new members through
`member_create` or, for large files, through a batch path that writes exactly what member_create writes:
the member, its admission and recognition events, the periods replayed by `members.state.replay`, the
history and the report rollups: exchange.member_batch). From the first error on nothing more is written,
the remaining rows are still checked, and everything is rolled back: the errors are the preview's. Its
progress is written where the user sees it while the transaction runs (exchange.jobs.Progress).
"""

from collections.abc import Callable, Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from xaydungdang.core import bulk, parameters
from xaydungdang.exchange.member_batch import members_create_in_bulk, members_rollups_add
from xaydungdang.exchange.member_import import MemberImporter, Plan, Row, _with_defaults, parse_chunk
from xaydungdang.exchange.unchanged import CreatedRows, Hashes, UnchangedRows, remember
from xaydungdang.members.services import member_create, member_update

BATCH_THRESHOLD = 200  # below this many new members, member_create row by row; above, the batch path

Chunks = Iterable[tuple[list[int], dict[str, list]]]


class Interrupted(Exception):
    """Raised to roll back what a pass wrote after collecting the errors of its rows."""


def check_members(
    *, user, chunks: Chunks, present: set[str], reason: str, progress: Callable | None = None, table=None
) -> Plan:
    """Check every row; write nothing. The plan counts the creates and updates and lists every error.
    With the `table` the chunks come from, the rows of a workbook known by their raw XML are not read."""
    importer = MemberImporter(user=user, present=present)
    plan, done, unchanged = importer.plan, 0, UnchangedRows(importer, table)
    try:
        with parameters.cached():  # the age rules read their parameters once, not twice per row
            for numbers, raw in chunks:
                done += len(numbers) + unchanged.take_skipped()
                _add(importer, unchanged, numbers, raw)
                _try_updates(user=user, plan=plan, reason=reason)
                importer.keys.flush()
                plan.settle()
                if progress:
                    progress(done)
        done += unchanged.take_skipped()
    finally:
        importer.keys.close()
    if progress:
        progress(done)
    return plan


def commit_members(
    *, user, chunks: Chunks, present: set[str], reason: str, progress: Callable | None = None, table=None
) -> Plan:
    """Check and write each chunk as it is read, in one transaction: one pass over the file. At the first
    error nothing more is written, but every row is still checked (the errors are those `check_members`
    lists), and everything written is rolled back at the end. `table`: as for check_members."""
    importer = MemberImporter(user=user, present=present)
    plan, done, unchanged = importer.plan, 0, UnchangedRows(importer, table)
    writer = _Creates(user=user, reason=reason, importer=importer)
    try:
        with transaction.atomic(), parameters.cached():
            bulk.without_jit()  # the look-ups of each chunk would be compiled (core.bulk.without_jit)
            for numbers, raw in chunks:
                done += len(numbers) + unchanged.take_skipped()
                hashes = _add(importer, unchanged, numbers, raw)
                if plan.errors:  # nothing more is written: the updates only tried, as check_members does
                    _try_updates(user=user, plan=plan, reason=reason)
                else:
                    _apply_updates(user=user, plan=plan, reason=reason)
                    if not plan.errors:
                        writer.add(plan.creates, hashes)
                importer.keys.flush()
                plan.settle()
                if progress:
                    progress(done)
            if skipped := unchanged.take_skipped():
                done += skipped
                if progress:
                    progress(done)
            if plan.errors:
                raise Interrupted
            writer.finish()
            importer.keys.close()
    except Interrupted:
        pass
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
        remember([(r.member.pk, *hashes[r.number], r.member.organization.code) for r in found])
    return hashes


def _try_updates(*, user, plan: Plan, reason: str) -> None:
    """The chunk's updates through member_update (its own checks reported), rolled back at once."""
    if not plan.updates:
        return
    try:
        with transaction.atomic():
            _apply_updates(user=user, plan=plan, reason=reason)
            raise Interrupted
    except Interrupted:
        pass


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
    """New members, written as their chunk is checked: member_create each when the file has fewer than
    BATCH_THRESHOLD of them (the rows wait, at most that many, until the file's end or the threshold tells),
    or the batch path, chunk by chunk (the rollups of the whole file added once, at the end, for the members
    read back from the import's keys). The members written are kept from matching the file's later rows
    (claimed as "created" in `importer.keys`): those are checked against the database as it was before the
    import, as `check_members` checks them."""

    def __init__(self, *, user, reason: str, importer: MemberImporter) -> None:
        self.user, self.reason, self.importer = user, reason, importer
        self.batch = False
        self.waiting: list[Row] = []
        self.hashes: dict[int, Hashes] = {}  # of the waiting rows
        self.remembered = CreatedRows()

    def add(self, rows: list[Row], hashes: dict[int, Hashes]) -> None:
        if not self.batch:
            self.waiting += rows
            self.hashes.update((row.number, hashes[row.number]) for row in rows if row.number in hashes)
            if len(self.waiting) < BATCH_THRESHOLD:
                return
            self.batch = True
            rows, hashes, self.waiting, self.hashes = self.waiting, self.hashes, [], {}
        fields = [(row.organization, _kwargs(row)) for row in rows]
        rewritten: list[set[str]] = []
        keys: list[tuple] = []
        ids = members_create_in_bulk(
            actor=self.user, fields=fields, reason=self.reason, rollups=False, rewritten=rewritten, keys=keys
        )
        for row, pk in zip(rows, ids, strict=True):
            self.importer.keys.add(("created", pk), row.number)
        self.remembered.add(rows, ids, hashes, rewritten, keys)

    def finish(self) -> None:
        for row in self.waiting:
            member_create(actor=self.user, organization=row.organization, reason=self.reason, **_kwargs(row))
        if self.batch:  # the ids read by the database from the import's keys (a query), never into memory
            members_rollups_add(self.importer.keys.created())


def _kwargs(row: Row) -> dict:
    return _with_defaults({k: v for k, v in row.data.items() if k != "organization_code"})


def analyze_bulk_tables() -> None:
    """ANALYZE what a large import wrote (members, events, periods, their history, the rows remembered)."""
    from xaydungdang.exchange.models import ImportedRow
    from xaydungdang.members.models import Member, MembershipEvent, MembershipPeriod

    bulk.analyze(
        Member, MembershipEvent, MembershipPeriod, Member.history.model, MembershipEvent.history.model, ImportedRow
    )
