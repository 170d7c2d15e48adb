"""Cells a spreadsheet will show as text, never run as a formula (OWASP "CSV injection").

A cell whose text starts with ``=``, ``+``, ``-`` or ``@`` (or with a tab or a
carriage return, which some programs skip before looking) is read by Excel,
LibreOffice and Google Sheets as a formula: ``=HYPERLINK(...)`` or a DDE call
typed into a complaint would run on an officer's machine when the export is
opened. Such text gets a leading apostrophe, which spreadsheets show as
nothing more than a text marker. Numbers (a negative one too) and dates stay
numbers and dates, so an XLSX file keeps them as such.

Control characters other than tab, line feed and carriage return are dropped:
an XLSX file (XML) cannot hold them at all, and no one needs them in a cell.
"""
import datetime
import decimal
import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def safe_text(text):
    text = _CONTROL.sub("", text)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def safe_cell(value):
    """``value`` as a cell: None → "", booleans → 1/0, numbers and dates unchanged,
    text made safe. A date with a time zone (which XLSX cannot hold) is text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, (int, float, decimal.Decimal)):
        return value
    if isinstance(value, (datetime.date, datetime.time)) \
            and getattr(value, "tzinfo", None) is None:
        return value
    return safe_text(str(value))
