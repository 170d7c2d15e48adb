"""Files accepted on a form that came back for a correction are held for the next try.

A browser never fills a file input again, so without this a photo chosen on the
complaint form (or a low-code form, an event registration) was lost whenever another
field needed a correction. As FixMyStreet does, a file that passed its own checks
(kind, size: ``portal.uploads.prepare``) is held server-side for
``HELD_UPLOAD_SECONDS`` (one hour); the form comes back with "foto.jpg terlampir"
and a box to remove it, and the next sending uses it as if it were uploaded then.

- **Where**: ``instance/uploads/pending/<owner>/<id>.bin`` with ``<id>.json``
  (original name, content type, size, field, time). ``<owner>`` is derived from a
  random key kept in the visitor's signed session cookie: the form only carries the
  file's id, so another visitor (another session) holding the id finds nothing.
- **How a form uses it** (every form deriving ``forms.base.Form``): validation gives
  each file field ``field.held`` (the held files sent back with this request, minus
  those ticked for removal) and ``field.fresh`` (files accepted in this request, which
  the field's validator fills in). When the form is shown again the view calls
  ``hold_fresh(form)``; after a successful save, ``release(form)``. The template macro
  ``_held_files.html`` shows what is held.
- **Where holding is not sensible** (an import, checked as a whole and previewed):
  ``choose_again`` names the file to choose again.
- **Cleaning**: holding a file removes every held file older than the limit, and
  ``flask clean-held-uploads`` does it from cron.
"""
import hashlib
import json
import logging
import os
import re
import secrets
import shutil
import time

import click
from flask import current_app, has_request_context, request, session
from flask.cli import with_appcontext

from portal.uploads import write_new

SESSION_KEY = "held_uploads"
FIELD_PREFIX = "held-"  # hidden inputs: held-<field name> = id
DROP_NAME = "held-drop"  # checkboxes: the ids to remove
FILE_FIELDS = ("FileField", "MultipleFileField")
_ID = re.compile(r"^[0-9a-f]{32}$")
log = logging.getLogger(__name__)


class Held:
    """One held file: its id, original name, content type and size."""

    def __init__(self, folder, file_id, meta):
        self.folder, self.id = folder, file_id
        self.name = meta["name"]
        self.content_type = meta["content_type"]
        self.size = meta["size"]
        self.field = meta["field"]

    def prepared(self):
        """(original name, content type, bytes), as ``portal.uploads.prepare`` returns."""
        with open(os.path.join(self.folder, self.id + ".bin"), "rb") as fh:
            return self.name, self.content_type, fh.read()

    def remove(self):
        for ext in (".bin", ".json"):
            try:
                os.remove(os.path.join(self.folder, self.id + ext))
            except FileNotFoundError:
                pass


def max_age():
    return current_app.config["HELD_UPLOAD_SECONDS"]


def root():
    return os.path.join(current_app.instance_path, "uploads", "pending")


def _owner_folder(create=False):
    """This session's folder (None when the session holds nothing and ``create`` is off)."""
    key = session.get(SESSION_KEY)
    if not isinstance(key, str) or len(key) < 32:
        if not create:
            return None
        key = session[SESSION_KEY] = secrets.token_urlsafe(32)
    secret = current_app.config["SECRET_KEY"]
    owner = hashlib.sha256(f"{secret}|{key}".encode()).hexdigest()[:40]
    path = os.path.join(root(), owner)
    if create:
        os.makedirs(path, exist_ok=True)
    return path


def _load(folder, file_id):
    if not _ID.match(file_id or ""):
        return None
    try:
        with open(os.path.join(folder, file_id + ".json"), encoding="utf-8") as fh:
            meta = json.load(fh)
    except (OSError, ValueError):
        return None
    if time.time() - meta.get("at", 0) > max_age():
        return None
    return Held(folder, file_id, meta)


