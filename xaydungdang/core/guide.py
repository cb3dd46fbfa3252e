"""The user guide (`docs/huong-dan-su-dung.md`) as a page of the app, with its screenshots (`docs/screenshots/`,
made by `make screenshots`). Markdown is rendered by markdown-it-py with raw HTML disabled."""

import re
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

SCREENSHOT = re.compile(r"^[a-z0-9-]+-(1366|390)\.(png|jpg)$")


def guide_dir() -> Path:
    return Path(settings.BASE_DIR) / "docs"


@lru_cache(maxsize=4)
def _html(path: Path, mtime: float) -> str:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).enable("table").render(path.read_text(encoding="utf-8"))


def guide_html() -> str:
    path = guide_dir() / "huong-dan-su-dung.md"
    return _html(path, path.stat().st_mtime)


@login_required
@require_GET
def guide(request: HttpRequest) -> HttpResponse:
    return render(request, "core/guide.html", {"guide": mark_safe(guide_html())})  # noqa: S308 - no raw HTML


@login_required
@require_GET
def screenshot(request: HttpRequest, name: str) -> FileResponse:
    path = guide_dir() / "screenshots" / name
    if not SCREENSHOT.match(name) or not path.is_file():
        raise Http404
    return FileResponse(path.open("rb"), content_type="image/png" if name.endswith(".png") else "image/jpeg")
