"""One view, two renderings: the full page, or its fragment for an htmx request (NetBox utilities/htmx.py)."""

from django.http import HttpRequest


def is_htmx_fragment(request: HttpRequest) -> bool:
    """True when htmx asks for part of the page (not a boosted full-page navigation)."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.boosted


def page_or_partial(request: HttpRequest, template: str, partial: str) -> str:
    """The template name to render: `template#partial` for htmx fragment requests."""
    return f"{template}#{partial}" if is_htmx_fragment(request) else template
