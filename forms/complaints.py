"""Public complaint forms: a new report, the tracking lookup, and the satisfaction question."""
from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from peewee import SQL
from wtforms import (BooleanField, SelectChoice, DateField, MultipleFileField, RadioField, SelectField,
                     StringField, SubmitField, TextAreaField)
from wtforms.validators import DataRequired, Length, Optional, Regexp, ValidationError

from forms.base import Form, file_limits, too_large, too_many
from portal import held_uploads, labels
from portal.input_guard import BIGGEST_ID
from portal.models import Unit
from portal.prepared import Statement, slot
from portal.rules.complaint_fields import (DESCRIPTION_MAX, DESCRIPTION_MIN, EMAIL_PATTERN,
                                           LIMITS, PHONE_PATTERN, TITLE_MAX, TITLE_MIN)
from portal.uploads import MAX_PIXELS, UploadRefused, prepare

# What the form promises an anonymous reporter, by the roles the office lets see
# anonymous reporters besides the coordinator (ANONYMOUS_REPORTER_VISIBLE_TO).
ANONYMITY_PROMISE = {
    frozenset(): _l("Your name and contact details are not shown to the public nor to the "
                    "unit handling the report; only the complaint coordinator sees them."),
    frozenset({"admin"}): _l(
        "Your name and contact details are not shown to the public nor to the unit handling "
        "the report; only the complaint coordinator and the portal's administrators see "
        "them."),
    frozenset({"operator"}): _l(
        "Your name and contact details are not shown to the public nor to the unit handling "
        "the report; only the complaint coordinator and the BKPSDM operators see them."),
    frozenset({"admin", "operator"}): _l(
        "Your name and contact details are not shown to the public nor to the unit handling "
        "the report; only the complaint coordinator, the portal's administrators and the "
        "BKPSDM operators see them."),
}

# one set of limits and patterns for the form, the JSON API and Open311
PLACE_MAX = LIMITS["place"][1]
NAME_MAX = LIMITS["reporter_name"][1]
EMAIL_MAX = LIMITS["reporter_email"][1]


def choices(mapping):
    return [SelectChoice(value, label) for value, label in mapping.items()]


_ACTIVE_UNIT = Statement(lambda: Unit.select(SQL("1")).where(
    Unit.id == slot("id"), Unit.active == True).limit(1))  # noqa: E712


def unit_choices():
    return [SelectChoice(0, _("— I don't know —"))] + [
        SelectChoice(u.id, u.name) for u in Unit.public()]


