"""Every number a rule uses is a parameter with a default, a legal basis and a validity period.

Apps declare their parameters with `define()` at import time (in their `rules.py`); a deployment can
override a value for a period with a `RuleSetting` row, without a code change, when the Party's rules change.
"""

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Parameter:
    key: str
    default: Any
    legal_basis: str
    description: str


REGISTRY: dict[str, Parameter] = {}


def define(key: str, default: Any, *, legal_basis: str, description: str) -> Parameter:
    parameter = Parameter(key, default, legal_basis, description)
    REGISTRY[key] = parameter
    return parameter


def value(key: str, on: dt.date | None = None) -> Any:
    """The value in force on `on` (today when None): an override if one is valid then, else the default."""
    from xaydungdang.core.dates import today
    from xaydungdang.core.models import RuleSetting

    parameter = REGISTRY[key]
    day = on or today()
    cache = _cache.get()
    if cache is not None:
        if key not in cache:
            cache[key] = list(RuleSetting.objects.filter(key=key).order_by("-valid_from"))
        override = next(
            (s for s in cache[key] if s.valid_from <= day and (s.valid_to is None or s.valid_to >= day)), None
        )
        return override.value if override else parameter.default
    override = RuleSetting.objects.valid_on(day).filter(key=key).order_by("-valid_from").first()
    return override.value if override else parameter.default


_cache: ContextVar[dict | None] = ContextVar("parameter_cache", default=None)


@contextmanager
def cached() -> Iterator[None]:
    """Inside the block each parameter's overrides are read once (an import checks thousands of rows).
    Blocks nest: an inner block shares the outer one's cache."""
    if _cache.get() is not None:
        yield
        return
    token = _cache.set({})
    try:
        yield
    finally:
        _cache.reset(token)
