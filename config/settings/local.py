"""Development on the embedded SQLite default: `make run`."""

import os

os.environ.setdefault("DEBUG", "true")

from config.settings.base import *  # noqa: E402, F403
