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
    # content: operators write, reviewers (admin, flagged operators) publish —
    # the workflow rules in portal.rules.publication decide each action
    "content_item": frozenset({"admin", "operator"}),
    "content_queue": frozenset({"admin", "operator"}),
    "award": frozenset({"admin", "operator"}),
}


def may_open(role, endpoint):
    return role in VIEW_ROLES.get(endpoint, frozenset())
