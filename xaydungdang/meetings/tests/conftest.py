import datetime as dt

import pytest

from xaydungdang.meetings import services
from xaydungdang.meetings.choices import MeetingKind

D = dt.date
MARCH_10 = D(2025, 3, 10)


@pytest.fixture
def plan(users, tree):
    """Plan a regular meeting of Chi bộ 1 (or another kind, organization, day) as the officer."""

    def make(day=MARCH_10, kind=MeetingKind.REGULAR, organization=None, **extra):
        if kind == MeetingKind.THEMATIC:
            extra.setdefault("topic", "Học tập và làm theo tư tưởng Hồ Chí Minh")
        return services.meeting_plan(
            actor=users.officer, organization=organization or tree.cell_1, kind=kind, planned_on=day, **extra
        )

    return make


@pytest.fixture
def held(users, plan):
    """A meeting planned and held, with `entries` {member: (presence, reason)}."""

    def make(day=MARCH_10, entries=None, **extra):
        meeting = plan(day, **extra)
        entries = {m.pk: value for m, value in (entries or {}).items()}
        return services.attendance_record(actor=users.officer, meeting=meeting, held_on=day, entries=entries)

    return make
