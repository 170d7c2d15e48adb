"""The base form: Flask-WTF's CSRF plus WTForms messages in the user's language."""
import wtforms
from flask import current_app, has_request_context, request
from flask_babel import gettext as _
from flask_babel import format_decimal
from flask_wtf import FlaskForm

from portal import held_uploads
from portal.i18n import wtforms_translations


class Form(FlaskForm):
    class Meta:
        def get_translations(self, form):
            return wtforms_translations

    def validate(self, extra_validators=None):
        """WTForms' validation, then: a field whose files were not kept because the whole
        form was over the size limit (``portal.oversized``) gets that message alone.

        Each file field first gets the files held from the visitor's previous try
        (``portal.held_uploads``: ``field.held``, ``field.fresh``)."""
        held_uploads.attach(self)
        valid = super().validate(extra_validators)
        not_kept = request.files_not_kept if has_request_context() else {}
        for field in self:
            if field.name in not_kept:
                field.errors = [files_not_kept(not_kept[field.name],
                                               current_app.config["MAX_CONTENT_LENGTH"])]
                valid = False
        return valid


class IntegerField(wtforms.IntegerField):
    """WTForms' IntegerField, taking a number of more than 18 digits as not a number.

    WTForms' NumberRange compares through ``math.isnan``, which a number of a
    thousand digits overflows (a server error, found by the hostile-input tests);
    no count in this portal comes near 18 digits."""

    MAX_DIGITS = 18

    def process_formdata(self, valuelist):
        if valuelist and len(str(valuelist[0]).strip().lstrip("+-")) > self.MAX_DIGITS:
            self.data = None
            raise ValueError(self.gettext("Not a valid integer value."))
        super().process_formdata(valuelist)


def megabytes(max_bytes):
    """A size in MB with one decimal, written as the visitor's language does (2,0 / 2.0)."""
    return format_decimal(max_bytes / 1024 / 1024, format="0.0")


def too_large(name, max_bytes):
    """The one message for a file over its limit (the server's and the browser's)."""
    return _("%(name)s is larger than %(mb)s MB.", name=name, mb=megabytes(max_bytes))


def files_not_kept(names, max_bytes):
    """The form with these files was larger than a whole form may be (MAX_CONTENT_LENGTH)."""
    return _("With %(names)s the form is larger than %(mb)s MB, the most one form can send. "
             "Choose smaller or fewer files; the rest of the form has been kept.",
             names=", ".join(names), mb=megabytes(max_bytes))


def too_many(max_files):
    return _("Attach at most %(n)d files.", n=max_files)


def file_limits(max_bytes, max_files=None):
    """Attributes of a file input that let ``static/js/file-limits.js`` refuse a file
    over the portal's limits as soon as it is chosen, before it is sent, rather than
    after a long upload (the server still checks every limit itself)."""
    attributes = {
        "data-max-bytes": max_bytes,
        "data-too-large": too_large("{name}", max_bytes),
    }
    if max_files:
        attributes["data-max-files"] = max_files
        attributes["data-too-many"] = too_many(max_files)
    return attributes
