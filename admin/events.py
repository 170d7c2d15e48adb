"""Back office for events: the events themselves, their registrations (check-in list,
attendance export) and each employee's own training history.

Times are typed in the office's zone (WIB) and stored in UTC, as content schedules are.
"""
import re

from flask import flash, request, url_for
from flask_admin.actions import action
from flask_admin.contrib.peewee.filters import FilterEqual
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user
from markupsafe import Markup
from wtforms import DateTimeLocalField, SelectField, SelectMultipleField, TextAreaField
from wtforms.validators import DataRequired, ValidationError

from admin.base import (SecureModelView, is_row_key, select_choices, show_local_times,
                        store_utc_times)
from admin.content import LOCAL_FORMATS
from forms.complaints import EMAIL_PATTERN
from portal import events as service
from portal.db import db
from portal.labels import content as content_labels
from portal.labels import events as labels
from portal.models import ContentItem, CustomForm, Event, EventMaterial, Registration, Unit
from portal.models.base import utcnow
from portal.rules import events as rules
from portal.rules.nip import format_nip

TIME_HELP = _l("In the office's time zone (e.g. WIB).")


def _registrations_link(view, context, model, name):
    return Markup('<a href="{}">{}</a>').format(
        url_for("event_registration.index_view", event_id=model.id), _l("Registrations"))


def _code(view, context, model, name):
    return Markup('<strong class="attendance-code">{}</strong>').format(model.attendance_code)


class EventView(SecureModelView):
    column_list = ["title", "kind", "starts_at", "place", "capacity", "published",
                   "attendance_code", "registrations"]
    column_searchable_list = ["title", "place"]
    column_filters = [FilterEqual(Event.kind, _l("Kind"), options=labels.choices(labels.KIND)),
                      "published"]
    column_default_sort = ("starts_at", True)
    column_sortable_list = ["title", "kind", "starts_at", "capacity", "published"]
    column_labels = {
        "title": _l("Title"), "kind": _l("Kind"), "description": _l("Description (Markdown)"),
        "starts_at": _l("Starts"), "ends_at": _l("Ends"), "place": _l("Place"),
        "online_url": _l("Online link"), "capacity": _l("Capacity (seats)"),
        "audience": _l("Audience"), "audience_unit": _l("Unit (audience)"),
        "published": _l("Published"), "materials": _l("Materials"),
        "attendance_code": _l("Attendance code"), "registrations": _l("Registrations"),
        "created_by": _l("Created by"), "created_at": _l("Created"), "updated_at": _l("Updated"),
    }
    column_descriptions = {
        "starts_at": TIME_HELP, "ends_at": TIME_HELP,
        "description": _l("Markdown: ## heading, **bold**, - list, [link](https://…). "
                          "Scripts and unsafe links are removed when shown."),
        "online_url": _l("For online or hybrid events, e.g. the meeting link."),
        "capacity": _l("When the seats are taken, new registrations join the waiting list."),
        "audience": _l("Events for ASN are shown only to signed-in employees of that audience."),
        "audience_unit": _l("Only when the audience is one unit."),
        "materials": _l("Content items to read before or after the event."),
        "published": _l("Shown on the public list of events, open for registration."),
        "attendance_code": _l("Show this code to the attendees: they enter it on the event's "
                              "attendance page to mark themselves present."),
    }
    column_formatters = {
        "kind": lambda v, c, m, n: labels.KIND.get(m.kind, m.kind),
        "audience": lambda v, c, m, n: content_labels.AUDIENCE.get(m.audience, m.audience),
        "registrations": _registrations_link, "attendance_code": _code,
    }
    column_formatters_export = {"registrations": lambda v, c, m, n: "",
                                "attendance_code": lambda v, c, m, n: m.attendance_code}
    column_details_list = ["title", "kind", "starts_at", "ends_at", "place", "online_url",
                           "capacity", "audience", "audience_unit", "published",
                           "attendance_code", "registrations", "created_by", "created_at"]
    form_columns = ["title", "kind", "description", "starts_at", "ends_at", "place",
                    "online_url", "capacity", "audience", "audience_unit", "materials",
                    "published"]
    form_overrides = {"kind": SelectField, "audience": SelectField, "description": TextAreaField,
                      "starts_at": DateTimeLocalField, "ends_at": DateTimeLocalField}
    form_args = {
        "kind": {"choices": select_choices(labels.choices(labels.KIND))},
        "audience": {"choices": select_choices(content_labels.choices(content_labels.AUDIENCE))},
        "starts_at": {"format": LOCAL_FORMATS, "validators": [DataRequired()]},
        "ends_at": {"format": LOCAL_FORMATS, "validators": [DataRequired()]},
    }
    form_extra_fields = {"materials": SelectMultipleField(_l("Materials"), coerce=int)}
    form_widget_args = {"description": {"rows": 10}}
    form_ajax_refs = {"audience_unit": {"fields": (Unit.name, Unit.code), "page_size": 15}}

    def _material_choices(self, form):
        form.materials.choices = [
            (item.id, f"{item.title} ({item.language.upper()})")
            for item in ContentItem.select(ContentItem.id, ContentItem.title,
                                           ContentItem.language)
            .order_by(ContentItem.title).limit(500)]
        return form

    def create_form(self, obj=None):
        return self._material_choices(super().create_form(obj))

    def edit_form(self, obj=None):
        return self._material_choices(super().edit_form(obj))

    def on_form_prefill(self, form, id):
        event = self.get_one(id)
        form.materials.data = [link.item_id for link in event.material_links]
        show_local_times(form, "starts_at", "ends_at")

    def on_model_change(self, form, model, is_created):
        if is_created:
            model.created_by = current_user.id
        store_utc_times(model, "starts_at", "ends_at")
        if rules.check_times(model.starts_at, model.ends_at):
            raise ValidationError(str(_l("The end must come after the start.")))
        if rules.check_capacity(model.capacity):
            raise ValidationError(str(_l("The capacity must be at least one seat.")))
        if model.audience == "unit" and model.audience_unit is None:
            raise ValidationError(str(_l("Choose the unit whose employees may attend.")))
        if model.audience != "unit":
            model.audience_unit = None
        if model.online_url and not model.online_url.startswith(("https://", "http://")):
            raise ValidationError(str(_l("The online link must start with https://.")))
        model.updated_at = utcnow()

    def audit_snapshot(self, model):
        data = super().audit_snapshot(model)
        data["materials"] = sorted(link.item_id for link in model.material_links) \
            if model.id else []
        return data

    def on_model_delete(self, model):
        # Its extra-questions form would stand alone, published, open to anyone.
        CustomForm.update(status="closed").where(CustomForm.event == model.id).execute()

    def after_model_change(self, form, model, is_created):
        with db.atomic():
            EventMaterial.delete().where(EventMaterial.event == model.id).execute()
            wanted = sorted(set(form.materials.data or []))
            if wanted:
                EventMaterial.insert_many([{"event": model.id, "item": item_id}
                                           for item_id in wanted]).execute()
        if is_created:
            return
        promoted = service.fill_seats_of(model.id)
        tell_promoted(promoted)
        taken = service.taken_seats(model.id)
        if taken > model.capacity:
            flash(_l("%(taken)d people already hold a seat, more than the new capacity. Nobody "
                     "loses a seat automatically: cancel registrations in the list if needed.",
                     taken=taken), "warning")


