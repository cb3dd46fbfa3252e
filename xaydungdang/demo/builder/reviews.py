# ruff: noqa: S608 - SQL is built only from our models' table names; every value is a bound parameter
"""Review periods for a benchmark dataset (PostgreSQL, set-based): a yearly period opened by the root for
each of a few past years, approved and locked, with a dossier per organization below the root, a review
of each member counted in a member-holding organization on the period's last day (in their cell's
dossier), and a review of each organization below the root (in its parent's dossier).

Levels are drawn from a hash of (year, subject), so the same dataset gives the same rows: about 15 %
excellent, 65 % good, 17 % completed, 3 % failed, and 2 % of members not rated (new members).
Counting rows is what the benchmark measures (reviews.selectors), not the rules of each level.
"""

from django.db import connection

from xaydungdang.members.models import Member, MembershipPeriod
from xaydungdang.organizations.models import Organization
from xaydungdang.reviews.models import Dossier, Review, ReviewPeriod, ReviewPeriodTally, ReviewTally
from xaydungdang.reviews.tally import tally_rebuild

PERIODS, DOSSIERS, REVIEWS = ReviewPeriod._meta.db_table, Dossier._meta.db_table, Review._meta.db_table
TALLIES = f"{ReviewTally._meta.db_table}, {ReviewPeriodTally._meta.db_table}"
ORGANIZATIONS, MEMBERS = Organization._meta.db_table, Member._meta.db_table
MEMBER_PERIODS = MembershipPeriod._meta.db_table

# A level from a number in 0..99 (the subject's hash for the year).
_LEVEL = """CASE WHEN {h} < 15 THEN 'excellent' WHEN {h} < 80 THEN 'good'
                 WHEN {h} < 97 THEN 'completed' ELSE 'failed' END"""
_HASH = "abs(hashtext(%(year)s::text || '-' || {subject})) %% 100"

PERIOD = f"""
INSERT INTO {PERIODS} (kind, year, quarter, term_label, name, starts_on, ends_on, is_locked, locked_at, opened_by_id,
                       organization_id)
VALUES ('year', %(year)s, NULL, '', %(name)s, make_date(%(year)s, 1, 1), make_date(%(year)s, 12, 31), true, now(), NULL,
        %(root)s)
RETURNING id
"""

DOSSIER_ROWS = f"""
INSERT INTO {DOSSIERS} (period_id, organization_id, status, submitted_at, decided_at, comment)
SELECT %(period)s, o.id, 'approved', now(), now(), '' FROM {ORGANIZATIONS} o
"""

_REVIEW_COLUMNS = """(period_id, dossier_id, member_id, organization_id, scores, score, task_progress, serious_violation,
    disciplined, discipline_note, sick_leave_months, shortcomings_fixed, unit_disciplined, self_assessed, not_rated,
    chosen_level, proposed_level, level, reasons, note, override_reason)"""

MEMBER_REVIEWS = f"""
INSERT INTO {REVIEWS} {_REVIEW_COLUMNS}
SELECT DISTINCT ON (p.member_id) %(period)s, d.id, p.member_id, NULL, '{{}}', NULL, 'on_time', false, false, '', 0, true, false,
       x.h < 95, CASE WHEN x.h >= 98 THEN 'new_member' ELSE '' END, '', lv.level,
       CASE WHEN x.h >= 98 THEN '' ELSE lv.level END, '[]', '', ''
  FROM {MEMBER_PERIODS} p
  JOIN {DOSSIERS} d ON d.period_id = %(period)s AND d.organization_id = p.organization_id
 CROSS JOIN LATERAL (SELECT {_HASH.format(subject="p.member_id")} AS h) x
 CROSS JOIN LATERAL (SELECT {_LEVEL.format(h="(x.h * 7 %% 100)")} AS level) lv
 WHERE p.attachment = 'official' AND p.status IN ('probationary', 'official')
   AND p.valid_from <= make_date(%(year)s, 12, 31)
   AND (p.valid_to IS NULL OR p.valid_to > make_date(%(year)s, 12, 31))
 ORDER BY p.member_id, p.valid_from DESC
"""

ORGANIZATION_REVIEWS = f"""
INSERT INTO {REVIEWS} {_REVIEW_COLUMNS}
SELECT %(period)s, d.id, NULL, o.id, '{{}}', NULL, 'on_time', false, false, '', 0, true, false, true, '', '',
       lv.level, lv.level, '[]', '', ''
  FROM {ORGANIZATIONS} o
  JOIN {ORGANIZATIONS} parent ON parent.path = substr(o.path, 1, length(o.path) - %(step)s)
  JOIN {DOSSIERS} d ON d.period_id = %(period)s AND d.organization_id = parent.id
 CROSS JOIN LATERAL (SELECT {_LEVEL.format(h=_HASH.format(subject="o.id"))} AS level) lv
 WHERE o.depth > 1
"""


def build_reviews(years: list[int], root_id: int) -> dict[str, int]:
    """Add the periods of `years` (one query per table per year) and their tallies (reviews.tally, two grouped
    inserts per year); returns the rows written. Then ANALYZE."""
    written = {"periods": 0, "dossiers": 0, "reviews": 0, "tallies": 0}
    with connection.cursor() as cursor:
        for year in years:
            name = f"Kiểm điểm, đánh giá, xếp loại chất lượng năm {year}"
            cursor.execute(PERIOD, {"year": year, "name": name, "root": root_id})
            period = cursor.fetchone()[0]
            written["periods"] += 1
            params = {"period": period, "year": year, "step": Organization.steplen}
            cursor.execute(DOSSIER_ROWS, params)
            written["dossiers"] += cursor.rowcount
            for statement in (MEMBER_REVIEWS, ORGANIZATION_REVIEWS):
                cursor.execute(statement, params)
                written["reviews"] += cursor.rowcount
            written["tallies"] += tally_rebuild([period])
        cursor.execute(f"ANALYZE {PERIODS}, {DOSSIERS}, {REVIEWS}, {TALLIES}")
    return written
