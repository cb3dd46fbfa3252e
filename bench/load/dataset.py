"""The load test's dataset: the bench generator's national shape (bench/run.py) at BENCH_MEMBERS (200,000)
in BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/xyd_load); reused when it already matches."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
os.environ.setdefault("BENCH_MEMBERS", "200000")
os.environ.setdefault("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/xyd_load")
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

import run  # noqa: E402  (bench/run.py: ensure_database, build_dataset)


def ensure() -> None:
    reused = run.ensure_database()
    import django

    django.setup()
    from django.core.management import call_command

    if reused:
        print(f"reusing the dataset of {run.MEMBERS:,} members in {run.DATABASE_URL.rsplit('/', 1)[1]}")
        call_command("migrate", verbosity=0, skip_checks=True)
    else:
        run.build_dataset()


if __name__ == "__main__":
    ensure()
