"""Importing paper surveys from a CSV file: one importer for the CLI and the back office.

Layout (header required, in this order; README "Survey CSV import")::

    unit_code,service,date,U1,U2,U3,U4,U5,U6,U7,U8,U9,gender,age,education,occupation,suggestion

Every row is checked first; a file with any bad row is refused whole, with the
line numbers of the problems, and nothing is written.
"""
import datetime
from zoneinfo import ZoneInfo

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_babel import format_decimal
from flask_babel import gettext as _

from portal import audit, survey_tally
from portal.db import db
from portal.models import Service, SurveyResponse, Unit
from portal.rules import ikm
from portal.rules.spreadsheet import MAX_CELL, CsvError, read_csv

HEADER = ["unit_code", "service", "date", *ikm.ELEMENT_CODES, "gender", "age", "education",
          "occupation", "suggestion"]
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y")
MAX_ERRORS = 50
CHUNK = 500


class ImportResult:
    def __init__(self, rows=0, errors=None):
        self.rows = rows
        self.errors = errors or []  # (line number, message)

    @property
    def ok(self):
        return not self.errors


def _parse_date(text):
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _local_noon_utc(day):
    """A paper form carries a date only: store local noon, so the date never shifts."""
    zone = ZoneInfo(current_app.config["PORTAL_TIMEZONE"])
    local = datetime.datetime.combine(day, datetime.time(12), tzinfo=zone)
    return local.astimezone(datetime.timezone.utc).replace(tzinfo=None)


def _choice(value, allowed):
    """Match a profile code case-insensitively; '' stays None."""
    if not value:
        return None, True
    for code in allowed:
        if code.lower() == value.lower():
            return code, True
    return None, False


def read_rows(text):
    """Split the text into rows; accept commas or (spreadsheets set to Indonesian) semicolons.
    A text that cannot be read raises CsvError."""
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return read_csv(text, delimiter)


def csv_problem(error):
    """What is wrong with a CSV text that cannot be read (a CsvError), for people; the
    spreadsheet import (portal.imports) says the same."""
    if error.code == "nul":
        return _("The file contains a NUL character: it is not a CSV text file.")
    if error.code == "too_long":
        return _("A cell is longer than %(limit)s characters; the file cannot be read as CSV.",
                 limit=format_decimal(MAX_CELL))
    return _("This line cannot be read as CSV; save the file again as CSV (UTF-8).")


def check(text, today=None):
    """Validate the whole file: (records ready to insert, errors)."""
    today = today or datetime.date.today()
    try:
        rows = read_rows(text)
    except CsvError as exc:
        return [], [(exc.line, csv_problem(exc))]
    if not rows:
        return [], [(1, _("The file is empty."))]
    header = [cell.strip() for cell in rows[0]]
    if [h.lower() for h in header] != [h.lower() for h in HEADER]:
        return [], [(1, _("The first line must be exactly: %(header)s", header=",".join(HEADER)))]
    services = {(unit_code, code): (unit_id, service_id) for unit_code, code, unit_id, service_id in
                Service.select(Unit.code, Service.code, Unit.id, Service.id).join(Unit).tuples()}
    unit_codes = {code for (code,) in Unit.select(Unit.code).tuples()}
    records, errors = [], []
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue  # blank lines at the end of a spreadsheet export
        problems = []
        if len(row) != len(HEADER):
            errors.append((line, _("Expected %(expected)d columns, found %(found)d.",
                                   expected=len(HEADER), found=len(row))))
            continue
        cells = dict(zip(HEADER, (cell.strip() for cell in row)))
        unit_code, service_code = cells["unit_code"].upper(), cells["service"].upper()
        key = (unit_code, service_code)
        if unit_code not in unit_codes:
            problems.append(_("Unknown unit code “%(code)s”.", code=cells["unit_code"]))
        elif key not in services:
            problems.append(_("Unit %(unit)s has no service with code “%(code)s”.",
                              unit=unit_code, code=cells["service"]))
        day = _parse_date(cells["date"])
        if day is None:
            problems.append(_("The date “%(value)s” is not a date (use YYYY-MM-DD).",
                              value=cells["date"]))
        elif day > today:
            problems.append(_("The date %(value)s lies in the future.", value=cells["date"]))
        answers = {}
        for code in ikm.ELEMENT_CODES:
            value = cells[code]
            if value in ("1", "2", "3", "4"):
                answers[code.lower()] = int(value)
            else:
                problems.append(_("%(element)s must be 1, 2, 3 or 4 (found “%(value)s”).",
                                  element=code, value=value))
        gender, good = _choice(cells["gender"], ikm.GENDERS)
        if not good:
            problems.append(_("Gender must be L or P, or empty."))
        age = None
        if cells["age"]:
            try:
                age = int(cells["age"])
            except ValueError:
                age = -1
            if not ikm.AGE_RANGE[0] <= age <= ikm.AGE_RANGE[1]:
                problems.append(_("Age must be a whole number between %(min)d and %(max)d, or empty.",
                                  min=ikm.AGE_RANGE[0], max=ikm.AGE_RANGE[1]))
        education, good = _choice(cells["education"], ikm.EDUCATION)
        if not good:
            problems.append(_("Education must be one of %(values)s, or empty.",
                              values=", ".join(ikm.EDUCATION)))
        occupation, good = _choice(cells["occupation"], ikm.OCCUPATIONS)
        if not good:
            problems.append(_("Occupation must be one of %(values)s, or empty.",
                              values=", ".join(ikm.OCCUPATIONS)))
        if problems:
            errors.extend((line, problem) for problem in problems)
            continue
        unit_id, service_id = services[key]
        records.append({"unit": unit_id, "service": service_id,
                        "submitted_at": _local_noon_utc(day), "gender": gender, "age": age,
                        "education": education, "occupation": occupation,
                        "suggestion": cells["suggestion"][:2000] or None, "source": "paper",
                        **answers})
    if not errors and not records:
        errors.append((1, _("The file has a header but no survey rows.")))
    return records, errors


def decode(data):
    """Bytes from an upload as text: UTF-8 (with or without BOM), else Windows-1252."""
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def import_text(text, filename=""):
    """Check, then write every row in one transaction, or nothing at all; the import
    is one entry of the audit trail (file name, size, rows created). The answers are
    anonymous citizens' forms, not records anyone edits: they are counted, not
    copied into the trail one by one."""
    records, errors = check(decode(text))
    if errors:
        return ImportResult(0, errors)
    with db.atomic():
        for start in range(0, len(records), CHUNK):
            SurveyResponse.insert_many(records[start:start + CHUNK]).execute()
        survey_tally.add(records)
        audit.import_entry("SurveyResponse", filename or "CSV", len(text), "survey",
                           created=len(records))
    return ImportResult(len(records))


def init_app(app):
    app.cli.add_command(import_survey_command)


@click.command("import-survey")
@with_appcontext
@click.argument("csv_file", type=click.File("rb"))
def import_survey_command(csv_file):
    """Import paper survey forms from CSV_FILE (all rows or none)."""
    with db.connection_context():
        result = import_text(csv_file.read(), getattr(csv_file, "name", "") or "")
    if not result.ok:
        for line, message in result.errors[:MAX_ERRORS]:
            click.echo(_("Line %(line)d: %(message)s", line=line, message=message), err=True)
        if len(result.errors) > MAX_ERRORS:
            click.echo(_("… and %(n)d more problems.", n=len(result.errors) - MAX_ERRORS), err=True)
        raise click.ClickException(_("Nothing was imported: correct the lines above and try again."))
    click.echo(_("%(n)d survey responses imported.", n=result.rows))
