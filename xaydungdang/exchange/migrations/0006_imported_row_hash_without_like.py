"""The row hashes of ImportedRow are looked up by equality only (exchange.unchanged): the `_like`
(varchar_pattern_ops) index Django adds on PostgreSQL beside the column's index serves no query and costs
every import a write per row (issue 10)."""

from django.db import migrations


def _index(apps, schema_editor):
    model = apps.get_model("exchange", "ImportedRow")
    field = model._meta.get_field("row_hash")
    return model, field, schema_editor._create_index_name(model._meta.db_table, [field.column], suffix="_like")


def drop_like_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        _model, _field, index = _index(apps, schema_editor)
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(index)}")


def create_like_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        model, field, _index_name = _index(apps, schema_editor)
        schema_editor.execute(schema_editor._create_like_index_sql(model, field))


class Migration(migrations.Migration):
    dependencies = [("exchange", "0005_imported_rows_without_row_check")]

    operations = [migrations.RunPython(drop_like_index, create_like_index)]
