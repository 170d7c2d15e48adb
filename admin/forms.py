"""Back office of low-code forms: the form builder (a form with its fields inline).
The submissions are in admin/form_submissions.py.

Row access: administrators, and operators whose account has no unit, see every
form; an operator of a unit sees that unit's forms and their submissions only
(``portal.custom_forms.may_manage`` says the same for the public preview).

A field that has answers is never deleted: the delete box (or "Active" off)
switches it off and its answers, with the label they were given under, stay in
the details and in the export.
"""

from flask import abort, flash, url_for
from flask_admin.contrib.peewee.filters import FilterEqual
from flask_admin.model.form import InlineFormAdmin
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup
from wtforms import DateTimeLocalField, SelectField, TextAreaField
from wtforms.validators import Optional, ValidationError

from admin import form_conditions as conditions
from admin.base import (SecureModelView, field_error, select_choices, show_local_times,
                        store_utc_times)
from admin.content import LOCAL_FORMATS
from portal import labels as portal_labels
from portal.db import db
from portal.labels import forms as labels
from portal.models import CustomForm, Event, FormField, Unit
from portal.models.base import utcnow
from portal.rules import form_fields as rules
from portal.rules import slugs

SLUG_MAX = CustomForm.slug.max_length


def scoped_forms(user, query=None):
    """The forms ``user`` may manage, as a query."""
    query = query if query is not None else CustomForm.select()
    if user.role == "admin" or user.unit_id is None:
        return query
    return query.where(CustomForm.unit == user.unit_id)


def _field_error(message):
    return ValidationError(str(message))


class FieldInline(InlineFormAdmin):
    form_columns = ["id", "position", "label", "key", "type", "required", "help_text", "choices",
                    "show_when_key", "show_when_value", "active"]
    form_label = _l("Fields")
    column_labels = {}
    form_args = {
        "id": {"validators": [Optional()]},
        "position": {"label": _l("Order")},
        "label": {"label": _l("Question (label)")},
        "key": {"label": _l("Key"),
                "description": _l("For exports and conditions (a-z, 0-9, _). Empty: made "
                                  "from the question. Fixed once answered."),
                "validators": [Optional()]},
        "type": {"label": _l("Type"), "choices": select_choices(labels.choices(labels.TYPE))},
        "required": {"label": _l("Required")},
        "help_text": {"label": _l("Help text"), "validators": [Optional()]},
        "choices": {"label": _l("Choices (one per line)"),
                    "description": _l("For single and multiple choice."),
                    "validators": [Optional()]},
        "active": {"label": _l("Active"),
                   "description": _l("Switched off, the field is no longer asked; its old "
                                     "answers stay readable.")},
    }
    form_widget_args = {"choices": {"rows": 3}}
    # chosen from lists, not typed (admin/form_conditions.py)
    form_extra_fields = {"show_when_key": conditions.question_field(),
                         "show_when_value": conditions.answer_field()}

    def on_model_change(self, form, model, is_created):
        model.label = (model.label or "").strip()
        if not model.label:
            raise _field_error(_l("Every field needs a question (label)."))
        others = FormField.select(FormField.key).where(FormField.form == model.form_id)
        if not is_created:
            others = others.where(FormField.id != model.id)
        taken = {row.key for row in others}
        model.key = (model.key or "").strip()
        if not model.key:
            model.key = rules.slug_key(model.label, taken)
        if not rules.valid_key(model.key):
            raise _field_error(_l("A key has lower-case letters, digits and _ only, and starts "
                                  "with a letter: %(key)s", key=model.key))
        if model.key in taken:
            raise _field_error(_l("Two fields cannot have the same key: %(key)s", key=model.key))
        if not is_created:
            old = FormField.get_by_id(model.id)
            if old.key != model.key and old.has_answers():
                raise _field_error(_l("The key of a field with answers cannot change "
                                      "(%(key)s).", key=old.key))
        if model.type in rules.CHOICE_TYPES and not rules.parse_choices(model.choices):
            raise _field_error(_l("“%(label)s” needs its choices, one per line.",
                                  label=model.label))
        model.choices = "\n".join(rules.parse_choices(model.choices))
        model.show_when_key = (model.show_when_key or "").strip()
        model.show_when_value = (model.show_when_value or "").strip() \
            if model.show_when_key else ""
        model.help_text = (model.help_text or "").strip()
        model.position = model.position or 0
        if model.active:
            model.removed_at = None
        elif model.removed_at is None:
            model.removed_at = utcnow()
        conditions.remember_row(form, model)


