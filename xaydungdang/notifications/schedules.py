"""The project's scheduled jobs on django-q2, made (or updated) by data migrations: one place per app."""

import datetime as dt

from django.utils import timezone


def ensure_daily(apps, *, name: str, func: str, hour: int) -> None:
    """A daily Schedule named `name` running `func` at `hour` o'clock (local time), from tomorrow."""
    Schedule = apps.get_model("django_q", "Schedule")
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    first = timezone.make_aware(dt.datetime.combine(tomorrow, dt.time(hour, 0)))
    Schedule.objects.update_or_create(
        name=name, defaults={"func": func, "schedule_type": "D", "repeats": -1, "next_run": first}
    )


def remove(apps, name: str) -> None:
    apps.get_model("django_q", "Schedule").objects.filter(name=name).delete()
