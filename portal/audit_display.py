"""How an audit entry reads, worked out when it is shown from the raw values stored:
kinds of record and actions in the reader's language, a foreign key as the name of
the row it points at (a unit's name, an employee's name and NIP), a stored code as
its label (``portal.labels``), Ya/Tidak, numbers with the reader's decimal mark and
times in the office's zone to the second. Entries written before any of this read
the same way, since nothing stored changes.
"""
import datetime
import json

from flask import g, has_app_context
from flask_babel import format_date, format_datetime, format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import to_user_timezone
from peewee import BooleanField, DateField, DateTimeField, ForeignKeyField

from portal import audit, holidays, imports, labels
from portal.labels import content as content_labels
from portal.labels import events as event_labels
from portal.labels import forms as form_labels
from portal.labels.audit import ACTION, IMPORT_KIND, OBJECT_TYPE
from portal.models import MODELS

MODEL_BY_NAME = {model.__name__: model for model in MODELS}
# field labels for objects changed on pages that are not model views (no column_labels)
FIELD_LABELS = {
    "state": _l("Status"), "year": _l("Year"), "month": _l("Month"), "employee": _l("Employee"),
    "appraiser": _l("Appraiser"), "summary": _l("Summary"), "items": _l("Activities per RHK"),
    "dukungan_sumber_daya": _l("Resource support"),
    "skema_pertanggungjawaban": _l("Accountability scheme"), "konsekuensi": _l("Consequences"),
    "hasil_kerja_rating": _l("Work results"), "perilaku_rating": _l("Work behaviour"),
    "predikat": _l("Predikat"), "created_at": _l("Created"), "skp": _l("SKP"),
    "kind": _l("Kind"), "text": _l("Text"), "parent_rhk": _l("RHK atasan"),
    "unit_indicator": _l("Unit indicator"), "position": _l("Order"), "rhk": _l("RHK"),
    "aspect": _l("Aspect"), "indicator": _l("Indicator"), "target_value": _l("Target"),
    "target_unit": _l("Unit of measure"), "period": _l("Period"), "evaluator": _l("Evaluator"),
    "results": _l("Realisation per RHK"), "behaviours": _l("BerAKHLAK ratings"),
    "filename": _l("File name"), "size": _l("Size (bytes)"), "content_type": _l("File type"),
    "author": _l("Author"), "body": _l("Text"), "assigned_unit": _l("Handled by"),
    "due_at": _l("Due"), "verified_at": _l("Verified at"), "disposed_at": _l("Disposed at"),
    "answered_at": _l("Answered at"), "closed_at": _l("Closed at"),
    "published_at": _l("Published at"), "status": _l("Status"), "note": _l("Recommendation"),
    "done_at": _l("Done at"), "award": _l("Award"), "unit": _l("Unit"),
    "password_hash": _l("Password"), "rows": _l("Rows"), "name": _l("Name"),
    "title": _l("Title"), "active": _l("Active"), "nip": _l("NIP"), "value": _l("Value"),
}
# the facts of an import entry
IMPORT_FIELDS = {"kind": _l("What was imported"), "created": _l("New rows"),
                 "updated": _l("Changed rows"), "unchanged": _l("Unchanged rows"),
                 "filename": _l("File name"), "size": _l("Size (bytes)")}
IMPORT_KINDS = {**imports.KIND_LABELS, **IMPORT_KIND}
# stored codes shown with their labels: (kind of record, field) → labels
VALUE_LABELS = {
    ("Skp", "state"): labels.SKP_STATE, ("MonthlyReport", "state"): labels.MONTHLY_STATE,
    ("Complaint", "state"): labels.COMPLAINT_STATE, ("Complaint", "kind"): labels.COMPLAINT_KIND,
    ("ContentItem", "state"): content_labels.STATE,
    ("ContentItem", "kind"): content_labels.CONTENT_KIND,
    ("ContentItem", "audience"): content_labels.AUDIENCE,
    ("ContentItem", "language"): content_labels.LANGUAGE,
    ("Award", "kind"): content_labels.AWARD_KIND,
    ("User", "role"): labels.ROLE, ("Registration", "status"): event_labels.STATUS,
    ("Event", "kind"): event_labels.KIND,
    ("FollowUp", "status"): labels.FOLLOW_UP_STATUS, ("FollowUp", "kind"): labels.FOLLOW_UP_KIND,
    ("Unit", "kind"): labels.UNIT_KIND, ("Employee", "jabatan_kind"): labels.JABATAN_KIND,
    ("Employee", "employment_type"): labels.EMPLOYMENT_TYPE,
    ("Rhk", "kind"): labels.RHK_KIND, ("Iki", "aspect"): labels.ASPECT,
    ("UnitIndicator", "aspect"): labels.ASPECT, ("UnitIndicator", "polarity"): labels.POLARITY,
    ("CustomForm", "status"): form_labels.STATUS, ("CustomForm", "audience"): form_labels.AUDIENCE,
    ("FormField", "type"): form_labels.TYPE, ("NonWorkingDay", "kind"): holidays.KIND_LABELS,
    ("UnitResult", "capaian"): labels.CAPAIAN,
}
for _model in ("Skp", "Evaluation"):
    VALUE_LABELS[(_model, "hasil_kerja_rating")] = labels.RATING
    VALUE_LABELS[(_model, "perilaku_rating")] = labels.RATING
    VALUE_LABELS[(_model, "predikat")] = labels.PREDIKAT


