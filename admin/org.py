"""Back office for the organisation: units and employees."""
from flask_admin.contrib.peewee.filters import FilterEqual
from flask_babel import lazy_gettext as _l
from wtforms import SelectField
from wtforms.validators import ValidationError

from admin.base import SecureModelView, select_choices
from portal import labels
from portal.labels import NIP_ERRORS
from portal.models import Employee, Unit
from portal.rules import org, ranks
from portal.rules.nip import NipError, format_nip, normalise, parse_nip



def _label(mapping):
    return lambda view, context, model, name: mapping.get(getattr(model, name), getattr(model, name))


class UnitView(SecureModelView):
    column_list = ["code", "name", "kind", "facility", "parent", "active"]
    column_searchable_list = ["code", "name"]
    column_filters = [FilterEqual(Unit.kind, _l("Kind"), options=labels.choices(labels.UNIT_KIND)),
                      "active"]
    column_default_sort = "name"
    column_labels = {"code": _l("Code"), "name": _l("Name"), "kind": _l("Kind"),
                     "facility": _l("Serves (UPT)"), "parent": _l("Parent unit"), "active": _l("Active")}
    column_formatters = {"kind": _label(labels.UNIT_KIND), "facility": _label(labels.FACILITY)}
    column_descriptions = {
        "code": _l("A short unique code, e.g. DINKES. It appears in public addresses."),
        "parent": _l("A kelurahan sits under its kecamatan; a UPT under its dinas or badan."),
        "facility": _l("For a UPT: whether it is a puskesmas or a school, so the public "
                       "comparison of units can filter by it. Leave empty otherwise."),
    }
    form_columns = ["code", "name", "kind", "facility", "parent", "active"]
    form_overrides = {"kind": SelectField, "facility": SelectField}
    form_args = {"kind": {"choices": select_choices(labels.choices(labels.UNIT_KIND))},
                 "facility": {"choices": [("", "—")] + select_choices(
                     labels.choices(labels.FACILITY)), "coerce": lambda v: v or None}}
    form_ajax_refs = {"parent": {"fields": (Unit.name, Unit.code), "page_size": 15}}

    def on_model_change(self, form, model, is_created):
        model.code = model.code.strip().upper()
        if model.kind != "upt":
            model.facility = None  # only a UPT serves as a puskesmas or a school
        parent = model.parent
        reason = org.parent_error(model.kind, parent.kind if parent else None)
        if reason == "kelurahan_under_kecamatan":
            raise ValidationError(_l("A kelurahan must sit under a kecamatan."))
        if reason:
            raise ValidationError(_l("A unit of this kind cannot sit under that parent."))
        if parent and not is_created and org.creates_cycle(
                model.id, parent.id, lambda i: Unit.get_by_id(i).parent_id):
            raise ValidationError(_l("A unit cannot sit under itself or its own sub-unit."))

    def on_model_delete(self, model):
        # An account's unit is cleared with it, and an officer without a unit is a
        # coordinator who sees every unit's complaints.
        if model.officers.exists():
            raise ValidationError(_l("This unit still has accounts. Move them to another "
                                     "unit or delete them first; or mark the unit inactive."))


def nip_validator(form, field):
    check_tmt = getattr(form, "employment_type", None) is None \
        or form.employment_type.data != "pppk"
    try:
        parsed = parse_nip(field.data, check_tmt=check_tmt)
    except NipError as exc:
        # str(): Flask-Admin shows only plain-string errors, not lazy ones
        raise ValidationError(str(NIP_ERRORS[exc.code])) from None
    field.data = parsed.digits


