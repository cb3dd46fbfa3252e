"""Development on the embedded SQLite default: `make run`."""

import os

os.environ.setdefault("DEBUG", "true")

from config.settings.base import *  # noqa: E402, F403

# The four demo accounts log in by password alone (a second factor stays optional here).
OTP_REQUIRED_FOR_OFFICERS = False
