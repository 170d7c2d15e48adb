"""The audit trail in the back office ("Jejak Audit"): read-only, newest first, with
filters, search, export and each entry's changes as a before/after table.

Administrators read every entry; operators every entry except those about objects
only administrators manage (user accounts, outgoing mail).
"""
import datetime
import json

from flask_admin.contrib.peewee.filters import (DateTimeBetweenFilter, DateTimeGreaterFilter,
                                                DateTimeSmallerFilter, FilterEqual)
from flask_admin.model.helpers import prettify_name
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import to_user_timezone, to_utc
from flask_login import current_user
from markupsafe import Markup
from peewee import DateTimeField, ForeignKeyField

from admin.base import ScopedRows, SecureModelView
from portal import audit, labels
from portal.labels import content as content_labels
from portal.labels import events as event_labels
from portal.labels import choices
from portal.labels.audit import ACTION, OBJECT_TYPE
from portal.models import MODELS, AuditEntry

# entries about these are read by administrators only (operators cannot open them either)
ADMIN_ONLY_TYPES = ("User", "Outbox")
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
    "password_hash": _l("Password"), "rows": _l("Rows"),
}
# stored codes shown with their labels
VALUE_LABELS = {
    ("Skp", "state"): labels.SKP_STATE, ("MonthlyReport", "state"): labels.MONTHLY_STATE,
    ("Complaint", "state"): labels.COMPLAINT_STATE, ("ContentItem", "state"): content_labels.STATE,
    ("User", "role"): labels.ROLE, ("Registration", "status"): event_labels.STATUS,
    ("FollowUp", "status"): labels.FOLLOW_UP_STATUS, ("FollowUp", "kind"): labels.FOLLOW_UP_KIND,
    ("Unit", "kind"): labels.UNIT_KIND, ("Employee", "jabatan_kind"): labels.JABATAN_KIND,
    ("Rhk", "kind"): labels.RHK_KIND, ("Iki", "aspect"): labels.ASPECT,
}
for _model in ("Skp", "Evaluation"):
    VALUE_LABELS[(_model, "hasil_kerja_rating")] = labels.RATING
    VALUE_LABELS[(_model, "perilaku_rating")] = labels.RATING
    VALUE_LABELS[(_model, "predikat")] = labels.PREDIKAT
MODEL_BY_NAME = {model.__name__: model for model in MODELS}
LIST_CHANGES = 3  # changes shown per row in the list; the details show all
SHORT = 40


def _short(text):
    return text if len(text) <= SHORT else text[:SHORT - 1] + "…"


class _OfficeTime:
    """Times in a filter are typed in the office's zone (WIB); entries are kept in UTC."""

    def clean(self, value):
        cleaned = super().clean(value)
        if isinstance(cleaned, list):
            return [to_utc(moment) for moment in cleaned]
        return to_utc(cleaned)


class AtAfter(_OfficeTime, DateTimeGreaterFilter):
    pass


class AtBefore(_OfficeTime, DateTimeSmallerFilter):
    pass


class AtBetween(_OfficeTime, DateTimeBetweenFilter):
    pass


