"""The triggers that keep the remembered rows of imports (ImportedRow) exact: a row is deleted when its
member's editable fields (members.services.EDITABLE_FIELDS) or cell change, or the member is deleted,
whatever writes them (migration exchange 0007 creates them; `ensure` again if they are missing)."""

# The columns of members.services.EDITABLE_FIELDS, and the cell (test_unchanged_rows checks each one).
WATCHED = (
    "full_name",
    "gender",
    "birth_date",
    "ethnicity",
    "religion",
    "national_id",
    "hometown",
    "address",
    "phone",
    "party_card_number",
    "record_number",
    "education_level",
    "qualification",
    "theory_level",
    "occupation",
    "admission_decision_date",
    "admission_date",
    "official_date",
    "organization_id",
)
FORGET = "DELETE FROM exchange_importedrow WHERE member_id = OLD.id"

# The comparison is in the function's body, not in a WHEN clause: PostgreSQL would refuse to change the type
# of a column a trigger's WHEN uses (ALTER COLUMN ... TYPE, e.g. a longer varchar in a later migration).
POSTGRESQL = f"""
CREATE FUNCTION exchange_importedrow_forget() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE'
       OR ({", ".join(f"OLD.{c}" for c in WATCHED)}) IS DISTINCT FROM ({", ".join(f"NEW.{c}" for c in WATCHED)}) THEN
        {FORGET};
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER exchange_importedrow_forget_changed AFTER UPDATE ON members_member FOR EACH ROW
    EXECUTE FUNCTION exchange_importedrow_forget();
CREATE TRIGGER exchange_importedrow_forget_deleted AFTER DELETE ON members_member FOR EACH ROW
    EXECUTE FUNCTION exchange_importedrow_forget();
"""
POSTGRESQL_REVERSE = """
DROP TRIGGER IF EXISTS exchange_importedrow_forget_changed ON members_member;
DROP TRIGGER IF EXISTS exchange_importedrow_forget_deleted ON members_member;
DROP FUNCTION IF EXISTS exchange_importedrow_forget();
"""
SQLITE = [
    "CREATE TRIGGER exchange_importedrow_forget_changed AFTER UPDATE ON members_member FOR EACH ROW"
    f" WHEN {' OR '.join(f'OLD.{c} IS NOT NEW.{c}' for c in WATCHED)}"
    f" BEGIN {FORGET}; END",
    f"CREATE TRIGGER exchange_importedrow_forget_deleted AFTER DELETE ON members_member FOR EACH ROW BEGIN {FORGET}; END",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS exchange_importedrow_forget_changed",
    "DROP TRIGGER IF EXISTS exchange_importedrow_forget_deleted",
]


def create(vendor: str, execute) -> None:
    """Create the triggers with `execute` (a schema editor's or a cursor's)."""
    if vendor == "postgresql":
        execute(POSTGRESQL)
    elif vendor == "sqlite":
        for statement in SQLITE:
            execute(statement)


def drop(vendor: str, execute) -> None:
    if vendor == "postgresql":
        execute(POSTGRESQL_REVERSE)
    elif vendor == "sqlite":
        for statement in SQLITE_REVERSE:
            execute(statement)


NAMES = ("exchange_importedrow_forget_changed", "exchange_importedrow_forget_deleted")


def ensure() -> None:
    """The remembered rows are valid only while the triggers are there. SQLite drops a table's triggers
    when Django remakes the table (a migration altering a column of members_member): if one is missing,
    every remembered row is forgotten and the triggers are created again."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT count(*) FROM pg_trigger WHERE tgname = ANY(%s) AND NOT tgisinternal", [list(NAMES)])
        elif connection.vendor == "sqlite":
            cursor.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name IN (%s, %s)", NAMES)
        else:
            return
        if cursor.fetchone()[0] == len(NAMES):
            return
        cursor.execute("DELETE FROM exchange_importedrow")
        drop(connection.vendor, cursor.execute)
        create(connection.vendor, cursor.execute)
