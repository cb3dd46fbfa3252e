"""Tabs that higher apps add to the member page and the organization page.

The pages live in low layers (members, organizations) and must not import the apps that feed them, so a
higher app registers its tab in its `AppConfig.ready()`:

    register_tab("organization", "meetings", _("Sinh hoạt chi bộ"), "meetings:organization_tab", order=30,
                 visible=lambda user, organization: ...)

The page shows the tabs whose `visible(user, obj)` is true (all when `visible` is None) and loads
`reverse(url_name, kwargs={"pk": obj.pk})` into the tab as an htmx fragment. The fragment's view scopes
itself (`get_visible_or_404`): hiding a tab is a courtesy, not the access check.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

PAGES = ("member", "organization")


@dataclass(frozen=True)
class TabSpec:
    page: str
    key: str
    label: str
    url_name: str
    order: int = 100
    visible: Callable | None = None


@dataclass(frozen=True)
class Tab:
    """A tab as one page shows it to one user."""

    key: str
    label: str
    url: str


_REGISTRY: dict[str, dict[str, TabSpec]] = {page: {} for page in PAGES}


def register_tab(
    page: str, key: str, label, url_name: str, order: int = 100, visible: Callable | None = None
) -> TabSpec:
    """Add (or replace, by key) a tab on `page` ("member" or "organization")."""
    if page not in _REGISTRY:
        raise ValueError(f"Unknown page {page!r}; tabs exist on {', '.join(PAGES)}")
    spec = TabSpec(page, key, label, url_name, order, visible)
    _REGISTRY[page][key] = spec
    return spec


def unregister_tab(page: str, key: str) -> None:
    _REGISTRY[page].pop(key, None)


def registered_tabs(page: str) -> list[TabSpec]:
    return sorted(_REGISTRY[page].values(), key=lambda spec: (spec.order, spec.key))


def tabs_for(page: str, obj, user) -> list[Tab]:
    """The tabs of `page` for `obj` that `user` is shown, in order, with the URL of their fragment."""
    return [
        Tab(spec.key, str(spec.label), reverse(spec.url_name, kwargs={"pk": obj.pk}))
        for spec in registered_tabs(page)
        if spec.visible is None or spec.visible(user, obj)
    ]
