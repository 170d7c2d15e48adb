"""Login and password-change forms."""
from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from forms.base import Form


class LoginForm(Form):
    username = StringField(_l("Username"), validators=[DataRequired(), Length(max=64)],
                           render_kw={"autocomplete": "username", "autocapitalize": "none"})
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=256)],
                             render_kw={"autocomplete": "current-password"})
    remember = BooleanField(_l("Keep me signed in on this device"))
    submit = SubmitField(_l("Sign in"))


class ChangePasswordForm(Form):
    current_password = PasswordField(_l("Current password"), validators=[DataRequired()],
                                     render_kw={"autocomplete": "current-password"})
    new_password = PasswordField(_l("New password"), validators=[DataRequired(), Length(max=256)],
                                 render_kw={"autocomplete": "new-password"})
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(), EqualTo("new_password", message=_l("The two new passwords differ."))],
        render_kw={"autocomplete": "new-password"},
    )
    submit = SubmitField(_l("Change password"))

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def validate_current_password(self, field):
        if not self.user.check_password(field.data):
            raise ValidationError(_l("The current password is wrong."))

    def validate_new_password(self, field):
        error = password_problem(field.data, self.user.username,
                                 current_app.config["PASSWORD_MIN_LENGTH"])
        if error:
            raise ValidationError(error)


def password_problem(password, username, min_length):
    """A translated reason the password is too weak, or None (call within a request)."""
    if len(password) < min_length:
        return _("Use at least %(n)d characters.", n=min_length)
    if username and username.lower() in password.lower():
        return _("The password must not contain the username.")
    if len(set(password)) < 4:
        return _("The password is too simple.")
    return None


class LanguageForm(Form):
    """The language switch: a POST, so it carries a CSRF token like every change."""