class AuditView(ScopedRows, SecureModelView):
    can_create = False
    can_edit = False
    can_delete = False
    can_view_details = True
    can_export = True
    details_modal = False
    column_list = ["at", "username", "action", "object_type", "object_label", "changes",
                   "remote_ip"]
    column_details_list = ["at", "username", "action", "object_type", "object_id",
                           "object_label", "comment", "remote_ip", "changes"]
    column_export_list = ["at", "username", "action", "object_type", "object_id",
                          "object_label", "comment", "remote_ip", "changes"]
    column_sortable_list = ["at", "username", "action", "object_type"]
    column_default_sort = [("at", True), ("id", True)]
    column_searchable_list = ["username", "object_label", "comment"]
    column_filters = [
        "username",
        FilterEqual(AuditEntry.action, _l("Action"), options=choices(ACTION)),
        FilterEqual(AuditEntry.object_type, _l("Object type"), options=choices(OBJECT_TYPE)),
        AtBetween(AuditEntry.at, _l("When")),
        AtAfter(AuditEntry.at, _l("When")),
        AtBefore(AuditEntry.at, _l("When")),
        "object_id",
    ]
    column_labels = {
        "at": _l("When"), "username": _l("Who"), "action": _l("Action"),
        "object_type": _l("Object type"), "object_id": _l("Object ID"),
        "object_label": _l("Object"), "changes": _l("Changes"), "comment": _l("Reason or note"),
        "remote_ip": _l("IP address"),
    }
    # the details page shows the time in the office's zone, as the list does
    column_type_formatters_detail = SecureModelView.column_type_formatters
    column_descriptions = {
        "changes": _l("The changed fields: before and after. Passwords and secret codes "
                      "show only that they changed; files only their name, type and size."),
    }

    # -- who may read which entries ---------------------------------------------------
    def scoped(self, query):
        if current_user.role != "admin":
            query = query.where(AuditEntry.object_type.not_in(ADMIN_ONLY_TYPES))
        return query

    # -- how an entry reads -----------------------------------------------------------
    def field_labels(self, object_type):
        """The field labels of the views that edit this kind of object, else ours."""
        names = dict(FIELD_LABELS)
        found = {}
        for view in self.admin._views:
            model = getattr(view, "model", None)
            if model is not None and model.__name__ == object_type:
                for key, value in (view.column_labels or {}).items():
                    found.setdefault(key, value)
        names.update(found)
        return names

    def field_label(self, labels_, name):
        return str(labels_.get(name) or prettify_name(name))

    def value_text(self, entry, name, value, resolve=False):
        if value is None or value == "":
            return "—"
        if value == audit.HIDDEN:
            return _("(hidden)")
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        mapping = VALUE_LABELS.get((entry.object_type, name))
        if mapping and isinstance(value, str):
            return str(mapping.get(value, value))
        if isinstance(value, list) and not any(isinstance(v, (list, dict)) for v in value):
            return ", ".join(str(v) for v in value) or "—"
        if isinstance(value, (list, dict)):
            return json.dumps(value, ensure_ascii=False)
        model = MODEL_BY_NAME.get(entry.object_type)
        field = model._meta.fields.get(name) if model else None
        if resolve and isinstance(field, ForeignKeyField) and isinstance(value, int):
            target = field.rel_model.get_or_none(field.rel_model._meta.primary_key == value)
            return f"{target} (#{value})" if target is not None else f"#{value}"
        if isinstance(field, DateTimeField) and isinstance(value, str):
            try:
                return format_datetime(datetime.datetime.fromisoformat(value), "medium")
            except ValueError:
                return value
        return str(value)

    def _object_type(self, view, context, model, name):
        return str(OBJECT_TYPE.get(model.object_type, model.object_type))

    def _action(self, view, context, model, name):
        return str(ACTION.get(model.action, model.action))

    def _changed_fields(self, view, context, model, name):
        """The list shows up to three changes in short: "Status: Diajukan → Disetujui"."""
        names = self.field_labels(model.object_type)
        changes = model.change_dict
        lines = []
        for key, pair in list(changes.items())[:LIST_CHANGES]:
            before, after = pair if isinstance(pair, list) and len(pair) == 2 else (None, None)
            short = [_short(self.value_text(model, key, value)) for value in (before, after)]
            if before is None:
                text = f"{self.field_label(names, key)}: {short[1]}"
            elif after is None:
                text = f"{self.field_label(names, key)}: {short[0]}"
            else:
                text = f"{self.field_label(names, key)}: {short[0]} → {short[1]}"
            lines.append(Markup("<span class=\"audit-change\">{}</span>").format(text))
        if len(changes) > LIST_CHANGES:
            lines.append(Markup("<span class=\"audit-change text-muted\">{}</span>").format(
                _("and %(n)d more", n=len(changes) - LIST_CHANGES)))
        return Markup("<br>").join(lines)

    def _changes_table(self, view, context, model, name):
        changes = model.change_dict
        if not changes:
            return "—"
        names = self.field_labels(model.object_type)
        rows = Markup("").join(
            Markup("<tr><th scope=\"row\">{}</th><td class=\"audit-before\">{}</td>"
                   "<td class=\"audit-after\">{}</td></tr>").format(
                self.field_label(names, key),
                self.value_text(model, key, pair[0] if isinstance(pair, list) else None, True),
                self.value_text(model, key, pair[1] if isinstance(pair, list) else None, True))
            for key, pair in changes.items())
        return Markup('<div class="table-responsive"><table class="table table-sm '
                      'table-bordered audit-changes mb-0"><thead><tr><th scope="col">{}</th>'
                      '<th scope="col">{}</th><th scope="col">{}</th></tr></thead>'
                      '<tbody>{}</tbody></table></div>').format(
            _("Field"), _("Before"), _("After"), rows)

    def _changes_text(self, view, context, model, name):
        names = self.field_labels(model.object_type)
        parts = []
        for key, pair in model.change_dict.items():
            before, after = pair if isinstance(pair, list) and len(pair) == 2 else (None, None)
            parts.append(f"{self.field_label(names, key)}: "
                         f"{self.value_text(model, key, before)} → "
                         f"{self.value_text(model, key, after)}")
        return "; ".join(parts)

    @property
    def column_formatters(self):
        return {"action": self._action, "object_type": self._object_type,
                "changes": self._changed_fields}

    @property
    def column_formatters_detail(self):
        return {"action": self._action, "object_type": self._object_type,
                "changes": self._changes_table}

    @property
    def column_formatters_export(self):
        return {"action": self._action, "object_type": self._object_type,
                "changes": self._changes_text,
                "at": lambda v, c, m, n: to_user_timezone(m.at).strftime("%Y-%m-%d %H:%M:%S")}
