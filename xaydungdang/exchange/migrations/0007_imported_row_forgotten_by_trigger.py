"""A remembered row (ImportedRow) holds the member's cell and keys instead of a version of its fields, and
a database trigger forgets it (deletes it) when the member changes: any editable field
(members.services.EDITABLE_FIELDS), its cell, or the member deleted, by whatever path. A re-import then
looks a row up with one index probe, no hash of the member computed (issue 10). The row also keeps the
hash of its raw XML (exchange.unchanged.RawRows). The rows remembered before are deleted: they were
valid only with the version they held (each is checked in full once more, then remembered again)."""

from django.db import migrations, models

# The columns of members.services.EDITABLE_FIELDS, and the cell (test_unchanged_rows checks each one).
WATCHED = (
    "full_name",
    "gender",
    "birth_date",
    "ethnicity",
    "religion",
    "national_id",
    "hometown",
    "address",
    "phone",
    "party_card_number",
    "record_number",
    "education_level",
    "qualification",
    "theory_level",
    "occupation",
    "admission_decision_date",
    "admission_date",
    "official_date",
    "organization_id",
)
FORGET = "DELETE FROM exchange_importedrow WHERE member_id = OLD.id"

POSTGRESQL = f"""
CREATE FUNCTION exchange_importedrow_forget() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    {FORGET};
    RETURN NULL;
END $$;
CREATE TRIGGER exchange_importedrow_forget_changed AFTER UPDATE ON members_member FOR EACH ROW
    WHEN (({", ".join(f"OLD.{c}" for c in WATCHED)}) IS DISTINCT FROM ({", ".join(f"NEW.{c}" for c in WATCHED)}))
    EXECUTE FUNCTION exchange_importedrow_forget();
CREATE TRIGGER exchange_importedrow_forget_deleted AFTER DELETE ON members_member FOR EACH ROW
    EXECUTE FUNCTION exchange_importedrow_forget();
"""
POSTGRESQL_REVERSE = """
DROP TRIGGER IF EXISTS exchange_importedrow_forget_changed ON members_member;
DROP TRIGGER IF EXISTS exchange_importedrow_forget_deleted ON members_member;
DROP FUNCTION IF EXISTS exchange_importedrow_forget();
"""
SQLITE = [
    "CREATE TRIGGER exchange_importedrow_forget_changed AFTER UPDATE ON members_member FOR EACH ROW"
    f" WHEN {' OR '.join(f'OLD.{c} IS NOT NEW.{c}' for c in WATCHED)}"
    f" BEGIN {FORGET}; END",
    f"CREATE TRIGGER exchange_importedrow_forget_deleted AFTER DELETE ON members_member FOR EACH ROW BEGIN {FORGET}; END",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS exchange_importedrow_forget_changed",
    "DROP TRIGGER IF EXISTS exchange_importedrow_forget_deleted",
]


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL)
    elif vendor == "sqlite":
        for statement in SQLITE:
            schema_editor.execute(statement)


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_REVERSE)
    elif vendor == "sqlite":
        for statement in SQLITE_REVERSE:
            schema_editor.execute(statement)


def forget_all(apps, schema_editor):
    apps.get_model("exchange", "ImportedRow").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("exchange", "0006_imported_row_hash_without_like"),
        ("members", "0013_import_indexes"),
    ]

    operations = [
        migrations.RunPython(forget_all, migrations.RunPython.noop),
        migrations.RemoveField(model_name="importedrow", name="version"),
        migrations.AddField(
            model_name="importedrow",
            name="raw_hash",
            field=models.CharField(blank=True, max_length=32, null=True, verbose_name="mã băm của dòng gốc"),
        ),
        migrations.AddField(
            model_name="importedrow",
            name="organization_id",
            field=models.BigIntegerField(default=0, verbose_name="chi bộ"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="importedrow",
            name="national_id",
            field=models.CharField(blank=True, max_length=12, null=True, verbose_name="số CCCD"),
        ),
        migrations.AddField(
            model_name="importedrow",
            name="record_number",
            field=models.CharField(blank=True, max_length=12, null=True, verbose_name="số lý lịch đảng viên"),
        ),
        migrations.AddIndex(
            model_name="importedrow",
            index=models.Index(fields=["raw_hash"], name="exchange_importedrow_raw"),
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
