from django.db import migrations


def mark_upper_grassroots(apps, schema_editor):
    """Organizations directly above the grassroots (communes) keep rollups from now on. An empty database
    is complete for them (the writers keep them); one that holds rollups gets their rows from
    `rebuild_rollups`, their counts being live meanwhile."""
    if not apps.get_model("reports", "RollupFootprint").objects.exists():
        apps.get_model("reports", "RollupFeature").objects.get_or_create(name="upper_grassroots")


class Migration(migrations.Migration):
    dependencies = [("reports", "0002_rollup_feature_changes")]

    operations = [migrations.RunPython(mark_upper_grassroots, migrations.RunPython.noop)]
