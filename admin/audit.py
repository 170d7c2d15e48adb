"""The audit trail in the back office ("Jejak Audit"): read-only, newest first, with
filters, search, export and each entry's changes as a before/after table.

Administrators read every entry; operators every entry except those about objects
only administrators manage (user accounts, outgoing mail).
"""
from flask import g, url_for
from flask_admin.contrib.peewee.filters import (DateTimeBetweenFilter, DateTimeGreaterFilter,
                                                DateTimeSmallerFilter, FilterEqual)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import to_utc
from flask_login import current_user
from markupsafe import Markup

from admin.base import ScopedRows, SecureModelView
from portal import audit_display as shown
from portal.audit import IMPORT
from portal.labels import choices
from portal.labels.audit import ACTION, OBJECT_TYPE
from portal.models import AuditEntry

# entries about these are read by administrators only (operators cannot open them either)
ADMIN_ONLY_TYPES = ("User", "Outbox")
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
                   "batch", "remote_ip"]
    column_details_list = ["at", "username", "action", "object_type", "object_id",
                           "object_label", "comment", "remote_ip", "batch", "changes"]
    column_export_list = ["at", "username", "action", "object_type", "object_id",
                          "object_label", "comment", "remote_ip", "batch", "changes"]
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
        FilterEqual(AuditEntry.batch, _l("From the import (entry number)")),
    ]
    column_labels = {
        "at": _l("When"), "username": _l("Who"), "action": _l("Action"),
        "object_type": _l("Object type"), "object_id": _l("Object ID"),
        "object_label": _l("Object"), "changes": _l("Changes"), "comment": _l("Reason or note"),
        "remote_ip": _l("IP address"), "batch": _l("Import"),
    }
    column_descriptions = {
        "changes": _l("The changed fields: before and after. Passwords and secret codes "
                      "show only that they changed; files only their name, type and size."),
        "batch": _l("A row written by a spreadsheet import links to the import: who, "
                    "when, which file, how many rows."),
    }

    # -- who may read which entries ---------------------------------------------------
    def scoped(self, query):
        if current_user.role != "admin":
            query = query.where(AuditEntry.object_type.not_in(ADMIN_ONLY_TYPES))
        return query

    # -- how an entry reads -----------------------------------------------------------
    def field_labels(self, object_type):
        """The field labels of the views that edit this kind of object."""
        found = {}
        for view in self.admin._views:
            model = getattr(view, "model", None)
            if model is not None and model.__name__ == object_type:
                for key, value in (view.column_labels or {}).items():
                    found.setdefault(key, value)
        return found

    def _import_filter_arg(self):
        index = next(i for i, f in enumerate(self._filters) if f.column is AuditEntry.batch)
        return f"flt0_{self.get_filter_arg(index, self._filters[index])}"

    def _import_entry(self, batch):
        cache = g.setdefault("audit_import_entries", {})
        if batch not in cache:
            cache[batch] = self.get_one(batch)
        return cache[batch]

    def _batch(self, view, context, model, name):
        """An import links to the rows it wrote; a row to the import that wrote it."""
        if model.action == IMPORT:
            url = url_for(".index_view", **{self._import_filter_arg(): model.id})
            facts = model.change_dict
            written = sum(pair[1] for key, pair in facts.items()
                          if key in ("created", "updated") and isinstance(pair, list)
                          and isinstance(pair[1], int))
            return Markup('<a href="{}">{}</a>').format(
                url, _("Rows of this import (%(n)d)", n=written))
        if model.batch is None:
            return ""
        entry = self._import_entry(model.batch)
        text = (_("Import of %(file)s", file=entry.object_label) if entry is not None
                else _("Import #%(id)d", id=model.batch))
        return Markup('<a href="{}">{}</a>').format(url_for(".details_view", id=model.batch),
                                                    text)

    def _batch_text(self, view, context, model, name):
        if model.batch is None:
            return ""
        entry = self._import_entry(model.batch)
        return entry.object_label if entry is not None else f"#{model.batch}"

    def _object_type(self, view, context, model, name):
        return shown.object_type(model.object_type)

    def _action(self, view, context, model, name):
        return shown.action(model.action)

    def _at(self, view, context, model, name):
        return shown.moment(model.at)

    def _changed_fields(self, view, context, model, name):
        """The list shows up to three changes in short: "Status: Draf → Terbit"."""
        rows = shown.changes(model, self.field_labels(model.object_type))
        lines = [Markup("<span class=\"audit-change\">{}</span>").format(shown.change_text(
            label, *(None if side is None else _short(side) for side in (before, after))))
            for label, before, after in rows[:LIST_CHANGES]]
        if len(rows) > LIST_CHANGES:
            lines.append(Markup("<span class=\"audit-change text-muted\">{}</span>").format(
                _("and %(n)d more", n=len(rows) - LIST_CHANGES)))
        return Markup("<br>").join(lines)

    def _changes_table(self, view, context, model, name):
        rows = shown.changes(model, self.field_labels(model.object_type))
        if not rows:
            return "—"
        # a side no field has (a creation's "before", a deletion's "after") is left out
        sides = [(index, css, title) for index, css, title in (
            (1, "audit-before", _("Before")), (2, "audit-after", _("After")))
            if any(row[index] is not None for row in rows)]
        cell = Markup('<td class="{}">{}</td>')
        body = Markup("").join(
            Markup("<tr><th scope=\"row\">{}</th>{}</tr>").format(row[0], Markup("").join(
                cell.format(css, "—" if row[index] is None else row[index])
                for index, css, _title in sides))
            for row in rows)
        head = Markup("").join(Markup('<th scope="col">{}</th>').format(title)
                               for _index, _css, title in sides)
        return Markup('<div class="table-responsive"><table class="table table-sm '
                      'table-bordered audit-changes mb-0"><thead><tr><th scope="col">{}</th>'
                      '{}</tr></thead><tbody>{}</tbody></table></div>').format(
            _("Field"), head, body)

    def _changes_text(self, view, context, model, name):
        rows = shown.changes(model, self.field_labels(model.object_type))
        return "; ".join(shown.change_text(*row) for row in rows)

    @property
    def column_formatters(self):
        return {"action": self._action, "object_type": self._object_type, "at": self._at,
                "changes": self._changed_fields, "batch": self._batch}

    @property
    def column_formatters_detail(self):
        return {"action": self._action, "object_type": self._object_type, "at": self._at,
                "changes": self._changes_table, "batch": self._batch}

    @property
    def column_formatters_export(self):
        return {"action": self._action, "object_type": self._object_type,
                "changes": self._changes_text, "batch": self._batch_text,
                "at": lambda v, c, m, n: shown.export_moment(m.at)}