class EmployeeView(SecureModelView):
    column_list = ["nip", "name", "golongan", "jabatan_kind", "position_title", "unit",
                   "supervisor", "employment_type", "active"]
    column_searchable_list = ["nip", "name", "position_title"]
    column_filters = [
        Unit.name,
        Unit.code,
        FilterEqual(Employee.golongan, _l("Golongan"), options=labels.GOLONGAN_CHOICES),
        FilterEqual(Employee.jabatan_kind, _l("Jabatan kind"),
                    options=labels.choices(labels.JABATAN_KIND)),
        FilterEqual(Employee.employment_type, _l("Employment type"),
                    options=labels.choices(labels.EMPLOYMENT_TYPE)),
        "active",
    ]
    column_default_sort = "name"
    column_filter_labels = {"Unit.name": _l("Unit name"), "Unit.code": _l("Unit code")}
    column_labels = {"nip": _l("NIP"), "name": _l("Name"), "golongan": _l("Golongan"),
                     "jabatan_kind": _l("Jabatan kind"), "position_title": _l("Position"),
                     "unit": _l("Unit"), "supervisor": _l("Direct supervisor"),
                     "employment_type": _l("Employment type"), "email": _l("E-mail"),
                     "active": _l("Active"), "Unit": _l("Unit"), "code": _l("Code")}
    column_formatters = {
        "nip": lambda v, c, m, n: format_nip(m.nip),
        "golongan": lambda v, c, m, n: ranks.golongan_label(m.golongan),
        "jabatan_kind": _label(labels.JABATAN_KIND),
        "employment_type": lambda v, c, m, n: m.employment_type.upper(),
        "supervisor": lambda v, c, m, n: m.supervisor.name if m.supervisor_id else "",
    }
    column_formatters_export = {"nip": lambda v, c, m, n: m.nip}
    column_descriptions = {
        "nip": _l("18 digits: birth date, TMT CPNS (yyyymm), sex digit, sequence — "
                  "e.g. 19860926 201505 1 001. For PPPK the middle group is not checked."),
        "supervisor": _l("The pejabat penilai: this employee's direct supervisor, who "
                         "appraises them. The supervisor's supervisor reviews."),
        "golongan": _l("Only for PNS; PPPK employees have no golongan."),
    }
    form_columns = ["nip", "name", "employment_type", "golongan", "jabatan_kind",
                    "position_title", "unit", "supervisor", "email", "active"]
    form_overrides = {"employment_type": SelectField, "golongan": SelectField,
                      "jabatan_kind": SelectField}
    form_args = {
        # people type the NIP with spaces: drop them before the length check
        "nip": {"filters": [normalise], "validators": [nip_validator]},
        "employment_type": {"choices": select_choices(labels.choices(labels.EMPLOYMENT_TYPE))},
        "golongan": {"choices": select_choices([("", "—")] + labels.GOLONGAN_CHOICES)},
        "jabatan_kind": {"choices": select_choices(labels.choices(labels.JABATAN_KIND))},
    }
    # room for the spaces people type between the NIP's groups
    form_widget_args = {"nip": {"maxlength": 24, "placeholder": "19860926 201505 1 001"}}
    form_ajax_refs = {
        "unit": {"fields": (Unit.name, Unit.code), "page_size": 15},
        "supervisor": {"fields": (Employee.name, Employee.nip), "page_size": 15},
    }

    def on_model_change(self, form, model, is_created):
        model.golongan = model.golongan or None
        reason = ranks.employment_error(model.employment_type, model.golongan)
        if reason == "pns_needs_golongan":
            raise ValidationError(_l("A PNS needs a golongan."))
        if reason:
            raise ValidationError(_l("A PPPK employee has no golongan; leave it empty."))
        if model.supervisor_id and not is_created and org.creates_cycle(
                model.id, model.supervisor_id, lambda i: Employee.get_by_id(i).supervisor_id):
            raise ValidationError(_l("An employee cannot supervise themselves, "
                                     "directly or through their subordinates."))
        duplicate = Employee.select().where(Employee.nip == model.nip)
        if model.id:
            duplicate = duplicate.where(Employee.id != model.id)
        if duplicate.exists():
            raise ValidationError(_l("Another employee already has this NIP."))
