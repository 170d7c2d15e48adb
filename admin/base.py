"""The secure base views every back-office page derives from."""
import datetime
import functools

from flask import abort, current_app, flash, g, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_admin import expose
from flask_admin import form as admin_form
from flask_admin.actions import action
from flask_admin.babel import lazy_gettext as admin_lazy_gettext
from flask_admin.contrib.peewee import ModelView
from flask_admin.helpers import get_redirect_target
from flask_admin.model import typefmt
from flask_babel import LazyString, force_locale, format_date, format_datetime, to_user_timezone, to_utc
from flask_login import current_user
from flask_wtf import FlaskForm
from peewee import AutoField, DatabaseError, ForeignKeyField, IntegerField, IntegrityError
from wtforms import SelectChoice
from wtforms.validators import ValidationError

from admin import consequences, deletion, phone
from admin.access import may_open
from portal import audit, confirm, labels
from portal.db import db
from portal.i18n import wtforms_translations
from portal.labels.audit import OBJECT_TYPE
from portal.rules import cell_safety


class AdminForm(FlaskForm, admin_form.BaseForm):
    """Flask-WTF's CSRF token on every admin form; messages in the user's language."""

    class Meta:
        def get_translations(self, form):
            return wtforms_translations


def show_local_times(form, *names):
    """Before an edit form is shown: the stored UTC times of these fields in the
    office's time zone, as the person typed them."""
    for name in names:
        field = getattr(form, name)
        if field.data:
            field.data = to_user_timezone(field.data).replace(tzinfo=None)


def store_utc_times(model, *names):
    """Before a model is saved: the times typed in the office's time zone, in UTC."""
    for name in names:
        value = getattr(model, name)
        setattr(model, name, to_utc(value) if value else None)


def field_error(form, name, message):
    """A ValidationError for ``on_model_change`` whose message also stands under the
    field ``name`` (highlighted) when the form is shown again."""
    field = getattr(form, name, None)
    if field is not None:
        field.errors = [*field.errors, str(message)]
    return ValidationError(str(message))


def select_choices(pairs):
    """(value, label) pairs as the SelectChoice objects WTForms wants."""
    return [SelectChoice(value, label) for value, label in pairs]


def int_arg(value, default=None):
    """A query-string number, or ``default`` when it is missing or not a number."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


# Query arguments a back-office page reads as numbers, and the longest any argument
# may be: a number past a 64-bit integer overflows the database driver, and a
# search of tens of thousands of characters is too complex a LIKE for SQLite.
NUMBER_ARGS = ("id", "page", "page_size", "sort", "desc", "offset", "limit",
               # the portal's own pages and filtered lists
               "year", "month", "unit", "service", "form_id", "event_id")
MAX_ARG_LENGTH = 2000
BIGGEST_NUMBER = 2**63 - 1


# page × page size (or an ajax offset) becomes an SQL OFFSET: kept far below 2**63
PAGING_ARGS = ("page", "page_size", "offset", "limit")
BIGGEST_PAGE = 1_000_000


def _is_number(value):
    try:
        int(value.strip())
    except ValueError:
        return False
    return value.strip().isascii()


def _too_big(value, biggest):
    try:
        return abs(int(value.strip())) > biggest
    except ValueError:
        return False


def is_row_key(value):
    """A row id as a list action may receive it: ASCII digits ("²" is a digit to
    ``str.isdigit`` but not to ``int``) of a number a database column holds."""
    value = str(value)
    return (value.isascii() and value.isdigit() and len(value) <= 19
            and int(value) <= BIGGEST_NUMBER)


def unusable_args():
    """True when a query argument cannot be used as asked (see above)."""
    for key, value in request.args.items(multi=True):
        if len(value) > MAX_ARG_LENGTH:
            return True
        if key == "id" and not _is_number(value):
            return True  # every row's id is a number; PostgreSQL refuses '' or 'abc'
        if key in PAGING_ARGS and _too_big(value, BIGGEST_PAGE):
            return True
        if (key in NUMBER_ARGS or key.startswith("flt")) and _too_big(value, BIGGEST_NUMBER):
            return True
    return False


def _fits_column(flt, value):
    """A filter value an integer (or foreign-key) column can be compared with."""
    column = getattr(flt, "column", None)
    if not isinstance(column, (IntegerField, ForeignKeyField, AutoField)):
        return True
    parts = value.split(",") if "list" in type(flt).__name__.lower() else [value]
    try:
        return all(abs(int(part.strip())) <= BIGGEST_NUMBER for part in parts)
    except ValueError:
        return False


class Guarded:
    """Anonymous users go to the login page; a role without rights gets 403;
    query arguments no page can use get a 400 that says so (a return address with a
    control character never reaches a view: portal.web.redirects drops it)."""

    def _handle_view(self, name, **kwargs):
        refused = super()._handle_view(name, **kwargs)
        if refused is None and unusable_args():
            abort(400, description=_("The address contains a number or a text too long to "
                                     "use. Go back to the list and try again."))
        return refused

    def is_accessible(self):
        return current_user.is_authenticated and may_open(current_user.role, self.endpoint)

    def inaccessible_callback(self, name, **kwargs):
        if not current_user.is_authenticated:
            return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
        abort(403)


class RowScoped:
    """Custom pages whose rows pass a visibility rule: the list, its count and one row,
    with the same names as a ModelView's. A row not yours to see answers 404."""

    row_model = None

    def visible(self, user):
        raise NotImplementedError

    def visible_row(self, user, row_id):
        raise NotImplementedError

    def get_query(self):
        return self.visible(current_user)

    def get_count_query(self):
        return self.get_query().select(self.row_model.id).count()

    def get_one(self, row_id):
        row = self.visible_row(current_user, row_id)
        if row is None:
            abort(404)
        return row