class ComplaintForm(Form):
    kind = RadioField(_l("Kind of report"), choices=choices(labels.COMPLAINT_KIND),
                      default="pengaduan", validators=[DataRequired()])
    # the list of units is read only when the form is shown; a sent choice is checked by
    # validate_unit with one query instead of loading every unit
    unit = SelectField(_l("Unit (OPD) concerned"), coerce=int, validators=[Optional()],
                       validate_choice=False,
                       description=_l("Choose the unit if you know it; otherwise the "
                                      "coordinator will pass your report to the right one."))
    category = SelectField(_l("Category"), choices=choices(labels.COMPLAINT_CATEGORY),
                           validators=[DataRequired()])
    title = StringField(_l("Title"), validators=[DataRequired(), Length(min=TITLE_MIN, max=TITLE_MAX)],
                        description=_l("In a few words, for example: Broken street light on Jalan Merdeka."))
    description = TextAreaField(
        _l("What happened?"),
        validators=[DataRequired(), Length(min=DESCRIPTION_MIN, max=DESCRIPTION_MAX)],
        description=_l("Tell what, where and when, and what you expect. Plain text, "
                       "%(min)d to %(max)d characters.", min=DESCRIPTION_MIN, max=DESCRIPTION_MAX),
        render_kw={"rows": 8, "maxlength": DESCRIPTION_MAX})
    event_date = DateField(_l("Date of the event"), validators=[Optional()])
    place = StringField(_l("Place"), validators=[Optional(), Length(max=PLACE_MAX)])
    attachments = MultipleFileField(
        _l("Photos or documents (optional)"),
        description=_l("JPEG or PNG photos, or PDF documents. Location data is removed from photos."),
        render_kw={"accept": "image/jpeg,image/png,application/pdf"})
    reporter_name = StringField(_l("Your name (optional)"), validators=[Optional(), Length(max=NAME_MAX)],
                                render_kw={"autocomplete": "name"})
    reporter_email = StringField(
        _l("Your e-mail (optional)"),
        validators=[Optional(), Length(max=EMAIL_MAX),
                    Regexp(EMAIL_PATTERN, message=labels.EMAIL_INVALID)],
        description=_l("We send the tracking ID and every reply there."),
        render_kw={"autocomplete": "email", "type": "email", "inputmode": "email"})
    reporter_phone = StringField(
        _l("Your phone number (optional)"),
        validators=[Optional(), Regexp(PHONE_PATTERN, message=labels.PHONE_INVALID)],
        render_kw={"autocomplete": "tel", "inputmode": "tel"})
    anonymous = BooleanField(_l("Anonymous"), description=ANONYMITY_PROMISE[frozenset()])
    confidential = BooleanField(
        _l("Confidential (rahasia)"),
        description=_l("The content of your report is never shown on the public pages; "
                       "only the officers handling it can read it."))
    # Left empty by people; filled in by bots that fill in every field.
    website = StringField(_l("Leave this field empty"), validators=[Optional()])
    submit = SubmitField(_l("Send report"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit.choices = unit_choices
        self.cleaned_files = []
        config = current_app.config
        self.anonymous.description = ANONYMITY_PROMISE[
            frozenset(config["ANONYMOUS_REPORTER_VISIBLE_TO"])]
        self.attachments.render_kw = {
            **self.attachments.render_kw, **file_limits(
                config["COMPLAINT_ATTACHMENT_MAX_BYTES"], config["COMPLAINT_MAX_ATTACHMENTS"])}

    def validate_unit(self, field):
        # an id beyond a database integer names no row (and would overflow the driver)
        if field.data and (not 0 < field.data <= BIGGEST_ID
                           or _ACTIVE_UNIT.first(id=field.data) is None):
            raise ValidationError(_("Choose a unit from the list."))

    def validate_attachments(self, field):
        """Files held from the previous try count with the new ones; each new file that
        passes its checks is kept (``field.fresh``) even when another one is refused."""
        files = [f for f in (field.data or []) if f and getattr(f, "filename", "")]
        held = held_uploads.held_of(field)
        config = current_app.config
        most = config["COMPLAINT_MAX_ATTACHMENTS"]
        if len(files) + len(held) > most:
            if held:
                raise ValidationError(_("Attach at most %(n)d files, counting the %(held)d "
                                        "already attached.", n=most, held=len(held)))
            raise ValidationError(too_many(most))
        max_bytes = config["COMPLAINT_ATTACHMENT_MAX_BYTES"]
        messages = []
        for upload in files:
            try:
                field.fresh.append(prepare(upload.stream, upload.filename, max_bytes))
            except UploadRefused as exc:
                messages.append(refusal(str(exc), upload.filename, max_bytes))
        if messages:
            raise ValidationError(" ".join(messages) + " " + (
                _("Choose that file again or another one; the files shown as attached and the "
                  "rest of the form have been kept.") if field.fresh or held else
                _("Choose the files again; the rest of the form has been kept.")))
        self.cleaned_files = held_uploads.files_of(field)


def refusal(reason, filename, max_bytes):
    """Why one file was not accepted (``portal.uploads.UploadRefused``'s reason)."""
    if reason == "too_large":
        return too_large(filename, max_bytes)
    if reason == "too_many_pixels":
        return _("%(name)s has too many pixels (at most %(n)d million). "
                 "Send a smaller photo.", name=filename, n=MAX_PIXELS // 1_000_000)
    if reason == "damaged":
        return _("%(name)s could not be read; it may be damaged.", name=filename)
    return _("%(name)s is not a JPEG or PNG photo or a PDF document. "
             "Only these can be attached.", name=filename)


class TrackForm(Form):
    class Meta:
        csrf = False  # a lookup, sent with GET

    id = StringField(_l("Tracking ID"), validators=[DataRequired(), Length(max=40)],
                     render_kw={"autocapitalize": "characters", "autocomplete": "off",
                                "spellcheck": "false", "placeholder": "LPR-XXXX-XXXX-XXXX"})
    submit = SubmitField(_l("Check status"))


class SatisfactionForm(Form):
    rating = RadioField(_l("How satisfied are you with how your report was handled?"),
                        coerce=int, choices=choices(labels.SATISFACTION),
                        validators=[DataRequired(message=_l("Choose one answer."))])
    comment = TextAreaField(_l("Comment (optional)"), validators=[Optional(), Length(max=1000)],
                            render_kw={"rows": 4})
    submit = SubmitField(_l("Send"))


