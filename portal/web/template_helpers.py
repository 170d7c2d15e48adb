"""Filters and globals the templates share."""
from flask import current_app
from flask_babel import format_date, format_datetime, format_decimal

from forms.auth import LanguageForm
from portal import confirm, labels


def init_app(app):
    app.jinja_env.filters["datetime"] = lambda value, fmt="medium": (
        format_datetime(value, fmt) if value else "")
    app.jinja_env.filters["date"] = lambda value, fmt="medium": (
        format_date(value, fmt) if value else "")
    app.jinja_env.globals["confirm_hook"] = confirm.hook
    app.jinja_env.filters["number"] = lambda value: format_decimal(value)
    # a fixed number of decimals in the reader's locale (IKM 83,23 in Indonesian)
    app.jinja_env.filters["fixed"] = lambda value, digits=2: (
        "—" if value is None else format_decimal(value, format="#,##0." + "0" * digits))
    # a measured quantity: whole numbers without decimals (12.600 pasien, not 12.600,0),
    # decimals only as far as the value has them (up to three: 90,25 %)
    app.jinja_env.filters["quantity"] = lambda value: (
        "—" if value is None else format_decimal(value, format="#,##0.###"))

    @app.context_processor
    def _globals():
        return {
            "portal_name": current_app.config["PORTAL_NAME"],
            "portal_region": current_app.config["PORTAL_REGION"],
            "labels": labels,
            "plain_form": LanguageForm,
        }
