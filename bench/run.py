"""`make bench`: a national-shaped dataset on PostgreSQL, then each operation through the application
beside its raw-SQL lower bound, measured in the same run. See bench/README.md.

Environment: BENCH_MEMBERS (default 1,000,000), BENCH_SEED (2025), BENCH_RUNS (7),
BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/xaydungdang_bench), BENCH_REBUILD=1 to rebuild,
BENCH_ROLLUPS=0 to build (or reuse) a dataset without the report rollups (hours at 5.5 M: the pages that
read them then count live), BENCH_ONLY=<prefix> to measure only some rows (`none`: build only).
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path
from random import Random

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
MEMBERS = int(os.environ.get("BENCH_MEMBERS", "1000000"))
SEED = int(os.environ.get("BENCH_SEED", "2025"))
RUNS = int(os.environ.get("BENCH_RUNS", "7"))
ROLLUPS = os.environ.get("BENCH_ROLLUPS", "1") != "0"
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/xaydungdang_bench")
DATASET_VERSION = 1  # bump when the generator changes shape
TARGETS_MS = {"stats commune": 50, "stats province": 500, "search": 200, "page": 100}
os.environ["DATABASE_URL"] = DATABASE_URL
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")


SQLITE = DATABASE_URL.startswith("sqlite:")


def ensure_database() -> bool:
    """Create the bench database if needed; True when it already holds this size, seed and version."""
    if SQLITE:
        return ensure_sqlite_database()
    import psycopg

    base, name = DATABASE_URL.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    with psycopg.connect(DATABASE_URL, autocommit=True) as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS bench_dataset (members int, seed int, version int)")
        row = conn.execute("SELECT members, seed, version FROM bench_dataset").fetchone()
        if row == (MEMBERS, SEED, DATASET_VERSION) and os.environ.get("BENCH_REBUILD") != "1":
            return True
    if row is not None or os.environ.get("BENCH_REBUILD") == "1":
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    return False


def ensure_sqlite_database() -> bool:
    """The same for a SQLite file (BENCH_DATABASE_URL=sqlite:////path/bench.sqlite3): removed when it does not match."""
    import sqlite3

    path = Path(DATABASE_URL.removeprefix("sqlite:///"))
    if path.exists() and os.environ.get("BENCH_REBUILD") != "1":
        with sqlite3.connect(path) as conn:
            conn.execute("CREATE TABLE IF NOT EXISTS bench_dataset (members int, seed int, version int)")
            if conn.execute("SELECT members, seed, version FROM bench_dataset").fetchone() == (
                MEMBERS,
                SEED,
                DATASET_VERSION,
            ):
                return True
    path.unlink(missing_ok=True)
    return False


def build_dataset() -> None:
    from django.core.management import call_command
    from django.db import connection, transaction
    from tqdm import tqdm

    from xaydungdang.core.dates import today
    from xaydungdang.demo.builder import build, shapes

    call_command("migrate", verbosity=0, skip_checks=True)
    plan = shapes.national(MEMBERS, Random(f"{SEED}-tree"))
    with transaction.atomic(), tqdm(total=MEMBERS, unit=" members") as bar:
        result = build(plan, members=MEMBERS, seed=SEED, today=today(), progress=bar.update)
    print(f"built {result.organizations:,} organizations, {MEMBERS:,} members, {result.events:,} events, "
          f"{result.periods:,} periods in {result.seconds:.0f} s ({MEMBERS / result.seconds:,.0f} members/s)")  # fmt: skip
    if ROLLUPS:
        rebuild_rollups()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if SQLITE else "VACUUM ANALYZE")
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_dataset (members int, seed int, version int)")
        cursor.execute("DELETE FROM bench_dataset")
        cursor.execute("INSERT INTO bench_dataset VALUES (%s, %s, %s)", [MEMBERS, SEED, DATASET_VERSION])


def rebuild_rollups() -> None:
    """The reports app's exact rollups (root and province dashboards read them), when that app has them."""
    try:
        from xaydungdang.reports.rollups.rebuild import rebuild
    except ImportError:
        print("reports.rollups not available: statistics will be live")
        return
    from django.db import transaction

    started = time.perf_counter()
    with transaction.atomic():
        counts = rebuild()
    print(f"rollups rebuilt in {time.perf_counter() - started:.0f} s: {counts}")


def ensure_reviews(years: int = 3) -> None:
    """Review periods of the last `years` years (demo.builder.reviews), added once to a dataset without any."""
    from django.db import transaction

    from xaydungdang.core.dates import today
    from xaydungdang.demo.builder.reviews import build_reviews
    from xaydungdang.organizations.models import Organization
    from xaydungdang.reviews.models import ReviewPeriod

    if SQLITE or ReviewPeriod.objects.exists():  # the set-based builder needs PostgreSQL
        return
    started = time.perf_counter()
    last = today().year - 1
    with transaction.atomic():
        written = build_reviews(list(range(last - years + 1, last + 1)), Organization.objects.get(depth=1).pk)
    print(f"review periods built in {time.perf_counter() - started:.0f} s: {written}")


