"""Indexes that every member import writes and no query reads (issue 10): the copies of the member's
indexes in its history and its events' history (read by `id` and date only), the single-column indexes
of foreign keys that a composite index starting with them already serves, and the `_like`
(varchar_pattern_ops) indexes Django adds on PostgreSQL beside a unique or indexed CharField, for LIKE
'prefix%' queries that nothing makes on the national ID, the record number or the status."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


# The names Django gave them (written out: the schema editor's helpers that compute them are private).
LIKE_INDEXES = {
    "members_member_national_id_9e760f80_like": "national_id",
    "members_member_record_number_072adcbc_like": "record_number",
    "members_member_status_0d2ab2b9_like": "status",
}


def drop_like_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for index in LIKE_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(index)}")


def create_like_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    for index, column in LIKE_INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX {quote(index)} ON {quote('members_member')} ({quote(column)} varchar_pattern_ops)"
        )


class Migration(migrations.Migration):

    dependencies = [
        ('members', '0011_list_indexes_include_status'),
        ('organizations', '0005_depth_path_index'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='historicalmember',
            name='national_id',
            field=models.CharField(blank=True, max_length=12, null=True, verbose_name='số CCCD'),
        ),
        migrations.AlterField(
            model_name='historicalmember',
            name='organization',
            field=models.ForeignKey(blank=True, db_constraint=False, db_index=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organizations.organization', verbose_name='chi bộ sinh hoạt'),
        ),
        migrations.AlterField(
            model_name='historicalmember',
            name='record_number',
            field=models.CharField(blank=True, max_length=12, null=True, verbose_name='số lý lịch đảng viên'),
        ),
        migrations.AlterField(
            model_name='historicalmember',
            name='status',
            field=models.CharField(choices=[('probationary', 'Đảng viên dự bị'), ('official', 'Đảng viên chính thức'), ('transferred_out', 'Đã chuyển sinh hoạt ra ngoài'), ('annulled', 'Không công nhận kết nạp'), ('struck_off', 'Bị xóa tên'), ('expelled', 'Bị khai trừ'), ('dismissed', 'Cho ra khỏi Đảng'), ('resigned', 'Xin ra khỏi Đảng'), ('deceased', 'Từ trần')], max_length=20, verbose_name='tình trạng'),
        ),
        migrations.AlterField(
            model_name='historicalmember',
            name='user',
            field=models.ForeignKey(blank=True, db_constraint=False, db_index=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='tài khoản'),
        ),
        migrations.AlterField(
            model_name='historicalmembershipevent',
            name='from_organization',
            field=models.ForeignKey(blank=True, db_constraint=False, db_index=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organizations.organization', verbose_name='từ tổ chức'),
        ),
        migrations.AlterField(
            model_name='historicalmembershipevent',
            name='member',
            field=models.ForeignKey(blank=True, db_constraint=False, db_index=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='members.member', verbose_name='đảng viên'),
        ),
        migrations.AlterField(
            model_name='historicalmembershipevent',
            name='recorded_by',
            field=models.ForeignKey(blank=True, db_constraint=False, db_index=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người ghi nhận'),
        ),
        migrations.AlterField(
            model_name='historicalmembershipevent',
            name='to_organization',
            field=models.ForeignKey(blank=True, db_constraint=False, db_index=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organizations.organization', verbose_name='đến tổ chức'),
        ),
        migrations.AlterField(
            model_name='member',
            name='organization',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='members', to='organizations.organization', verbose_name='chi bộ sinh hoạt'),
        ),
        migrations.AlterField(
            model_name='membershipperiod',
            name='member',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='periods', to='members.member', verbose_name='đảng viên'),
        ),
        migrations.AlterField(
            model_name='membershipperiod',
            name='organization',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organizations.organization', verbose_name='tổ chức'),
        ),
        migrations.RunPython(drop_like_indexes, create_like_indexes),
    ]
