"""The start page of the back office (Beranda kerja): what waits for the signed-in user,
group by group as the areas registered them (portal.work_items), overdue and oldest
first; the account's facts in a box; the menu's pages below."""
from flask_admin import AdminIndexView, expose
from flask_login import current_user

# every area that registers items for the start page (importing registers them)
from portal import backups, complaints, content_items, holidays, mail, monthly  # noqa: F401
from portal import import_items, performance_items, skp_items, skp_realisation  # noqa: F401
import datetime

from portal import labels, predikat_spread
from portal.predikat_spread import broken_text
from portal.models import Outbox, Skp
from portal.models.base import utcnow
from portal.rules import waiting
from portal.rules.predikat import PREDIKATS
from portal.work_items import groups_for

from admin.base import Guarded

# an administrator is warned when the newest backup is older than this
BACKUP_LATE = datetime.timedelta(days=2)


def _shown(item, calendar, today):
    """An item as the page shows it: the item, the whole days it has waited, and for
    an item with a deadline the days left (negative: days late)."""
    return {"item": item, "days": waiting.days_waiting(calendar.local_date(item.waiting_since),
                                                       today),
            "left": waiting.days_left(item.deadline, today) if item.deadline else None}


class StartView(Guarded, AdminIndexView):
    @expose("/")
    def index(self):
        calendar = holidays.work_calendar()
        today = calendar.local_date(utcnow())
        groups = [(group, [_shown(item, calendar, today) for item in items])
                  for group, items in groups_for(current_user)]
        my_skp = None
        if current_user.employee_id:
            my_skp = Skp.get_or_none(Skp.employee == current_user.employee_id,
                                     Skp.year == today.year)
        return self.render("admin/lentera_index.html", groups=groups, my_skp=my_skp,
                           year=today.year, health=_health(current_user),
                           distribution=_unit_distribution(current_user, today.year),
                           waiting_total=sum(len(items) for _group, items in groups))


def _unit_distribution(user, year):
    """For an appraiser: the predikat spread of their unit this year, final and about
    to be final, and what breaks the unit's pola distribusi (portal.predikat_spread)."""
    if user.role != "penilai" or user.employee is None:
        return None
    unit = user.employee.unit
    row = predikat_spread.unit_rows(year, [unit.id])[0]
    return {"unit": unit, "counts": row["final"], "total": row["total"],
            "pending": row["pending"], "pending_total": row["pending_total"],
            "labels": [(code, labels.PREDIKAT[code]) for code in PREDIKATS],
            "warnings": [broken_text(rule, row["after"]) for rule in row["broken_after"]]}


def _health(user):
    """For an administrator: the newest backup and the mail not sent after a failure."""
    if user.role != "admin":
        return None
    last = backups.last_taken()
    return {"last_backup": last,
            "backup_late": last is None or utcnow() - last > BACKUP_LATE,
            "mail_failed": Outbox.select().where(Outbox.sent_at.is_null()
                                                 & (Outbox.last_error != "")).count()}
