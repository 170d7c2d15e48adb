"""Asking once before a step that cannot be undone, with or without JavaScript.

A step that locks, deletes, closes or cancels is posted twice: the first POST
(without ``confirmed=1``) changes nothing and answers a page that says exactly
what will happen, with a button that posts the same fields again plus
``confirmed=1`` (the CSRF token included, as it came) and a "Batal" link back.
With JavaScript, ``static/js/confirm.js`` shows the same sentence in a dialog
on the page and adds ``confirmed=1`` itself; the server's check stays the rule.

A view builds an ``Ask`` (the sentence, the button's words, where "Batal" goes)
and calls ``pending(ask)`` after it has checked the form and the user's right,
just before it acts: a response to return, or None when the step is confirmed.
Its page puts ``confirm_hook(ask)`` on the form (or the button) that posts the
step, so the script knows what to say.
"""
from collections import namedtuple

from flask import render_template, request
from flask_babel import gettext as _
from markupsafe import Markup, escape

FIELD = "confirmed"

Ask = namedtuple("Ask", "sentence yes back")


def confirmed():
    """The posted form says the user has read the consequence and agreed."""
    return request.form.get(FIELD) == "1"


def reposted_fields():
    """Every posted (name, value) but ``confirmed``, in order, to post again."""
    return [(name, value) for name, values in request.form.lists() if name != FIELD
            for value in values]


def pending(ask, render=None):
    """The confirmation page for ``ask`` until the POST carries ``confirmed=1``
    (then None: go on). ``render`` is an admin view's ``render`` (the back office's
    layout); without it the public site's layout is used."""
    if confirmed():
        return None
    context = {"ask": ask, "fields": reposted_fields(), "action": request.full_path
               if request.query_string else request.path}
    if render is not None:
        return render("admin/confirm.html", **context)
    return render_template("confirm.html", **context)


def hook(ask):
    """The attributes that make a form (or its submit button) ask in a dialog first;
    nothing when there is nothing to ask."""
    if ask is None:
        return Markup("")
    return Markup(' data-confirm-sentence="{}" data-confirm-yes="{}" data-confirm-no="{}"').format(
        escape(ask.sentence), escape(ask.yes), escape(_("Cancel")))
