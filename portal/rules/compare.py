"""Ordering the public comparison of units: which columns it sorts by and how a
missing number sorts (never as a zero: a unit without data goes last, whichever the
direction)."""

# column key → what a larger value means is not decided here: "naik" is ascending,
# "turun" descending, as the visitor asks.
SORT_COLUMNS = (
    "unit", "ikm", "responses", "received", "resolved", "reopened", "within_pct",
    "median_days", "indicators_achieved",
)
ASCENDING, DESCENDING = "naik", "turun"
DEFAULT_SORT = ("unit", ASCENDING)


def sort_request(column, direction):
    """(column, direction) the page can honour: an unknown column or direction falls
    back to the default (by name, A to Z)."""
    if column not in SORT_COLUMNS:
        return DEFAULT_SORT
    return column, direction if direction in (ASCENDING, DESCENDING) else ASCENDING


def sort_rows(rows, value_of, direction, name_of):
    """``rows`` ordered by ``value_of(row)``: rows whose value is None go last in either
    direction, ties and the None group by ``name_of(row)`` A to Z."""
    known = [row for row in rows if value_of(row) is not None]
    unknown = [row for row in rows if value_of(row) is None]
    known.sort(key=name_of)
    known.sort(key=value_of, reverse=direction == DESCENDING)  # stable: names stay in order
    return known + sorted(unknown, key=name_of)
