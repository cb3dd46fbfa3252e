"""The triggers that keep the remembered rows of imports (ImportedRow) exact: a row is deleted when its
member's editable fields (members.services.EDITABLE_FIELDS) or cell change, or the member is deleted,
whatever writes them. Migration exchange 0007 created them with the columns of its day; `ensure`, before
every import pass reads a remembered row, makes them again (and forgets every remembered row) when they
are missing or watch other columns than `watched()` gives today."""

FORGET = "DELETE FROM exchange_importedrow WHERE member_id = OLD.id"
FUNCTION = "exchange_importedrow_forget"
NAMES = ("exchange_importedrow_forget_changed", "exchange_importedrow_forget_deleted")


def watched() -> tuple[str, ...]:
    """The columns of members.services.EDITABLE_FIELDS, and the cell."""
    from xaydungdang.members.models import Member
    from xaydungdang.members.services import EDITABLE_FIELDS

    return (*(Member._meta.get_field(name).column for name in EDITABLE_FIELDS), "organization_id")


# The comparison is in the function's body, not in a WHEN clause: PostgreSQL would refuse to change the type
# of a column a trigger's WHEN uses (ALTER COLUMN ... TYPE, e.g. a longer varchar in a later migration).
def _postgresql_body(columns: tuple[str, ...]) -> str:
    old, new = ", ".join(f"OLD.{c}" for c in columns), ", ".join(f"NEW.{c}" for c in columns)
    return f"""
BEGIN
    IF TG_OP = 'DELETE' OR ({old}) IS DISTINCT FROM ({new}) THEN
        {FORGET};
    END IF;
    RETURN NULL;
END """


def _postgresql(columns: tuple[str, ...]) -> str:
    return f"""
CREATE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $${_postgresql_body(columns)}$$;
CREATE TRIGGER {NAMES[0]} AFTER UPDATE ON members_member FOR EACH ROW EXECUTE FUNCTION {FUNCTION}();
CREATE TRIGGER {NAMES[1]} AFTER DELETE ON members_member FOR EACH ROW EXECUTE FUNCTION {FUNCTION}();
"""


POSTGRESQL_REVERSE = f"""
DROP TRIGGER IF EXISTS {NAMES[0]} ON members_member;
DROP TRIGGER IF EXISTS {NAMES[1]} ON members_member;
DROP FUNCTION IF EXISTS {FUNCTION}();
"""


def _sqlite(columns: tuple[str, ...]) -> list[str]:
    return [
        f"CREATE TRIGGER {NAMES[0]} AFTER UPDATE ON members_member FOR EACH ROW"
        f" WHEN {' OR '.join(f'OLD.{c} IS NOT NEW.{c}' for c in columns)}"
        f" BEGIN {FORGET}; END",
        f"CREATE TRIGGER {NAMES[1]} AFTER DELETE ON members_member FOR EACH ROW BEGIN {FORGET}; END",
    ]


SQLITE_REVERSE = [f"DROP TRIGGER IF EXISTS {NAMES[0]}", f"DROP TRIGGER IF EXISTS {NAMES[1]}"]


def create(vendor: str, execute, columns: tuple[str, ...] | None = None) -> None:
    """Create the triggers with `execute` (a schema editor's or a cursor's), watching `columns` (a
    migration passes those of its day; by default `watched()`)."""
    columns = columns or watched()
    if vendor == "postgresql":
        execute(_postgresql(columns))
    elif vendor == "sqlite":
        for statement in _sqlite(columns):
            execute(statement)


def drop(vendor: str, execute) -> None:
    if vendor == "postgresql":
        execute(POSTGRESQL_REVERSE)
    elif vendor == "sqlite":
        for statement in SQLITE_REVERSE:
            execute(statement)


def ensure() -> None:
    """The remembered rows are valid only while the triggers are there and watch today's columns. SQLite
    drops a table's triggers when Django remakes the table (a migration altering a column of
    members_member); a field added to EDITABLE_FIELDS is not watched by the triggers made before. In
    either case every remembered row is forgotten and the triggers are made again."""
    from django.db import connection

    vendor = connection.vendor
    if vendor not in ("postgresql", "sqlite"):
        return
    with connection.cursor() as cursor:
        if _as_expected(cursor, vendor):
            return
        cursor.execute("DELETE FROM exchange_importedrow")
        drop(vendor, cursor.execute)
        create(vendor, cursor.execute)


def _as_expected(cursor, vendor: str) -> bool:
    """Whether both triggers exist and the update trigger watches `watched()` (its stored definition is
    the one `create` writes today)."""
    columns = watched()
    if vendor == "postgresql":
        cursor.execute(
            "SELECT (SELECT count(*) FROM pg_trigger WHERE tgname = ANY(%s) AND NOT tgisinternal),"
            " (SELECT prosrc FROM pg_proc WHERE proname = %s)",
            [list(NAMES), FUNCTION],
        )
        count, body = cursor.fetchone()
        return count == len(NAMES) and body == _postgresql_body(columns)
    cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (%s, %s)", NAMES)
    stored = dict(cursor.fetchall())
    return stored == dict(zip(NAMES, _sqlite(columns), strict=True))
