"""Open follow-ups (tindak lanjut) of final SKP for operators: per unit, with
filters and CSV/XLSX export; marking one done is a button (POST, CSRF)."""
from flask import url_for
from flask_admin.contrib.peewee.filters import FilterEqual
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

from admin import consequences
from admin.base import SecureModelView
from portal import confirm, labels
from portal.models import Employee, FollowUp, Skp, Unit


def _status(view, context, model, name):
    text = labels.FOLLOW_UP_STATUS.get(model.status, model.status)
    if model.status != "open":
        return text
    ask = consequences.follow_up_done(model, url_for("follow_up.index_view"))
    return Markup('{} <form method="post" action="{}" class="d-inline"{}>'
                  '<input type="hidden" name="csrf_token" value="{}">'
                  '<input type="hidden" name="next" value="list">'
                  '<button type="submit" class="btn btn-outline-success btn-sm">{}</button>'
                  '</form>').format(text, url_for("skp.follow_up_done", item_id=model.id),
                                    confirm.hook(ask), generate_csrf(), _l("Mark as done"))


def _employee(view, context, model, name):
    employee = model.skp.employee
    return Markup('<a href="{}">{}</a><br><small>{}</small>').format(
        url_for("skp.detail", skp_id=model.skp_id), employee.name, employee.nip_formatted)


class _Units:
    """The units as filter options, read at each page (the filter table is built
    when the app starts, before the database may exist)."""

    def __bool__(self):
        return True

    def __iter__(self):
        return iter([(str(u.id), u.name) for u in Unit.select().order_by(Unit.name)])


class FollowUpView(SecureModelView):
    can_create = False
    can_delete = False
    can_edit = False
    column_list = ["unit", "employee", "year", "predikat", "kind", "note", "status",
                   "created_at"]
    column_labels = {"unit": _l("Unit"), "employee": _l("Employee"), "year": _l("Year"),
                     "predikat": _l("Predikat"), "kind": _l("Follow-up"),
                     "note": _l("Recommendation"), "status": _l("Status"),
                     "created_at": _l("Recorded at"), "award": _l("Award"),
                     "done_at": _l("Done at"), "created_by": _l("Recorded by"),
                     "skp": _l("SKP")}
    column_filters = [
        FilterEqual(FollowUp.status, _l("Status"),
                    options=labels.choices(labels.FOLLOW_UP_STATUS)),
        FilterEqual(FollowUp.kind, _l("Follow-up"),
                    options=labels.choices(labels.FOLLOW_UP_KIND)),
        FilterEqual(FollowUp.unit, _l("Unit"),
                    options=_Units()),
    ]
    column_default_sort = ("created_at", True)
    column_formatters = {
        "unit": lambda v, c, m, n: m.unit.name,
        "employee": _employee,
        "year": lambda v, c, m, n: m.skp.year,
        "predikat": lambda v, c, m, n: labels.PREDIKAT.get(m.skp.predikat, "—"),
        "kind": lambda v, c, m, n: labels.FOLLOW_UP_KIND.get(m.kind, m.kind),
        "status": _status,
    }
    column_formatters_export = {
        "unit": lambda v, c, m, n: m.unit.name,
        "employee": lambda v, c, m, n: f"{m.skp.employee.name} ({m.skp.employee.nip})",
        "year": lambda v, c, m, n: m.skp.year,
        "predikat": lambda v, c, m, n: str(labels.PREDIKAT.get(m.skp.predikat, "")),
        "kind": lambda v, c, m, n: str(labels.FOLLOW_UP_KIND.get(m.kind, m.kind)),
        "status": lambda v, c, m, n: str(labels.FOLLOW_UP_STATUS.get(m.status, m.status)),
    }
    column_details_list = ["skp", "unit", "kind", "award", "note", "status", "created_by",
                           "created_at", "done_at"]

    def get_query(self):
        return (FollowUp.select(FollowUp, Skp, Employee, Unit)
                .join(Skp).join(Employee).switch(FollowUp).join(Unit))
