"""Keeping the rollups: apply a member's change in the caller's transaction, rebuild, verify.

Rollups are kept for the organizations of ROLLUP_KINDS (the national root, the provincial-level
committees and the organizations directly above the grassroots, e.g. communes), where a live count
would scan thousands to millions of members; the statistical tables of a province read one row set per
commune. Below them a live query is already fast. Each row sits on the organization whose subtree it
counts, so reading a province on any date reads that province's rows only.
"""

from collections import Counter

from django.db import connection, transaction
from django.db.models import Q

from xaydungdang.members.choices import ACTIVE_STATUSES, AttachmentKind
from xaydungdang.members.models import Member, MembershipEvent, MembershipPeriod
from xaydungdang.organizations.choices import OrganizationKind
from xaydungdang.organizations.models import Organization
from xaydungdang.reports.dimensions import ADMISSION_KINDS, MEMBER_FIELDS
from xaydungdang.reports.models import RollupDay, RollupFootprint, RollupMonth, RollupYear
from xaydungdang.reports.rollups import version
from xaydungdang.reports.rollups.contributions import deltas, footprint

ROLLUP_KINDS = frozenset({OrganizationKind.CENTRAL, OrganizationKind.PROVINCIAL, OrganizationKind.UPPER_GRASSROOTS})
PERIOD_FIELDS = ("organization_id", "attachment", "status", "is_exempted", "valid_from", "valid_to", "party_age_start")


def rollup_targets(organization_ids) -> dict[int, list[int]]:
    """For each organization, the rollup organizations whose subtree holds it (itself included)."""
    paths = dict(Organization.objects.filter(pk__in=set(organization_ids)).values_list("pk", "path"))
    prefixes = {
        path[:end]
        for path in paths.values()
        for end in range(Organization.steplen, len(path) + 1, Organization.steplen)
    }
    rollup_orgs = dict(Organization.objects.filter(path__in=prefixes, kind__in=ROLLUP_KINDS).values_list("path", "pk"))
    return {org_id: _targets_of(path, rollup_orgs) for org_id, path in paths.items()}


def _targets_of(path: str, rollup_orgs: dict[str, int]) -> list[int]:
    step = Organization.steplen
    return [rollup_orgs[path[:end]] for end in range(step, len(path) + 1, step) if path[:end] in rollup_orgs]


def admissions_of(member_ids):
    """The admission events (dimensions.ADMISSION_KINDS) of these members (ids or a query of them) that
    have a receiving organization."""
    return MembershipEvent.objects.filter(
        member_id__in=member_ids, kind__in=ADMISSION_KINDS, to_organization__isnull=False
    ).order_by()


def admissions_of_subtree(organizations):
    """The admission events into these organizations (a query of their ids)."""
    return MembershipEvent.objects.filter(kind__in=ADMISSION_KINDS, to_organization__in=organizations).order_by()


@transaction.atomic  # a savepoint inside the caller's transaction; its own when called outside one
def rollup_member_changed(member, periods) -> None:
    """The hook at the end of members.state.member_rebuild_state: replace what the member contributes."""
    rows = [tuple(getattr(period, field) for field in PERIOD_FIELDS) for period in periods]
    attributes = {field: getattr(member, field) for field in MEMBER_FIELDS}
    admitted = list(admissions_of([member.pk]).values_list("to_organization_id", "effective_date"))
    targets = rollup_targets({row[0] for row in rows} | {organization_id for organization_id, _day in admitted})
    new = footprint(attributes, rows, targets, admitted)
    stored = RollupFootprint.objects.select_for_update().filter(member_id=member.pk).first()
    old = stored.data if stored else {}
    if old == new:
        return
    change = deltas(old, sign=-1)
    change.update(deltas(new))
    apply_deltas(change)
    if new:
        RollupFootprint.objects.update_or_create(member_id=member.pk, defaults={"data": new})
    elif stored:
        stored.delete()


def apply_deltas(change: Counter) -> None:
    """Add the deltas to the day, month and year tables (one upsert each; atomic increments)."""
    days = {key: delta for key, delta in change.items() if delta}
    months: Counter = Counter()
    years: Counter = Counter()
    for (organization_id, day, dimension, bucket), delta in days.items():
        months[(organization_id, day.replace(day=1), dimension, bucket)] += delta
        years[(organization_id, day.replace(month=1, day=1), dimension, bucket)] += delta
    _upsert(RollupDay._meta.db_table, "day", days)
    _upsert(RollupMonth._meta.db_table, "month", {key: delta for key, delta in months.items() if delta})
    _upsert(RollupYear._meta.db_table, "year", {key: delta for key, delta in years.items() if delta})
    version.bump({organization_id for organization_id, *_rest in days})


