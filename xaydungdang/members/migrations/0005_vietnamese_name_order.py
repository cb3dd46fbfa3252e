from django.db import migrations, models

from xaydungdang.core.text import sort_key


def fill_sort_names(apps, schema_editor):
    Member = apps.get_model("members", "Member")
    batch = []
    for member in Member.objects.only("id", "full_name").iterator(chunk_size=5000):
        member.sort_name = sort_key(member.full_name)
        batch.append(member)
        if len(batch) == 5000:
            Member.objects.bulk_update(batch, ["sort_name"])
            batch = []
    Member.objects.bulk_update(batch, ["sort_name"])


class Migration(migrations.Migration):
    dependencies = [("members", "0004_default_holidays")]

    operations = [
        migrations.AddField(
            model_name="member",
            name="sort_name",
            field=models.CharField(default="", editable=False, max_length=400, verbose_name="khóa sắp xếp theo tên"),
            preserve_default=False,
        ),
        migrations.RunPython(fill_sort_names, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="member",
            name="sort_name",
            field=models.CharField(db_index=True, editable=False, max_length=400, verbose_name="khóa sắp xếp theo tên"),
        ),
        # An infix LIKE cannot use a btree index; with one, PostgreSQL walked it in name order instead of
        # using the trigram index (migration 0002). Lists are ordered by sort_name, which is indexed.
        migrations.AlterField(
            model_name="member",
            name="search_name",
            field=models.CharField(editable=False, max_length=150, verbose_name="tên không dấu"),
        ),
    ]
