from django.db import migrations

from xaydungdang.organizations.choices import DEFAULT_KIND_RULES


def seed_kind_rules(apps, schema_editor):
    KindRule = apps.get_model("organizations", "KindRule")
    for parent_kind, child_kinds in DEFAULT_KIND_RULES.items():
        for child_kind in child_kinds:
            KindRule.objects.get_or_create(parent_kind=str(parent_kind), child_kind=str(child_kind))


def path_prefix_index(apps, schema_editor):
    # Subtree queries are `path LIKE 'prefix%'`; on PostgreSQL a btree index serves LIKE only with
    # the pattern operator class (unless the database collation is C).
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS organization_path_prefix "
            "ON organizations_organization (path varchar_pattern_ops)"
        )


def drop_path_prefix_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS organization_path_prefix")


class Migration(migrations.Migration):
    dependencies = [("organizations", "0001_initial")]

    operations = [
        migrations.RunPython(seed_kind_rules, migrations.RunPython.noop),
        migrations.RunPython(path_prefix_index, drop_path_prefix_index),
    ]
