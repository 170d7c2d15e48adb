"""Back office for socialisation content: items, attachments, the review queue and the workflow.

Editing and every workflow button are checked on the server against
``portal.rules.publication``; the page only shows what the rules allow.
"""
from flask import (Response, abort, current_app, flash, jsonify, redirect, request, send_file,
                   session, url_for)
from flask_admin import expose
from flask_admin.contrib.peewee.filters import FilterEqual
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup
from wtforms import DateTimeLocalField, SelectField, StringField, TextAreaField
from wtforms.validators import ValidationError

from admin import consequences
from admin.content_editor import EASYMDE
from admin.content_editor import config as editor_config
from admin.base import (SecureModelView, field_error, int_arg, select_choices,
                        show_local_times, store_utc_times)
from portal import audit, confirm, content_files, content_items, richtext
from portal.db import db
from portal.labels import content as labels
from portal.models import ContentAttachment, ContentItem, Unit
from portal.models import content as content_model
from portal.models.base import utcnow
from portal.rules import publication, slugs, uploads
from portal.rules.publication import WorkflowError

# what <input type="datetime-local"> sends and shows (the first one is shown)
LOCAL_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
# the form's extra button: save, then submit the item for review in the same click
SUBMIT_BUTTON = "_submit_for_review"
PREVIEW_LIMIT = 200_000  # characters of a body the live preview renders
SCHEDULE_HELP = _l("Optional. In the office's time zone (e.g. WIB). Leave empty to show the item "
                   "as soon as it is published.")


def _draft_key(item_id):
    """Where a workflow comment typed before an upload waits for the step it is for."""
    return f"content-comment-{item_id}"


def _state_badge(view, context, model, name):
    css = {"private": "secondary", "pending": "warning", "published": "success"}[model.state]
    return Markup('<span class="badge badge-{}">{}</span>').format(css, labels.STATE[model.state])


def _title_link(view, context, model, name):
    url = url_for("content_item.workflow_view", item_id=model.id)
    return Markup('<a href="{}">{}</a>').format(url, model.title)


