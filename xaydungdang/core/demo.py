"""The contract between `seed_demo` and the apps that add their own demo data.

`seed_demo` builds the province, its organizations, members and demo accounts, then, in INSTALLED_APPS
order, calls `seed(ctx)` of every app that has a `demo` module (e.g. `xaydungdang.reviews.demo`).
Each app's seed must be deterministic for `ctx.rng` and fast at the default size.
"""

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any


@dataclass
class DemoContext:
    rng: random.Random
    province: Any  # organizations.Organization, the root of the demo tree
    today: dt.date
    actor: Any  # access.policy.SYSTEM: the demo is recorded by the system (history: "Hệ thống")
    member_count: int
    write: Any  # callable(str) printing a progress line