def _links(view, context, model, name):
    parts = [Markup('<a href="{}">{}</a>').format(
        url_for("form_submission.index_view", form_id=model.id), _l("Submissions"))]
    if model.is_open() and model.event_id is None and not model.complaint_category:
        parts.append(Markup('<a href="{}">{}</a>').format(
            url_for("custom_forms.page", slug=model.slug), _l("Open")))
    parts.append(Markup('<a href="{}">{}</a>').format(
        url_for("custom_forms.page", slug=model.slug, preview=1), _l("Preview")))
    return Markup(" · ").join(parts)


def _attached(model):
    if model.event_id:
        return str(model.event)
    if model.complaint_category:
        return str(portal_labels.COMPLAINT_CATEGORY.get(model.complaint_category,
                                                        model.complaint_category))
    return ""


def _category_choices():
    return [("", "—")] + portal_labels.choices(portal_labels.COMPLAINT_CATEGORY)


class AtomicSave:
    """The form and all its fields are saved together or not at all."""

    def after_save_check(self, model):
        pass

    def _atomic(self, save):
        with db.atomic() as txn:
            result = save()
            if result is not False and result is not None:
                try:
                    self.after_save_check(result)
                except ValidationError as exc:
                    flash(str(exc), "error")
                    result = False
            if result is False or result is None:
                txn.rollback()
        return result


