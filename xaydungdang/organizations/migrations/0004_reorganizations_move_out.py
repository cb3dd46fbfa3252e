"""Reorganization, Lineage and ParentChange now belong to the reorganizations app (state only)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("organizations", "0003_reorganizations"),
        ("reorganizations", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.DeleteModel(name="ParentChange"),
                migrations.DeleteModel(name="Lineage"),
                migrations.DeleteModel(name="Reorganization"),
            ],
        ),
    ]