def _upsert(table: str, date_column: str, rows: dict) -> None:
    if not rows:
        return
    columns = f"organization_id, {date_column}, dimension, bucket"
    sql = (
        f"INSERT INTO {table} ({columns}, delta) VALUES (%s, %s, %s, %s, %s) "  # noqa: S608 - our table names
        f"ON CONFLICT ({columns}) DO UPDATE SET delta = {table}.delta + excluded.delta"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(*key, delta) for key, delta in rows.items()])


@transaction.atomic  # inside the reorganization's transaction
def rollup_subtree_moved(organization, *, old_parent) -> int:
    """The re-target step of a move: `organization` (with its subtree) now sits under another parent.

    The rollup organizations above its old place lose what its members contribute and those above the
    new place gain it, on every date: rollups count by today's tree, like the live queries below them.
    Call after the tree has moved. Returns how many members' contributions changed.
    """
    organization = Organization.objects.get(pk=organization.pk)
    new_parent = Organization.objects.get_parent(organization)
    above = rollup_targets([p.pk for p in (old_parent, new_parent) if p is not None])
    if old_parent is not None and new_parent is not None and above[old_parent.pk] == above[new_parent.pk]:
        return 0  # the same rollup organizations hold it (a move inside one province)
    subtree = Organization.objects.filter(path__startswith=organization.path).values("pk")
    counted_periods = MembershipPeriod.objects.filter(attachment=AttachmentKind.OFFICIAL, status__in=ACTIVE_STATUSES)
    affected = Q(member_id__in=counted_periods.filter(organization__in=subtree).values("member_id")) | Q(
        member_id__in=admissions_of_subtree(subtree).values("member_id")
    )
    rows = (  # every official period of theirs: the status after a counted one is an exit's reason
        MembershipPeriod.objects.filter(affected, attachment=AttachmentKind.OFFICIAL)
        .order_by("member_id", "valid_from", "pk")
        .values_list("member_id", *PERIOD_FIELDS, *(f"member__{field}" for field in MEMBER_FIELDS))
    )
    periods: dict[int, list[tuple]] = {}
    attributes: dict[int, dict] = {}
    for member_id, *row in rows.iterator(chunk_size=5000):
        periods.setdefault(member_id, []).append(tuple(row[: len(PERIOD_FIELDS)]))
        attributes[member_id] = dict(zip(MEMBER_FIELDS, row[len(PERIOD_FIELDS) :], strict=True))
    admitted: dict[int, list[tuple]] = {}
    events = MembershipEvent.objects.filter(affected, kind__in=ADMISSION_KINDS, to_organization__isnull=False)
    for member_id, *event in events.order_by().values_list("member_id", "to_organization_id", "effective_date"):
        admitted.setdefault(member_id, []).append(tuple(event))
    missing = Member.objects.filter(pk__in=set(admitted) - set(attributes)).values_list("pk", *MEMBER_FIELDS)
    attributes.update({pk: dict(zip(MEMBER_FIELDS, row, strict=True)) for pk, *row in missing})
    targets = rollup_targets(
        {row[0] for rows_ in periods.values() for row in rows_} | {e[0] for found in admitted.values() for e in found}
    )
    stored = {f.member_id: f for f in RollupFootprint.objects.select_for_update().filter(affected).order_by()}
    change: Counter = Counter()
    changed, created, emptied = [], [], []
    for member_id in attributes:
        new = footprint(attributes[member_id], periods.get(member_id, []), targets, admitted.get(member_id, ()))
        old = stored[member_id].data if member_id in stored else {}
        if new == old:
            continue
        change.update(deltas(old, sign=-1))
        change.update(deltas(new))
        if member_id not in stored:
            created.append(RollupFootprint(member_id=member_id, data=new))
        elif new:
            stored[member_id].data = new
            changed.append(stored[member_id])
        else:
            emptied.append(member_id)
    apply_deltas(change)
    RollupFootprint.objects.bulk_create(created, batch_size=1000)
    RollupFootprint.objects.bulk_update(changed, ["data"], batch_size=1000)
    RollupFootprint.objects.filter(member_id__in=emptied).delete()
    return len(created) + len(changed) + len(emptied)