class ScopedRows:
    """A model view whose rows pass ``scoped(query)``: the list, its count, the exports
    and one row (None when it is not the user's to see) all go through it."""

    def scoped(self, query):
        raise NotImplementedError

    def get_query(self):
        return self.scoped(super().get_query())

    def get_count_query(self):
        return self.scoped(super().get_count_query())

    def get_one(self, id):
        return self.scoped(self.model.select()).where(self.model.id == id).first()


class SecureModelView(Guarded, ModelView):
    form_base_class = AdminForm
    page_size = 25
    can_view_details = True
    can_export = True
    export_types = ["csv", "xlsx"]
    # Timestamps are stored in UTC; show them in the office's zone, the Babel way.
    column_type_formatters = {
        **typefmt.BASE_FORMATTERS,
        datetime.datetime: lambda view, value, name: format_datetime(value, "medium"),
        datetime.date: lambda view, value, name: format_date(value, "medium"),
    }
    # A record's details page likewise (Flask-Admin's default shows the stored UTC
    # value as Python prints it, to the microsecond).
    column_type_formatters_detail = {
        **typefmt.DETAIL_FORMATTERS,
        datetime.datetime: column_type_formatters[datetime.datetime],
        datetime.date: column_type_formatters[datetime.date],
    }
    # Names of filters on a related model's field, "Model.field" → label; Flask-Admin
    # would join the two English names ("Unit / Name") once, before any request.
    column_filter_labels = {}

    def scaffold_filters(self, name):
        """A filter on a related model's field gets its name from ``column_filter_labels``,
        else the two column names joined in the reader's language."""
        filters = super().scaffold_filters(name)
        field = getattr(self.model, name, None) if isinstance(name, str) else name
        owner = getattr(field, "model", None)
        if filters and owner is not None and owner is not self.model:
            label = self.column_filter_labels.get(f"{owner.__name__}.{field.name}") or \
                LazyString(lambda: f"{self.get_column_name(owner.__name__)} / "
                                   f"{self.get_column_name(field.name)}")
            for flt in filters:
                flt.name = label
        return filters

    def _get_list_filter_args(self):
        """Only filter values the column can hold: PostgreSQL refuses ``''`` or ``abc``
        compared with an integer (SQLite shrugs), which ended in a server error."""
        filters = super()._get_list_filter_args()
        if not filters:
            return filters
        return [(idx, name, value) for idx, name, value in filters
                if _fits_column(self._filters[idx], value)]

    def _get_list_extra_args(self):
        """Sort only by a sortable column (the export trusted any column index); no
        negative page (PostgreSQL refuses a negative OFFSET)."""
        args = super()._get_list_extra_args()
        args.page = max(args.page or 0, 0)
        args.page_size = max(args.page_size or 0, 0)
        if args.sort is not None:
            column = self._get_column_by_idx(args.sort)
            if column is None or column[0] not in (self._sortable_columns or {}):
                args.sort = None
        return args

    def get_export_value(self, model, name):
        """Every exported cell neutralised against formula injection; a stored time
        (UTC) in the office's zone, to the second, as the pages show it."""
        value = super().get_export_value(model, name)
        if isinstance(value, datetime.datetime):
            value = to_user_timezone(value).replace(tzinfo=None, microsecond=0)
        return cell_safety.safe_cell(value)

    def get_export_name(self, export_type="csv"):
        """The view's name and the office's local time (the server's clock is UTC)."""
        now = to_user_timezone(datetime.datetime.now(datetime.timezone.utc))
        return f"{self.name}_{now:%Y-%m-%d_%H-%M-%S}.{export_type}"

    def phone_hidden_columns(self):
        """The list's columns a phone leaves out (admin/phone.py)."""
        return phone.hidden_on_phone(self.endpoint, [name for name, _label in
                                                     self._list_columns])

    def search_placeholder(self):
        """The peewee backend leaves this empty; name the searched columns."""
        names = [name if isinstance(name, str) else name.name
                 for name in (self.column_searchable_list or [])]
        return ", ".join(str(self.get_column_name(name)) for name in names) or None

    def scaffold_form(self):
        """Labels and help texts serve the list and the form alike: each written once."""
        args = {name: dict(spec) for name, spec in (self.form_args or {}).items()}
        for name, label in (self.column_labels or {}).items():
            args.setdefault(name, {}).setdefault("label", label)
        for name, description in (self.column_descriptions or {}).items():
            args.setdefault(name, {}).setdefault("description", description)
        self.form_args = args
        return super().scaffold_form()

    # -- the audit trail: every save, deletion and list action, in its transaction ----
    def audit_snapshot(self, model):
        """What the audit trail compares before and after a change; a view adds the
        values its form keeps outside the row (tags, linked materials)."""
        return audit.snapshot(model)

    def create_model(self, form):
        with db.atomic() as txn:
            model = super().create_model(form)
            if model:
                audit.record(audit.CREATE, model, after=self.audit_snapshot(model))
            else:
                txn.rollback()  # a refused save leaves nothing behind, no entry either
        return model

    def update_model(self, form, model):
        before = self.audit_snapshot(model)  # before the form fills the row
        with db.atomic() as txn:
            saved = super().update_model(form, model)
            if saved:
                audit.record(audit.UPDATE, model, before=before,
                             after=self.audit_snapshot(model))
            else:
                txn.rollback()
        return saved

    def refused_delete(self, rows):
        """A message for each row that other records still refer to (``admin.deletion``)."""
        names = {view.model: str(view.name) for view in self.admin._views
                 if getattr(view, "model", None) is not None}
        messages = []
        for row in rows:
            blockers = deletion.blocking(row)
            if blockers:
                messages.append(_(
                    "%(row)s cannot be deleted while other records refer to it: %(what)s.",
                    row=labels.row_label(row), what=", ".join(
                        names.get(m) or str(OBJECT_TYPE.get(m.__name__, m.__name__))
                        for m in blockers)))
        return messages

    # -- asking once before a delete (portal.confirm) ---------------------------------
    # List actions that cannot be undone: the server asks on a page that names the
    # selected rows (the list's script no longer asks its generic question for them).
    irreversible_actions = ("delete",)

    def delete_ask(self, row, back=None):
        """What the row's delete button says before it posts (row_actions.html)."""
        return consequences.row_deletion(self, [row], back or self.get_url(".index_view"))

    def _back_url(self):
        return get_redirect_target() or self.get_url(".index_view")

    @expose("/delete/", methods=("POST",))
    def delete_view(self):
        """The delete button: the first POST names the row and asks; the one with
        ``confirmed=1`` deletes it (Flask-Admin's own view)."""
        if self.can_delete and not confirm.confirmed():
            form = self.delete_form()
            if self.validate_form(form):
                row = self.get_one(form.id.data)
                if row is not None:
                    return confirm.pending(self.delete_ask(row, self._back_url()), self.render)
        return super().delete_view()

    @expose("/action/", methods=("POST",))
    def action_view(self):
        """A list action that cannot be undone asks first, naming the selected rows."""
        name = request.form.get("action")
        if (name in self.irreversible_actions and name in self._actions_data
                and self.is_action_allowed(name) and not confirm.confirmed()
                and self.validate_form(self.action_form())):
            keys = [int(i) for i in request.form.getlist("rowid") if is_row_key(i)]
            pk = self.model._meta.primary_key
            rows = list(self.get_query().where(pk.in_(keys))) if keys else []
            if rows:
                ask = (consequences.row_deletion(self, rows, self._back_url()) if name == "delete"
                       else consequences.row_action(self._actions_data[name][2], rows,
                                                    self._back_url()))
                return confirm.pending(ask, self.render)
        return super().action_view()

    def get_actions_list(self):
        """The list's script asks its own question only for the actions the server does
        not ask about (``irreversible_actions``)."""
        actions, confirmations = super().get_actions_list()
        return actions, {name: text for name, text in confirmations.items()
                         if name not in self.irreversible_actions}

    def delete_model(self, model):
        """Delete one row, its audit entry in the same transaction (``_delete``);
        ``after_model_delete`` (stored files, the waiting list) runs once it is committed."""
        if not self._delete([model], audited=True):
            return False
        self.after_model_delete(model)
        return True

    @action("delete", admin_lazy_gettext("Delete"),
            admin_lazy_gettext("Are you sure you want to delete selected records?"))
    def action_delete(self, ids):
        """The list's bulk delete, all or nothing (``_delete``); the audit entries come
        from ``_audited_action``, and ``after_model_delete`` runs for each row once the
        action's transaction is committed."""
        pk = self.model._meta.primary_key
        rows = list(self.model.select().where(pk.in_(ids)))
        if not self._delete(rows):
            return
        g.setdefault("after_commit", []).extend(
            functools.partial(self.after_model_delete, row) for row in rows)
        flash(ngettext("%(num)d record deleted.", "%(num)d records deleted.", len(rows)),
              "success")

    def _delete(self, rows, audited=False):
        """Delete ``rows`` in one transaction, or none of them (False, with a message).

        Refused while other records refer to one of them (``refused_delete``). Each row
        is deleted alone: the database applies what each key referring to it declares
        (``ON DELETE``), where Flask-Admin's recursive delete would clear or delete those
        rows itself."""
        refused = self.refused_delete(rows)
        for message in refused:
            flash(message, "error")
        if refused:
            return False
        try:
            with db.atomic():
                for row in rows:
                    if audited:
                        before, label = self.audit_snapshot(row), labels.row_label(row)
                    self.on_model_delete(row)
                    row.delete_instance()
                    if audited:
                        audit.record(audit.DELETE, row, before=before, label=label)
        except Exception as ex:
            if isinstance(ex, IntegrityError):  # referred to since refused_delete looked
                flash(_("This record cannot be deleted while other records refer to it."),
                      "error")
                return False
            if self.handle_view_exception(ex):  # a ValidationError: its message is shown
                return False
            raise
        return True

    def init_actions(self):
        """List actions (delete, unlock, mark present …) run in one transaction, only
        on selected rows the user's list shows (Flask-Admin's handlers read the model
        unscoped, so a typed ``rowid`` of another unit's row would reach them), and
        each selected row they change or delete gets its audit entry."""
        super().init_actions()
        for name, (handler, text, confirmation) in list(self._actions_data.items()):
            self._actions_data[name] = (self._audited_action(name, handler, text), text,
                                        confirmation)

    def _audited_action(self, name, handler, text):
        def run(ids):
            keys = [int(i) for i in ids if is_row_key(i)]
            pk = self.model._meta.primary_key
            with db.atomic() as txn:
                if keys:
                    keys = [row._pk for row in self.get_query().where(pk.in_(keys))]
                rows = list(self.model.select().where(pk.in_(keys))) if keys else []
                before = {row._pk: (row, labels.row_label(row), self.audit_snapshot(row))
                          for row in rows}
                response = handler([str(key) for key in keys])
                try:
                    after = {row._pk: row for row in
                             self.model.select().where(pk.in_(list(before)))} if before else {}
                except DatabaseError:  # the action failed half-way (PostgreSQL): undo all
                    txn.rollback()
                    g.pop("after_commit", None)
                    return response
                with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
                    comment = "" if name == "delete" else str(text)
                for key, (row, label, old) in before.items():
                    if key not in after:
                        audit.record(audit.DELETE, row, before=old, label=label,
                                     comment=comment)
                    else:
                        audit.record(audit.UPDATE, after[key], before=old,
                                     after=self.audit_snapshot(after[key]), comment=comment)
            for then in g.pop("after_commit", []):  # stored files, mails: once committed
                then()
            return response
        return run
