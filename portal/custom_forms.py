"""Low-code forms, the service: building a form from its definition, saving a submission.

The public pages are portal/web/custom_forms.py. Attached forms are the extra
questions of an event's registration (portal/web/events.py) or of a complaint
category (portal/web/complaints.py); both call ``extra_form`` and ``save`` from here,
as the back office does.
"""
import hashlib

from flask import current_app, has_request_context, request
from flask_babel import gettext as _

from forms import custom
from portal import labels, uploads
from portal.db import db
from portal.labels import forms as form_labels
from portal.models import CustomForm, FormAnswer, FormSubmission
from portal.models.base import utcnow

UPLOAD_AREA = "forms"
EXTRA_PREFIX = "extra"


def may_manage(user, form_def):
    """Administrators manage every form; an operator those of their unit (all when the
    operator's account has no unit)."""
    if user is None or not user.is_authenticated:
        return False
    if user.role == "admin":
        return True
    if user.role != "operator":
        return False
    return user.unit_id is None or form_def.unit_id == user.unit_id


def ip_hash(address):
    """The sender's address, hashed with the instance's secret: abuse can be spotted,
    nobody can read the address back."""
    secret = current_app.config["SECRET_KEY"]
    return hashlib.sha256(f"{secret}|{address or ''}".encode()).hexdigest()[:32]


def form_class(form_def, embedded=False):
    return custom.build(form_def.active_fields(), embedded=embedded)


def extra_form(form_def, prefix=EXTRA_PREFIX):
    """The extra questions of an attached form, inside another page's form (or None)."""
    if form_def is None:
        return None
    return form_class(form_def, embedded=True)(prefix=prefix)


def complaint_extras():
    """category → (form definition, its built extra questions) for the complaint page."""
    return {category: (form_def, extra_form(form_def, prefix=f"xq_{category}"))
            for category, form_def in CustomForm.complaint_forms().items()}


def storage_full(built):
    """After ``save`` failed to write a file answer (a full disk, a quota): say so under
    each answered file question of ``built``, whose other answers are shown again."""
    message = _("The file could not be saved because the portal's storage is full or cannot "
                "be written to. Nothing has been sent yet: try again later. Your other "
                "answers have been kept.")
    sent = built.answers()
    for spec in built.specs:
        if spec.type == "file" and spec.key in sent:
            field = built[spec.key]
            field.errors = [*field.errors, message]


def save(form_def, built, account=None, registration=None, complaint=None, now=None):
    """Save the answers of a validated built form; return the submission.

    Call inside the caller's transaction when the submission belongs to another
    row (a registration, a complaint); files are written first and removed again
    when saving fails.
    """
    now = now or utcnow()
    answers = built.answers()
    specs = {spec.key: spec for spec in built.specs}
    stored = []
    try:
        files = {}
        for key, value in answers.items():
            if specs[key].type == "file":
                _name, content_type, data = value
                files[key] = uploads.store(current_app.instance_path, content_type, data,
                                           area=UPLOAD_AREA)
                stored.append(files[key])
        with db.atomic():
            submission = FormSubmission.create(
                form=form_def.id, submitted_at=now,
                account=account.id if account is not None and account.is_authenticated else None,
                ip_hash=ip_hash(request.remote_addr) if has_request_context() else "",
                registration=registration, complaint=complaint)
            rows = []
            for key, value in answers.items():
                spec = specs[key]
                row = {"submission": submission.id, "field": spec.id, "field_key": key,
                       "field_label": spec.label, "field_type": spec.type}
                if spec.type == "file":
                    name, content_type, _data = value
                    row.update(value=name, file_stored=files[key], file_type=content_type)
                else:
                    row["value"] = value
                rows.append(row)
            if rows:
                FormAnswer.insert_many(rows).execute()
    except Exception:
        for name in stored:
            uploads.remove(current_app.instance_path, name, area=UPLOAD_AREA)
        raise
    return submission


def init_app(app):
    app.jinja_env.globals["form_condition_attrs"] = custom.condition_attrs
    app.jinja_env.globals["form_answer_text"] = \
        lambda answer: form_labels.display_value(answer.field_type, answer.value)
    app.jinja_env.globals["complaint_category_label"] = \
        lambda code: labels.COMPLAINT_CATEGORY.get(code, code)
