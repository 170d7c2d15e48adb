"""A real failure of the real database on one chosen row: a trigger that raises when a
row with ``column = value`` is inserted into ``table`` (SQLite or PostgreSQL).

Used to check that an import writing many rows keeps all of them or none: the checks
before the write cannot see this failure, only the transaction can undo what came before.
"""
import contextlib

from portal.db import db

TRIGGER = "lentera_test_fails_on_row"


def _is_postgres():
    return db.obj.__class__.__name__.startswith("Postgres")


@contextlib.contextmanager
def insert_fails_on(table, column, value):
    """While open, inserting a row whose ``column`` equals ``value`` into ``table`` fails."""
    literal = "'" + str(value).replace("'", "''") + "'"
    with db.connection_context():
        if _is_postgres():
            # (%% : the driver formats the statement, a lone % would be a placeholder)
            db.execute_sql(f"""CREATE OR REPLACE FUNCTION {TRIGGER}() RETURNS trigger AS $$
                BEGIN
                    IF NEW."{column}"::text = {literal} THEN
                        RAISE EXCEPTION 'planted failure on row %%', NEW."{column}";
                    END IF;
                    RETURN NEW;
                END $$ LANGUAGE plpgsql""")
            db.execute_sql(f'CREATE TRIGGER {TRIGGER} BEFORE INSERT ON "{table}" '
                           f"FOR EACH ROW EXECUTE FUNCTION {TRIGGER}()")
        else:
            db.execute_sql(f'CREATE TRIGGER {TRIGGER} BEFORE INSERT ON "{table}" '
                           f'WHEN NEW."{column}" = {literal} '
                           f"BEGIN SELECT RAISE(ABORT, 'planted failure'); END")
    try:
        yield
    finally:
        with db.connection_context():
            if _is_postgres():
                db.execute_sql(f'DROP TRIGGER IF EXISTS {TRIGGER} ON "{table}"')
                db.execute_sql(f"DROP FUNCTION IF EXISTS {TRIGGER}()")
            else:
                db.execute_sql(f"DROP TRIGGER IF EXISTS {TRIGGER}")
