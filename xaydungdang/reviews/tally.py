"""The exact tallies of reviews (ReviewTally: members per dossier; ReviewPeriodTally: members and organizations
by kind per period): kept in the writer's transaction, rebuilt and verified from the reviews themselves.

Every write of a member's Review row calls one of the hooks below inside its transaction, after the row is
written: rows added (`tally_rows_added`), one row changed (`tally_row_changed`, with the key read under the
row's lock before the change), a dossier approved (`tally_dossier_approved`, the only change of status the
period tally sees). Deletes need no hook: a review is only deleted with its dossier or period, and the tallies
go with them (CASCADE). The key is the dossier, not its organization: moving a subtree or a member changes no
tally, since the results join the dossiers to today's tree when they read. An organization's kind is set when
it is created (organizations.services edits no kind), so the period tally may keep it.
"""

from collections import Counter

from django.db import connection, transaction
from django.db.models import CharField, Count, Sum, Value
from django.db.models.functions import Coalesce

from xaydungdang.organizations.models import Organization
from xaydungdang.reviews.choices import DossierStatus
from xaydungdang.reviews.models import Dossier, Review, ReviewPeriodTally, ReviewTally
from xaydungdang.reviews.querysets import approved_dossier

TALLY, PERIOD_TALLY = ReviewTally._meta.db_table, ReviewPeriodTally._meta.db_table
REVIEWS, DOSSIERS, ORGANIZATIONS = Review._meta.db_table, Dossier._meta.db_table, Organization._meta.db_table
# (period id, dossier id, organization kind or "" for a member, level, self_assessed)
Key = tuple[int, int, str, str, bool]
SHARDS = 16  # rows per (period, approval, subject, level, self-review) of the period tally

_UPSERT = (
    f"INSERT INTO {TALLY} (period_id, dossier_id, level, self_assessed, count) VALUES (%s, %s, %s, %s, %s) "  # noqa: S608 - our table name
    f"ON CONFLICT (dossier_id, level, self_assessed) DO UPDATE SET count = {TALLY}.count + excluded.count"
)
_UPSERT_PERIOD = (
    f"INSERT INTO {PERIOD_TALLY} (period_id, approved, organization_kind, level, self_assessed, shard, count) "  # noqa: S608 - our table name
    "VALUES (%s, %s, %s, %s, %s, %s, %s) "
    "ON CONFLICT (period_id, approved, organization_kind, level, self_assessed, shard) "
    f"DO UPDATE SET count = {PERIOD_TALLY}.count + excluded.count"
)
_FILL = (
    f"INSERT INTO {TALLY} (period_id, dossier_id, level, self_assessed, count) "  # noqa: S608 - our table names
    f"SELECT period_id, dossier_id, level, self_assessed, COUNT(*) FROM {REVIEWS} "
    "WHERE member_id IS NOT NULL{where} GROUP BY period_id, dossier_id, level, self_assessed"
)
_FILL_PERIOD_MEMBERS = (
    f"INSERT INTO {PERIOD_TALLY} (period_id, approved, organization_kind, level, self_assessed, shard, count) "  # noqa: S608 - our table names
    f"SELECT t.period_id, d.status = %s, '', t.level, t.self_assessed, t.dossier_id %% {SHARDS}, SUM(t.count) "
    f"FROM {TALLY} t JOIN {DOSSIERS} d ON d.id = t.dossier_id{{where}} "
    f"GROUP BY t.period_id, d.status = %s, t.level, t.self_assessed, t.dossier_id %% {SHARDS}"
)
_FILL_PERIOD_ORGANIZATIONS = (
    f"INSERT INTO {PERIOD_TALLY} (period_id, approved, organization_kind, level, self_assessed, shard, count) "  # noqa: S608 - our table names
    f"SELECT r.period_id, d.status = %s, o.kind, r.level, r.self_assessed, r.dossier_id %% {SHARDS}, COUNT(*) "
    f"FROM {REVIEWS} r JOIN {DOSSIERS} d ON d.id = r.dossier_id JOIN {ORGANIZATIONS} o ON o.id = r.organization_id "
    "WHERE r.organization_id IS NOT NULL{where} "
    f"GROUP BY r.period_id, d.status = %s, o.kind, r.level, r.self_assessed, r.dossier_id %% {SHARDS}"
)


def tally_key(review: Review, kind: str | None = None) -> Key:
    """What the row counts for: its period and dossier, its subject ("" for a member, else the kind of the
    organization rated), level and self-review."""
    subject = "" if review.member_id is not None else (kind or _kind_of(review))
    return (review.period_id, review.dossier_id, subject, review.level, bool(review.self_assessed))


def _kind_of(review: Review) -> str:
    """The rated organization's kind from what the caller loaded; one query when it loaded neither."""
    if Review.organization.is_cached(review):
        return review.organization.kind
    dossier = review.dossier if Review.dossier.is_cached(review) else None
    if (
        dossier is not None
        and dossier.organization_id == review.organization_id
        and Dossier.organization.is_cached(dossier)
    ):
        return dossier.organization.kind
    return Organization.objects.values_list("kind", flat=True).get(pk=review.organization_id)


