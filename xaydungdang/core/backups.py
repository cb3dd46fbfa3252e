"""Backup and restore of the whole database (`manage.py backup`, `manage.py restore`; README "Backup").

PostgreSQL: `pg_dump --format=custom` (compressed, restorable table by table) and `pg_restore`; the client
programs of the server's major version must be on PATH. SQLite (the embedded default): the sqlite3 online
backup API, which copies a consistent snapshot while the application keeps running.
"""

import hashlib
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connections

POSTGRES = "postgresql"
SQLITE = "sqlite"


class BackupError(Exception):
    pass


def vendor_of(settings_dict: dict) -> str:
    engine = settings_dict["ENGINE"]
    if "postgresql" in engine:
        return POSTGRES
    if "sqlite3" in engine:
        return SQLITE
    raise BackupError(f"Không sao lưu được cơ sở dữ liệu loại {engine}.")


def target_from_url(url: str) -> dict:
    """A settings dict (ENGINE, NAME, HOST, PORT, USER, PASSWORD) from a DATABASE_URL-style address."""
    import dj_database_url

    return dj_database_url.parse(url)


def _pg_env(db: dict) -> tuple[list[str], dict]:
    args = []
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _require(program: str) -> str:
    path = shutil.which(program)
    if path is None:
        raise BackupError(
            f"Không tìm thấy chương trình {program}: hãy cài gói postgresql-client cùng phiên bản máy chủ."
        )
    return path


def _run(command: list[str], env: dict) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} thất bại: {done.stderr.strip() or done.stdout.strip()}")


def backup(output: Path, alias: str = "default") -> Path:
    """Write a backup of the database `alias` to `output`; returns the path."""
    connection = connections[alias]
    db = connection.settings_dict
    output.parent.mkdir(parents=True, exist_ok=True)
    if vendor_of(db) == POSTGRES:
        args, env = _pg_env(db)
        _run([_require("pg_dump"), "--format=custom", "--no-owner", "--file", str(output), *args, db["NAME"]], env)
    else:
        connection.ensure_connection()
        target = sqlite3.connect(output)
        try:
            # The live connection (also an in-memory test database), copied page by page into the file.
            connection.connection.backup(target)
        finally:
            target.close()
    return output


def _pg_create_if_missing(db: dict) -> None:
    import psycopg

    args = {"host": db.get("HOST") or None, "port": db.get("PORT") or None, "user": db.get("USER") or None}
    args = {k: v for k, v in args.items() if v}
    if db.get("PASSWORD"):
        args["password"] = db["PASSWORD"]
    with psycopg.connect(dbname="postgres", autocommit=True, **args) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]]).fetchone():
            conn.execute(f'CREATE DATABASE "{db["NAME"]}"')


def restore(source: Path, target: dict) -> None:
    """Restore the backup `source` into the database described by `target` (a settings dict).

    PostgreSQL: the database is created if missing; the objects of the backup replace those of the same name.
    SQLite: the file is replaced by the backup's content."""
    if not source.exists():
        raise BackupError(f"Không có tệp sao lưu {source}.")
    with open(source, "rb") as handle:
        magic = handle.read(16)
    if vendor_of(target) == POSTGRES:
        if magic[:5] != b"PGDMP":
            raise BackupError(f"{source} không phải tệp sao lưu PostgreSQL (dạng custom của pg_dump).")
        _pg_create_if_missing(target)
        args, env = _pg_env(target)
        command = [_require("pg_restore"), "--clean", "--if-exists", "--no-owner", "--exit-on-error"]
        _run([*command, "--dbname", target["NAME"], *args, str(source)], env)
    else:
        name = str(target["NAME"])
        if magic != b"SQLite format 3\x00":
            raise BackupError(f"{source} không phải tệp sao lưu SQLite.")
        backup_db = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        restored = sqlite3.connect(name, uri=name.startswith("file:"))
        try:
            backup_db.backup(restored)
        finally:
            backup_db.close()
            restored.close()


def default_output(alias: str = "default", folder: Path | None = None) -> Path:
    from django.utils import timezone

    db = connections[alias].settings_dict
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    suffix = "dump" if vendor_of(db) == POSTGRES else "sqlite3"
    name = Path(str(db["NAME"])).stem if vendor_of(db) == SQLITE else db["NAME"]
    return (folder or Path("backups")) / f"{name}-{stamp}.{suffix}"


# --- comparing two databases (the restore test; also handy after a restore) ----------------------
def table_fingerprints(cursor, vendor: str, tables: list[str], quote) -> dict[str, tuple[int, str]]:
    """{table: (row count, checksum of its rows in a canonical order)} read through a DB-API cursor.

    PostgreSQL sums in the server (each row as text, in UTC); SQLite in Python, so the cursor must convert
    values the same way on both sides (Django's converters are registered on the sqlite3 module)."""
    result = {}
    if vendor == POSTGRES:
        cursor.execute("SET TIME ZONE 'UTC'")
    for table in tables:
        name = quote(table)
        if vendor == POSTGRES:
            cursor.execute(
                f"SELECT count(*), coalesce(md5(string_agg(t::text, E'\\n' ORDER BY t::text)), '') FROM {name} t"  # noqa: S608
            )
            count, digest = cursor.fetchone()
        else:
            cursor.execute(f"SELECT * FROM {name}")  # noqa: S608 (names from the introspection)
            rows = sorted(repr(tuple(bytes(v) if isinstance(v, memoryview) else v for v in row)) for row in cursor)
            count, digest = len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest()
        result[table] = (count, digest)
    return result
