"""Time reports.selectors.subtree_statistics for the root, the largest province and a commune of ~1,500
members, today and on a past date, beside the live SQL bound for the same counts, on the PostgreSQL
database given by DATABASE_URL (e.g. the benchmark's xaydungdang_bench, after `bench/run.py` built it).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/xaydungdang_bench .venv/bin/python bench/reports_bench.py

Columns: rollup (the application's path: rollups at the root and provinces, live below), live (the same
selector with use_rollups=False: one filtered-count scan of the subtree's periods), sql (bench/cases.py's
raw GROUP BY by status, gender, minority and age band: the bound of a live query). Median of RUNS runs.
"""

import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
    sys.exit("DATABASE_URL must name a PostgreSQL database (e.g. .../xaydungdang_bench)")

import django  # noqa: E402

django.setup()

from bench.cases import STATS_SQL, pick_subtrees, raw  # noqa: E402
from xaydungdang.core.dates import today  # noqa: E402
from xaydungdang.organizations.models import Organization  # noqa: E402
from xaydungdang.reports.selectors import subtree_statistics  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
LIVE_UP_TO_DEPTH = int(os.environ.get("BENCH_LIVE_DEPTH", "2"))  # the live root scan takes long: skip with 1


def median_ms(function, runs: int = RUNS) -> float:
    function()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    root = Organization.objects.get_root_nodes().first()
    subtrees = pick_subtrees(root)
    days = {"today": today(), "past": dt.date(today().year - 5, 6, 30)}
    print(f"{'subtree':40} {'date':>10} {'rollup ms':>10} {'live ms':>10} {'sql ms':>10}")
    for label, organization in subtrees.items():
        for day_label, day in days.items():
            app = median_ms(lambda o=organization, d=day: subtree_statistics(organization=o, on=d))
            live = (
                median_ms(
                    lambda o=organization, d=day: subtree_statistics(organization=o, on=d, use_rollups=False), runs=1
                )
                if organization.depth <= LIVE_UP_TO_DEPTH or organization.depth > 2
                else float("nan")
            )
            sql = median_ms(
                raw(STATS_SQL, prefix=f"{organization.path}%", day=day), runs=1 if organization.depth == 1 else RUNS
            )
            print(f"{label[:40]:40} {day_label:>10} {app:10.1f} {live:10.1f} {sql:10.1f}")


if __name__ == "__main__":
    main()
