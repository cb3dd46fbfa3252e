"""Screenshots of the main tasks for the user guide, from the demo (so they stay current): `make screenshots`.

A fresh demo SQLite database in /tmp, a live server on a free port, Debian's Chromium driven by Playwright,
each page at 1366 px and 390 px wide, saved as JPEG (quality 70) in docs/screenshots/NAME-WIDTH.jpg.

    .venv/bin/python docs/screenshots.py [--members 3000] [--keep-db]
"""

import argparse
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
DB = Path("/tmp/xaydungdang-screenshots.sqlite3")  # noqa: S108 - a throwaway demo database
CHROMIUM = "/usr/bin/chromium"
PASSWORD = "xaydungdang-demo"  # noqa: S105 - the public demo accounts
WIDTHS = {1366: 900, 390: 844}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _env() -> dict:
    return {**os.environ, "DATABASE_URL": f"sqlite:///{DB}", "DJANGO_SETTINGS_MODULE": "config.settings.local"}


def _manage(*args: str) -> str:
    command = [sys.executable, str(ROOT / "manage.py"), *args]
    return subprocess.run(command, cwd=ROOT, env=_env(), check=True, capture_output=True, text=True).stdout  # noqa: S603


def _ids() -> dict:
    """Ids of records to show, read from the demo database."""
    code = (
        "import json\n"
        "from xaydungdang.organizations.models import Organization\n"
        "from xaydungdang.members.models import Member\n"
        "from xaydungdang.reviews.models import ReviewPeriod, Dossier\n"
        "from xaydungdang.meetings.models import Meeting\n"
        "cell = Organization.objects.filter(kind__in=['cell','grassroots_cell'], members__isnull=False).order_by('path').first()\n"
        "member = Member.objects.filter(organization=cell, status='official').order_by('id').first()\n"
        "period = ReviewPeriod.objects.order_by('-year').first()\n"
        "dossier = Dossier.objects.filter(period=period).order_by('id').first() if period else None\n"
        "meeting = Meeting.objects.filter(organization=cell).order_by('-planned_on').first()\n"
        "print(json.dumps({'cell': cell.pk, 'member': member.pk if member else None,\n"
        "  'period': period.pk if period else None, 'dossier_org': dossier.organization_id if dossier else None,\n"
        "  'meeting': meeting.pk if meeting else None}))\n"
    )
    import json

    return json.loads(_manage("shell", "-c", code).strip().splitlines()[-1])


def pages(ids: dict) -> list[tuple[str, str, str]]:
    """(name, user, path) of each main task."""
    result = [
        ("01-dang-nhap", "", "/accounts/login/"),
        ("02-tong-quan", "bantochuc", "/reports/"),
        ("03-cay-to-chuc", "bantochuc", "/orgs/"),
        ("04-trang-chi-bo", "bantochuc", f"/orgs/{ids['cell']}/"),
        ("05-danh-sach-dang-vien", "bantochuc", "/members/"),
        ("06-ho-so-dang-vien", "bantochuc", f"/members/{ids['member']}/"),
        ("07-viec-can-lam", "bantochuc", "/due/"),
        ("08-phat-trien-dang-vien", "bantochuc", f"/candidates/org/{ids['cell']}/"),
        ("09-danh-gia-xep-loai", "bantochuc", "/reviews/"),
        ("11-bieu-thong-ke", "bantochuc", "/reports/tables/"),
        ("12-bieu-hd11", "bantochuc", "/reports/forms/?form=02"),
        ("13-bao-cao-loi-van", "bantochuc", "/reports/narrative/"),
        ("14-nhap-xuat-excel", "bantochuc", "/exchange/"),
        ("15-ho-so-cua-toi", "dangvien", "/"),
    ]
    if ids.get("period"):
        result.insert(9, ("10-ket-qua-xep-loai", "bantochuc", f"/reviews/periods/{ids['period']}/results/"))
    if ids.get("meeting"):
        result.append(("16-sinh-hoat-chi-bo", "bithu", f"/meetings/{ids['meeting']}/"))
    return result


def shoot(base: str, shots: list[tuple[str, str, str]]) -> list[Path]:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run"]
        )
        for width, height in WIDTHS.items():
            contexts = {}
            for name, user, path in shots:
                if user not in contexts:
                    context = browser.new_context(
                        locale="vi-VN", viewport={"width": width, "height": height}, device_scale_factor=1
                    )
                    page = context.new_page()
                    page.set_default_timeout(60_000)
                    if user:
                        page.goto(f"{base}/accounts/login/")
                        page.fill("#id_username", user)
                        page.fill("#id_password", PASSWORD)
                        page.click("button[type=submit]")
                        page.wait_for_load_state("networkidle")
                    contexts[user] = (context, page)
                page = contexts[user][1]
                page.goto(base + path)
                page.wait_for_load_state("networkidle")
                page.wait_for_timeout(400)  # charts finish their animation
                target = OUT / f"{name}-{width}.jpg"
                page.screenshot(path=str(target), type="jpeg", quality=70, full_page=False)
                written.append(target)
                print(f"{target.relative_to(ROOT)} ({target.stat().st_size // 1024} KB)")
            for context, _page in contexts.values():
                context.close()
        browser.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=3000)
    parser.add_argument("--keep-db", action="store_true", help="reuse the demo database of an earlier run")
    args = parser.parse_args()
    if not args.keep_db or not DB.exists():
        DB.unlink(missing_ok=True)
        print("migrate + seed_demo …", flush=True)
        _manage("migrate", "--no-input")
        _manage("seed_demo", "--if-empty", "--members", str(args.members))
    ids = _ids()
    port = _free_port()
    command = [sys.executable, str(ROOT / "manage.py"), "runserver", "--noreload", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, cwd=ROOT, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
    base = f"http://127.0.0.1:{port}"
    try:
        for _attempt in range(120):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=2)  # noqa: S310 - our own server
                break
            except OSError:
                time.sleep(0.5)
        shoot(base, pages(ids))
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
