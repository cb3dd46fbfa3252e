# ruff: noqa: S608 - the queries are built from our models' table names and ints
"""Members added to the rollups in bulk (a large import, reports.rollups.bulk) give exactly the rows a
rebuild gives, whether their ids come as a list or as a query read by the database, and whether the
stored rows already hold keys of theirs or not."""

from types import SimpleNamespace

import pytest
from django.db import connection

from xaydungdang.exchange.import_keys import FileKeys
from xaydungdang.members.models import Member
from xaydungdang.reports.models import RollupDay, RollupFootprint
from xaydungdang.reports.rollups import bulk
from xaydungdang.reports.rollups.rebuild import rebuild, verify
from xaydungdang.reports.tests import test_rollups_engines as engines
from xaydungdang.reports.tests.test_rollups_engines import _rows, _wipe

nation = engines.nation  # the fixture: a root, two provinces, a commune, a commune outside


def _members(organizations, count: int, seed: int) -> None:
    """Members of every shape of test_rollups_engines, in member-holding organizations only (periods held
    by a commune itself, which no service writes, are counted by the Python reference member by member,
    as SQLite adds them, but not by a rebuild)."""
    holding, outside = organizations.holding, organizations.outside[:1]
    engines._members(SimpleNamespace(holding=holding, outside=outside), count, seed)


def _counts() -> dict:
    """The stored rows but those of a zero delta (an addition onto a stored key that cancels it leaves one,
    as the member services' upsert does; they count for nothing and a rebuild deletes them)."""
    rows = _rows()
    return {name: {row for row in found if row[-1]} if name != "footprints" else found for name, found in rows.items()}


def _rebuilt() -> dict:
    """The rows a rebuild gives from the raw rows (the stored ones replaced)."""
    _wipe()
    rebuild()
    return _rows()


def _ids(**filters) -> list[int]:
    return sorted(Member.objects.filter(**filters).values_list("pk", flat=True))


@pytest.fixture
def small_chunks(monkeypatch):
    """Chunks of 7 members (SQLite's path), so that the keyset over a query is walked several times."""
    monkeypatch.setattr(bulk, "CHUNK", 7)


def test_members_from_a_query_give_the_rows_of_a_rebuild(nation, small_chunks):
    _members(nation, 80, 21)
    bulk.rollup_members_added(f"SELECT id FROM {Member._meta.db_table}")
    added = _counts()
    assert added["days"] and len(added["footprints"]) > 30
    assert added == _rebuilt()
    assert verify() == []


def test_a_list_and_a_query_of_the_same_members_give_the_same_rows(nation, small_chunks):
    _members(nation, 50, 22)
    bulk.rollup_members_added(_ids())
    from_list = _rows()
    _wipe()
    bulk.rollup_members_added(f"SELECT id FROM {Member._meta.db_table} WHERE id > 0")
    assert _rows() == from_list


def test_members_added_onto_stored_rows_of_the_same_days_give_the_rows_of_a_rebuild(nation, small_chunks):
    """The second half finds keys of its days already stored (updated, not inserted again)."""
    _members(nation, 80, 23)
    ids = _ids()
    bulk.rollup_members_added(ids[: len(ids) // 2])
    stored = RollupDay.objects.count()
    bulk.rollup_members_added(f"SELECT id FROM {Member._meta.db_table} WHERE id > {ids[len(ids) // 2 - 1]}")
    assert RollupDay.objects.count() > stored
    assert _counts() == _rebuilt()


def test_members_of_other_organizations_added_beside_stored_rows_give_the_rows_of_a_rebuild(nation):
    """Stored rows of other organizations only: no stored key can match, the rows go in straight."""
    _members(nation, 60, 24)
    south = set(
        Member.objects.filter(periods__organization__path__startswith=nation.south.path).values_list("pk", flat=True)
    )
    elsewhere = [pk for pk in _ids() if pk not in south]
    bulk.rollup_members_added(sorted(south))
    assert RollupDay.objects.filter(organization=nation.south).exists()
    bulk.rollup_members_added(elsewhere)
    assert _counts() == _rebuilt()


def test_a_query_that_selects_no_member_writes_nothing(nation):
    _members(nation, 10, 25)
    bulk.rollup_members_added(f"SELECT id FROM {Member._meta.db_table} WHERE id < 0")
    bulk.rollup_members_added("")
    assert not RollupDay.objects.exists() and not RollupFootprint.objects.exists()


def test_the_import_keys_give_the_query_of_the_members_written(nation):
    _members(nation, 12, 26)
    ids = _ids()
    keys = FileKeys()
    assert keys.created() == ""
    keys.add(("national_id", "001"), 3)
    keys.flush()
    assert keys.created() == "", "no member written yet"
    for row, pk in enumerate(ids[:5], start=10):
        keys.add(("created", pk), row)
    keys.flush()
    for row, pk in enumerate(ids[5:], start=20):
        keys.add(("created", pk), row)  # written when asked: created() flushes first
    query = keys.created()
    with connection.cursor() as cursor:
        cursor.execute(query)
        assert sorted(pk for (pk,) in cursor.fetchall()) == ids
    bulk.rollup_members_added(query)
    keys.close()
    assert _counts() == _rebuilt()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the dates' JSON is PostgreSQL's")
def test_footprint_dates_are_iso_whatever_the_date_style(nation):
    _members(nation, 30, 27)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL DateStyle = 'SQL, DMY'")  # until the test's transaction rolls back
    bulk.rollup_members_added(_ids())
    added = _rows()["footprints"]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL DateStyle = 'ISO, MDY'")
    _wipe()
    rebuild(engine="python")
    assert added == _rows()["footprints"]
