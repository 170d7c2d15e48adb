"""Who may open which back-office view: the one table, read by the views and the tests.

Keys are Flask-Admin endpoint names; values the roles allowed. A view missing
here is open to nobody (a forgotten entry fails closed).
"""
ALL_ROLES = frozenset({"admin", "operator", "penilai", "pegawai", "petugas_pengaduan"})

VIEW_ROLES = {
    "admin": ALL_ROLES,  # the back-office home (Flask-Admin index view)
    "unit": frozenset({"admin", "operator"}),
    "employee": frozenset({"admin", "operator"}),
    "account": frozenset({"admin"}),
    # Row-level rules on top (admin/complaints.py): a unit's officer sees only
    # complaints disposed to their unit.
    "complaint": frozenset({"admin", "operator", "petugas_pengaduan"}),
    "outbox": frozenset({"admin"}),
}


def may_open(role, endpoint):
    return role in VIEW_ROLES.get(endpoint, frozenset())
