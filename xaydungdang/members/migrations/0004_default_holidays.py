import datetime as dt

from django.db import migrations


def load(apps, schema_editor):
    from xaydungdang.members.lifecycle.calendar import default_holidays

    Holiday = apps.get_model("members", "Holiday")
    for day, name in default_holidays():
        Holiday.objects.get_or_create(day=dt.date.fromisoformat(day), defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("members", "0003_lifecycle")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
