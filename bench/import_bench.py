"""Import throughput: IMPORT_ROWS members (default 20,000) written to an .xlsx in the import template,
then checked and committed on PostgreSQL as `python manage.py import_members` would do it. Prints
rows/s for the whole import (read + check + write, one transaction) and for a re-import (no change) of
that file (inline strings, as our exports write them) and of the same rows saved with a shared-strings
table (as Excel, openpyxl and xlsxwriter's default mode save them), and
the peak memory (resident set) of each, against issue 10's goals: ≥ 10,000 new rows/s, ≥ 30,000
unchanged rows/s, memory flat in the number of rows. Writes rows {name, members, rows_per_s,
goal_rows_per_s, peak_mb} to bench/results.json.

Environment: IMPORT_ROWS, IMPORT_DATABASE_URL (postgres://postgres@127.0.0.1:5432/xaydungdang_import_bench;
the database is dropped and created anew), IMPORT_PROFILE (a folder: each run's cProfile stats are saved
there as import.prof and reimport.prof, to read with `python -m pstats`), IMPORT_PHASES (a comma-separated
subset of PHASES, e.g. "import"), IMPORT_SQL_BOUND (default 1: after the new members' import, the time COPY
alone takes to write the same rows again into tables with the same indexes, printed and saved beside
rows_per_s as sql_rows_per_s; 0 skips it), IMPORT_TRACEMALLOC (a number N: the N places that hold the most
Python memory when the last chunk is done, and tracemalloc's peak, printed; slows the phase down),
IMPORT_REPEAT (default 1: how many times each re-import runs, one after the
other; the first run of a file that is not the one last imported reads its rows and remembers their raw
XML, the next ones skip them unread).
"""

import contextlib
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from random import Random

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ROWS = int(os.environ.get("IMPORT_ROWS", "20000"))
DATABASE_URL = os.environ.get("IMPORT_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/xaydungdang_import_bench")
CELLS = 40
PROFILE = os.environ.get("IMPORT_PROFILE")
os.environ["DATABASE_URL"] = DATABASE_URL
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"]
MIDDLE = {"male": ["Văn", "Hữu", "Minh", "Quốc"], "female": ["Thị", "Ngọc", "Thu", "Kim"]}
GIVEN = ["An", "Bình", "Chi", "Dũng", "Hà", "Hùng", "Lan", "Mai", "Nam", "Phương", "Quân", "Tâm", "Thảo", "Tuấn"]


def fresh_database() -> None:
    import psycopg

    base, name = DATABASE_URL.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def setup_tree():
    from xaydungdang.access.choices import Role
    from xaydungdang.access.models import Assignment
    from xaydungdang.accounts.models import User
    from xaydungdang.organizations.choices import OrganizationKind as K
    from xaydungdang.organizations.tests.factories import make_org

    province = make_org(None, K.PROVINCIAL, "Đảng bộ tỉnh Thử nghiệm", "B92")
    commune = make_org(province, K.UPPER_GRASSROOTS, "Đảng bộ xã Thử nghiệm", "B92-X")
    codes = [make_org(commune, K.GRASSROOTS_CELL, f"Chi bộ ấp {i}", f"B92-X-{i:02d}").code for i in range(CELLS)]
    user = User.objects.create_user(username="bench-officer", password="x")  # noqa: S106
    Assignment.objects.create(user=user, role=Role.OFFICER, organization=province)
    return user, codes


def rows(codes: list[str]):
    random = Random(2025)
    for i in range(ROWS):
        gender = random.choice(["male", "female"])
        birth = dt.date(1960, 1, 1) + dt.timedelta(days=random.randrange(0, 365 * 30))
        admitted = birth + dt.timedelta(days=365 * 19 + random.randrange(0, 365 * 15))
        official = admitted + dt.timedelta(days=366) if admitted < dt.date(2024, 1, 1) else None
        yield {
            "full_name": f"{random.choice(SURNAMES)} {random.choice(MIDDLE[gender])} {random.choice(GIVEN)}",
            "gender": gender,
            "birth_date": birth,
            "ethnicity": "01",
            "religion": "none",
            "national_id": f"092{1 if gender == 'female' else 0}{birth.year % 100:02d}{i:06d}",
            "hometown": "Cần Thơ",
            "address": f"Số {i} đường Thử nghiệm",
            "phone": f"09{i:08d}",
            "organization_code": codes[i % len(codes)],
            "admission_date": admitted,
            "official_date": official,
            "record_number": f"B{i:07d}",
            "qualification": "bachelor",
            "theory_level": "elementary",
            "occupation": "farmer",
        }


