"""Rebuild the rollups from the raw members and periods, and verify the stored ones against them.

Two engines give the same rows: on PostgreSQL the database computes them set-based (rollups.sql, minutes
at national size); elsewhere, and as the reference the tests hold it to, Python sums each member's
contributions (rollups.python).
"""

from django.db import connection, transaction

from xaydungdang.core.bulk import analyze
from xaydungdang.organizations.choices import OrganizationKind
from xaydungdang.reports.models import RollupDay, RollupFeature, RollupFootprint, RollupMonth, RollupYear
from xaydungdang.reports.rollups import version
from xaydungdang.reports.rollups.python import by_month, computed, rebuild_python, verify_python
from xaydungdang.reports.rollups.store import ROLLUP_KINDS

__all__ = ["by_month", "computed", "default_engine", "rebuild", "verify"]

ENGINES = ("sql", "python")


def default_engine() -> str:
    return "sql" if connection.vendor == "postgresql" else "python"


def _engine(engine: str | None) -> str:
    engine = engine or default_engine()
    if engine not in ENGINES:
        raise ValueError(f"Unknown rollup engine {engine!r}")
    if engine == "sql" and connection.vendor != "postgresql":
        raise ValueError("The set-based rollup engine needs PostgreSQL")
    return engine


@transaction.atomic
def rebuild(*, engine: str | None = None, without_communes: bool = False) -> dict[str, int]:
    """Replace every rollup row and footprint by what the raw rows give. Returns row counts.

    The rollups are then complete for every feature (RollupFeature), and on PostgreSQL their tables are
    analysed: the planner's statistics of rows just rewritten are stale otherwise.

    `without_communes` (PostgreSQL) builds only the root's and the provinces' rows, a small part of the
    whole at national size (communes hold most rows: one per day a commune's members changed): the
    communes' rows are deleted and their feature unmarked, so they are counted live (readiness) until a
    full rebuild.
    """
    if without_communes and _engine(engine) != "sql":
        raise ValueError("Rebuilding without the communes needs the set-based engine (PostgreSQL)")
    if _engine(engine) == "sql":
        from xaydungdang.reports.rollups.sql import rebuild_sql

        counts = rebuild_sql(ROLLUP_KINDS - {OrganizationKind.UPPER_GRASSROOTS} if without_communes else ROLLUP_KINDS)
    else:
        counts = rebuild_python()
    RollupFeature.objects.get_or_create(name=RollupFeature.CHANGES)
    RollupFeature.objects.get_or_create(name=RollupFeature.ADMISSIONS)
    if without_communes:
        RollupFeature.objects.filter(name=RollupFeature.UPPER_GRASSROOTS).delete()
    else:
        RollupFeature.objects.get_or_create(name=RollupFeature.UPPER_GRASSROOTS)
    version.bump_all()
    analyze(RollupDay, RollupMonth, RollupYear, RollupFootprint)
    return counts


def verify(*, engine: str | None = None) -> list[str]:
    """Differences between the stored rollups and the raw rows, one line each (empty when they agree)."""
    if _engine(engine) == "sql":
        from xaydungdang.reports.rollups.sql import verify_sql

        return verify_sql()
    return verify_python()
