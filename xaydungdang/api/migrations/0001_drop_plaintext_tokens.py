"""DRF's own tokens were stored in clear (authtoken_token); they are replaced by knox's hashed tokens, so the
old table and every clear token in it go."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("knox", "0009_extend_authtoken_field")]

    operations = [migrations.RunSQL("DROP TABLE IF EXISTS authtoken_token", reverse_sql=migrations.RunSQL.noop)]
