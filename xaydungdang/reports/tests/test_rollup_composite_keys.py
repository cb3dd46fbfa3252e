"""Migration reports 0007: the rollup tables keyed by (organization, date, dimension, bucket) keep their rows,
both ways, on SQLite and PostgreSQL; the models work on the new key."""

import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from xaydungdang.organizations.choices import OrganizationKind as K
from xaydungdang.organizations.tests.factories import make_org
from xaydungdang.reports.models import RollupDay, RollupMonth, RollupYear

BEFORE = ("reports", "0006_rollups_without_row_checks")
AFTER = ("reports", "0007_rollup_composite_keys")
TABLES = (("reports_rollupday", "day"), ("reports_rollupmonth", "month"), ("reports_rollupyear", "year"))


def _migrate(target) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target])


def _rows(table: str, date_column: str) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT organization_id, {date_column}, dimension, bucket, delta FROM {table} ORDER BY 1, 2, 3, 4"  # noqa: S608
        )
        return [(org, str(day), dimension, bucket, delta) for org, day, dimension, bucket, delta in cursor.fetchall()]


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_the_rows_both_ways():
    province = make_org(None, K.PROVINCIAL, "Đảng bộ tỉnh Thử", "K01")
    commune = make_org(province, K.UPPER_GRASSROOTS, "Đảng bộ xã Thử", "K01-X")
    stored = [(organization.pk, "2024-01-01", "gender", "female", 3) for organization in (province, commune)] + [
        (province.pk, "2024-01-01", "total", "", -2),
        (commune.pk, "2025-07-01", "exit", "transferred", 1),
    ]
    try:
        _migrate(BEFORE)
        with connection.cursor() as cursor:
            for table, date_column in TABLES:
                cursor.executemany(
                    f"INSERT INTO {table} (organization_id, {date_column}, dimension, bucket, delta)"  # noqa: S608
                    " VALUES (%s, %s, %s, %s, %s)",
                    stored,
                )
        _migrate(AFTER)
        for table, date_column in TABLES:
            assert _rows(table, date_column) == sorted(stored)
        row = RollupDay.objects.get(organization=commune, day=dt.date(2024, 1, 1), dimension="gender")
        assert row.pk == (commune.pk, dt.date(2024, 1, 1), "gender", "female")
        with pytest.raises(IntegrityError), transaction.atomic():
            RollupMonth.objects.create(
                organization=province, month=dt.date(2024, 1, 1), dimension="total", bucket="", delta=1
            )
        RollupYear.objects.filter(organization=province).delete()
        _migrate(BEFORE)
        assert _rows("reports_rollupday", "day") == sorted(stored)
        assert _rows("reports_rollupyear", "year") == sorted(r for r in stored if r[0] == commune.pk)
    finally:
        _migrate(AFTER)


@pytest.mark.django_db
def test_rows_are_read_updated_and_deleted_by_their_key():
    province = make_org(None, K.PROVINCIAL, "Đảng bộ tỉnh Thử", "K01")
    day = RollupDay.objects.create(organization=province, day=dt.date(2024, 5, 1), dimension="total", delta=2)
    RollupDay.objects.create(organization=province, day=dt.date(2024, 5, 2), dimension="total", delta=1)
    assert RollupDay.objects.get(pk=(province.pk, dt.date(2024, 5, 1), "total", "")).delta == 2
    day.delta = 5
    day.save()
    assert RollupDay.objects.order_by("day").first().delta == 5
    day.delete()
    assert list(RollupDay.objects.values_list("day", "delta")) == [(dt.date(2024, 5, 2), 1)]
    province.delete()  # the rows go with their organization (Django's cascade: no database constraint)
    assert not RollupDay.objects.exists()
