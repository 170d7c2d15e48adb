"""The reporter's forms on her own status page: information or a reply to the unit's
answer, and "belum selesai" with its reason; each with optional photos or documents,
checked and held like those of a new report (forms.complaints)."""
from flask import current_app
from flask_babel import lazy_gettext as _l
from wtforms import MultipleFileField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from forms.base import Form, file_limits
from forms.complaints import ComplaintForm
from portal.rules.complaint_fields import DESCRIPTION_MAX


class ReporterMessageForm(Form):
    message = TextAreaField(
        _l("Your information"),
        validators=[DataRequired(message=_l("Write what you want to add.")),
                    Length(max=DESCRIPTION_MAX)],
        description=_l("The officers handling your report read it. Plain text, at most "
                       "%(max)d characters.", max=DESCRIPTION_MAX),
        render_kw={"rows": 5, "maxlength": DESCRIPTION_MAX})
    attachments = MultipleFileField(
        _l("Photos or documents (optional)"),
        description=_l("JPEG or PNG photos, or PDF documents. Location data is removed from photos."),
        render_kw={"accept": "image/jpeg,image/png,application/pdf"})
    submit = SubmitField(_l("Send"))

    # the same checks as the files of a new report (kind, size, how many, held files)
    validate_attachments = ComplaintForm.validate_attachments

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.cleaned_files = []
        config = current_app.config
        self.attachments.render_kw = {
            **self.attachments.render_kw, **file_limits(
                config["COMPLAINT_ATTACHMENT_MAX_BYTES"], config["COMPLAINT_MAX_ATTACHMENTS"])}


class ReopenForm(ReporterMessageForm):
    message = TextAreaField(
        _l("Why is it not resolved yet?"),
        validators=[DataRequired(message=_l("Write why the matter is not resolved yet: the "
                                            "unit needs it to continue.")),
                    Length(max=DESCRIPTION_MAX)],
        description=_l("The report goes back to the unit, which follows it up again."),
        render_kw={"rows": 5, "maxlength": DESCRIPTION_MAX})
    submit = SubmitField(_l("Not resolved yet: send it back"))
