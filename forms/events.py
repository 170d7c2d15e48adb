"""Public event forms: registration, cancelling, and marking attendance with the code."""
from flask_babel import lazy_gettext as _l
from wtforms import StringField, SubmitField
from wtforms.validators import DataRequired, Length, Optional, Regexp, ValidationError

from forms.base import Form
from forms.complaints import EMAIL_PATTERN, PHONE_PATTERN
from portal.labels import NIP_ERRORS
from portal.models import Employee
from portal.rules.nip import NipError, normalise, parse_nip



class RegistrationForm(Form):
    name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=200)],
                       render_kw={"autocomplete": "name"})
    email = StringField(
        _l("E-mail"),
        validators=[DataRequired(), Length(max=200),
                    Regexp(EMAIL_PATTERN, message=_l("Enter a valid e-mail address."))],
        render_kw={"autocomplete": "email", "type": "email", "inputmode": "email"})
    phone = StringField(
        _l("Phone number"),
        validators=[DataRequired(), Regexp(PHONE_PATTERN, message=_l("Enter a valid phone number."))],
        render_kw={"autocomplete": "tel", "inputmode": "tel"})
    organisation = StringField(_l("Institution or unit (instansi)"),
                               validators=[DataRequired(), Length(max=200)],
                               render_kw={"autocomplete": "organization"})
    nip = StringField(_l("NIP (optional)"), validators=[Optional()],
                      description=_l("For civil servants (ASN): your attendance then appears in "
                                     "your training history."),
                      render_kw={"inputmode": "numeric"})
    # Left empty by people; filled in by bots that fill in every field.
    website = StringField(_l("Leave this field empty"), validators=[Optional()])
    submit = SubmitField(_l("Register"))

    def validate_nip(self, field):
        try:
            self.parsed_nip = parse_nip(field.data)
        except NipError as exc:
            # a PPPK employee's number has no CPNS TMT in its middle group
            if exc.code == "tmt" and Employee.select().where(
                    (Employee.nip == normalise(field.data))
                    & (Employee.employment_type == "pppk")).exists():
                self.parsed_nip = parse_nip(field.data, check_tmt=False)
                return
            raise ValidationError(str(NIP_ERRORS[exc.code])) from None


class CancelForm(Form):
    submit = SubmitField(_l("Cancel my registration"))


class AttendanceForm(Form):
    email = StringField(
        _l("E-mail you registered with"),
        validators=[DataRequired(), Length(max=200),
                    Regexp(EMAIL_PATTERN, message=_l("Enter a valid e-mail address."))],
        render_kw={"autocomplete": "email", "type": "email", "inputmode": "email"})
    code = StringField(_l("Attendance code"), validators=[DataRequired(), Length(max=20)],
                       description=_l("The code the organiser shows in the room or the meeting."),
                       render_kw={"autocomplete": "off", "autocapitalize": "characters"})
    submit = SubmitField(_l("I am present"))
