"""Lentera: performance, complaints and satisfaction portal for a Pemda."""
import logging
import os

from flask import Flask

__version__ = "0.1.0"


def create_app(test_config=None):
    """Build the application: config → db → babel → login → blueprints → admin."""
    instance_path = os.environ.get("PORTAL_INSTANCE_PATH")
    if test_config and test_config.get("INSTANCE_PATH"):
        instance_path = test_config["INSTANCE_PATH"]
    app = Flask(__name__, instance_relative_config=True,
                instance_path=os.path.abspath(instance_path) if instance_path else None)

    from portal import config, oversized
    config.load(app, test_config)
    oversized.init_app(app)  # a request over the size limit still gets an answer
    logging.basicConfig(level=logging.INFO)

    from portal import db, demo, i18n, mail, security, survey_import
    from portal.extensions import csrf, limiter
    from portal.web import (api, auth, complaints, content, events, opendata, public, reports,
                            survey)
    db.init_app(app)
    from portal import backups, upgrade
    backups.init_app(app)  # flask backup / restore
    upgrade.init_app(app)  # flask upgrade
    i18n.init_app(app)
    limiter.init_app(app)  # throttling runs before anything else, CSRF included
    csrf.init_app(app)
    auth.init_app(app)
    app.register_blueprint(public.bp)
    survey.init_app(app)
    complaints.init_app(app)
    reports.init_app(app)
    mail.init_app(app)
    api.init_app(app)
    opendata.init_app(app)
    from portal.web import compare
    compare.init_app(app)
    content.init_app(app)
    events.init_app(app)
    security.init_app(app)
    demo.init_app(app)
    from portal.web import health
    health.init_app(app)
    survey_import.init_app(app)
    from portal import survey_tally
    survey_tally.init_app(app)
    from portal.web import custom_forms
    custom_forms.init_app(app)
    from portal import held_uploads
    held_uploads.init_app(app)  # files kept while a form is sent back for a correction
    from portal import input_guard
    from portal.web import redirects
    input_guard.init_app(app)
    redirects.init_app(app)  # a redirect target from the request is a path here, or dropped

    from admin import init_admin
    init_admin(app)

    from portal.web import template_helpers
    template_helpers.init_app(app)

    from portal import cache
    cache.init_app(app)  # the public cache's settings (portal.stats marks what it keeps)
    return app
