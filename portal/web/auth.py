"""Signing in and out, changing one's password, and the language switch."""

from flask import (Blueprint, current_app, flash, redirect, render_template, request,
                   session, url_for)
from flask_babel import format_timedelta
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from forms.auth import ChangePasswordForm, LanguageForm, LoginForm
from portal.extensions import limiter, login_manager
from portal.i18n import LANGUAGE_COOKIE
from portal.models import User
from portal.web.redirects import safe_target

bp = Blueprint("auth", __name__)

# A dummy hash so that an unknown username costs as much time as a wrong password.
_TIMING_HASH = None


def init_app(app):
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = None
    login_manager.session_protection = "basic"
    app.register_blueprint(bp)


@login_manager.user_loader
def load_user(session_id):
    user = User.from_session_id(session_id)
    return user if user is not None and user.active else None


def _burn_time(password):
    global _TIMING_HASH
    if _TIMING_HASH is None:
        probe = User(username="-")
        probe.set_password("timing-only")
        _TIMING_HASH = probe.password_hash
    User(password_hash=_TIMING_HASH).check_password(password)


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"])
def login():
    next_url = safe_target(request.args.get("next"))
    if current_user.is_authenticated:
        return redirect(next_url or url_for("admin.index"))
    form = LoginForm()
    if form.validate_on_submit():
        cfg = current_app.config
        user = User.get_or_none(User.username == form.username.data.strip())
        if user is not None and user.active:
            wait = user.locked_for()
            if wait:
                form.password.errors.append(_(
                    "Too many failed attempts. This account is locked; try again in %(wait)s.",
                    wait=format_timedelta(wait, threshold=1.0)))
                return render_template("auth/login.html", form=form), 429
            if user.check_password(form.password.data):
                user.record_success()
                session.clear()  # a fresh session: no fixation across the login
                login_user(user, remember=form.remember.data)
                flash(_("Welcome, %(name)s.", name=str(user)), "success")
                return redirect(next_url or url_for("admin.index"))
            user.record_failure(cfg["LOGIN_MAX_FAILURES"], cfg["LOGIN_LOCK_MINUTES"])
        else:
            _burn_time(form.password.data)
        form.password.errors.append(_("Wrong username or password."))
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
def logout():
    form = LanguageForm()  # an empty form: only the CSRF token is checked
    if form.validate_on_submit():
        if current_user.is_authenticated:
            # A copy of this session's cookie (or a remember-me cookie) must not work
            # after signing out: the session version it names is retired.
            User.update(session_version=User.session_version + 1).where(
                User.id == current_user.id).execute()
        session.clear()
        logout_user()  # after clear(): it marks the remember-me cookie for deletion
        flash(_("You have signed out."), "info")
    return redirect(url_for("public.home"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm(current_user)
    if form.validate_on_submit():
        user = User.get_by_id(current_user.id)
        user.set_password(form.new_password.data)
        user.save()
        login_user(user)  # keep this session; all others end with the old version
        flash(_("Your password has been changed. Other sessions have been signed out."),
              "success")
        return redirect(url_for("admin.index"))
    return render_template("auth/password.html", form=form)


@bp.route("/language/<code>", methods=["POST"])
def set_language(code):
    target = safe_target(request.form.get("next")) or url_for("public.home")
    response = redirect(target)
    if code in current_app.config["LANGUAGES"] and LanguageForm().validate_on_submit():
        response.set_cookie(LANGUAGE_COOKIE, code, max_age=365 * 24 * 3600,
                            samesite="Lax", httponly=True,
                            secure=current_app.config["SESSION_COOKIE_SECURE"])
    return response
