"""What a complaint's fields may hold, the same wherever it comes in: the public form
(forms/complaints.py), the JSON API and Open311 (portal/web/api.py).

Pure values and functions: the limits, the e-mail and phone patterns, and
:func:`problems`, which names what is wrong with each field. The form turns the
same limits and patterns into WTForms validators; the APIs call :func:`problems`.
"""
import re

# field → (fewest, most) characters, after surrounding spaces are removed
LIMITS = {
    "title": (5, 150),
    "description": (20, 4000),
    "place": (0, 200),
    "reporter_name": (0, 200),
    "reporter_email": (0, 200),
    "reporter_phone": (0, 32),
}
REQUIRED = ("title", "description")

TITLE_MIN, TITLE_MAX = LIMITS["title"]
DESCRIPTION_MIN, DESCRIPTION_MAX = LIMITS["description"]

# WTForms' Email validator needs an extra package; a plain pattern is enough here.
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
PHONE_PATTERN = r"^\+?[0-9][0-9 .\-]{6,20}$"

REQUIRED_PROBLEM = "required"
LENGTH_PROBLEM = "length"
EMAIL_PROBLEM = "email"
PHONE_PROBLEM = "phone"


def valid_email(text):
    return re.match(EMAIL_PATTERN, text) is not None


def valid_phone(text):
    return re.match(PHONE_PATTERN, text) is not None


def problems(values):
    """field → what is wrong with it (``required``, ``length``, ``email``, ``phone``),
    for the text fields in ``values`` (already stripped); an empty dict when all is well."""
    found = {}
    for name, (fewest, most) in LIMITS.items():
        if name not in values:
            continue
        text = values[name]
        if not text:
            if name in REQUIRED:
                found[name] = REQUIRED_PROBLEM
        elif not fewest <= len(text) <= most:
            found[name] = LENGTH_PROBLEM
    if values.get("reporter_email") and "reporter_email" not in found \
            and not valid_email(values["reporter_email"]):
        found["reporter_email"] = EMAIL_PROBLEM
    if values.get("reporter_phone") and "reporter_phone" not in found \
            and not valid_phone(values["reporter_phone"]):
        found["reporter_phone"] = PHONE_PROBLEM
    return found