class CustomFormView(AtomicSave, SecureModelView):
    create_template = "admin/custom_form/create.html"
    edit_template = "admin/custom_form/edit.html"
    column_list = ["title", "status", "unit", "attached", "submitted", "links"]
    column_searchable_list = ["title", "slug"]
    column_filters = [FilterEqual(CustomForm.status, _l("Status"),
                                  options=labels.choices(labels.STATUS))]
    column_default_sort = ("updated_at", True)
    column_sortable_list = ["title", "status"]
    column_labels = {
        "title": _l("Title"), "slug": _l("Address (slug)"), "intro": _l("Introduction (Markdown)"),
        "status": _l("Status"), "audience": _l("Audience"), "opens_at": _l("Opens"),
        "closes_at": _l("Closes"), "confirmation": _l("Confirmation message (Markdown)"),
        "unit": _l("Owning unit"), "event": _l("Event (registration extra questions)"),
        "complaint_category": _l("Complaint category (extra questions)"),
        "attached": _l("Attached to"), "submitted": _l("Submissions"), "links": _l("Links"),
        "fields": _l("Fields"), "created_at": _l("Created"), "updated_at": _l("Updated"),
        "created_by": _l("Created by"),
    }
    column_descriptions = {
        "slug": _l("The last part of the form's address, e.g. pendaftaran-umkm for "
                   "/formulir/pendaftaran-umkm. Left empty, it is made from the title."),
        "status": _l("Draft: only the back office sees it (Preview). Published: open to the "
                     "public. Closed for answers: the public can no longer send it."),
        "opens_at": _l("In the office's time zone (e.g. WIB). Optional."),
        "closes_at": _l("In the office's time zone (e.g. WIB). Optional."),
        "event": _l("Asked on the event's registration form instead of at its own address."),
        "complaint_category": _l("Asked on the complaint form when this category is chosen."),
        "confirmation": _l("Shown after sending, with the reference number."),
    }
    column_formatters = {
        "status": lambda v, c, m, n: labels.STATUS.get(m.status, m.status),
        "audience": lambda v, c, m, n: labels.AUDIENCE.get(m.audience, m.audience),
        "attached": lambda v, c, m, n: _attached(m),
        "submitted": lambda v, c, m, n: m.submissions.count(),
        "links": _links,
        "complaint_category": lambda v, c, m, n: _attached(m) if m.complaint_category else "",
    }
    column_formatters_export = {"links": lambda v, c, m, n: "",
                                "status": lambda v, c, m, n: m.status}
    column_details_list = ["title", "slug", "status", "audience", "opens_at", "closes_at",
                           "unit", "event", "complaint_category", "submitted", "links",
                           "created_by", "created_at", "updated_at"]
    form_columns = ["title", "slug", "status", "intro", "opens_at", "closes_at", "confirmation",
                    "unit", "event", "complaint_category"]
    form_overrides = {"status": SelectField, "complaint_category": SelectField,
                      "intro": TextAreaField, "confirmation": TextAreaField,
                      "opens_at": DateTimeLocalField, "closes_at": DateTimeLocalField}
    form_args = {
        "status": {"choices": select_choices(labels.choices(labels.STATUS))},
        "complaint_category": {"choices": select_choices(_category_choices())},
        "opens_at": {"format": LOCAL_FORMATS, "validators": [Optional()]},
        "closes_at": {"format": LOCAL_FORMATS, "validators": [Optional()]},
        "slug": {"validators": [Optional()]},
    }
    form_widget_args = {"intro": {"rows": 5}, "confirmation": {"rows": 3}}
    form_ajax_refs = {"unit": {"fields": (Unit.name, Unit.code), "page_size": 15},
                      "event": {"fields": (Event.title,), "page_size": 15}}
    inline_models = [FieldInline(FormField)]

    def get_query(self):
        return scoped_forms(current_user, super().get_query())

    def get_count_query(self):
        return scoped_forms(current_user, super().get_count_query())

    def get_one(self, id):
        found = scoped_forms(current_user).where(CustomForm.id == id).first()
        if found is None:
            abort(404)
        return found

    def on_form_prefill(self, form, id):
        show_local_times(form, "opens_at", "closes_at")

    def on_model_change(self, form, model, is_created):
        if is_created:
            model.created_by = current_user.id
        if current_user.role != "admin" and current_user.unit_id is not None:
            model.unit = current_user.unit_id
        model.title = (model.title or "").strip()
        model.slug = (model.slug or "").strip().lower()
        others = CustomForm.select(CustomForm.slug)
        if not is_created:
            others = others.where(CustomForm.id != model.id)
        taken = {row.slug for row in others}
        if not model.slug:
            model.slug = slugs.unique_slug(model.title, taken, SLUG_MAX)
            if not model.slug:
                raise field_error(form, "slug", _l("Give the form an address (slug) of letters or "
                                           "digits, e.g. pendaftaran-umkm."))
        elif not slugs.valid_slug(model.slug, SLUG_MAX):
            raise field_error(form, "slug", _l("The address (slug) has lower-case letters, digits and "
                                       "hyphens only, e.g. pendaftaran-umkm (at most "
                                       "%(count)d characters).", count=SLUG_MAX))
        elif model.slug in taken:
            raise field_error(form, "slug", _l("The address %(slug)s is already used by another form; "
                                       "choose another or leave it empty.", slug=model.slug))
        store_utc_times(model, "opens_at", "closes_at")
        if rules.dates_problem(model.opens_at, model.closes_at):
            raise _field_error(_l("The closing time must come after the opening time."))
        model.complaint_category = model.complaint_category or ""
        if model.event_id and model.complaint_category:
            raise _field_error(_l("Attach the form to an event or to a complaint category, "
                                  "not both."))
        model.updated_at = utcnow()

    def after_save_check(self, model):
        conditions.check(model)

    def create_model(self, form):
        return self._atomic(lambda: super(CustomFormView, self).create_model(form))

    def update_model(self, form, model):
        result = self._atomic(lambda: model if super(CustomFormView, self).update_model(
            form, model) else False)
        return result is not False

    def on_model_delete(self, model):
        if model.submissions.exists():
            raise _field_error(_l("This form has submissions and cannot be deleted; close it "
                                  "instead."))
