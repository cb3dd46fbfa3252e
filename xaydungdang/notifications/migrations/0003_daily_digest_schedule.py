from django.db import migrations

from xaydungdang.notifications.schedules import ensure_daily, remove

NAME = "notifications.daily_digest"


def forward(apps, schema_editor):
    ensure_daily(apps, name=NAME, func="xaydungdang.notifications.digest.send_daily_digests", hour=6)


def backward(apps, schema_editor):
    remove(apps, NAME)


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0002_preferences"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]
    operations = [migrations.RunPython(forward, backward)]