def median_ms(function, runs: int = RUNS) -> float:
    function()  # warm-up: caches, plans, connection
    function()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def bench_user():
    from xaydungdang.access.choices import Role, Scope
    from xaydungdang.access.models import Assignment
    from xaydungdang.accounts.models import User
    from xaydungdang.organizations.models import Organization

    user, _ = User.objects.get_or_create(username="bench-admin")
    root = Organization.objects.get(depth=1)
    Assignment.objects.get_or_create(user=user, role=Role.ADMIN, organization=root, defaults={"scope": Scope.SUBTREE})
    return user, root


def target_of(name: str) -> int | None:
    for prefix, target in TARGETS_MS.items():
        if name.startswith(prefix):
            return target
    return None


def main() -> None:
    reused = ensure_database()
    import django

    django.setup()
    if reused:
        print(f"reusing the dataset of {MEMBERS:,} members (seed {SEED}) in {DATABASE_URL.rsplit('/', 1)[1]}")
        from django.core.management import call_command

        call_command("migrate", verbosity=0, skip_checks=True)
        from xaydungdang.reports.models import RollupFeature

        features = {RollupFeature.CHANGES, RollupFeature.UPPER_GRASSROOTS}
        if ROLLUPS and RollupFeature.objects.filter(name__in=features).count() < len(features):
            rebuild_rollups()  # a dataset built before the rollups kept the changes, or communes
    else:
        build_dataset()
    ensure_reviews()
    import cases

    from xaydungdang.core.dates import today

    user, root = bench_user()
    common, rare = "nguyen van hung", rare_name()
    if cases.statistics_function() is None:
        print("NOTE: reports.selectors.subtree_statistics is missing; statistics use an ORM fallback")
    words = {
        "common": common,
        "diacritics": "Nguyễn Thị Hồng",
        "rare": rare,
        "one word": "nguyen",
        "given name": "hung",
    }
    words["words in another order"] = "hung nguyen"  # the given name first: found since the word index
    words["prefixes"] = "ng v h"  # each begins many stored words
    words["no match"] = "nguyen xq"
    subtrees = cases.pick_subtrees(root)
    operations = cases.statistics_cases(subtrees, today())
    operations += cases.search_cases(common, rare)
    operations += cases.pages(user, subtrees, cases.biggest_cell(), today(), words)
    operations += cases.review_cases(user, subtrees)
    only = os.environ.get("BENCH_ONLY")  # a prefix of names, to re-measure a few
    results = [measure(name, app, sql) for name, app, sql in operations if not only or name.startswith(only)]
    save(results)
    print("figures are medians on a shared 2-core machine: expect noise of ±20%")


def measure(name: str, app, sql) -> dict:
    try:
        app_ms = median_ms(app)
    except Exception as error:  # noqa: BLE001 - a missing view or selector is reported, not fatal
        print(f"{name:<48} app failed: {error!r}")
        app_ms = None
    try:
        sql_ms = median_ms(sql)
    except Exception as error:  # noqa: BLE001 - the raw bounds are written for PostgreSQL (GROUPING SETS, age())
        if not SQLITE:
            raise
        print(f"{name:<48} no SQLite bound: {error}")
        sql_ms = None
    import cases

    target = cases.page_goal(name) or target_of(name)
    verdict = ""
    if app_ms is not None and sql_ms is not None:
        ratio = app_ms / max(sql_ms, 0.01)
        verdict = f"{ratio:5.1f}× SQL{' (over 1.5×)' if ratio > 1.5 else ''}"
        if target:
            verdict += f"; target {target} ms {'ok' if app_ms < target else 'MISSED'}"
    shown = f"{app_ms:9.1f}" if app_ms is not None else "        -"
    bound = f"{sql_ms:9.1f}" if sql_ms is not None else "        -"
    print(f"{name:<48} app {shown} ms   sql {bound} ms   {verdict}")
    return {
        "name": name,
        "members": MEMBERS,
        "app_ms": app_ms and round(app_ms, 2),
        "sql_ms": sql_ms and round(sql_ms, 2),
        "goal_ms": target,
        "database": "sqlite" if SQLITE else "postgresql",
    }


def save(results: list[dict]) -> None:
    """Into bench/results.json, replacing the rows of the same name, size and database (others are kept)."""
    path = ROOT / "bench" / "results.json"
    kept = json.loads(path.read_text()) if path.exists() else []
    key = lambda row: (row["name"], row.get("members"), row.get("database", "postgresql"))  # noqa: E731
    new = {key(row) for row in results}
    kept = [row for row in kept if key(row) not in new]
    path.write_text(json.dumps(kept + results, indent=2, ensure_ascii=False) + "\n")


def rare_name() -> str:
    """A Khmer name that few members share (deterministic for the dataset)."""
    from django.db.models import Count

    from xaydungdang.members.models import Member

    row = (
        Member.objects.filter(ethnicity="05")
        .values("search_name")
        .annotate(n=Count("id"))
        .filter(n__lte=3)
        .order_by("search_name")
        .first()
    )
    return row["search_name"] if row else "thach sa rinh"


if __name__ == "__main__":
    main()
