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
    # performance: row-level access to each SKP is in portal/skp.py
    "skp": frozenset({"admin", "operator", "penilai", "pegawai"}),
    # monthly reports: the SKP's row-level rule (portal/monthly.py)
    "monthly_report": frozenset({"admin", "operator", "penilai", "pegawai"}),
    # follow-ups of final SKP across units (appraisers record them on the SKP page)
    "follow_up": frozenset({"admin", "operator"}),
    # a penilai sees her own unit and the units of those she appraises (portal/predikat_spread.py)
    "predikat_distribution": frozenset({"admin", "operator", "penilai"}),
    "period": frozenset({"admin", "operator"}),
    "unit_indicator": frozenset({"admin", "operator"}),
    "indicator_realisation": frozenset({"admin", "operator"}),
    "unit_result": frozenset({"admin", "operator"}),
    # satisfaction survey (SKM)
    "survey_service": frozenset({"admin", "operator"}),
    "survey_response": frozenset({"admin", "operator", "petugas_pengaduan"}),
    "survey_population": frozenset({"admin", "operator"}),
    "survey_ikm": frozenset({"admin", "operator"}),
    "survey_qr": frozenset({"admin", "operator"}),
    "survey_import": frozenset({"admin", "operator"}),
    # Row-level rules on top (admin/complaints.py): a unit's officer sees only
    # complaints disposed to their unit.
    "complaint": frozenset({"admin", "operator", "petugas_pengaduan"}),
    "outbox": frozenset({"admin"}),
    # national holidays and cuti bersama: working-day limits of complaints skip them
    "non_working_day": frozenset({"admin", "operator"}),
    # content: operators write, reviewers (admin, flagged operators) publish —
    # the workflow rules in portal.rules.publication decide each action
    "content_item": frozenset({"admin", "operator"}),
    "content_queue": frozenset({"admin", "operator"}),
    "award": frozenset({"admin", "operator"}),
    # events: organisers manage events and registrations; every signed-in user sees
    # their own attendance (matched by their employee's NIP) in the training history
    "event": frozenset({"admin", "operator"}),
    "event_registration": frozenset({"admin", "operator"}),
    "training_history": ALL_ROLES,
    # spreadsheet import: an operator with a unit imports for that unit and the units
    # under it (admin/imports.py import_scope); without a unit, for every unit
    "data_import": frozenset({"admin", "operator"}),
    # the audit trail (read-only); operators do not see entries about user accounts and
    # outgoing mail (admin/audit.py)
    "audit": frozenset({"admin", "operator"}),
    # low-code forms: an operator of a unit manages that unit's forms (admin/forms.py)
    "custom_form": frozenset({"admin", "operator"}),
    "form_submission": frozenset({"admin", "operator"}),
}


def may_open(role, endpoint):
    return role in VIEW_ROLES.get(endpoint, frozenset())


def survey_unit_scope(user):
    """Whose survey responses ``user`` may read: None for every unit, else one unit's id.

    A complaint officer tied to a unit reads that unit's responses; the coordinator
    (no unit), operators and administrators read all.
    """
    if user.role == "petugas_pengaduan" and user.unit_id is not None:
        return user.unit_id
    return None
