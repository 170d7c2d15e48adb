"""Deleting in the back office keeps to what the models declare.

Flask-Admin deletes a row with peewee's ``delete_instance(recursive=True)``, which
deletes every row that refers to it, whatever its key declares: deleting a unit
(OPD) would take its employees, their SKP and the unit's survey answers with it.
The models say which references must stop a delete (``on_delete="RESTRICT"``, as the
database itself would refuse); ``blocking`` finds the rows that do, following the
references a delete cascades through. The back office refuses such a delete and says
what still refers to the row (``admin.base.SecureModelView``).
"""


def blocking(row):
    """The models with rows that still refer to ``row`` through a key that forbids the
    delete, directly or through rows the delete would cascade to; empty when it may go."""
    found = []

    def walk(model, keys, path):
        for fk, dependent in model._meta.backrefs.items():
            action = (fk.on_delete or "NO ACTION").upper()  # SQL's default refuses too
            if action == "SET NULL" or fk in path:
                continue
            rows = dependent.select(dependent._meta.primary_key).where(fk.in_(keys))
            if action == "CASCADE":
                walk(dependent, rows, path | {fk})
            elif dependent not in found and rows.exists():
                found.append(dependent)

    walk(type(row), [row._pk], frozenset())
    return found
