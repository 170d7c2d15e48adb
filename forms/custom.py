"""The WTForms form of a low-code form, built from its definition.

``build(fields)`` returns a form class deriving forms.base.Form (CSRF, translated
messages), one WTForms field per active field, named by its key. Every rule is
checked on the server: types, choices, e-mail and phone patterns, file kinds, and
required-when-shown — a field hidden by its condition is never required and what
it received is discarded (``answers()`` leaves it out). The browser's show/hide
(static/js/form-conditions.js) is a convenience only.
"""
from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import (DateField, SelectChoice, FileField, RadioField, SelectMultipleField, StringField,
                     SubmitField, TextAreaField)
from wtforms.validators import Length, Regexp, StopValidation, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from forms.base import Form, file_limits
from forms.complaints import EMAIL_PATTERN, PHONE_PATTERN, refusal
from portal import held_uploads
from portal.rules import form_fields as rules
from portal.uploads import UploadRefused, prepare

SHORT_MAX = 500
LONG_MAX = 5000
YES_NO = (("yes", _l("Yes")), ("no", _l("No")))


def _choices(pairs):
    return [SelectChoice(value, label) for value, label in pairs]


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _raw(field):
    if field.type == "FileField":
        upload = field.data
        held = held_uploads.held_of(field)
        return getattr(upload, "filename", "") or (held[0].name if held else None)
    data = field.raw_data or []
    if field.type in ("CheckboxesField",):
        return [str(item) for item in data]
    return str(data[0]) if data else None


class ShownOrSkipped:
    """First in every field's chain: a hidden field, or an optional one left empty,
    stops here without errors; a required, shown, empty field gets one message."""

    field_flags = {}

    def __init__(self, key, required):
        self.key = key
        self.required = required
        if required:
            self.field_flags = {"required": True}

    def __call__(self, form, field):
        empty = rules.is_empty(_raw(field))
        if self.key not in form.visible or empty:
            field.errors[:] = []
            if self.key in form.visible and self.required:
                raise StopValidation(_("This question must be answered."))
            raise StopValidation()


def _number(form, field):
    if rules.parse_number(field.data) is None:
        raise ValidationError(_("Enter a number, for example 12 or 3,5."))


def _choices_exist(form, field):
    allowed = {str(choice.value) for choice in field.choices}
    if any(item not in allowed for item in (field.data or [])):
        raise ValidationError(_("Choose from the list."))


def _file(form, field):
    """A new file replaces the one held from the previous try; without one, the held
    file is the answer."""
    upload = field.data
    held = held_uploads.held_of(field)
    if not getattr(upload, "filename", ""):
        if held:
            form.cleaned_files[field.name] = held[0].prepared()
        return
    max_bytes = current_app.config["FORM_FILE_MAX_BYTES"]
    try:
        prepared = prepare(upload.stream, upload.filename, max_bytes)
    except UploadRefused as exc:
        message = refusal(str(exc), upload.filename, max_bytes)
        if held:
            message += " " + _("%(name)s is still attached.", name=held[0].name)
        raise ValidationError(message) from None
    for old in held:
        old.remove()
    field.held = []
    field.fresh = [prepared]
    form.cleaned_files[field.name] = prepared


def make_field(spec):
    """The unbound WTForms field of one definition (a FormField row or a dict-like)."""
    first = ShownOrSkipped(spec.key, spec.required)
    kwargs = {"label": spec.label, "description": spec.help_text or ""}
    kind = spec.type
    if kind == "short_text":
        return StringField(validators=[first, Length(max=SHORT_MAX)],
                           render_kw={"maxlength": SHORT_MAX}, **kwargs)
    if kind == "long_text":
        return TextAreaField(validators=[first, Length(max=LONG_MAX)],
                             render_kw={"rows": 5, "maxlength": LONG_MAX}, **kwargs)
    if kind == "number":
        return StringField(validators=[first, _number], render_kw={"inputmode": "decimal"},
                           **kwargs)
    if kind == "date":
        return DateField(validators=[first], **kwargs)
    if kind == "email":
        return StringField(validators=[first, Length(max=200),
                                       Regexp(EMAIL_PATTERN,
                                              message=_l("Enter a valid e-mail address."))],
                           render_kw={"type": "email", "inputmode": "email",
                                      "autocomplete": "email"}, **kwargs)
    if kind == "phone":
        return StringField(validators=[first, Regexp(PHONE_PATTERN,
                                                     message=_l("Enter a valid phone number."))],
                           render_kw={"inputmode": "tel", "autocomplete": "tel"}, **kwargs)
    if kind == "single_choice":
        return RadioField(choices=_choices((c, c) for c in spec.choice_list), validators=[first],
                          **kwargs)
    if kind == "multiple_choice":
        return CheckboxesField(choices=_choices((c, c) for c in spec.choice_list),
                               validators=[first, _choices_exist], **kwargs)
    if kind == "yes_no":
        return RadioField(choices=_choices(YES_NO), validators=[first], **kwargs)
    if kind == "file":
        return FileField(validators=[first, _file],
                         render_kw={"accept": "image/jpeg,image/png,application/pdf",
                                    **file_limits(current_app.config["FORM_FILE_MAX_BYTES"])},
                         **kwargs)
    raise ValueError(f"unknown field type {kind!r}")


class CustomFormBase(Form):
    """What every built form shares: the visible set, cleaned files and answers()."""

    specs = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.cleaned_files = {}
        self.visible = {spec.key for spec in self.specs}

    def validate(self, extra_validators=None):
        held_uploads.attach(self)  # before the visible fields are worked out
        self.visible = rules.visible_keys(self.specs, self.raw_answers())
        self.cleaned_files = {}
        return super().validate(extra_validators)

    def raw_answers(self):
        return {spec.key: _raw(self[spec.key]) for spec in self.specs}

    def answers(self):
        """key → clean value of each shown, answered field (files: the prepared tuple)."""
        result = {}
        for spec in self.specs:
            if spec.key not in self.visible:
                continue
            field = self[spec.key]
            if spec.type == "file":
                if field.name in self.cleaned_files:
                    result[spec.key] = self.cleaned_files[field.name]
                continue
            if spec.type == "number":
                value = rules.parse_number(field.data)
                value = None if value is None else format(value, "f")
            else:
                value = field.data
            text = rules.clean_value(spec.type, value)
            if text:
                result[spec.key] = text
        return result


def build(specs, submit_label=None, embedded=False):
    """A form class for these field definitions (active ones, in order).

    ``embedded``: extra questions inside another form (event registration,
    complaint): no CSRF token and no button of their own; use a ``prefix``.
    """
    specs = tuple(specs)
    attrs = {"specs": specs}
    for spec in specs:
        attrs[spec.key] = make_field(spec)
    if embedded:
        attrs["Meta"] = type("Meta", (CustomFormBase.Meta,), {"csrf": False})
    else:
        attrs["submit"] = SubmitField(submit_label or _l("Send"))
    return type("BuiltForm", (CustomFormBase,), attrs)


def condition_attrs(form, spec):
    """The data-* attributes the browser script reads to show or hide a field."""
    attrs = {"data-field": form[spec.key].name}
    when = (spec.show_when_key or "").strip()
    if when and when in form._fields:
        attrs["data-when-field"] = form[when].name
        attrs["data-when-value"] = spec.show_when_value or ""
    elif when:
        attrs["data-when-field"] = "-"  # the field it depended on is gone: always hidden
        attrs["data-when-value"] = spec.show_when_value or ""
    return attrs
