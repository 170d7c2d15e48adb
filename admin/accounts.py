"""Back office for user accounts (administrators only)."""
from flask import current_app, flash
from flask_admin.actions import action
from flask_admin.contrib.peewee.filters import FilterEqual
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import PasswordField, SelectField
from wtforms.validators import Optional, ValidationError

from admin.base import SecureModelView, select_choices
from forms.auth import password_problem
from portal import labels
from portal.models import Employee, Unit, User


class UserView(SecureModelView):
    column_list = ["username", "display_name", "role", "employee", "unit", "content_reviewer",
                   "active", "locked_until", "last_login_at"]
    column_searchable_list = ["username", "display_name"]
    column_filters = [FilterEqual(User.role, _l("Role"), options=labels.choices(labels.ROLE)),
                      "active"]
    column_labels = {"username": _l("Username"), "display_name": _l("Display name"),
                     "role": _l("Role"), "employee": _l("Employee"),
                     "unit": _l("Unit"), "active": _l("Active"),
                     "locked_until": _l("Locked until"), "last_login_at": _l("Last sign-in"),
                     "new_password": _l("New password"),
                     "content_reviewer": _l("May review and publish content")}
    column_formatters = {
        "role": lambda v, c, m, n: labels.ROLE.get(m.role, m.role),
        "locked_until": lambda v, c, m, n: format_datetime(m.locked_until) if m.locked_for() else "",
    }
    column_descriptions = {
        "unit": _l("Only for complaint officers: the unit whose complaints they handle. "
                   "Leave empty for the coordinator, who verifies and disposes all complaints. "
                   "For operators: the unit (and the units under it) they import data for; "
                   "empty for every unit."),
        "employee": _l("The employee this account belongs to (appraisers and employees)."),
        "new_password": _l("Leave empty to keep the current password."),
        "content_reviewer": _l("Operators only: may publish socialisation content written by "
                               "others, or send it back with a reason. Administrators always "
                               "may; nobody publishes an item they wrote themselves."),
    }
    column_details_exclude_list = ["password_hash", "session_version"]
    column_export_exclude_list = ["password_hash", "session_version"]
    can_export = False
    form_columns = ["username", "display_name", "role", "employee", "unit", "content_reviewer",
                    "active", "new_password"]
    form_overrides = {"role": SelectField}
    form_args = {"role": {"choices": select_choices(labels.choices(labels.ROLE))}}
    form_extra_fields = {"new_password": PasswordField(_l("New password"), validators=[Optional()])}
    form_ajax_refs = {
        "employee": {"fields": (Employee.name, Employee.nip), "page_size": 15},
        "unit": {"fields": (Unit.name, Unit.code), "page_size": 15},
    }

    def on_model_change(self, form, model, is_created):
        password = form.new_password.data
        if is_created and not password:
            raise ValidationError(_l("A new account needs a password."))
        if password:
            problem = password_problem(password, model.username,
                                       current_app.config["PASSWORD_MIN_LENGTH"])
            if problem:
                raise ValidationError(problem)
            model.set_password(password)
        if model.role not in ("petugas_pengaduan", "operator"):
            model.unit = None
        if model.role != "operator":
            model.content_reviewer = False
        if model.role in ("penilai", "pegawai") and model.employee is None:
            raise ValidationError(_l("Appraisers and employees need a linked employee."))
        if not is_created and model.id == current_user.id and (
                not model.active or model.role != "admin"):
            raise ValidationError(_l("You cannot deactivate or demote your own account."))

    def on_model_delete(self, model):
        if model.id == current_user.id:
            raise ValidationError(_l("You cannot delete your own account."))

    @action("unlock", _l("Unlock"), _l("Unlock the selected accounts?"))
    def action_unlock(self, ids):
        count = 0
        for user in User.select().where(User.id.in_([int(i) for i in ids])):
            user.unlock()
            count += 1
        flash(_("%(n)d account(s) unlocked.", n=count), "success")
