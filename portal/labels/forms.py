"""Translated labels for low-code form codes, shared by the back office and the public site."""
from flask_babel import lazy_gettext as _l

from portal.labels import choices  # noqa: F401  (one helper for every table of labels)

TYPE = {"short_text": _l("Short text"), "long_text": _l("Long text"), "number": _l("Number"),
        "date": _l("Date"), "email": _l("E-mail"), "phone": _l("Phone number"),
        "single_choice": _l("Single choice"), "multiple_choice": _l("Multiple choice"),
        "yes_no": _l("Yes/no"), "file": _l("File (photo or PDF)")}
STATUS = {"draft": _l("Draft"), "published": _l("Published"), "closed": _l("Closed for answers")}
AUDIENCE = {"public": _l("Public")}
YES_NO = {"yes": _l("Yes"), "no": _l("No")}



def display_value(field_type, value):
    """An answer as people read it: yes/no translated, choices joined by commas."""
    if field_type == "yes_no":
        return str(YES_NO.get(value, value))
    if field_type == "multiple_choice":
        return ", ".join(line for line in (value or "").splitlines() if line)
    return value or ""
