"""The audit trail of the back office: who created, changed, deleted, moved or uploaded
what, when and from where, with the changed fields before and after.

Call ``record()`` inside the transaction of the change it describes, so a change
that is rolled back leaves no entry and an entry never lacks its change. Secrets
never reach the trail: password hashes, tokens and the like are kept as "changed"
without their values (``is_secret``); uploaded files are described by name, type
and size, never by their content.

A spreadsheet import is one entry of its own (``import_entry()``: the file, its kind
and how many rows it created, updated or left unchanged); every ``record()`` inside
``with linked(entry)`` is linked to it. A change made by a command-line job names the
command as its actor ("CLI (close-complaints)").
"""
import contextlib
import contextvars
import datetime
import decimal
import json

import click
from flask import has_request_context, request
from flask_login import current_user
from peewee import ForeignKeyField

from portal import labels
from portal.models.audit import AuditEntry

CREATE, UPDATE, DELETE, TRANSITION, REOPEN, UPLOAD, IMPORT = (
    "create", "update", "delete", "transition", "reopen", "upload", "import")
# stands for a secret's value: the entry shows that it changed, never what it is
HIDDEN = "[hidden]"
# bookkeeping that says nothing a reader needs: the session counter bumped with every
# new password, and the "last changed" stamp the entry's own time already tells
SKIPPED_FIELDS = frozenset({"session_version", "updated_at"})
SECRET_FIELDS = frozenset({"password_hash", "api_key", "attendance_code"})
SECRET_WORDS = ("token", "secret", "password")
# long texts (a content item's body) are kept up to this many characters
TEXT_MAX = 2000


def is_secret(name):
    """True for a field whose value must never be written to the trail."""
    name = name.lower()
    return name in SECRET_FIELDS or any(word in name for word in SECRET_WORDS)


def plain(value):
    """A JSON-friendly value that compares equal however it was read or typed."""
    if isinstance(value, datetime.datetime):
        return value.replace(microsecond=0).isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, datetime.time):
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, decimal.Decimal):
        text = format(value.normalize(), "f")
        return text
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [plain(v) for v in value]
        return sorted(items, key=str) if isinstance(value, (set, frozenset)) else items
    if hasattr(value, "_meta") and hasattr(value, "_pk"):  # a model instance
        return value._pk
    return str(value)


def snapshot(obj, fields=None):
    """The stored values of a peewee model instance: {field name: plain value}.

    Foreign keys are kept as ids; the primary key and ``SKIPPED_FIELDS`` are left
    out. ``fields`` limits the snapshot to those names.
    """
    data = {}
    for field in obj._meta.sorted_fields:
        if field.primary_key or field.name in SKIPPED_FIELDS:
            continue
        if fields is not None and field.name not in fields:
            continue
        value = obj.__data__.get(field.name)
        if isinstance(field, ForeignKeyField) and hasattr(value, "_pk"):
            value = value._pk  # not get_id(): Flask-Login's User.get_id is a session id
        data[field.name] = plain(value)
    return data


def file_facts(filename, size, content_type=""):
    """How an uploaded file is described in the trail (never its content)."""
    return {"filename": filename, "size": size, "content_type": content_type}


def _shown(name, value):
    if value is None:
        return None
    if is_secret(name):
        return HIDDEN
    if isinstance(value, str) and len(value) > TEXT_MAX:
        return value[:TEXT_MAX] + "…"
    return value


def _empty(value):
    return value is None or value == "" or value == []


def changes(before=None, after=None):
    """{field: [before, after]} of what differs. Without ``before`` (a creation)
    only the filled ``after`` values; without ``after`` (a deletion) only the filled
    ``before`` values. Secret values are replaced by ``HIDDEN``."""
    result = {}
    if before is not None and after is not None:
        for name in list(before) + [n for n in after if n not in before]:
            old, new = before.get(name), after.get(name)
            if old != new:
                result[name] = [_shown(name, old), _shown(name, new)]
    elif after is not None:
        for name, new in after.items():
            if not _empty(new):
                result[name] = [None, _shown(name, new)]
    elif before is not None:
        for name, old in before.items():
            if not _empty(old):
                result[name] = [_shown(name, old), None]
    return result


# the import entry the changes being recorded now belong to
_batch = contextvars.ContextVar("audit_batch", default=None)


def _account(user):
    if user is None and has_request_context() and current_user.is_authenticated:
        user = current_user._get_current_object()
    return user


def command_actor():
    """"CLI (name)" while a command-line job runs outside a request, else ""."""
    if has_request_context():
        return ""
    context = click.get_current_context(silent=True)
    if context is None or not context.info_name:
        return ""
    return f"CLI ({context.info_name})"


def record(action, obj, before=None, after=None, comment="", user=None, label=None,
           object_type=None):
    """Write one audit entry about ``obj`` (a model instance) and return it.

    ``before``/``after``: snapshots (dicts of plain values). A creation or an
    upload without ``after`` snapshots ``obj``; a deletion without ``before``
    likewise. An update whose snapshots do not differ writes nothing (None).
    ``user`` defaults to the signed-in account (none in a command-line job);
    ``label`` to how ``obj`` reads now (``labels.row_label``). ``obj`` may be None for a change of many rows at
    once (an import): then give ``object_type`` and ``label``.
    """
    if obj is None:
        label = label or ""
    if after is None and before is None:
        if action in (CREATE, UPLOAD):
            after = snapshot(obj)
        elif action == DELETE:
            before = snapshot(obj)
    diff = changes(before, after)
    if action == UPDATE and not diff:
        return None
    user = _account(user)
    remote_ip = ""
    if has_request_context():
        remote_ip = (request.remote_addr or "")[:64]
    batch = _batch.get()
    return AuditEntry.create(
        account=user.id if user is not None else None,
        username=(user.username if user is not None else command_actor())[:64],
        action=action,
        object_type=object_type or type(obj).__name__,
        object_id=obj._pk if obj is not None and hasattr(obj, "_pk") else None,
        object_label=(labels.row_label(obj) if label is None else label)[:255],
        changes=json.dumps(diff, ensure_ascii=False, sort_keys=False),
        comment=(comment or "").strip(),
        remote_ip=remote_ip,
        batch=batch.id if batch is not None else None,
    )


def transition(obj, field, old, new, comment="", user=None, action=TRANSITION):
    """A workflow step: ``field`` went from ``old`` to ``new``."""
    return record(action, obj, before={field: old}, after={field: new}, comment=comment,
                  user=user)


def import_entry(object_type, filename, size, kind, created=0, updated=0, unchanged=0,
                 user=None):
    """The one entry of an import of ``filename`` (``size`` bytes) of ``kind`` rows
    (``object_type``: the model they become), with how many rows it created, updated
    or left unchanged."""
    facts = {"kind": kind, "created": created, "updated": updated, "unchanged": unchanged,
             "filename": filename, "size": size}
    return record(IMPORT, None, after=facts, object_type=object_type,
                  label=filename or kind, user=user)


@contextlib.contextmanager
def linked(entry):
    """Every ``record()`` inside the block is linked to the import ``entry``."""
    token = _batch.set(entry)
    try:
        yield entry
    finally:
        _batch.reset(token)
