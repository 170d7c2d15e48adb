"""Forms of the SKP pages: plan (RHK, IKI, lampiran), workflow reasons, evidence."""
from flask_babel import lazy_gettext as _l
from wtforms import (FileField, FloatField, SelectChoice, SelectField, StringField,
                     TextAreaField)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from forms.base import Form, IntegerField
from portal import labels


def choices(pairs):
    """(value, label) pairs as the SelectChoice objects WTForms wants."""
    return [SelectChoice(value, label) for value, label in pairs]


class ActionForm(Form):
    """A workflow button: the CSRF token and, for return/reopen, a reason."""

    reason = TextAreaField(_l("Reason"), validators=[Optional(), Length(max=2000)])


class CreateSkpForm(Form):
    year = IntegerField(_l("Year"), validators=[InputRequired(), NumberRange(2000, 2100)])


class LampiranForm(Form):
    dukungan_sumber_daya = TextAreaField(_l("Resource support (dukungan sumber daya)"),
                                         validators=[Length(max=5000)])
    skema_pertanggungjawaban = TextAreaField(
        _l("Accountability scheme (skema pertanggungjawaban)"), validators=[Length(max=5000)])
    konsekuensi = TextAreaField(_l("Consequences (konsekuensi)"), validators=[Length(max=5000)])


class RhkForm(Form):
    kind = SelectField(_l("Kind"), choices=choices(labels.choices(labels.RHK_KIND)))
    text = TextAreaField(_l("Planned result (RHK)"),
                         validators=[DataRequired(), Length(max=2000)])
    parent_rhk = SelectField(_l("Supervisor's RHK it supports"), coerce=int, default=0,
                             validate_choice=True)
    unit_indicator = SelectField(_l("Unit indicator"), coerce=int, default=0)


class IkiForm(Form):
    aspect = SelectField(_l("Aspect"), choices=choices(labels.choices(labels.ASPECT)))
    indicator = StringField(_l("Indicator (IKI)"), validators=[DataRequired(), Length(max=1000)])
    target_value = FloatField(_l("Target"), validators=[Optional()])
    target_unit = StringField(_l("Unit of measure"), validators=[Length(max=50)])


class EvidenceForm(Form):
    file = FileField(_l("Supporting evidence (bukti dukung)"))


class DialogForm(Form):
    body = TextAreaField(_l("Message"), validators=[DataRequired(), Length(max=4000)])


class MonthlyCreateForm(Form):
    year = IntegerField(_l("Year"), validators=[InputRequired(), NumberRange(2000, 2100)])
    month = IntegerField(_l("Month"), validators=[InputRequired(), NumberRange(1, 12)])


class FollowUpForm(Form):
    kind = SelectField(_l("Follow-up"), choices=choices(labels.choices(labels.FOLLOW_UP_KIND)))
    award = SelectField(_l("Award record (optional)"), coerce=int, default=0)
    note = TextAreaField(_l("Recommendation"), validators=[Length(max=2000)])
