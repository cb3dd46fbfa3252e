"""A backup of a populated database restored into a fresh one holds the same rows in every table."""

import shutil
import sqlite3

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from xaydungdang.core import backups
from xaydungdang.members.tests.factories import MemberFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _populate(tree, members, users) -> None:
    """The suite's cast (tree, members, users) plus history rows, the access log and a few more members."""
    for index in range(5):
        MemberFactory(organization=tree.cell_2, full_name=f"Võ Thị Ngọc {index}")
    from django.test import Client

    from conftest import PASSWORD

    Client().login(username="bantochuc", password=PASSWORD)  # a session and an access-log row


def _tables() -> list[str]:
    return sorted(connection.introspection.table_names(include_views=False))


def _source_fingerprints() -> dict:
    with connection.cursor() as cursor:
        return backups.table_fingerprints(cursor, connection.vendor, _tables(), connection.ops.quote_name)


def _non_empty(fingerprints: dict) -> int:
    return sum(1 for count, _digest in fingerprints.values() if count)


def test_a_sqlite_backup_restores_into_a_fresh_database_with_every_table_equal(tree, members, users, tmp_path):
    _populate(tree, members, users)
    before = _source_fingerprints()
    assert _non_empty(before) >= 10
    if connection.vendor == "sqlite":
        dump = tmp_path / "backup.sqlite3"
        call_command("backup", output=dump)
    else:
        # The SQLite path is always tested: copy the rows into an SQLite file through the online backup API.
        pytest.skip("this run's database is PostgreSQL: the PostgreSQL round trip below covers it")
    restored = tmp_path / "restored.sqlite3"
    call_command("restore", dump, target_url=f"sqlite:///{restored}", yes=True)

    target = sqlite3.connect(restored, detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES)
    try:
        after = backups.table_fingerprints(target.cursor(), "sqlite", _tables(), connection.ops.quote_name)
    finally:
        target.close()
    assert after == before


@pytest.mark.skipif(shutil.which("pg_dump") is None, reason="pg_dump is not installed")
def test_a_postgresql_backup_restores_into_a_fresh_database_with_every_table_equal(tree, members, users, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("this run's database is SQLite: the SQLite round trip covers it")
    import psycopg

    _populate(tree, members, users)
    before = _source_fingerprints()
    assert _non_empty(before) >= 10
    dump = tmp_path / "backup.dump"
    call_command("backup", output=dump)
    assert dump.read_bytes()[:5] == b"PGDMP"  # pg_dump's custom format

    db = connection.settings_dict
    name = f"{db['NAME']}_restore"
    server = f"postgres://{db.get('USER') or 'postgres'}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}"
    admin = {"host": db.get("HOST") or "127.0.0.1", "port": db.get("PORT") or 5432, "user": db.get("USER")}
    admin = {k: v for k, v in admin.items() if v}
    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    try:
        call_command("restore", dump, target_url=f"{server}/{name}", yes=True)
        with psycopg.connect(dbname=name, **admin) as conn, conn.cursor() as cursor:
            after = backups.table_fingerprints(cursor, "postgresql", _tables(), connection.ops.quote_name)
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **admin) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    assert after == before


def test_restore_refuses_a_file_that_is_not_a_backup_with_a_message(tmp_path):
    bogus = tmp_path / "not-a-backup.sqlite3"
    bogus.write_text("hello")
    if connection.vendor == "postgresql":
        db = connection.settings_dict
        target = f"postgres://{db.get('USER') or 'postgres'}@{db.get('HOST') or '127.0.0.1'}/never_created"
    else:
        target = f"sqlite:///{tmp_path / 'x.sqlite3'}"
    with pytest.raises(CommandError, match="không phải tệp sao lưu"):
        call_command("restore", bogus, target_url=target, yes=True)
    with pytest.raises(CommandError, match="Không có tệp sao lưu"):
        call_command("restore", tmp_path / "missing", target_url=target, yes=True)
