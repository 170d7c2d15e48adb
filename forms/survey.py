"""The public satisfaction survey form: nine questions, the respondent's profile, a suggestion."""
from flask_babel import lazy_gettext as _l
from wtforms import SelectChoice, RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import AnyOf, InputRequired, Length, NumberRange, Optional

from forms.base import Form, IntegerField
from portal import labels
from portal.rules import ikm

ANSWER_REQUIRED = _l("Please choose one of the four answers.")


def _answer_field(code):
    choices = [SelectChoice(value, label)
               for value, label in zip(ikm.SCALE, labels.SURVEY_ANSWERS[code])]
    # validate_choice off: AnyOf says what is wrong once, in the survey's own words
    return RadioField(labels.SURVEY_QUESTION[code], choices=choices, coerce=int,
                      validate_choice=False,
                      validators=[InputRequired(message=ANSWER_REQUIRED),
                                  AnyOf(ikm.SCALE, message=ANSWER_REQUIRED)])


def _choices(mapping):
    return [SelectChoice(k, v) for k, v in mapping.items()]


def _optional_choice(mapping):
    return [SelectChoice("", "—")] + [SelectChoice(k, v) for k, v in mapping.items()]


class SurveyForm(Form):
    u1 = _answer_field("U1")
    u2 = _answer_field("U2")
    u3 = _answer_field("U3")
    u4 = _answer_field("U4")
    u5 = _answer_field("U5")
    u6 = _answer_field("U6")
    u7 = _answer_field("U7")
    u8 = _answer_field("U8")
    u9 = _answer_field("U9")
    gender = RadioField(_l("Sex"), choices=_choices(labels.GENDER), validate_choice=False,
                        validators=[Optional(), AnyOf(ikm.GENDERS)])
    age = IntegerField(_l("Age (years)"), validators=[
        Optional(), NumberRange(*ikm.AGE_RANGE, message=_l("Enter an age between %(min)s and "
                                                            "%(max)s years."))],
        render_kw={"inputmode": "numeric"})
    education = SelectField(_l("Education"), choices=_optional_choice(labels.EDUCATION))
    occupation = SelectField(_l("Occupation"), choices=_optional_choice(labels.OCCUPATION))
    suggestion = TextAreaField(_l("Suggestions for this service (optional)"),
                               validators=[Optional(), Length(max=2000)],
                               render_kw={"rows": 4, "maxlength": 2000})
    # A honeypot: hidden from people, filled in by bots.
    website = StringField(_l("Leave this field empty"),
                          render_kw={"tabindex": "-1", "autocomplete": "off"})
    submit = SubmitField(_l("Send my answers"))

    def answer_fields(self):
        return [getattr(self, code.lower()) for code in ikm.ELEMENT_CODES]

    def answers(self):
        return {field.name: field.data for field in self.answer_fields()}
