"""What a receipt page shows after a form is sent (Post/Redirect/Get).

The form's POST keeps the receipt (a tracking ID, a reference) in the signed session
and redirects to the receipt page, which reads it from there: reloading that page
shows the receipt again and never sends the form twice, and the tracking ID never
goes into an address. It is kept for ``KEPT_SECONDS`` only, so the next person at a
shared computer (a service counter, a warnet) does not find it in the history.
"""
import time

from flask import session

KEPT_SECONDS = 30 * 60


def keep(key, **values):
    session[key] = {**values, "at": int(time.time())}


def kept(key):
    """The values kept under ``key``, or None when there are none or they are too old."""
    values = session.get(key)
    if not isinstance(values, dict):
        return None
    if not isinstance(values.get("at"), int) or time.time() - values["at"] > KEPT_SECONDS:
        session.pop(key, None)
        return None
    return values
