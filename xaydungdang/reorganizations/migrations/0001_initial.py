"""The reorganization models move here from `organizations`: state only, the tables keep their names."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MODELS = ("reorganization", "lineage", "parentchange")


def move_content_types(apps, schema_editor, *, old="organizations", new="reorganizations"):
    """Permissions and admin history follow the models to their new app."""
    content_type = apps.get_model("contenttypes", "ContentType")
    content_type.objects.filter(app_label=old, model__in=MODELS).update(app_label=new)


def restore_content_types(apps, schema_editor):
    move_content_types(apps, schema_editor, old="reorganizations", new="organizations")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("organizations", "0003_reorganizations"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='Reorganization',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('merge', 'Hợp nhất'), ('absorb', 'Sáp nhập'), ('split', 'Chia tách'), ('move', 'Điều chỉnh trực thuộc'), ('rename', 'Đổi tên'), ('dissolve', 'Giải thể')], max_length=20, verbose_name='hình thức')),
                        ('effective_date', models.DateField(verbose_name='ngày hiệu lực')),
                        ('decision_number', models.CharField(max_length=100, verbose_name='số quyết định')),
                        ('decision_date', models.DateField(blank=True, null=True, verbose_name='ngày quyết định')),
                        ('issued_by', models.CharField(blank=True, max_length=255, verbose_name='cơ quan ban hành')),
                        ('note', models.TextField(blank=True, verbose_name='ghi chú')),
                        ('details', models.JSONField(blank=True, default=dict, verbose_name='chi tiết')),
                        ('recorded_at', models.DateTimeField(auto_now_add=True, verbose_name='thời điểm ghi nhận')),
                        ('organization', models.ForeignKey(help_text='Tổ chức kết quả (hợp nhất, sáp nhập) hoặc tổ chức được điều chỉnh.', on_delete=django.db.models.deletion.PROTECT, related_name='reorganizations', to='organizations.organization', verbose_name='tổ chức chính')),
                        ('recorded_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, to=settings.AUTH_USER_MODEL, verbose_name='người ghi nhận')),
                    ],
                    options={
                        'verbose_name': 'sắp xếp tổ chức',
                        'verbose_name_plural': 'sắp xếp tổ chức',
                        'db_table': 'organizations_reorganization',
                        'ordering': ['-effective_date', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='ParentChange',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('effective_date', models.DateField(db_index=True, verbose_name='ngày hiệu lực')),
                        ('new_parent', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organizations.organization', verbose_name='trực thuộc sau')),
                        ('old_parent', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organizations.organization', verbose_name='trực thuộc trước')),
                        ('organization', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='parent_changes', to='organizations.organization', verbose_name='tổ chức')),
                        ('reorganization', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='parent_changes', to='reorganizations.reorganization', verbose_name='sắp xếp tổ chức')),
                    ],
                    options={
                        'verbose_name': 'thay đổi trực thuộc',
                        'verbose_name_plural': 'thay đổi trực thuộc',
                        'db_table': 'organizations_parentchange',
                        'ordering': ['organization', 'effective_date', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='Lineage',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('predecessor', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='successor_links', to='organizations.organization', verbose_name='tổ chức trước')),
                        ('successor', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='predecessor_links', to='organizations.organization', verbose_name='tổ chức sau')),
                        ('reorganization', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='lineage', to='reorganizations.reorganization', verbose_name='sắp xếp tổ chức')),
                    ],
                    options={
                        'verbose_name': 'quan hệ kế thừa',
                        'verbose_name_plural': 'quan hệ kế thừa',
                        'db_table': 'organizations_lineage',
                        'constraints': [models.UniqueConstraint(fields=('reorganization', 'predecessor', 'successor'), name='unique_lineage')],
                    },
                ),
    
            ],
        ),
        migrations.RunPython(move_content_types, restore_content_types),
    ]
