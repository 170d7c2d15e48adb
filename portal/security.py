"""Response headers every page carries, and friendly error pages."""
from flask import render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from peewee import InterfaceError, OperationalError

PUBLIC_CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
              "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")


def init_app(app):
    @app.after_request
    def _headers(response):
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        if not request.path.startswith("/admin"):
            response.headers.setdefault("Content-Security-Policy", PUBLIC_CSP)
        else:
            response.headers.setdefault("Content-Security-Policy", "frame-ancestors 'none'")
        if app.config["SESSION_COOKIE_SECURE"]:
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        return response

    def page(code, title, message):
        return render_template("errors/error.html", code=code, title=title, message=message), code

    @app.errorhandler(400)
    def _bad_request(exc):
        return page(400, _("Bad request"), getattr(exc, "description", None)
                    or _("The request could not be understood."))

    @app.errorhandler(CSRFError)
    def _csrf(exc):
        return page(400, _("Form expired"),
                    _("This form has expired or did not come from this site. "
                      "Go back, reload the page and send it again."))

    @app.errorhandler(403)
    def _forbidden(exc):
        return page(403, _("Access denied"),
                    _("Your account does not have permission to open this page."))

    @app.errorhandler(404)
    def _not_found(exc):
        return page(404, _("Page not found"),
                    _("The page you are looking for does not exist or has been moved."))

    @app.errorhandler(405)
    def _method(exc):
        return page(405, _("Not allowed"), _("This address does not accept that kind of request."))

    @app.errorhandler(413)
    def _too_large(exc):
        limit = request.max_content_length or app.config["MAX_CONTENT_LENGTH"]
        return page(413, _("File too large"),
                    _("The file is larger than %(mb)d MB. Go back and choose a smaller file.",
                      mb=limit // (1024 * 1024)))

    @app.errorhandler(429)
    def _too_many(exc):
        return page(429, _("Too many requests"),
                    _("You have sent too many requests. Please wait a minute and try again."))

    @app.errorhandler(OperationalError)
    @app.errorhandler(InterfaceError)
    def _database_down(exc):
        app.logger.exception("database unavailable")
        return page(503, _("Temporarily unavailable"),
                    _("The portal cannot reach its database right now. "
                      "Please try again in a few minutes."))

    if app.config.get("TEST_CRASH_ROUTE"):
        @app.route("/_test/crash")
        def _test_crash():
            raise RuntimeError("deliberate crash for the error-page test")

    @app.errorhandler(500)
    def _server_error(exc):
        return page(500, _("Something went wrong"),
                    _("An unexpected error occurred. It has been recorded; please try again."))