class ContentItemView(SecureModelView):
    column_list = ["title", "kind", "language", "state", "audience", "publish_at", "created_by",
                   "updated_at"]
    column_searchable_list = ["title", "summary", "slug"]
    column_filters = [
        FilterEqual(ContentItem.state, _l("State"), options=labels.choices(labels.STATE)),
        FilterEqual(ContentItem.kind, _l("Kind"), options=labels.choices(labels.CONTENT_KIND)),
        FilterEqual(ContentItem.language, _l("Language"), options=labels.choices(labels.LANGUAGE)),
    ]
    column_default_sort = ("updated_at", True)
    column_labels = {
        "title": _l("Title"), "kind": _l("Kind"), "language": _l("Language"), "state": _l("State"),
        "audience": _l("Audience"), "audience_unit": _l("Unit (audience)"),
        "publish_at": _l("Publish from"), "expire_at": _l("Expires at"),
        "created_by": _l("Author"), "updated_at": _l("Updated"), "created_at": _l("Created"),
        "slug": _l("Address (slug)"), "summary": _l("Summary"), "body": _l("Body text"),
        "translation_of": _l("Translation of"), "tags": _l("Tags"),
        "published_at": _l("Published at"),
    }
    column_descriptions = {
        "slug": _l("The page address: /materi/<slug>. Lower-case letters, digits and hyphens; "
                   "left empty, it is made from the title."),
        "body": _l("Use the buttons above the text for bold, headings, lists and pictures; "
                   "Preview shows the text as readers will see it. Typed by hand (Markdown): "
                   "## heading, **bold**, - list, [link](https://…). Scripts and unsafe links "
                   "are removed when shown."),
        "translation_of": _l("The same item in the other language, so readers can switch."),
        "audience": _l("Items for ASN are shown only to signed-in employees of that audience."),
        "audience_unit": _l("Only when the audience is one unit."),
        "tags": _l("Separated by commas, e.g. SKP, kinerja."),
        "publish_at": SCHEDULE_HELP,
        "expire_at": _l("Optional. After this time the item disappears from the public site."),
    }
    column_formatters = {
        "state": _state_badge,
        "title": _title_link,
        "kind": lambda v, c, m, n: labels.CONTENT_KIND.get(m.kind, m.kind),
        "language": lambda v, c, m, n: m.language.upper(),
        "audience": lambda v, c, m, n: labels.AUDIENCE.get(m.audience, m.audience),
    }
    column_formatters_export = {"title": lambda v, c, m, n: m.title,
                                "state": lambda v, c, m, n: m.state}
    column_details_list = ["title", "kind", "language", "slug", "state", "audience",
                           "audience_unit", "summary", "publish_at", "expire_at", "published_at",
                           "created_by", "created_at", "updated_at"]
    form_columns = ["kind", "title", "slug", "summary", "body", "language", "translation_of",
                    "audience", "audience_unit", "tags", "publish_at", "expire_at"]
    form_overrides = {"kind": SelectField, "language": SelectField, "audience": SelectField,
                      "body": TextAreaField, "summary": TextAreaField,
                      # the browser's own date-time picker; works without JavaScript
                      "publish_at": DateTimeLocalField, "expire_at": DateTimeLocalField}
    form_args = {
        "kind": {"choices": select_choices(labels.choices(labels.CONTENT_KIND))},
        "language": {"choices": select_choices(labels.choices(labels.LANGUAGE))},
        "audience": {"choices": select_choices(labels.choices(labels.AUDIENCE))},
        "publish_at": {"format": LOCAL_FORMATS},
        "expire_at": {"format": LOCAL_FORMATS},
    }
    form_extra_fields = {"tags": StringField(_l("Tags"))}
    form_widget_args = {"body": {"rows": 16}, "summary": {"rows": 2}}
    form_ajax_refs = {
        "translation_of": {"fields": (ContentItem.title,), "page_size": 15},
        "audience_unit": {"fields": (Unit.name, Unit.code), "page_size": 15},
    }
    # the form with the body's editor and the "save and submit for review" button
    create_template = "admin/content/create.html"
    edit_template = "admin/content/edit.html"
    editor_folder = EASYMDE

    # --- who may change what -------------------------------------------------
    @expose("/edit/", methods=("GET", "POST"))
    def edit_view(self):
        item = self.get_one(request.args.get("id", ""))
        if item is not None and not content_model.may_edit(current_user, item):
            flash(_("This item cannot be edited in its current state by your account."), "warning")
            return redirect(url_for(".workflow_view", item_id=item.id))
        return super().edit_view()

    @expose("/new/", methods=("GET", "POST"))
    def create_view(self):
        if not publication.may_create(content_model.actor_of(current_user)):
            abort(403)
        return super().create_view()

    def get_save_return_url(self, model, is_created=False):
        return url_for(".workflow_view", item_id=model.id)

    # --- the form: submit for review on saving, the body's editor ----------------
    def form_item(self):
        """The item the form on this request edits, or None on the create form."""
        item_id = int_arg(request.args.get("id"))
        return ContentItem.get_or_none(ContentItem.id == item_id) if item_id else None

    def offers_submit(self, item):
        """Show "Save and submit for review"? Exactly when the workflow offers "submit"."""
        if item is None:  # a new item is the author's own draft
            return publication.refusal(content_model.actor_of(current_user), "submit",
                                       "private", True) is None
        return "submit" in content_model.allowed_transitions(current_user, item)

    def editor_config(self, item):
        """What content_editor.js needs: where to preview and upload, and its words."""
        return editor_config(item)

    def create_model(self, form):
        model = super().create_model(form)
        if model:
            self._submit_if_asked(model)
        return model

    def update_model(self, form, model):
        saved = super().update_model(form, model)
        if saved:
            self._submit_if_asked(model)
        return saved

    def _submit_if_asked(self, model):
        """After a successful save: take "submit" when its button was the one pressed."""
        if not request.form.get(SUBMIT_BUTTON):
            return
        try:
            content_model.take_transition(model, current_user, "submit")
        except WorkflowError as exc:
            flash(str(labels.WORKFLOW_ERROR[exc.code]), "danger")
        else:
            flash(_("Submitted for review: %(title)s. It waits in the review queue until a "
                    "reviewer publishes it or sends it back with a reason.", title=model.title),
                  "success")

    @expose("/preview", methods=["POST"])
    def preview_view(self):
        """The body as readers will see it: the public page's Markdown and nh3 cleaning."""
        if not publication.may_create(content_model.actor_of(current_user)):
            abort(403)
        html = richtext.render(request.form.get("body", "")[:PREVIEW_LIMIT])
        response = Response(str(html), mimetype="text/html")
        response.headers["Cache-Control"] = "no-store"
        return response

    @expose("/workflow/<int:item_id>/image", methods=["POST"])
    def image_upload_view(self, item_id):
        """A picture from the editor's Picture button: stored as an attachment of the item,
        answered with the address to put in the text (JSON, for the editor)."""
        item = self._item(item_id)
        if not content_model.may_edit(current_user, item):
            return jsonify(error=_("This item cannot be edited in its current state by your "
                                   "account.")), 403
        try:
            attachment = content_files.save(item, request.files.get("image"),
                                            current_app.instance_path, images_only=True)
        except content_files.UploadError as exc:
            message = labels.UPLOAD_ERROR[exc.code] % {
                "mb": uploads.MAX_ATTACHMENT_BYTES // (1024 * 1024)}
            return jsonify(error=str(message)), 400
        return jsonify(url=url_for("content.image", name=attachment.stored_name),
                       name=attachment.original_name)

    def on_form_prefill(self, form, id):
        item = self.get_one(id)
        form.tags.data = ", ".join(content_model.tag_names(item))
        show_local_times(form, "publish_at", "expire_at")

    def on_model_change(self, form, model, is_created):
        if is_created:
            model.created_by = current_user.id
            model.state = "private"
        else:
            stored = ContentItem.get_by_id(model.id)
            if not content_model.may_edit(current_user, stored):
                raise ValidationError(str(_l("This item cannot be edited in its current state "
                                             "by your account.")))
        typed = (model.slug or "").strip().lower()
        others = ContentItem.select(ContentItem.slug).where(ContentItem.language == model.language)
        if model.id:
            others = others.where(ContentItem.id != model.id)
        taken = {row.slug for row in others}
        max_length = ContentItem.slug.max_length
        if not typed:
            model.slug = slugs.unique_slug(model.title, taken, max_length)
            if not model.slug:
                raise field_error(form, "slug", _l("Give the item an address (slug) of letters or "
                                           "digits."))
        else:
            model.slug = content_model.slugify(typed)
            if not slugs.valid_slug(model.slug, max_length):
                raise field_error(form, "slug", _l("Give the item an address (slug) of letters or "
                                           "digits."))
            if model.slug in taken:
                raise field_error(form, "slug", _l("Another item in this language already has this "
                                           "address (slug)."))
        if model.audience == "unit" and model.audience_unit is None:
            raise ValidationError(str(_l("Choose the unit whose employees may read this item.")))
        if model.audience != "unit":
            model.audience_unit = None
        if model.translation_of is not None:
            other = model.translation_of
            if other.id == model.id or other.language == model.language:
                raise ValidationError(str(_l("A translation must be an item in the other "
                                             "language.")))
        store_utc_times(model, "publish_at", "expire_at")
        if model.publish_at and model.expire_at and model.expire_at <= model.publish_at:
            raise ValidationError(str(_l("The expiry time must come after the publication "
                                         "time.")))
        model.updated_at = utcnow()

    def audit_snapshot(self, model):
        data = super().audit_snapshot(model)
        data["tags"] = sorted(content_model.tag_names(model)) if model.id else []
        return data

    def after_model_change(self, form, model, is_created):
        content_model.set_tags(model, (form.tags.data or "").split(","))

    def on_model_delete(self, model):
        if not content_model.may_edit(current_user, model):
            raise ValidationError(str(_l("This item cannot be deleted in its current state "
                                         "by your account.")))
        model.files_to_remove = [a.stored_name for a in model.attachments]

    def after_model_delete(self, model):
        for name in getattr(model, "files_to_remove", []):
            content_files.remove_file(current_app.instance_path, name)

    # --- the item's workflow page --------------------------------------------
    def _item(self, item_id):
        item = ContentItem.get_or_none(ContentItem.id == item_id)
        if item is None:
            abort(404)
        return item

    @expose("/workflow/<int:item_id>")
    def workflow_view(self, item_id):
        item = self._item(item_id)
        transitions = content_model.allowed_transitions(current_user, item)
        return self.render(
            "admin/content_workflow.html", item=item, labels=labels,
            transitions=transitions,
            who_may_publish=content_items.who_may_publish(item.created_by_id)
            if item.state == "pending" and "publish" not in transitions else "",
            own_item=publication.refusal(content_model.actor_of(current_user), "publish",
                                         "pending", item.created_by_id == current_user.id)
            == "own" and item.state != "published",
            editable=content_model.may_edit(current_user, item),
            log=item.transitions.order_by(content_model.ContentTransition.created_at.desc(),
                                          content_model.ContentTransition.id.desc()),
            attachments=item.attachments.order_by(ContentAttachment.id),
            tags=content_model.tag_names(item), uploads=uploads, now_utc=utcnow(),
            visible=publication.visible_now(item.state, item.publish_at, item.expire_at,
                                            utcnow()),
            max_mb=uploads.MAX_ATTACHMENT_BYTES // (1024 * 1024),
            draft_comment=session.get(_draft_key(item.id), ""))

    @expose("/workflow/<int:item_id>/transition", methods=["POST"])
    def transition_view(self, item_id):
        item = self._item(item_id)
        name = request.form.get("transition", "")
        session.pop(_draft_key(item.id), None)
        try:
            content_model.take_transition(item, current_user, name,
                                          request.form.get("comment", "")[:2000])
        except WorkflowError as exc:
            flash(str(labels.WORKFLOW_ERROR[exc.code]), "danger")
            comment = (request.form.get("comment") or "").strip()[:2000]
            if comment:  # the step was refused: what was typed waits for the next try
                session[_draft_key(item.id)] = comment
        else:
            flash(_("%(action)s: %(title)s", action=labels.TRANSITION_DONE[name],
                    title=item.title), "success")
        return redirect(url_for(".workflow_view", item_id=item.id))

    @expose("/workflow/<int:item_id>/attachments", methods=["POST"])
    def upload_view(self, item_id):
        item = self._item(item_id)
        if not content_model.may_edit(current_user, item):
            abort(403)
        comment = (request.form.get("comment") or "").strip()[:2000]
        if comment:  # typed in the workflow's comment box, which the upload was sent with
            session[_draft_key(item.id)] = comment
        try:
            attachment = content_files.save(item, request.files.get("file"),
                                            current_app.instance_path)
        except content_files.UploadError as exc:
            flash(str(labels.UPLOAD_ERROR[exc.code] % {
                "mb": uploads.MAX_ATTACHMENT_BYTES // (1024 * 1024)}), "danger")
        else:
            flash(_("Attached: %(name)s", name=attachment.original_name), "success")
        return redirect(url_for(".workflow_view", item_id=item.id))

    def attachment_ask(self, attachment):
        """What removing an attachment says before it is done (the page's button too)."""
        return consequences.attachment_removal(
            attachment.original_name, url_for(".workflow_view", item_id=attachment.item_id))

    @expose("/attachment/<int:attachment_id>/delete", methods=["POST"])
    def delete_attachment_view(self, attachment_id):
        attachment = ContentAttachment.get_or_none(ContentAttachment.id == attachment_id)
        if attachment is None:
            abort(404)
        item = attachment.item
        if not content_model.may_edit(current_user, item):
            abort(403)
        waiting = confirm.pending(self.attachment_ask(attachment), self.render)
        if waiting is not None:
            return waiting
        stored = attachment.stored_name
        with db.atomic():
            audit.record(audit.DELETE, attachment,
                         before=audit.file_facts(attachment.original_name, attachment.size,
                                                 attachment.mime_type),
                         label=f"{attachment.original_name} — {item}")
            attachment.delete_instance()
        content_files.remove_file(current_app.instance_path, stored)
        flash(_("Attachment removed: %(name)s", name=attachment.original_name), "success")
        return redirect(url_for(".workflow_view", item_id=item.id))

    @expose("/attachment/<int:attachment_id>")
    def attachment_view(self, attachment_id):
        attachment = ContentAttachment.get_or_none(ContentAttachment.id == attachment_id)
        if attachment is None:
            abort(404)
        return send_file(attachment.path(current_app.instance_path),
                         mimetype=attachment.mime_type, as_attachment=True,
                         download_name=attachment.original_name)


class ContentQueueView(SecureModelView):
    """Items waiting for review, oldest first: the reviewers' work list."""

    can_create = False
    can_edit = False
    can_delete = False
    can_view_details = False
    can_export = False
    column_list = ["title", "kind", "language", "created_by", "updated_at"]
    column_labels = ContentItemView.column_labels
    column_default_sort = ("updated_at", False)
    column_formatters = {
        "title": _title_link,
        "kind": lambda v, c, m, n: labels.CONTENT_KIND.get(m.kind, m.kind),
        "language": lambda v, c, m, n: m.language.upper(),
    }
    list_template = "admin/content_queue.html"

    def render(self, template, **kwargs):
        if template == self.list_template:
            kwargs["may_review"] = content_model.actor_of(current_user).is_reviewer
            kwargs["who_may_publish"] = "" if kwargs["may_review"] else \
                content_items.who_may_publish(current_user.id)
        return super().render(template, **kwargs)

    def get_query(self):
        return super().get_query().where(ContentItem.state == "pending")

    def get_count_query(self):
        return super().get_count_query().where(ContentItem.state == "pending")
