"""The exact tallies of member reviews (ReviewTally per dossier, ReviewPeriodTally per period): kept in the
writer's transaction, rebuilt and verified from the reviews themselves.

Every write of a member's Review row calls one of the hooks below inside its transaction, after the row is
written: rows added (`tally_rows_added`), one row changed (`tally_row_changed`, with the key read under the
row's lock before the change), a dossier approved (`tally_dossier_approved`, the only change of status the
period tally sees). Deletes need no hook: a review is only deleted with its dossier or period, and the tallies
go with them (CASCADE). The key is the dossier, not its organization: moving a subtree or a member changes no
tally, since the results join the dossiers to today's tree when they read.
"""

from collections import Counter

from django.db import connection, transaction
from django.db.models import BooleanField, Case, Count, Sum, Value, When

from xaydungdang.reviews.choices import DossierStatus
from xaydungdang.reviews.models import Dossier, Review, ReviewPeriodTally, ReviewTally

TALLY, PERIOD_TALLY = ReviewTally._meta.db_table, ReviewPeriodTally._meta.db_table
REVIEWS, DOSSIERS = Review._meta.db_table, Dossier._meta.db_table
# (period id, dossier id, level, self_assessed) and whether the dossier is approved
Key = tuple[int, int, str, bool]

_UPSERT = (
    f"INSERT INTO {TALLY} (period_id, dossier_id, level, self_assessed, count) VALUES (%s, %s, %s, %s, %s) "  # noqa: S608 - our table name
    f"ON CONFLICT (dossier_id, level, self_assessed) DO UPDATE SET count = {TALLY}.count + excluded.count"
)
_UPSERT_PERIOD = (
    f"INSERT INTO {PERIOD_TALLY} (period_id, approved, level, self_assessed, count) VALUES (%s, %s, %s, %s, %s) "  # noqa: S608 - our table name
    f"ON CONFLICT (period_id, approved, level, self_assessed) DO UPDATE SET count = {PERIOD_TALLY}.count + excluded.count"
)
_FILL = (
    f"INSERT INTO {TALLY} (period_id, dossier_id, level, self_assessed, count) "  # noqa: S608 - our table names
    f"SELECT period_id, dossier_id, level, self_assessed, COUNT(*) FROM {REVIEWS} "
    "WHERE member_id IS NOT NULL{where} GROUP BY period_id, dossier_id, level, self_assessed"
)
_FILL_PERIOD = (
    f"INSERT INTO {PERIOD_TALLY} (period_id, approved, level, self_assessed, count) "  # noqa: S608 - our table names
    f"SELECT t.period_id, d.status = %s, t.level, t.self_assessed, SUM(t.count) "
    f"FROM {TALLY} t JOIN {DOSSIERS} d ON d.id = t.dossier_id{{where}} "
    "GROUP BY t.period_id, d.status = %s, t.level, t.self_assessed"
)


def tally_key(review: Review) -> Key | None:
    """What the row counts for, or None for an organization's own row (the tallies count members)."""
    if review.member_id is None:
        return None
    return (review.period_id, review.dossier_id, review.level, bool(review.self_assessed))


def tally_rows_added(rows, *, approved: bool) -> None:
    """New Review rows were written in dossiers of that approval (a dossier's rows, a demo seed)."""
    _apply(Counter(key for key in map(tally_key, rows) if key is not None), approved=approved)


def tally_row_changed(before: Key | None, review: Review, *, approved: bool) -> None:
    """One row was saved; `before` is its key as read under the row's lock, before the change."""
    after = tally_key(review)
    if before == after:
        return
    change: Counter = Counter()
    if before is not None:
        change[before] -= 1
    if after is not None:
        change[after] += 1
    _apply(change, approved=approved)


def tally_dossier_approved(dossier: Dossier) -> None:
    """The dossier (locked by the caller) became approved: its members move to the period's approved rows."""
    rows = ReviewTally.objects.filter(dossier=dossier).exclude(count=0).values_list("level", "self_assessed", "count")
    change = []
    for level, assessed, count in rows:
        change += [
            (dossier.period_id, False, level, assessed, -count),
            (dossier.period_id, True, level, assessed, count),
        ]
    if change:
        with connection.cursor() as cursor:
            cursor.executemany(_UPSERT_PERIOD, change)


def _apply(change: Counter, *, approved: bool) -> None:
    rows = [(*key, delta) for key, delta in change.items() if delta]
    if not rows:
        return
    period: Counter = Counter()
    for period_id, _dossier_id, level, assessed, delta in rows:
        period[(period_id, approved, level, assessed)] += delta
    with connection.cursor() as cursor:  # atomic increments: concurrent writers add up
        cursor.executemany(_UPSERT, rows)
        cursor.executemany(_UPSERT_PERIOD, [(*key, delta) for key, delta in period.items() if delta])


@transaction.atomic
def tally_rebuild(period_ids=None) -> int:
    """Recount both tallies from the reviews (all periods, or those given), set-based; returns the dossier rows."""
    ids = None if period_ids is None else list(period_ids)
    if ids is not None and not ids:
        return 0
    for model in (ReviewTally, ReviewPeriodTally):
        rows = model.objects.all() if ids is None else model.objects.filter(period_id__in=ids)
        rows._raw_delete(rows.db)  # nothing cascades from or listens to a tally
    where, params = "", []
    if ids is not None:
        where, params = f" AND period_id IN ({', '.join(['%s'] * len(ids))})", ids
    with connection.cursor() as cursor:
        cursor.execute(_FILL.format(where=where), params)
        written = cursor.rowcount
        period_where = where.replace(" AND period_id", " WHERE t.period_id")
        approved = DossierStatus.APPROVED.value
        cursor.execute(_FILL_PERIOD.format(where=period_where), [approved, *params, approved])
    return written


def tally_differences(period_ids=None) -> list[str]:
    """Where the stored tallies and live grouped counts of the reviews disagree (empty when exact)."""
    reviews = Review.objects.filter(member__isnull=False).order_by()
    tallies = ReviewTally.objects.exclude(count=0).order_by()
    periods = ReviewPeriodTally.objects.exclude(count=0).order_by()
    if period_ids is not None:
        reviews, tallies, periods = (q.filter(period_id__in=period_ids) for q in (reviews, tallies, periods))
    dossier_fields = ("period_id", "dossier_id", "level", "self_assessed")
    period_fields = ("period_id", "approved", "level", "self_assessed")
    live = _grouped(reviews.values_list(*dossier_fields).annotate(n=Count("id")))
    live_periods = _grouped(
        reviews.annotate(approved=_approved())
        .values_list(*period_fields)
        .annotate(n=Count("id"))
        .values_list(*period_fields, "n")
    )
    return _compare("dossier", _grouped(tallies.values_list(*dossier_fields, "count")), live) + _compare(
        "period", _grouped(periods.values_list(*period_fields).annotate(n=Sum("count"))), live_periods
    )


def _approved():
    return Case(
        When(dossier__status=DossierStatus.APPROVED, then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )


def _grouped(rows) -> dict:
    return {tuple(row[:-1]): row[-1] for row in rows}


def _compare(what: str, stored: dict, counted: dict) -> list[str]:
    return [
        f"{what} {key}: stored {stored.get(key, 0)}, counted {counted.get(key, 0)}"
        for key in sorted(set(stored) | set(counted), key=str)
        if stored.get(key, 0) != counted.get(key, 0)
    ]
