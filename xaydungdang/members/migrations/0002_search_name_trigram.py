from django.db import migrations


def trigram_index(apps, schema_editor):
    # Infix search on the folded name (`%nguyen van hung%`) uses a trigram GIN index on PostgreSQL.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS member_search_name_trgm "
            "ON members_member USING gin (search_name gin_trgm_ops)"
        )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS member_search_name_trgm")


class Migration(migrations.Migration):
    dependencies = [("members", "0001_initial")]

    operations = [migrations.RunPython(trigram_index, drop_trigram_index)]
