"""Response headers every page carries, and friendly error pages.

One Content-Security-Policy for the public site and the back office: scripts only
from this site or carrying the request's nonce (Flask-Admin 2 puts it on its own
<script> tags through ``csp_nonce_generator``), never inline handlers or
``eval``; frames refused everywhere. HSTS is sent only on HTTPS requests (behind a
reverse proxy, set ``PROXY_FIX_COUNT`` so the forwarded scheme is believed).
"""
import secrets
import time

from flask import current_app, g, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from peewee import InterfaceError, OperationalError
from werkzeug.middleware.proxy_fix import ProxyFix

from portal import oversized

PERMISSIONS_POLICY = ("accelerometer=(), camera=(), geolocation=(), gyroscope=(), "
                      "magnetometer=(), microphone=(), payment=(), usb=()")
HSTS = "max-age=31536000; includeSubDomains"
# Every response carries these; a view that sets one of them itself keeps its own.
FIXED_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "same-origin"),
    ("X-Frame-Options", "DENY"),
    ("Permissions-Policy", PERMISSIONS_POLICY),
    ("Cross-Origin-Opener-Policy", "same-origin"),
)


def csp_nonce():
    """This request's nonce for inline <script> tags (one per request)."""
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce


def content_security_policy(nonce, admin=False):
    """The policy; the back office also lets its widgets set inline styles
    (select2 and the date pickers write style attributes), never scripts."""
    style = "style-src 'self' 'unsafe-inline'" if admin else "style-src 'self'"
    return ("default-src 'self'; "
            f"script-src 'self' 'nonce-{nonce}'; "
            f"{style}; "
            "img-src 'self' data:; font-src 'self'; connect-src 'self'; "
            "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")


def init_app(app):
    """Security headers on every answer and a friendly, translated page for every error."""
    trust_proxies(app)
    app.jinja_env.globals["csp_nonce"] = csp_nonce
    app.after_request(add_headers)
    register_error_pages(app)
    if app.config.get("TEST_FAULT_ROUTES"):
        add_fault_routes(app)


def trust_proxies(app):
    """Trust X-Forwarded-For/-Proto/-Host/-Prefix from ``PROXY_FIX_COUNT`` proxies in front:
    request.is_secure (HSTS, secure cookies' meaning) and the client address (rate limits)
    then come from the proxy's headers."""
    proxies = int(app.config.get("PROXY_FIX_COUNT") or 0)
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies,
                                x_host=proxies, x_prefix=proxies)


def add_headers(response):
    headers = response.headers
    present = set(headers.keys(lower=True))  # one pass, not one per header
    headers.extend([(name, value) for name, value in FIXED_HEADERS
                    if name.lower() not in present])
    if "content-security-policy" not in present:
        headers.add("Content-Security-Policy", content_security_policy(
            csp_nonce(), admin=request.path.startswith("/admin")))
    if request.is_secure and "strict-transport-security" not in present:
        headers.add("Strict-Transport-Security", HSTS)
    return response


def page(code, title, message):
    return render_template("errors/error.html", code=code, title=title, message=message), code


def bad_request(exc):
    return page(400, _("Bad request"), getattr(exc, "description", None)
                or _("The request could not be understood."))


def form_expired(exc):
    return page(400, _("Form expired"),
                _("This form has expired or did not come from this site. "
                  "Go back, reload the page and send it again."))


def forbidden(exc):
    return page(403, _("Access denied"),
                _("Your account does not have permission to open this page."))


def not_found(exc):
    return page(404, _("Page not found"),
                _("The page you are looking for does not exist or has been moved."))


def method_not_allowed(exc):
    return page(405, _("Not allowed"), _("This address does not accept that kind of request."))


def too_large(exc):
    oversized.drain(request)  # so the browser, done sending, shows this page
    limit = request.max_content_length or current_app.config["MAX_CONTENT_LENGTH"]
    if isinstance(exc, oversized.TextTooLong) or (
            request.content_length is not None and request.content_length <= limit):
        # not the size of the whole request: one text field over MAX_FORM_MEMORY_SIZE,
        # or more fields than MAX_FORM_PARTS (Werkzeug's limits on reading a form)
        return page(413, _("Text too long"),
                    _("A text in the form is too long to be read, or the form has too many "
                      "fields. Go back, shorten the text and send the form again."))
    return page(413, _("File too large"),
                _("The file is larger than %(mb)d MB. Go back and choose a smaller file.",
                  mb=limit // (1024 * 1024)))


def too_many_requests(exc):
    return page(429, _("Too many requests"),
                _("You have sent too many requests. Please wait a minute and try again."))


def database_down(exc):
    current_app.logger.exception("database unavailable")
    return page(503, _("Temporarily unavailable"),
                _("The portal cannot reach its database right now. "
                  "Please try again in a few minutes."))


def server_error(exc):
    return page(500, _("Something went wrong"),
                _("An unexpected error occurred. It has been recorded; please try again."))


ERROR_PAGES = [(400, bad_request), (CSRFError, form_expired), (403, forbidden),
               (404, not_found), (405, method_not_allowed), (413, too_large),
               (429, too_many_requests), (OperationalError, database_down),
               (InterfaceError, database_down), (500, server_error)]


def register_error_pages(app):
    for code_or_exception, handler in ERROR_PAGES:
        app.register_error_handler(code_or_exception, handler)


def add_fault_routes(app):
    """A crash and a stalled request on demand, for the fault tests (TEST_FAULT_ROUTES)."""
    @app.route("/_test/crash")
    def _test_crash():
        raise RuntimeError("deliberate crash for the error-page test")

    @app.route("/_test/stall")
    def _test_stall():
        while True:
            time.sleep(1)
