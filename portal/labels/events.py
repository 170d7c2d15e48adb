"""Translated labels for event codes, shared by the back office and the public site."""
from flask_babel import lazy_gettext as _l

from portal.labels import choices  # noqa: F401  (one helper for every table of labels)

KIND = {"seminar": _l("Seminar"), "workshop": _l("Workshop"), "training": _l("Training"),
        "sosialisasi": _l("Socialisation session (sosialisasi)")}
STATUS = {"registered": _l("Registered"), "waiting": _l("Waiting list"),
          "cancelled": _l("Cancelled")}
ATTENDED_VIA = {"": "", "list": _l("Check-in list"), "code": _l("Attendance code")}