def object_type(code):
    """"Unit kerja" for "Unit": the kind of record in the reader's language."""
    return str(OBJECT_TYPE.get(code, code))


def action(code):
    return str(ACTION.get(code, code))


def moment(value):
    """A stored UTC time in the office's zone to the second: "1 Mar 2026 14.05.09 WIB"."""
    if value is None:
        return "—"
    return f"{format_datetime(value, 'medium')} {format_datetime(value, 'z')}"


def export_moment(value):
    """The same time for a spreadsheet, sortable as text: "2026-03-01 14:05:09 WIB"."""
    if value is None:
        return ""
    local = to_user_timezone(value)
    return f"{local.strftime('%Y-%m-%d %H:%M:%S')} {format_datetime(value, 'z')}"


def field_label(entry, name, view_labels=None):
    """The label of a changed field: an import's facts, else the label of the view that
    edits this kind of record (``view_labels``), else ours, else the name prettified."""
    if entry.action == audit.IMPORT and name in IMPORT_FIELDS:
        return str(IMPORT_FIELDS[name])
    found = (view_labels or {}).get(name) or FIELD_LABELS.get(name)
    return str(found) if found else name.replace("_", " ").capitalize()


def _field(entry, name):
    model = MODEL_BY_NAME.get(entry.object_type)
    return model._meta.fields.get(name) if model is not None else None


def _row_name(field, key):
    """The name of the row a foreign key points at, looked up once per request."""
    cache = g.setdefault("audit_row_names", {}) if has_app_context() else {}
    model = field.rel_model
    if (model, key) not in cache:
        row = model.get_or_none(model._meta.primary_key == key)
        cache[(model, key)] = (str(row) if row is not None
                               else _("record #%(id)d, since deleted", id=key))
    return cache[(model, key)]


def value(entry, name, raw):
    """One stored value of a change as people read it."""
    if raw is None or raw == "":
        return "—"
    if raw == audit.HIDDEN:
        return _("(hidden)")
    field = _field(entry, name)
    if isinstance(raw, bool) or (isinstance(field, BooleanField) and raw in (0, 1)):
        return _("Yes") if raw else _("No")
    if entry.action == audit.IMPORT and name == "kind":
        return str(IMPORT_KINDS.get(raw, raw))
    mapping = VALUE_LABELS.get((entry.object_type, name))
    if mapping and isinstance(raw, str):
        return str(mapping.get(raw, raw))
    if isinstance(raw, list) and not any(isinstance(v, (list, dict)) for v in raw):
        return ", ".join(str(v) for v in raw) or "—"
    if isinstance(raw, (list, dict)):
        return json.dumps(raw, ensure_ascii=False)
    if isinstance(field, ForeignKeyField) and isinstance(raw, int):
        return _row_name(field, raw)
    if isinstance(raw, str) and isinstance(field, (DateTimeField, DateField)):
        try:
            parsed = datetime.datetime.fromisoformat(raw)
        except ValueError:
            return raw
        return moment(parsed) if isinstance(field, DateTimeField) else format_date(parsed,
                                                                                    "medium")
    if isinstance(raw, float):
        return format_decimal(raw)
    return str(raw)


def changes(entry, view_labels=None):
    """[(field label, before, after)] of an entry, in the order they were stored; an
    empty side is None (a creation has no "before", a deletion no "after")."""
    rows = []
    for name, pair in entry.change_dict.items():
        before, after = pair if isinstance(pair, list) and len(pair) == 2 else (None, None)
        rows.append((field_label(entry, name, view_labels),
                     None if before is None else value(entry, name, before),
                     None if after is None else value(entry, name, after)))
    return rows


def change_text(label, before, after):
    """"Status: Draf → Terbit"; "Nama: Dinas Kesehatan" for a side left empty."""
    if before is None:
        return f"{label}: {after if after is not None else '—'}"
    if after is None:
        return f"{label}: {before}"
    return f"{label}: {before} → {after}"
