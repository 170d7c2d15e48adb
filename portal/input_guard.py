"""Refuse what no person sends, before a view sees it: NUL characters and numbers
in the address too large for a database integer.

PostgreSQL refuses NUL (0x00) in text outright (the driver raises before the
query runs) while SQLite stores it; either way no form field, search term,
JSON value, file name or address needs one. A request carrying one gets a
400 with a message saying what to do (JSON for the APIs), so both engines
behave alike and nothing is written. An ``<int:…>`` address part beyond a
64-bit integer (``/acara/99999999999999999999``) cannot name a row: 404,
rather than an overflow in the driver.
"""
from flask import abort, jsonify, render_template, request
from flask_babel import gettext as _

BIGGEST_ID = 2**63 - 1
API_PREFIXES = ("/api/", "/open311/")


def has_nul(value):
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(has_nul(k) or has_nul(v) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return any(has_nul(v) for v in value)
    return False


def carries_nul():
    # The address, every query and form key and value and every file name, searched
    # as one string (one search in C rather than a call per value).
    texts = [request.path]
    for source in (request.args, request.form):
        for key, values in source.lists():
            texts.append(key)
            texts.extend(values)
    for key, storage in request.files.items(multi=True):
        texts.append(key)
        texts.append(storage.filename or "")
    if "\x00" in "".join(texts):
        return True
    if request.is_json:
        return has_nul(request.get_json(silent=True))
    return False


def id_out_of_range():
    return any(isinstance(value, int) and not -BIGGEST_ID <= value <= BIGGEST_ID
               for value in (request.view_args or {}).values())


def refuse_nul():
    if request.path.startswith(API_PREFIXES):
        return jsonify({"error": "text must not contain NUL (0x00) characters"}), 400
    return render_template(
        "errors/error.html", code=400, title=_("Invalid character"),
        message=_("What you sent contains an invisible control character (NUL) that cannot "
                  "be stored, often left by copying from another program. Type the text "
                  "again and send it once more.")), 400


def init_app(app):
    @app.before_request
    def _guard():
        if id_out_of_range():
            abort(404)
        if carries_nul():
            return refuse_nul()
