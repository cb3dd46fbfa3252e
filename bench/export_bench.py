"""Export throughput: the member list of a province of EXPORT_MEMBERS members (default 150,000) written as
.xlsx by the background job's writer (constant memory), timed, with the process's peak memory.

Uses the database of bench/import_bench.py (IMPORT_DATABASE_URL): run that first; members are added
(with the import's bulk path) until the province has EXPORT_MEMBERS. Writes a row {name, members,
app_ms, peak_mb} to bench/results.json.
"""

import datetime as dt
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
MEMBERS = int(os.environ.get("EXPORT_MEMBERS", "150000"))
DATABASE_URL = os.environ.get("IMPORT_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/xaydungdang_import_bench")
os.environ["DATABASE_URL"] = DATABASE_URL
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")


def top_up(user, codes, have: int) -> None:
    """Add members until there are MEMBERS (national IDs and record numbers after the import's)."""
    import import_bench
    from django.db import transaction

    from xaydungdang.exchange.member_batch import members_create_in_bulk
    from xaydungdang.exchange.member_import import _with_defaults
    from xaydungdang.organizations.models import Organization

    cells = {o.code: o for o in Organization.objects.filter(code__in=codes)}
    import_bench.ROWS = MEMBERS
    batch = []
    for i, row in enumerate(import_bench.rows(codes)):
        if i < have:
            continue
        organization = cells[row.pop("organization_code")]
        row["national_id"] = row["national_id"][:6] + f"{i:06d}"
        row.setdefault("admission_decision_date", None)
        batch.append((organization, _with_defaults(row)))
        if len(batch) == 10000:
            with transaction.atomic():
                members_create_in_bulk(actor=user, fields=batch, reason="bench")
            batch = []
    if batch:
        with transaction.atomic():
            members_create_in_bulk(actor=user, fields=batch, reason="bench")


def main() -> None:
    import django

    django.setup()
    from import_bench import peak_memory_mb, reset_peak_memory

    from xaydungdang.accounts.models import User
    from xaydungdang.exchange.exports_jobs import export_source
    from xaydungdang.members.models import Member
    from xaydungdang.organizations.models import Organization

    user = User.objects.get(username="bench-officer")
    province = Organization.objects.get(code="B92")
    codes = list(Organization.objects.filter(code__startswith="B92-X-").order_by("code").values_list("code", flat=True))
    have = Member.objects.count()
    if have < MEMBERS:
        started = time.perf_counter()
        top_up(user, codes, have)
        print(f"added {MEMBERS - have:,} members in {time.perf_counter() - started:.0f} s")
    source = export_source(user=user, kind="members", params={"filters": {"org": str(province.pk)}})
    reset_peak_memory()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.xlsx"
        started = time.perf_counter()
        source.write(str(path), lambda done: None)
        seconds = time.perf_counter() - started
        size = path.stat().st_size
    peak = peak_memory_mb()
    print(
        f"export of {source.total:,} members: {seconds:.1f} s = {source.total / seconds:,.0f} rows/s,"
        f" {size / 1e6:.1f} MB file, peak memory {peak:,.0f} MB ({dt.datetime.now():%H:%M})"
    )
    results = ROOT / "bench" / "results.json"
    rows = json.loads(results.read_text()) if results.exists() else []
    rows = [r for r in rows if not (r["name"] == "export members (job)" and r.get("members") == source.total)]
    rows.append(
        {
            "name": "export members (job)",
            "members": source.total,
            "app_ms": round(seconds * 1000),
            "peak_mb": round(peak),
        }
    )
    results.write_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
