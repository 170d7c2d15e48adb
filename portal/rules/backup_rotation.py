"""Which backups to keep: the newest of each of the last N days and M weeks.

A backup is known by the moment it was taken (its file name's stamp). The
newest backup of each of the ``daily`` most recent days that have one is kept,
and the newest backup of each of the ``weekly`` most recent ISO weeks that have
one; everything else may be deleted. The newest backup of all is always kept,
so a rotation can never leave an office without one.
"""


def to_keep(moments, daily, weekly):
    """The subset of ``moments`` (datetimes) to keep."""
    if daily < 0 or weekly < 0:
        raise ValueError("daily and weekly must not be negative")
    ordered = sorted(set(moments), reverse=True)
    keep = set(ordered[:1])
    keep |= _newest_per(ordered, lambda m: m.date(), daily)
    keep |= _newest_per(ordered, lambda m: tuple(m.isocalendar())[:2], weekly)
    return keep


def _newest_per(ordered, period, count):
    """The newest moment of each of the ``count`` most recent periods (newest first)."""
    chosen, seen = set(), set()
    for moment in ordered:
        key = period(moment)
        if key in seen:
            continue
        if len(seen) == count:
            break
        seen.add(key)
        chosen.add(moment)
    return chosen