def tally_rows_added(rows, *, approved: bool) -> None:
    """New Review rows were written in dossiers of that approval (a dossier's rows, a demo seed)."""
    rows = list(rows)
    unknown = {
        r.organization_id for r in rows if r.member_id is None and not Review.organization.is_cached(r)
    }  # fmt: skip
    kinds = dict(Organization.objects.filter(pk__in=unknown).values_list("pk", "kind")) if unknown else {}
    _apply(Counter(tally_key(r, kinds.get(r.organization_id)) for r in rows), approved=approved)


def tally_row_changed(before: Key, review: Review, *, approved: bool) -> None:
    """One row was saved; `before` is its key as read under the row's lock, before the change."""
    after = tally_key(review, before[2] or None)  # a row's subject never changes
    if before != after:
        _apply(Counter({before: -1, after: 1}), approved=approved)


def tally_dossier_approved(dossier: Dossier) -> None:
    """The dossier (locked by the caller) became approved: its rows move to the period's approved rows."""
    members = (
        ReviewTally.objects.filter(dossier=dossier).exclude(count=0).values_list("level", "self_assessed", "count")
    )
    organizations = (
        Review.objects.filter(dossier=dossier, organization__isnull=False)
        .order_by()
        .values_list("organization__kind", "level", "self_assessed")
        .annotate(n=Count("id"))
    )
    rows = [("", *row) for row in members] + list(organizations)
    shard = dossier.pk % SHARDS
    change = []
    for kind, level, assessed, n in rows:
        change += [
            (dossier.period_id, False, kind, level, assessed, shard, -n),
            (dossier.period_id, True, kind, level, assessed, shard, n),
        ]
    if change:
        with connection.cursor() as cursor:
            cursor.executemany(_UPSERT_PERIOD, sorted(change))  # one order of row locks for every writer


def _apply(change: Counter, *, approved: bool) -> None:
    dossiers = sorted(
        (period_id, dossier_id, level, assessed, delta)
        for (period_id, dossier_id, kind, level, assessed), delta in change.items()
        if delta and kind == ""
    )
    period: Counter = Counter()
    for (period_id, dossier_id, kind, level, assessed), delta in change.items():
        period[(period_id, approved, kind, level, assessed, dossier_id % SHARDS)] += delta
    periods = sorted((*key, delta) for key, delta in period.items() if delta)
    # Atomic increments, so concurrent writers add up; sorted, so they take the rows' locks in one order
    # (two writers moving members between the same two levels would otherwise deadlock).
    with connection.cursor() as cursor:
        if dossiers:
            cursor.executemany(_UPSERT, dossiers)
        if periods:
            cursor.executemany(_UPSERT_PERIOD, periods)


@transaction.atomic
def tally_rebuild(period_ids=None) -> int:
    """Recount both tallies from the reviews (all periods, or those given), set-based; returns the dossier rows."""
    ids = None if period_ids is None else list(period_ids)
    if ids is not None and not ids:
        return 0
    for model in (ReviewTally, ReviewPeriodTally):
        rows = model.objects.all() if ids is None else model.objects.filter(period_id__in=ids)
        rows._raw_delete(rows.db)  # nothing cascades from or listens to a tally
    marks = ", ".join(["%s"] * len(ids or []))
    approved = DossierStatus.APPROVED.value
    with connection.cursor() as cursor:
        cursor.execute(_FILL.format(where=f" AND period_id IN ({marks})" if ids else ""), ids or [])
        written = cursor.rowcount
        where = f" WHERE t.period_id IN ({marks})" if ids else ""
        cursor.execute(_FILL_PERIOD_MEMBERS.format(where=where), [approved, *(ids or []), approved])
        where = f" AND r.period_id IN ({marks})" if ids else ""
        cursor.execute(_FILL_PERIOD_ORGANIZATIONS.format(where=where), [approved, *(ids or []), approved])
    return written


def tally_differences(period_ids=None) -> list[str]:
    """Where the stored tallies and live grouped counts of the reviews disagree (empty when exact)."""
    reviews = Review.objects.order_by()
    tallies = ReviewTally.objects.exclude(count=0).order_by()
    periods = ReviewPeriodTally.objects.exclude(count=0).order_by()
    if period_ids is not None:
        reviews, tallies, periods = (q.filter(period_id__in=period_ids) for q in (reviews, tallies, periods))
    dossier_fields = ("period_id", "dossier_id", "level", "self_assessed")
    period_fields = ("period_id", "approved", "organization_kind", "level", "self_assessed")
    members = reviews.filter(member__isnull=False)
    live = _grouped(members.values_list(*dossier_fields).annotate(n=Count("id")))
    live_periods = _grouped(
        reviews.annotate(
            approved=approved_dossier(),
            organization_kind=Coalesce("organization__kind", Value(""), output_field=CharField()),
        )
        .values_list(*period_fields)
        .annotate(n=Count("id"))
    )
    return _compare("dossier", _grouped(tallies.values_list(*dossier_fields, "count")), live) + _compare(
        "period", _grouped(periods.values_list(*period_fields).annotate(n=Sum("count"))), live_periods
    )


def _grouped(rows) -> dict:
    return {tuple(row[:-1]): row[-1] for row in rows}


def _compare(what: str, stored: dict, counted: dict) -> list[str]:
    return [
        f"{what} {key}: stored {stored.get(key, 0)}, counted {counted.get(key, 0)}"
        for key in sorted(set(stored) | set(counted), key=str)
        if stored.get(key, 0) != counted.get(key, 0)
    ]
