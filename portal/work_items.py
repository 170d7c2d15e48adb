"""What waits for a staff member: the items of the start page (Beranda kerja).

Each area of the back office registers, per role, a function that lists the items
waiting for a user; the start page asks every function registered for the user's
role and shows the items oldest first. An item says what waits, links to the page
where it is done, and carries how long it has waited and its deadline.
"""
import dataclasses
import datetime

from flask_babel import lazy_gettext as _l

# the word beside an item that came back to its user with a reason
RETURNED = _l("Returned")

# role -> [(group, function(user) -> iterable of WorkItem)], in registration order
_PROVIDERS = {}


@dataclasses.dataclass(frozen=True)
class WorkItem:
    """One thing waiting for a user: ``title`` (translated), the page where it is done
    (``url``), when it started waiting (UTC), its deadline (a date, or None) and a
    short ``note`` (the reason it was returned, the unit, ...). ``attention`` is a
    word the page shows beside the item ("Dikembalikan"): it came back to the user,
    so it is listed right after the overdue ones."""

    title: str
    url: str
    waiting_since: datetime.datetime
    deadline: datetime.date | None = None
    note: str = ""
    overdue: bool = False
    attention: str = ""

    @property
    def rank(self):
        """Overdue first, then what came back to the user, then the oldest."""
        return (not self.overdue, not self.attention, self.waiting_since)


def provides(group, *roles):
    """Register the decorated ``function(user)`` as listing ``group``'s items for
    each of ``roles``."""
    def register(function):
        for role in roles:
            _PROVIDERS.setdefault(role, []).append((group, function))
        return function
    return register


def groups_for(user):
    """[(group, [WorkItem, ...] in their ``rank``)] for ``user``'s role: groups with an
    overdue item first, then those with an item that came back, then those with items,
    empty groups last and kept (the page says that nothing waits there). A function
    that returns None says its group does not apply to this user: the group is left out."""
    result = []
    for group, function in _PROVIDERS.get(user.role, []):
        found = function(user)
        if found is None:
            continue
        items = sorted(found, key=lambda item: item.rank)
        result.append((group, items))
    return sorted(result, key=lambda pair: (not any(i.overdue for i in pair[1]),
                                            not any(i.attention for i in pair[1]), not pair[1]))

