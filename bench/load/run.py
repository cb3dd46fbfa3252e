"""`make load`: gunicorn (deploy/gunicorn.conf.py) on the 200,000-member PostgreSQL dataset, then locust
headless at each user count (LOAD_USERS, default "20 100") for LOAD_SECONDS (60) each; prints requests/s,
p50/p95/p99 and errors per run and per request kind, writes bench/load/results.json. See bench/README.md."""

import csv
import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = ROOT / "bench" / "load"
PORT = int(os.environ.get("LOAD_PORT", "8010"))
HOST = f"http://127.0.0.1:{PORT}"
USERS = [int(n) for n in os.environ.get("LOAD_USERS", "20 100").split()]
SECONDS = int(os.environ.get("LOAD_SECONDS", "60"))
WORKERS = os.environ.get("LOAD_WORKERS", "4")
APP_PYTHON = ROOT / ".venv" / "bin" / "python"
LOCUST = ROOT / ".venv-load" / "bin" / "locust"


def server_env() -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "load_settings",
        "PYTHONPATH": os.pathsep.join([str(HERE), str(ROOT)]),
        "WEB_CONCURRENCY": WORKERS,
        "GUNICORN_BIND": f"127.0.0.1:{PORT}",
        "GUNICORN_ACCESSLOG": os.environ.get("GUNICORN_ACCESSLOG", "/dev/null"),
        "GUNICORN_MAX_REQUESTS": "0",
    }


def start_server() -> subprocess.Popen:
    command = [str(APP_PYTHON), "-m", "gunicorn", "-c", str(ROOT / "deploy" / "gunicorn.conf.py"), "config.wsgi"]
    server = subprocess.Popen(command, cwd=ROOT, env=server_env())  # noqa: S603
    for _ in range(120):
        try:
            with urllib.request.urlopen(f"{HOST}/healthz", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("gunicorn did not answer /healthz")


def run_locust(users: int) -> list[dict]:
    prefix = HERE / "results" / f"u{users}"
    prefix.parent.mkdir(exist_ok=True)
    command = [
        str(LOCUST), "-f", str(HERE / "locustfile.py"), "--headless", "--host", HOST,
        "-u", str(users), "-r", str(max(1, users // 10)), "-t", f"{SECONDS}s",
        "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING",
    ]  # fmt: skip
    subprocess.run(command, cwd=HERE, check=False)  # noqa: S603 (exit 1 when a request failed: reported below)
    with open(f"{prefix}_stats.csv", newline="") as handle:
        return list(csv.DictReader(handle))


def figures(row: dict) -> dict:
    return {
        "name": row["Name"],
        "requests": int(row["Request Count"]),
        "failures": int(row["Failure Count"]),
        "rps": round(float(row["Requests/s"]), 1),
        "p50": int(float(row["50%"])),
        "p95": int(float(row["95%"])),
        "p99": int(float(row["99%"])),
    }


def main() -> None:
    if not LOCUST.exists():
        raise SystemExit("locust is missing: make load installs it in .venv-load (bench/requirements-load.txt)")
    subprocess.run([str(APP_PYTHON), str(HERE / "prepare.py")], cwd=ROOT, env=server_env(), check=True)  # noqa: S603
    server = start_server()
    results = []
    try:
        for users in USERS:
            rows = [figures(row) for row in run_locust(users)]
            results.append({"users": users, "seconds": SECONDS, "workers": int(WORKERS), "rows": rows})
    finally:
        server.terminate()
        server.wait(timeout=30)
    (HERE / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f"\n{'users':>5} {'request':<22} {'count':>7} {'errors':>6} {'req/s':>7} {'p50':>6} {'p95':>6} {'p99':>6}")
    for run in results:
        for row in run["rows"]:
            print(
                f"{run['users']:>5} {row['name'][:22]:<22} {row['requests']:>7} {row['failures']:>6} {row['rps']:>7} "
                f"{row['p50']:>6} {row['p95']:>6} {row['p99']:>6}"
            )
    failed = sum(row["failures"] for run in results for row in run["rows"] if row["name"] == "Aggregated")
    print(f"\nlatencies in ms; {failed} failed requests in all")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
