"""Two languages: Bahasa Indonesia first, English second.

The chosen language lives in a long-lived cookie set by the language switch.
Catalogues sit in ``translations/``: ``messages`` (the portal), ``admin``
(Flask-Admin's own strings) and ``wtforms`` (WTForms' validation messages),
compiled by ``make translations``.
"""
import os

from babel import support
from flask import current_app, has_request_context, request
from flask_babel import get_locale
from wtforms.i18n import messages_path

from portal.extensions import babel

TRANSLATIONS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                            "translations")
LANGUAGE_COOKIE = "lang"
LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}


def select_locale():
    if has_request_context():
        chosen = request.cookies.get(LANGUAGE_COOKIE)
        if chosen in current_app.config["LANGUAGES"]:
            return chosen
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def init_app(app):
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", TRANSLATIONS)
    babel.init_app(app, locale_selector=select_locale)

    @app.context_processor
    def _languages():
        return {"languages": [(code, LANGUAGE_NAMES[code]) for code in app.config["LANGUAGES"]],
                "current_language": str(get_locale())}


class WTFormsTranslations:
    """WTForms' built-in messages in the request's language.

    Our catalogue comes first (WTForms ships no Indonesian), WTForms' own after.
    """

    def __init__(self):
        self._loaded = {}  # locale → catalogue, read once per process (files change on release)

    def _catalogue(self):
        if not has_request_context():
            return None
        locale = str(get_locale())
        cached = self._loaded.get(locale)
        if cached is None:
            cached = support.Translations.load(TRANSLATIONS, [locale], domain="wtforms")
            cached.add_fallback(support.Translations.load(messages_path(), [locale], domain="wtforms"))
            self._loaded[locale] = cached
        return cached

    def gettext(self, string):
        catalogue = self._catalogue()
        return string if catalogue is None else catalogue.ugettext(string)

    def ngettext(self, singular, plural, n):
        catalogue = self._catalogue()
        if catalogue is None:
            return singular if n == 1 else plural
        return catalogue.ungettext(singular, plural, n)


wtforms_translations = WTFormsTranslations()
