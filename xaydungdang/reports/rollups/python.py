"""The reference rebuild and verify in Python: the members' contributions summed in memory.

Used on SQLite and as the reference the set-based PostgreSQL engine (rollups.sql) is tested against.
Works one partition at a time (the members under one deepest rollup organization, e.g. a province) so
that memory stays bounded at national size; the rows of higher organizations (the root) add up across
partitions.
"""

from collections import Counter, defaultdict
from collections.abc import Iterator

from django.db import transaction

from xaydungdang.members.choices import ACTIVE_STATUSES, AttachmentKind
from xaydungdang.members.models import Member, MembershipEvent, MembershipPeriod
from xaydungdang.organizations.choices import MEMBER_HOLDING_KINDS
from xaydungdang.organizations.models import Organization
from xaydungdang.reports.dimensions import ADMISSION_KINDS, MEMBER_FIELDS
from xaydungdang.reports.models import RollupDay, RollupFootprint, RollupMonth, RollupYear
from xaydungdang.reports.rollups.contributions import admission_order, deltas, entries_and_exits, footprint
from xaydungdang.reports.rollups.differences import difference_line
from xaydungdang.reports.rollups.store import PERIOD_FIELDS, rollup_targets

BATCH = 5000


def _partitions() -> tuple[dict[int, list[int]], dict[int, tuple[list[int], list[int]]], set[int]]:
    """Member-holding organizations, and those receiving admissions (of any kind), grouped by their
    deepest rollup organization: partition -> (holding ids, receiving ids)."""
    holding = list(Organization.objects.filter(kind__in=MEMBER_HOLDING_KINDS).values_list("pk", flat=True))
    receiving = (
        MembershipEvent.objects.filter(kind__in=ADMISSION_KINDS, to_organization__isnull=False)
        .order_by()
        .values_list("to_organization_id", flat=True)
        .distinct()
    )
    found_of = {org: found for org, found in rollup_targets([*holding, *receiving]).items() if found}
    partitions: dict[int, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for organization_id in holding:
        if organization_id in found_of:
            partitions[found_of[organization_id][-1]][0].append(organization_id)
    for organization_id in receiving:
        if organization_id in found_of:
            partitions[found_of[organization_id][-1]][1].append(organization_id)
    higher = {target for found in found_of.values() for target in found[:-1]}
    return found_of, partitions, higher


def _admissions_into(organization_ids: list[int]) -> dict[int, list[tuple]]:
    """member id -> (receiving organization, day) of the admissions into these organizations."""
    found: dict[int, list[tuple]] = defaultdict(list)
    for start in range(0, len(organization_ids), BATCH):
        events = MembershipEvent.objects.filter(
            kind__in=ADMISSION_KINDS, to_organization_id__in=organization_ids[start : start + BATCH]
        ).order_by()
        for member_id, organization_id, day in events.values_list("member_id", "to_organization_id", "effective_date"):
            found[member_id].append((organization_id, day))
    return found


def _member_footprints(partition: tuple[list[int], list[int]], targets: dict[int, list[int]]):
    """(member id, footprint) of every member with a counted period in the partition's holding organizations
    or an admission into its receiving ones (a member's admissions go with the first part of theirs)."""
    organization_ids, receiving = partition
    admissions = _admissions_into(receiving)
    yield from _period_footprints(organization_ids, targets, admissions)
    for start in range(0, len(remaining := sorted(admissions)), BATCH):
        rest = Member.objects.filter(pk__in=remaining[start : start + BATCH]).values_list("pk", *MEMBER_FIELDS)
        for member_id, *attributes in rest:
            member = dict(zip(MEMBER_FIELDS, attributes, strict=True))
            if data := footprint(member, [], targets, admissions[member_id]):
                yield member_id, data


def _period_footprints(organization_ids: list[int], targets: dict[int, list[int]], admissions: dict):
    """The footprints of the members with a counted period in these organizations, with their admissions
    popped from `admissions`."""
    member_fields = [f"member__{field}" for field in MEMBER_FIELDS]
    for start in range(0, len(organization_ids), BATCH):
        counted_periods = MembershipPeriod.objects.filter(
            organization_id__in=organization_ids[start : start + BATCH],
            attachment=AttachmentKind.OFFICIAL,
            status__in=ACTIVE_STATUSES,
        )
        rows = counted_periods.order_by("member_id", "valid_from").values_list(
            "member_id", *PERIOD_FIELDS, *member_fields
        )
        # The official periods of theirs that end membership (wherever they are): an exit's reason.
        leaving: dict[int, list[tuple]] = defaultdict(list)
        ends = (
            MembershipPeriod.objects.filter(
                attachment=AttachmentKind.OFFICIAL, member_id__in=counted_periods.values("member_id")
            )
            .exclude(status__in=ACTIVE_STATUSES)
            .order_by()
        )
        for member_id, *period in ends.values_list("member_id", *PERIOD_FIELDS).iterator(chunk_size=BATCH):
            leaving[member_id].append(tuple(period))
        current, periods, member = None, [], {}
        for row in rows.iterator(chunk_size=BATCH):
            if row[0] != current:
                if current is not None and (data := _footprint(current, member, periods, leaving, targets, admissions)):
                    yield current, data
                current, periods = row[0], []
                member = dict(zip(MEMBER_FIELDS, row[1 + len(PERIOD_FIELDS) :], strict=True))
            periods.append(row[1 : 1 + len(PERIOD_FIELDS)])
        if current is not None and (data := _footprint(current, member, periods, leaving, targets, admissions)):
            yield current, data


def _footprint(member_id: int, member: dict, periods: list, leaving: dict, targets: dict, admissions: dict) -> dict:
    return footprint(member, periods + leaving[member_id], targets, admissions.pop(member_id, ()))


def computed(*, footprints_sink=None) -> Iterator[tuple[int, Counter]]:
    """(rollup organization id, its deltas) for every rollup organization, from the raw rows.

    A member whose periods lie in several partitions is split by partition; the footprint sink then
    receives each part, and the caller merges them.
    """
    targets, partitions, higher = _partitions()
    shared: dict[int, Counter] = defaultdict(Counter)
    # The periods of members under a higher organization, whole: its entries and exits need all of them.
    spanning: dict[int, list] = defaultdict(list)
    for partition, organizations in partitions.items():
        own: Counter = Counter()
        for member_id, data in _member_footprints(organizations, targets):
            if footprints_sink is not None:
                footprints_sink(member_id, data)
            changes = entries_and_exits(data["periods"])
            if any(key[0] in higher for key in changes):
                spanning[member_id] += data["periods"]
            contribution = deltas(data, with_changes=False)
            contribution.update({key: delta for key, delta in changes.items() if key[0] not in higher})
            for (organization_id, *rest), delta in contribution.items():
                bucket = own if organization_id == partition and partition not in higher else shared[organization_id]
                bucket[(organization_id, *rest)] += delta
        if own:
            yield partition, _nonzero(own)
    for periods in spanning.values():
        for (organization_id, *rest), delta in entries_and_exits(periods).items():
            if organization_id in higher:
                shared[organization_id][(organization_id, *rest)] += delta
    for organization_id, counter in shared.items():
        yield organization_id, _nonzero(counter)


def _nonzero(counter: Counter) -> Counter:
    """Without the zero entries (Counter's unary plus would also drop the negative ones)."""
    return Counter({key: value for key, value in counter.items() if value})


def by_month(day_deltas: Counter) -> Counter:
    months: Counter = Counter()
    for (organization_id, day, dimension, bucket), delta in day_deltas.items():
        months[(organization_id, day.replace(day=1), dimension, bucket)] += delta
    return _nonzero(months)


def by_year(day_deltas: Counter) -> Counter:
    years: Counter = Counter()
    for (organization_id, day, dimension, bucket), delta in day_deltas.items():
        years[(organization_id, day.replace(month=1, day=1), dimension, bucket)] += delta
    return _nonzero(years)


def _start(period: list) -> str:
    return period[3]


class _FootprintWriter:
    """Collects footprints (merging a member split across partitions) and writes them in batches."""

    def __init__(self) -> None:
        self.parts: dict[int, dict] = {}

    def __call__(self, member_id: int, data: dict) -> None:
        if member_id in self.parts:  # in date order, as the hook (and the PostgreSQL engine) store them
            stored = self.parts[member_id]
            stored["periods"] = sorted([*stored["periods"], *data["periods"]], key=_start)
            if admissions := [*stored.get("admissions", ()), *data.get("admissions", ())]:
                stored["admissions"] = sorted(admissions, key=admission_order)
        else:
            self.parts[member_id] = data

    def write(self) -> int:
        rows = (RollupFootprint(member_id=pk, data=data) for pk, data in self.parts.items())
        RollupFootprint.objects.bulk_create(rows, batch_size=BATCH)
        return len(self.parts)


@transaction.atomic
def rebuild_python() -> dict[str, int]:
    """Replace every rollup row and footprint by what the raw rows give. Returns row counts."""
    RollupDay.objects.all().delete()
    RollupMonth.objects.all().delete()
    RollupYear.objects.all().delete()
    RollupFootprint.objects.all().delete()
    writer = _FootprintWriter()
    counts = {"organizations": 0, "days": 0, "months": 0, "years": 0}
    for _organization_id, day_deltas in computed(footprints_sink=writer):
        days = [
            RollupDay(organization_id=o, day=d, dimension=dim, bucket=b, delta=v)
            for (o, d, dim, b), v in day_deltas.items()
        ]
        months = [
            RollupMonth(organization_id=o, month=m, dimension=dim, bucket=b, delta=v)
            for (o, m, dim, b), v in by_month(day_deltas).items()
        ]
        RollupDay.objects.bulk_create(days, batch_size=BATCH)
        RollupMonth.objects.bulk_create(months, batch_size=BATCH)
        years = [
            RollupYear(organization_id=o, year=y, dimension=dim, bucket=b, delta=v)
            for (o, y, dim, b), v in by_year(day_deltas).items()
        ]
        RollupYear.objects.bulk_create(years, batch_size=BATCH)
        counts["years"] += len(years)
        counts["organizations"] += 1
        counts["days"] += len(days)
        counts["months"] += len(months)
    counts["members"] = writer.write()
    return counts


def _stored(model, date_field: str, organization_id: int) -> Counter:
    rows = model.objects.filter(organization_id=organization_id).exclude(delta=0)
    return Counter(
        {
            (organization_id, day, dim, bucket): delta
            for day, dim, bucket, delta in rows.values_list(date_field, "dimension", "bucket", "delta")
        }
    )


def verify_python() -> list[str]:
    """Differences between the stored rollups and the raw rows, one line each (empty when they agree)."""
    problems: list[str] = []
    seen: set[int] = set()
    for organization_id, day_deltas in computed():
        seen.add(organization_id)
        problems += _diff("day", _stored(RollupDay, "day", organization_id), day_deltas)
        problems += _diff("month", _stored(RollupMonth, "month", organization_id), by_month(day_deltas))
        problems += _diff("year", _stored(RollupYear, "year", organization_id), by_year(day_deltas))
    tables = ((RollupDay, "day", "day"), (RollupMonth, "month", "month"), (RollupYear, "year", "year"))
    for model, date_field, table in tables:
        extra = model.objects.exclude(delta=0).exclude(organization_id__in=seen)
        for organization_id in extra.values_list("organization_id", flat=True).distinct():
            problems += _diff(table, _stored(model, date_field, organization_id), Counter())
    return problems


def _diff(table: str, stored: Counter, expected: Counter) -> list[str]:
    lines = []
    for key in sorted(set(stored) | set(expected), key=str):
        if stored.get(key, 0) != expected.get(key, 0):
            lines.append(difference_line(table, *key, stored.get(key, 0), expected.get(key, 0)))
    return lines
