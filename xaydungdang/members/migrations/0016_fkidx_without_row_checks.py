"""No foreign-key constraint on the rows a member import writes per member that hold no integrity of their own:
the user of both histories and of an event (audit notes) and the periods (derived from the events by
members.state). Their per-row checks at COMMIT were 3.3 of the 5.3 PostgreSQL CPU seconds the foreign keys of a
100,000-member import cost (bench/README.md). Django still cascades, protects and sets null (on_delete)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('members', '0015_number_search_indexes'),
        ('organizations', '0005_depth_path_index'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='historicalmember',
            name='history_user',
            field=models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AlterField(
            model_name='historicalmembershipevent',
            name='history_user',
            field=models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AlterField(
            model_name='membershipevent',
            name='recorded_by',
            field=models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.SET_NULL, to=settings.AUTH_USER_MODEL, verbose_name='người ghi nhận'),
        ),
        migrations.AlterField(
            model_name='membershipperiod',
            name='member',
            field=models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='periods', to='members.member', verbose_name='đảng viên'),
        ),
        migrations.AlterField(
            model_name='membershipperiod',
            name='organization',
            field=models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organizations.organization', verbose_name='tổ chức'),
        ),
    ]
