"""The word index of the name search (MemberWord, members.words), filled from every member's folded name.

The search no longer reads `member_search_order` (the substring search's order) nor the trigram index of
migration 0002: both go (the trigram index cost every import). The list's index `member_sort_name_id` also
includes the folded name, and `member_search_probe` (id) INCLUDE (status, organization, folded name) answers
the look-up of a member found by a word. On PostgreSQL the word column compares by code point (COLLATE "C")
whatever the database's collation, so a prefix is an index range (members.words.after_prefix), as on SQLite;
the backfill is one INSERT … SELECT in the primary key's order (WORDS_SQL, which a test holds equal to
members.words.name_words), elsewhere Python in batches.
"""

import django.db.models.deletion
from django.db import migrations, models

from xaydungdang.members.words import WORD_COLUMNS, WORDS_SQL, word_rows

BATCH = 2000


def fill_words(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        schema_editor.execute('ALTER TABLE members_memberword ALTER COLUMN word TYPE varchar(150) COLLATE "C"')
        # The 1,000 most common words in the statistics: the search ranks common words by them (search_plan).
        schema_editor.execute("ALTER TABLE members_memberword ALTER COLUMN word SET STATISTICS 1000")
        schema_editor.execute(
            "INSERT INTO members_memberword (member_id, word, sort_name) "
            f"SELECT id, word, sort_name FROM ({WORDS_SQL}) AS words ORDER BY word, sort_name, id"
        )
        schema_editor.execute("DROP INDEX IF EXISTS member_search_name_trgm")
        return
    member_model = apps.get_model("members", "Member")
    word_model = apps.get_model("members", "MemberWord")
    members = member_model.objects.order_by("pk").values_list("pk", "search_name", "sort_name")
    batch = []
    for member in members.iterator(chunk_size=BATCH):
        batch += [word_model(**dict(zip(WORD_COLUMNS, row, strict=True))) for row in word_rows(*member)]
        if len(batch) >= BATCH:
            word_model.objects.bulk_create(batch)
            batch = []
    word_model.objects.bulk_create(batch)


def restore_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS member_search_name_trgm ON members_member USING gin (search_name gin_trgm_ops)"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0011_list_indexes_include_status"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="member", name="member_search_order"),
        # The list's index also holds the folded name (a search walking it checks the words there), and a
        # member found by a word is looked up in member_search_probe: both index-only.
        migrations.RemoveIndex(model_name="member", name="member_sort_name_id"),
        migrations.AddIndex(
            model_name="member",
            index=models.Index(
                fields=["sort_name", "id"], include=("status", "search_name"), name="member_sort_name_id"
            ),
        ),
        migrations.AddIndex(
            model_name="member",
            index=models.Index(
                fields=["id"], include=("status", "organization", "search_name"), name="member_search_probe"
            ),
        ),
        migrations.CreateModel(
            name="MemberWord",
            fields=[
                (
                    "pk",
                    models.CompositePrimaryKey(
                        "word", "sort_name", "member", blank=True, editable=False, primary_key=True, serialize=False
                    ),
                ),
                (
                    "member",
                    models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="words",
                        to="members.member",
                        verbose_name="đảng viên",
                    ),
                ),
                ("word", models.CharField(max_length=150, verbose_name="từ")),
                ("sort_name", models.CharField(max_length=400, verbose_name="khóa sắp xếp theo tên")),
            ],
            options={"verbose_name": "từ trong tên", "verbose_name_plural": "từ trong tên"},
        ),
        migrations.RunPython(fill_words, restore_trigram_index),
        migrations.AddIndex(
            model_name="memberword",
            index=models.Index(fields=["member", "word"], name="member_word_member"),
        ),
    ]
