"""Rebuild the rollups from the raw members and periods, and verify the stored ones against them.

Two engines give the same rows: on PostgreSQL the database computes them set-based (rollups.sql, minutes
at national size); elsewhere, and as the reference the tests hold it to, Python sums each member's
contributions (rollups.python).
"""

from django.db import connection, transaction

from xaydungdang.core.bulk import analyze
from xaydungdang.reports.models import RollupDay, RollupFeature, RollupFootprint, RollupMonth, RollupYear
from xaydungdang.reports.rollups import version
from xaydungdang.reports.rollups.python import by_month, computed, rebuild_python, verify_python

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
def rebuild(*, engine: str | None = None) -> dict[str, int]:
    """Replace every rollup row and footprint by what the raw rows give. Returns row counts.

    The rollups are then complete for every feature (RollupFeature), and on PostgreSQL their tables are
    analysed: the planner's statistics of rows just rewritten are stale otherwise.
    """
    if _engine(engine) == "sql":
        from xaydungdang.reports.rollups.sql import rebuild_sql

        counts = rebuild_sql()
    else:
        counts = rebuild_python()
    for feature in (RollupFeature.CHANGES, RollupFeature.UPPER_GRASSROOTS):
        RollupFeature.objects.get_or_create(name=feature)
    version.bump_all()
    analyze(RollupDay, RollupMonth, RollupYear, RollupFootprint)
    return counts


def verify(*, engine: str | None = None) -> list[str]:
    """Differences between the stored rollups and the raw rows, one line each (empty when they agree)."""
    if _engine(engine) == "sql":
        from xaydungdang.reports.rollups.sql import verify_sql

        return verify_sql()
    return verify_python()
