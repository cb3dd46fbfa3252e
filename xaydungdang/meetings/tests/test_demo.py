import datetime as dt
import io

import pytest
from django.core.management import call_command

from xaydungdang.access.policy import SYSTEM
from xaydungdang.demo.accounts import busiest_cell
from xaydungdang.demo.management.commands import seed_demo
from xaydungdang.duework.registry import items_of
from xaydungdang.meetings import demo
from xaydungdang.meetings.choices import MeetingKind, Presence
from xaydungdang.meetings.models import Attendance, Meeting
from xaydungdang.organizations.models import Organization


def _criteria():
    """Transactional tests flush the rows of data migrations: put the default criteria back."""
    from importlib import import_module

    from django.apps import apps

    import_module("xaydungdang.meetings.migrations.0002_default_quality_criteria").add_defaults(apps, None)


@pytest.mark.django_db(transaction=True)
def test_demo_has_a_year_of_meetings_with_misses_themes_and_an_absence_ground(monkeypatch):
    _criteria()
    monkeypatch.setattr(seed_demo, "app_demo_modules", lambda: iter([("meetings", demo)]))
    call_command("seed_demo", members=400, seed=7, stdout=io.StringIO(), verbosity=0)
    root = Organization.objects.get_root_nodes().get()
    cell = busiest_cell(root)
    held = Meeting.objects.held()
    assert held.filter(organization=cell, kind=MeetingKind.REGULAR).count() == 12
    assert held.filter(kind=MeetingKind.THEMATIC).exists()
    assert held.values("organization").distinct().count() == demo.CELLS
    assert set(Attendance.objects.values_list("presence", flat=True)) >= {
        Presence.PRESENT,
        Presence.EXCUSED,
        Presence.UNEXCUSED,
    }
    today = dt.date.today()
    due = items_of("meetings", organization=root, on=today, user=SYSTEM)
    assert any(item.extra["due_kind"] == "missed" for item in due)
    if today.month >= 4:
        assert items_of("meeting_absence", organization=root, on=today, user=SYSTEM)
