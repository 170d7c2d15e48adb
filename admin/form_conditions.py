"""The form builder's "show this question only when …" condition, chosen from two lists.

The first list offers the questions with options (yes/no, single or multiple choice);
the second, that question's options as the public form shows them ("Ya", "Tidak", the
choices). What is stored stays the question's key and the option's key ("yes").

Without JavaScript the lists hold the saved questions of the form and all their
options, grouped by question. static/js/form-builder.js narrows them to the earlier
questions of the page, including the ones not saved yet, which it names ``row:N``
(the builder's row ``fields-N``); ``resolve_rows`` turns those into keys once every
row is saved, and ``check`` refuses a condition that can never be true
(portal.rules.form_fields.condition_problem), in the same transaction.
"""
from flask import g, has_request_context, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from admin.base import int_arg
from forms.custom import YES_NO
from portal.custom_forms import may_manage
from portal.models import CustomForm
from portal.rules import form_fields as rules

ROW_PREFIX = "row:"
ROWS = "form_builder_rows"  # flask.g: row number → the FormField saved from that row
ANSWER_LABELS = dict(YES_NO)


def option_choices(field):
    """(stored value, what the public reads) for each option of ``field``."""
    return [(value, str(ANSWER_LABELS.get(value, value)) if field.type == "yes_no" else value)
            for value in rules.option_values(field)]


def _saved_fields(row=None):
    """The saved, active questions with options of the form being edited, asked before
    the question of builder row ``row`` (an inline form; all of them for a new row)."""
    form_id = int_arg(request.args.get("id")) if has_request_context() else None
    form_def = CustomForm.get_or_none(CustomForm.id == form_id) if form_id else None
    if form_def is None or not may_manage(current_user, form_def):
        return []
    fields = form_def.active_fields()
    own = int_arg(getattr(getattr(row, "id", None), "data", None))
    ids = [f.id for f in fields]
    if own in ids:
        fields = fields[:ids.index(own)]
    return [f for f in fields if rules.option_values(f)]


def question_choices(form=None, field=None):
    return [SelectChoice("", str(_l("— Always show —")))] + [
        SelectChoice(f.key, f.label) for f in _saved_fields(form)]


def answer_choices(form=None, field=None):
    return [SelectChoice("", str(_l("— Choose the answer —")))] + [
        SelectChoice(value, label, optgroup=f.label)
        for f in _saved_fields(form) for value, label in option_choices(f)]


class KeepingSelect(SelectField):
    """A select that keeps showing its current value, even one not among its choices
    (a refused condition is shown again as it was sent); the server checks it."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("validate_choice", False)
        super().__init__(*args, **kwargs)

    @property
    def choices(self):
        choices = list(SelectField.choices.fget(self) or [])
        if self.data and self.data not in {c.value for c in choices}:
            choices.append(SelectChoice(self.data, self.data))
        return choices

    @choices.setter
    def choices(self, value):
        SelectField.choices.fset(self, value)


def question_field():
    return KeepingSelect(
        _l("Show this question only when"), choices=question_choices,
        description=_l("Choose an earlier question with options (yes/no or a choice). "
                       "“Always show”: the question is always asked."),
        render_kw={"data-condition": "question"})


def answer_field():
    return KeepingSelect(
        _l("… is answered"), choices=answer_choices,
        description=_l("The answer, as the public form shows it, that shows this question."),
        render_kw={"data-condition": "answer", "data-yes": _l("Yes"), "data-no": _l("No"),
                   "data-choose": _l("— Choose the answer —"),
                   "data-always": _l("— Always show —")})


def remember_row(inline_form, model):
    """Called for each saved row of the builder: which row became which question."""
    row = inline_form.name.rsplit("-", 1)[-1]
    g.setdefault(ROWS, {})[row] = model


def resolve_rows():
    """Replace the ``row:N`` of the rows just saved with the key of row N; return the
    questions whose condition names a row that was not saved (removed on the page)."""
    rows = g.pop(ROWS, {})
    lost = []
    for model in rows.values():
        when = model.show_when_key or ""
        if not when.startswith(ROW_PREFIX):
            continue
        target = rows.get(when[len(ROW_PREFIX):])
        if target is None or not target.active:
            lost.append(model)
            continue
        model.show_when_key = target.key
        model.save()
    return lost


def _message(field, problem, by_key):
    other = by_key.get(field.show_when_key)
    names = {"label": field.label, "other": other.label if other else field.show_when_key,
             "value": field.show_when_value}
    messages = {
        "self": _l("“%(label)s” cannot be shown depending on its own answer."),
        "unknown": _l("“%(label)s” depends on a question that does not exist (any more). "
                      "Choose another question or “Always show”."),
        "loop": _l("The conditions of “%(label)s” go round in a circle, so it could never be "
                   "shown. Make it depend on an earlier question."),
        "later": _l("“%(label)s” can only depend on a question asked before it; "
                    "“%(other)s” comes after it."),
        "no_options": _l("“%(label)s” can only depend on a question with options (yes/no or "
                         "a choice); “%(other)s” has none."),
        "no_answer": _l("Choose the answer to “%(other)s” that shows “%(label)s”."),
        "option": _l("“%(other)s” has no option “%(value)s”: choose one of its options for "
                     "“%(label)s”."),
    }
    return str(messages[problem] % names)


def check(form_def):
    """Resolve the rows just saved, then refuse every condition of the form that can
    never be true, with one message for each."""
    lost = resolve_rows()
    fields = form_def.active_fields()
    by_key = {f.key: f for f in fields}
    problems = [(model, "unknown") for model in lost]
    problems += [(field, problem) for field, problem in rules.condition_problems(fields)
                 if field not in lost]
    if problems:
        raise ValidationError(" ".join(_message(f, p, by_key) for f, p in problems))

