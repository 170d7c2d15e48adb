"""Where a visitor may be sent next: the one check for every redirect target that
comes from a request (the sign-in ``next``, the language switch's ``next``, the
back office's ``url``).

A target is a path on this site, or nothing. It may not name another host
(``//evil.test``, ``https://…``, ``\\evil.test``) and may not hold a control
character: CR and LF would end in a server error when put in the Location header,
and browsers silently drop TAB and newlines from an address, so ``/\\t/evil.test``
would become ``//evil.test``. A refused target falls back to the page's own default.
"""
import re
from urllib.parse import urlsplit

from flask import request
from werkzeug.datastructures import CombinedMultiDict, ImmutableMultiDict

# C0 controls, DEL and the C1 controls (U+0085 NEXT LINE among them)
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
# the parameters that name where to go after a step (Flask-Admin's ``url``, our ``next``)
REDIRECT_PARAMETERS = ("next", "url")


def safe_target(target):
    """``target`` when it is a path on this site with no control character, else None."""
    if not target or not isinstance(target, str):
        return None
    target = target.strip(" ")
    if CONTROL.search(target) or "\\" in target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


def _without_unsafe(values):
    kept = [(key, value) for key, value in values.items(multi=True)
            if key not in REDIRECT_PARAMETERS or safe_target(value)]
    return None if len(kept) == len(list(values.items(multi=True))) \
        else ImmutableMultiDict(kept)


def drop_unsafe_redirect_parameters():
    """Before any view: a redirect parameter that is not a safe target is dropped, so
    a view that reads it (Flask-Admin's edit and delete pages among them) goes to its
    own default instead of answering 500 or sending the visitor off the site."""
    if not any(key in request.args or key in request.form for key in REDIRECT_PARAMETERS):
        return
    args, form = _without_unsafe(request.args), _without_unsafe(request.form)
    if args is None and form is None:
        return
    # Werkzeug keeps these as cached properties on the request: replacing them is
    # how a WSGI middleware would rewrite the query, for this request alone
    if args is not None:
        request.args = args
    if form is not None:
        request.form = form
    request.values = CombinedMultiDict([request.args, request.form])


def init_app(app):
    app.before_request(drop_unsafe_redirect_parameters)
