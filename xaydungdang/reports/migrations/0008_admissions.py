from django.db import migrations


def mark_admissions(apps, schema_editor):
    """The rollups count admissions from now on (dimension "admission", and the footprints keep them). An
    empty database is complete for them (the writers keep them); one that holds rollups is stale for them
    until `rebuild_rollups` ran, the admissions being counted live from the events meanwhile."""
    feature = apps.get_model("reports", "RollupFeature")
    if apps.get_model("reports", "RollupFootprint").objects.exists():
        feature.objects.filter(name="admissions").delete()
    else:
        feature.objects.get_or_create(name="admissions")


class Migration(migrations.Migration):
    dependencies = [("reports", "0007_rollup_composite_keys")]

    operations = [migrations.RunPython(mark_admissions, migrations.RunPython.noop)]