def tell_promoted(promoted):
    if promoted:
        flash(ngettext("%(num)d person moved up from the waiting list and was told by mail.",
                       "%(num)d people moved up from the waiting list and were told by mail.",
                       len(promoted)), "success")


def _nip(view, context, model, name):
    return format_nip(model.nip) if model.nip else ""


def _valid_email(form, field):
    # a plain string: Flask-Admin's form template shows only those, not lazy ones
    if not re.match(EMAIL_PATTERN, field.data or ""):
        raise ValidationError(_("Enter a valid e-mail address."))


class RegistrationView(SecureModelView):
    """Every registration; ``?event_id=`` narrows the list (and its export) to one event."""

    can_create = False
    irreversible_actions = ("delete", "cancel")  # asked on a page naming the people
    column_list = ["event", "name", "email", "phone", "organisation", "nip", "status",
                   "attended_at", "attended_via", "created_at"]
    column_searchable_list = ["name", "email", "organisation", "nip"]
    column_filters = [FilterEqual(Registration.status, _l("Status"),
                                  options=labels.choices(labels.STATUS)),
                      "attended_at"]
    column_default_sort = ("created_at", False)
    column_sortable_list = ["name", "status", "attended_at", "created_at"]
    column_labels = {
        "event": _l("Event"), "name": _l("Name"), "email": _l("E-mail"), "phone": _l("Phone"),
        "organisation": _l("Institution or unit (instansi)"), "nip": _l("NIP"),
        "status": _l("Status"), "attended_at": _l("Present (time)"),
        "attended_via": _l("Marked by"), "created_at": _l("Registered at"),
        "employee": _l("Employee"), "cancelled_at": _l("Cancelled at"),
    }
    column_formatters = {
        "status": lambda v, c, m, n: labels.STATUS.get(m.status, m.status),
        "attended_via": lambda v, c, m, n: labels.ATTENDED_VIA.get(m.attended_via, ""),
        "nip": _nip, "event": lambda v, c, m, n: m.event.title,
    }
    column_formatters_export = column_formatters
    column_details_list = ["event", "name", "email", "phone", "organisation", "nip", "status",
                           "attended_at", "attended_via", "created_at", "cancelled_at"]
    # The status changes only through the actions below, under the event's seat lock.
    form_columns = ["name", "email", "phone", "organisation"]
    form_args = {"email": {"validators": [DataRequired(), _valid_email]}}

    def on_model_change(self, form, model, is_created):
        model.email = rules.normalise_email(model.email)
        if service.email_taken(model.event_id, model.email, other_than=model.id):
            raise ValidationError(_l("This e-mail address is already registered for this "
                                     "event."))

    def _event_id(self):
        return request.args.get("event_id", type=int)

    def get_query(self):
        query = super().get_query()
        if self._event_id():
            query = query.where(Registration.event == self._event_id())
        return query

    def get_count_query(self):
        query = super().get_count_query()
        if self._event_id():
            query = query.where(Registration.event == self._event_id())
        return query

    @action("check_in", _l("Mark present"), _l("Mark the selected people present?"))
    def action_check_in(self, ids):
        count = service.mark_attended([int(i) for i in ids], "list")
        flash(ngettext("%(num)d person marked present.", "%(num)d people marked present.",
                       count), "success")

    def after_model_delete(self, model):
        """Once the delete is committed: the seat it held goes to the waiting list, while
        the event still takes registrations (nobody is told of a seat at a past event)."""
        event = Event.get_or_none(Event.id == model.event_id)
        if event is not None and rules.registration_open(event.published, event.ends_at,
                                                         utcnow()):
            tell_promoted(service.fill_seats_of(event.id))

    def _chosen(self, ids):
        """The ids picked in the list that this view may show, oldest registration first."""
        wanted = [int(i) for i in ids if is_row_key(i)]
        return [r.id for r in self.get_query().where(Registration.id.in_(wanted))
                .order_by(Registration.created_at, Registration.id)]

    @action("confirm_seat", _l("Give a seat"),
            _l("Give the selected people a seat? Each is told by mail."))
    def action_confirm_seat(self, ids):
        given, refused = 0, []
        for registration_id in self._chosen(ids):
            try:
                service.confirm_seat(registration_id)
                given += 1
            except service.SeatRefused as exc:
                refused.append(str(exc))
        if given:
            flash(ngettext("%(num)d person now holds a seat.", "%(num)d people now hold a seat.",
                           given), "success")
        if refused:
            flash(_l("No seat is left for: %(names)s. Raise the event's capacity first.",
                     names=", ".join(refused)), "error")

    @action("cancel", _l("Cancel registration"),
            _l("Cancel the selected registrations? The first on the waiting list moves up, "
               "and everyone concerned is told by mail."))
    def action_cancel(self, ids):
        count = 0
        for registration_id in self._chosen(ids):
            service.cancel_registration(registration_id)
            count += 1
        flash(ngettext("%(num)d registration cancelled.", "%(num)d registrations cancelled.",
                       count), "success")

    @action("check_out", _l("Not present"), _l("Remove the attendance of the selected people?"))
    def action_check_out(self, ids):
        count = (Registration.update(attended_at=None, attended_via="")
                 .where(Registration.id.in_([int(i) for i in ids])).execute())
        flash(ngettext("%(num)d attendance removed.", "%(num)d attendances removed.", count),
              "success")


