"""Việc cần làm: what the rules make due, fed by every app through this one small interface.

duework sits low in the layers (above organizations and access), so it imports none of the apps that feed
it. Each app registers its sections in its `AppConfig.ready()`:

    register(DueSection("probation", _("Đảng viên dự bị sắp hết thời gian dự bị"),
                        "members/due/_probation.html", probation_ending, order=10))

A provider is `provider(query) -> list[DueItem]`. It scopes its rows with `visible_to(query.user)`
(`query.user` is never None: commands pass `access.policy.SYSTEM`) and returns at most `query.limit`
items; a provider may return `DueItems`, a list that also says how many there are in all.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from xaydungdang.core import parameters

LIMIT = 200  # items per section on the page; a section says how many more there are


@dataclass
class DueItem:
    """One thing to do about `subject` (a member, a transfer, a candidate…) by `due` (None: no deadline)."""

    subject: object
    title: str
    due: dt.date | None
    start: dt.date | None = None
    organization: object = None
    url: str = ""
    extra: dict = field(default_factory=dict)

    def overdue(self, on: dt.date) -> bool:
        return bool(self.due and self.due < on)


class DueItems(list):
    """A provider's items, with the number there are in all when the list is cut at the limit."""

    def __init__(self, items=(), *, total: int | None = None) -> None:
        super().__init__(items)
        self.total = len(self) if total is None else total

    @property
    def truncated(self) -> bool:
        return self.total > len(self)


@dataclass(frozen=True)
class DueQuery:
    """What a provider is asked: the organization's subtree, on a day, as seen by a user."""

    organization: object
    on: dt.date
    user: object
    limit: int = LIMIT

    def __post_init__(self) -> None:
        if self.user is None:
            raise ValueError("DueQuery needs a user; commands and jobs pass access.policy.SYSTEM")


@dataclass(frozen=True)
class DueSection:
    """A section of the page: its title (text, or `title(query)` for one that names a date), the partial
    template that renders it (context: `section`, `items`, `query`, `heading`), and who fills it."""

    key: str
    title: object
    template: str
    provider: Callable[[DueQuery], list[DueItem]]
    order: int = 100

    def heading(self, query: DueQuery) -> str:
        return str(self.title(query) if callable(self.title) else self.title)


_SECTIONS: dict[str, DueSection] = {}


def register(section: DueSection) -> DueSection:
    """Add a section (or replace the one with the same key)."""
    _SECTIONS[section.key] = section
    return section


def unregister(key: str) -> None:
    _SECTIONS.pop(key, None)


def sections() -> list[DueSection]:
    return sorted(_SECTIONS.values(), key=lambda section: (section.order, section.key))


def run(section: DueSection, query: DueQuery) -> DueItems:
    """One section's items for `query`, as a DueItems list (providers read rule parameters per row: inside, each
    parameter's overrides are read once)."""
    with parameters.cached():
        items = section.provider(query)
    return items if isinstance(items, DueItems) else DueItems(items)


def collect(*, organization, on: dt.date, user, limit: int = LIMIT) -> list[tuple[DueSection, DueItems]]:
    """Every registered section with its items for the organization's subtree on `on`, as `user` sees it."""
    query = DueQuery(organization=organization, on=on, user=user, limit=limit)
    return [(section, run(section, query)) for section in sections()]


def items_of(key: str, *, organization, on: dt.date, user, limit: int = LIMIT) -> DueItems:
    """One section's items (for tests, digests and counts)."""
    return run(_SECTIONS[key], DueQuery(organization=organization, on=on, user=user, limit=limit))
