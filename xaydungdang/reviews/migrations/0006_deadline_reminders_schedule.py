from django.db import migrations

from xaydungdang.notifications.schedules import ensure_daily, remove

NAME = "reviews.deadline_reminders"


def forward(apps, schema_editor):
    ensure_daily(apps, name=NAME, func="xaydungdang.reviews.reminders.send_deadline_reminders", hour=7)


def backward(apps, schema_editor):
    remove(apps, NAME)


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0005_self_review"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]
    operations = [migrations.RunPython(forward, backward)]