class TrainingHistoryView(SecureModelView):
    """The events a signed-in employee attended, matched by their NIP."""

    can_create = False
    can_edit = False
    can_delete = False
    can_view_details = False
    column_list = ["event", "kind", "starts_at", "attended_at"]
    column_labels = {"event": _l("Event"), "kind": _l("Kind"), "starts_at": _l("Date"),
                     "attended_at": _l("Present (time)")}
    column_formatters = {
        "event": lambda v, c, m, n: m.event.title,
        "kind": lambda v, c, m, n: labels.KIND.get(m.event.kind, m.event.kind),
        "starts_at": lambda v, c, m, n: v.column_type_formatters[type(m.event.starts_at)](
            v, m.event.starts_at, n),
    }
    column_formatters_export = {
        "event": lambda v, c, m, n: m.event.title,
        "kind": lambda v, c, m, n: labels.KIND.get(m.event.kind, m.event.kind),
        "starts_at": lambda v, c, m, n: m.event.starts_at,  # local time, to the second
    }
    column_default_sort = ("attended_at", True)
    column_sortable_list = ["attended_at"]

    def _mine(self, query):
        employee = current_user.employee if current_user.employee_id else None
        nip = employee.nip if employee else None
        return query.where((Registration.nip == (nip or "-"))
                           & Registration.attended_at.is_null(False))

    def get_query(self):
        return self._mine(super().get_query())

    def get_count_query(self):
        return self._mine(super().get_count_query())

    def get_one(self, id):
        return self._mine(Registration.select()).where(Registration.id == id).first()
