"""The spreadsheet imports of the last days, for the operator's start page
(portal.work_items): each links to its entry in the audit trail, which lists the rows
the file created or changed, so a wrong file is found before its rows spread."""
import datetime

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal.audit import IMPORT
from portal.models import AuditEntry
from portal.models.base import utcnow
from portal.work_items import WorkItem, provides

RECENT_IMPORTS = _l("Imports of the last 7 days: check them")
RECENT_DAYS = 7


@provides(RECENT_IMPORTS, "operator", "admin")
def recent_imports(user):
    """Every import entry of the last ``RECENT_DAYS`` days, newest included."""
    since = utcnow() - datetime.timedelta(days=RECENT_DAYS)
    rows = AuditEntry.select().where((AuditEntry.action == IMPORT) & (AuditEntry.at >= since))
    items = []
    for entry in rows:
        facts = {name: after for name, (_before, after) in entry.change_dict.items()}
        items.append(WorkItem(
            _("%(file)s: %(created)d new rows, %(updated)d changed",
              file=entry.object_label, created=facts.get("created") or 0,
              updated=facts.get("updated") or 0),
            url_for("audit.details_view", id=entry.id), entry.at,
            note=_("Imported by %(who)s", who=entry.username or "—")))
    return items