PHASES = {
    "import": ("import (all new)", 10000),
    "reimport": ("re-import (no change)", 30000),
    "reimport shared strings": ("re-import (no change), file with shared strings", 30000),
}


def write_shared_strings(codes: list[str], target: str) -> None:
    """The same rows as write_xlsx writes them, by xlsxwriter's default mode: strings in a shared table."""
    import xlsxwriter

    from xaydungdang.exchange.columns import member_columns
    from xaydungdang.exchange.writers import cell_value

    columns = member_columns()
    book = xlsxwriter.Workbook(target, {"strings_to_numbers": False})
    sheet, dates = book.add_worksheet("Dữ liệu"), book.add_format({"num_format": "dd/mm/yyyy"})
    sheet.write_row(2, 0, [column.header + (" *" if column.required else "") for column in columns])
    for number, row in enumerate(rows(codes), start=3):
        for index, column in enumerate(columns):
            value = cell_value(column, row.get(column.field))
            if isinstance(value, dt.date):
                sheet.write_datetime(number, index, value, dates)
            elif value is not None:
                sheet.write(number, index, value)
    book.close()


def main() -> None:
    """Set up, write the file, then run each import in a process of its own, so that each one's peak
    memory is its own (a process keeps the memory it once used)."""
    phase = os.environ.get("IMPORT_PHASE")
    if phase:
        run_phase(phase)
        return
    fresh_database()
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from xaydungdang.exchange.columns import member_columns
    from xaydungdang.exchange.writers import write_xlsx

    _user, codes = setup_tree()
    started = time.perf_counter()
    with tempfile.NamedTemporaryFile(suffix=".xlsx", delete=False) as handle:
        write_xlsx(member_columns(), rows(codes), title="Bench", target=handle.name)
    size = Path(handle.name).stat().st_size
    print(f"wrote {ROWS:,} rows to .xlsx ({size / 1e6:.1f} MB) in {time.perf_counter() - started:.1f} s")
    shared = handle.name.replace(".xlsx", "-shared.xlsx")
    write_shared_strings(codes, shared)
    print(f"wrote the same rows with shared strings ({Path(shared).stat().st_size / 1e6:.1f} MB)")
    try:
        wanted = os.environ.get("IMPORT_PHASES")
        repeat = int(os.environ.get("IMPORT_REPEAT", "1"))
        for name in [n for n in PHASES if not wanted or n in wanted.split(",")]:
            for _time in range(1 if name == "import" else repeat):
                subprocess.run(  # noqa: S603 - this very script, with our own arguments
                    [sys.executable, __file__],
                    env={
                        **os.environ,
                        "IMPORT_PHASE": name,
                        "IMPORT_FILE": shared if "shared" in name else handle.name,
                    },
                    check=True,
                )
    finally:
        Path(handle.name).unlink()
        Path(shared).unlink()


def run_phase(name: str) -> None:
    import django

    django.setup()
    from xaydungdang.accounts.models import User
    from xaydungdang.exchange.services import import_batch_run, import_batch_start
    from xaydungdang.members.models import Member

    label, goal = PHASES[name]
    user = User.objects.get(username="bench-officer")
    batch = import_batch_start(actor=user, file_name="bench.xlsx", content=Path(os.environ["IMPORT_FILE"]).read_bytes())
    del batch.content  # the file stays in the database row; the job reads it from there
    reset_peak_memory()
    backend = _backend_pid()
    started, cpu, sql_cpu = time.perf_counter(), time.process_time(), _cpu_of(backend)
    batch = _run(import_batch_run, batch.pk, name)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    sql_cpu = _cpu_of(backend) - sql_cpu
    peak = peak_memory_mb()
    assert batch.status == "done", batch.errors[:5]
    rate = ROWS / seconds
    print(
        f"{label}: {batch.summary} in {seconds:.1f} s = {rate:,.0f} rows/s (goal ≥ {goal:,}/s),"
        f" peak memory {peak:,.0f} MB; this process's CPU {cpu:.1f} s, its PostgreSQL backend's CPU {sql_cpu:.1f} s"
        " (the rest: waiting for a core or the disk)"
    )
    assert Member.objects.count() == ROWS
    bound = None
    if name == "import" and os.environ.get("IMPORT_SQL_BOUND", "1") != "0":
        from import_bound import copy_bound  # bench/, beside this script

        bound_s, written = copy_bound()
        bound = ROWS / bound_s
        print(
            f"  SQL bound: COPY of the same {written:,} rows (members, events, periods, their history, rollup rows,"
            f" footprints, remembered rows) into tables with the same indexes: {bound_s:.1f} s = {bound:,.0f} members/s"
        )
    record_result(f"import {name}", rate, goal, peak, cpu=cpu, sql_rate=bound)


