"""The daily check that closes the accounts of members who left the Party without the exit hook closing them
(imports of events): a django-q2 schedule, run by the project's worker (`make run`)."""

from django.db import migrations

NAME = "selfservice.close_left_accounts"


def add_schedule(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.get_or_create(
        name=NAME,
        defaults={"func": "xaydungdang.selfservice.accounts.close_left_accounts", "schedule_type": "D", "repeats": -1},
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("selfservice", "0001_initial"),
        ("django_q", "0018_task_success_index"),
    ]

    operations = [migrations.RunPython(add_schedule, remove_schedule)]
