"""What higher apps do when a member leaves the Party or dies, in the same transaction as the event.

The lifecycle sits low in the layers and must not import the apps that hold a member's other records
(committees' posts, for one). A higher app registers a handler in its `AppConfig.ready()`:

    exits.register("committees", end_posts)

and the leaving services (`member_strike_off`, `member_expel`, `member_dismiss`, `member_resign`,
`member_record_death`) call every handler after writing the event; a handler's error rolls the event back.
"""

import datetime as dt
from collections.abc import Callable

# handler(*, actor, member, kind, effective_date) -> None
_HANDLERS: dict[str, Callable] = {}


def register(key: str, handler: Callable) -> None:
    """Add (or replace, by key) a handler of members leaving."""
    _HANDLERS[key] = handler


def unregister(key: str) -> None:
    _HANDLERS.pop(key, None)


def run(*, actor, member, kind: str, effective_date: dt.date) -> None:
    for handler in list(_HANDLERS.values()):
        handler(actor=actor, member=member, kind=kind, effective_date=effective_date)