def _backend_pid() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def _cpu_of(pid: int) -> float:
    """CPU seconds (user + system) a process on this machine spent so far (the database runs here)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def reset_peak_memory() -> None:
    """Start the process's peak resident set (VmHWM) afresh (Linux: /proc/self/clear_refs)."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def peak_memory_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def record_result(name: str, rate: float, goal: int, peak: float, *, cpu: float, sql_rate: float | None) -> None:
    """Append to bench/results.json (written by bench/run.py) so figures can be compared over time."""
    path = Path(__file__).resolve().parent / "results.json"
    results = json.loads(path.read_text()) if path.exists() else []
    results = [r for r in results if not (r["name"] == name and r.get("members") == ROWS)]
    row = {"name": name, "members": ROWS, "rows_per_s": round(rate), "goal_rows_per_s": goal, "peak_mb": round(peak)}
    row["cpu_s"] = round(cpu, 1)
    if sql_rate is not None:
        row["sql_rows_per_s"] = round(sql_rate)
    results.append(row)
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")


def _run(import_batch_run, batch_id: int, name: str):
    if os.environ.get("IMPORT_TRACEMALLOC"):
        return _traced(import_batch_run, batch_id, int(os.environ["IMPORT_TRACEMALLOC"]))
    if os.environ.get("IMPORT_SQL_TIMES"):
        with _sql_times():
            return import_batch_run(batch_id=batch_id, commit=True)
    if not PROFILE:
        return import_batch_run(batch_id=batch_id, commit=True)
    import cProfile

    profiler = cProfile.Profile()
    batch = profiler.runcall(import_batch_run, batch_id=batch_id, commit=True)
    Path(PROFILE).mkdir(parents=True, exist_ok=True)
    profiler.dump_stats(Path(PROFILE) / f"{name.replace(' ', '-')}.prof")
    return batch


def _traced(import_batch_run, batch_id: int, top: int):
    """The import under tracemalloc: what Python holds once the last chunk is done (the import's state is
    still alive then), by line, and the peak of the whole run."""
    import tracemalloc

    tracemalloc.start()
    held = []

    def progress(done: int) -> None:
        if done >= ROWS and not held:
            held.append(tracemalloc.take_snapshot())

    batch = import_batch_run(batch_id=batch_id, commit=True, progress=progress)
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"  tracemalloc: peak {peak / 1e6:.1f} MB, {current / 1e6:.1f} MB at the end")
    if held:
        stats = held[0].filter_traces([tracemalloc.Filter(False, tracemalloc.__file__)]).statistics("lineno")
        print(f"  held when the last chunk was done: {sum(s.size for s in stats) / 1e6:.1f} MB; the largest:")
        for stat in stats[:top]:
            print(f"    {stat.size / 1e6:7.2f} MB {stat.count:8d} blocks {stat.traceback[0]}")
    return batch


@contextlib.contextmanager
def _sql_times(top: int = 20):
    """Print the statements that took longest (IMPORT_SQL_TIMES=1), COPY and COMMIT included."""
    from django.db import connection

    times: dict[str, list[float]] = {}

    def timed(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            times.setdefault(" ".join(sql.split())[:110], []).append(time.perf_counter() - started)

    from xaydungdang.core import bulk

    copy, commit = bulk.copy, connection.commit

    def copy_timed(table, rows):
        started = time.perf_counter()
        try:
            return copy(table, rows)  # the rows built meanwhile (a generator) count here too
        finally:
            times.setdefault(f"COPY {table.model._meta.db_table}", []).append(time.perf_counter() - started)

    def commit_timed():
        started = time.perf_counter()
        try:
            return commit()
        finally:
            times.setdefault("COMMIT", []).append(time.perf_counter() - started)

    bulk.copy, connection.commit = copy_timed, commit_timed
    try:
        with connection.execute_wrapper(timed):
            yield
    finally:
        bulk.copy = copy
        del connection.commit
    for sql, found in sorted(times.items(), key=lambda item: -sum(item[1]))[:top]:
        print(f"  {sum(found):7.2f} s {len(found):5d}x {sql}")


if __name__ == "__main__":
    main()
