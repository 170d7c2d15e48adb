"""The base form: Flask-WTF's CSRF plus WTForms messages in the user's language."""
from flask_wtf import FlaskForm

from portal.i18n import wtforms_translations


class Form(FlaskForm):
    class Meta:
        def get_translations(self, form):
            return wtforms_translations