def kept(field_name):
    """The held files sent back for ``field_name`` that this session owns, minus those
    ticked for removal (which are removed now)."""
    if not has_request_context() or request.method != "POST":
        return []
    ids = request.form.getlist(FIELD_PREFIX + field_name)
    folder = _owner_folder() if ids else None
    if folder is None:
        return []
    dropped = set(request.form.getlist(DROP_NAME))
    result, seen = [], set()
    for file_id in ids:
        if file_id in seen:
            continue
        seen.add(file_id)
        held = _load(folder, file_id)
        if held is None or held.field != field_name:
            continue
        if file_id in dropped:
            held.remove()
        else:
            result.append(held)
    return result


def hold(field_name, files):
    """Keep accepted files ((name, content type, bytes) each) for this session's next
    try; returns the Held ones (a file that could not be written is left out)."""
    if not files:
        return []
    sweep()
    folder = _owner_folder(create=True)
    result = []
    for name, content_type, data in files:
        file_id = secrets.token_hex(16)
        meta = {"name": name, "content_type": content_type, "size": len(data),
                "field": field_name, "at": time.time()}
        try:
            write_new(os.path.join(folder, file_id + ".bin"), data)
            with open(os.path.join(folder, file_id + ".json"), "w", encoding="utf-8") as fh:
                json.dump(meta, fh)
        except OSError:
            Held(folder, file_id, meta).remove()
            continue
        result.append(Held(folder, file_id, meta))
    return result


def choose_again(names):
    """Where a file is not held (an import, whose file is checked as a whole): the page
    names the file to choose again, so that it is never dropped without a word."""
    from flask_babel import gettext as _
    names = [name for name in names if name]
    if not names:
        return ""
    return _("The chosen file %(names)s was not kept: choose it again.",
             names=", ".join(names))


def sent_file_names(*field_names):
    """The names of the files sent with this request (in these inputs, or all)."""
    if not has_request_context() or request.method != "POST":
        return []
    names = []
    for key, storage in request.files.items(multi=True):
        if (not field_names or key in field_names) and storage.filename:
            names.append(os.path.basename(storage.filename.replace("\\", "/")))
    for key, not_kept in getattr(request, "files_not_kept", {}).items():
        if not field_names or key in field_names:
            names.extend(not_kept)
    return names


def file_fields(form):
    return [field for field in form if field.type in FILE_FIELDS] if form is not None else []


def attach(form):
    """Give each file field of ``form`` its held files (``held``) and an empty ``fresh``."""
    for field in file_fields(form):
        if not hasattr(field, "held_ready"):
            field.held = kept(field.name)
            field.fresh = []
            field.held_ready = True


def held_of(field):
    return getattr(field, "held", None) or []


def files_of(field):
    """What the field sends: its held files, then those uploaded now."""
    return [held.prepared() for held in held_of(field)] + list(getattr(field, "fresh", []))


def hold_fresh(*forms):
    """The form goes back to the visitor: hold the files accepted in this request."""
    for form in forms:
        for field in file_fields(form):
            fresh = getattr(field, "fresh", None)
            if fresh:
                field.held = held_of(field) + hold(field.name, fresh)
                field.fresh = []


def release(*forms):
    """After a successful save: the held files are the record's now; remove them here."""
    for form in forms:
        for field in file_fields(form):
            for held in held_of(field):
                held.remove()
            field.held = []


def sweep(now=None):
    """Remove held files older than the limit, and empty folders; return how many files."""
    now = now or time.time()
    base = root()
    count = 0
    try:
        owners = os.listdir(base)
    except FileNotFoundError:
        return 0
    for owner in owners:
        folder = os.path.join(base, owner)
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            path = os.path.join(folder, name)
            try:
                if now - os.path.getmtime(path) > max_age():
                    os.remove(path)
                    count += name.endswith(".bin")
            except OSError:
                pass
        try:
            if not os.listdir(folder):
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            pass
    return count


@click.command("clean-held-uploads")
@with_appcontext
def clean_command():
    """Remove files held for a form's next try after their time (run hourly from cron)."""
    from flask_babel import gettext as _
    click.echo(_("Held files removed: %(n)d", n=sweep()))


def init_app(app):
    app.cli.add_command(clean_command)
