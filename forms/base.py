"""The base form: Flask-WTF's CSRF plus WTForms messages in the user's language."""
import wtforms
from flask_wtf import FlaskForm

from portal.i18n import wtforms_translations


class Form(FlaskForm):
    class Meta:
        def get_translations(self, form):
            return wtforms_translations


class IntegerField(wtforms.IntegerField):
    """WTForms' IntegerField, taking a number of more than 18 digits as not a number.

    WTForms' NumberRange compares through ``math.isnan``, which a number of a
    thousand digits overflows (a server error, found by the hostile-input tests);
    no count in this portal comes near 18 digits."""

    MAX_DIGITS = 18

    def process_formdata(self, valuelist):
        if valuelist and len(str(valuelist[0]).strip().lstrip("+-")) > self.MAX_DIGITS:
            self.data = None
            raise ValueError(self.gettext("Not a valid integer value."))
        super().process_formdata(valuelist)
