"""Spreadsheet import (XLSX or CSV) of employees, unit indicators with their targets,
and indicator realisations: check every row, show the plan, then write all or nothing.

``plan(kind, data, filename, scope)`` reads and checks a file without writing;
``apply(kind, data, filename, scope)`` checks again and writes every row in one
transaction. Existing rows are updated (an employee by NIP, an indicator by unit,
year and code, a realisation by indicator and period). ``scope`` is None (every
unit) or the set of unit ids an operator works for. Uploaded files wait for
confirmation under ``instance/imports/`` with a random token.
"""
import datetime
import io
import json
import os
import re
import secrets
import time
import zipfile
from dataclasses import dataclass, field

from flask import current_app
from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal import audit, labels
from portal.db import db
from portal.models import Employee, IndicatorRealisation, Period, Unit, UnitIndicator
from portal.models.performance import ASPECTS
from portal.rules import org, ranks
from portal.rules import uploads as file_kinds
from portal.rules.achievement import HIGHER, LOWER
from portal.rules.nip import NipError, format_nip, normalise, parse_nip
from portal.rules.spreadsheet import (CellError, CsvError, csv_rows, duplicates, header_key,
                                      parse_bool, parse_int, parse_number, parse_period,
                                      period_label, text)
from portal.survey_import import csv_problem
from portal.uploads import STORAGE_FULL, write_new

KINDS = ("employees", "indicators", "realisations")
KIND_LABELS = {"employees": _l("Employees"), "indicators": _l("Indicators and targets"),
               "realisations": _l("Realisations")}
ACCEPTED = ("xlsx", "csv")
MAX_ROWS = 5000
NEW, UPDATE, SAME, ERROR = "new", "update", "same", "error"
TOKEN = re.compile(r"[A-Za-z0-9_-]{20,40}")
KEEP_SECONDS = 24 * 3600
YEAR_RANGE = (2000, 2100)
POLARITY_WORDS = {"higher": HIGHER, "tinggi": HIGHER, "naik": HIGHER,
                  "lower": LOWER, "rendah": LOWER, "turun": LOWER}


@dataclass(frozen=True)
class Column:
    key: str
    header: str          # the Indonesian heading the template writes
    required: bool
    example: object
    label: object        # shown in the preview's list of changes


COLUMNS = {
    "employees": (
        Column("nip", "NIP", True, "199003152019032004", _l("NIP")),
        Column("name", "Nama", True, "Rina Handayani", _l("Name")),
        Column("employment_type", "Status (PNS/PPPK)", True, "PNS", _l("Employment type")),
        Column("golongan", "Golongan", False, "III/b", _l("Golongan")),
        Column("jabatan_kind", "Jenis jabatan", True, "pelaksana", _l("Jabatan kind")),
        Column("position_title", "Jabatan", True, "Pengelola Data Kepegawaian", _l("Position")),
        Column("unit_code", "Kode unit", True, "DINKES", _l("Unit")),
        Column("supervisor_nip", "NIP atasan", False, "198001012005011002",
               _l("Direct supervisor")),
        Column("email", "E-mail", False, "rina@example.go.id", _l("E-mail")),
        Column("active", "Aktif", False, "ya", _l("Active")),
    ),
    "indicators": (
        Column("unit_code", "Kode unit", True, "DINKES", _l("Unit")),
        Column("year", "Tahun", True, 2026, _l("Year")),
        Column("code", "Kode indikator", True, "IKU-01", _l("Code")),
        Column("name", "Nama indikator", True, "Cakupan imunisasi dasar lengkap",
               _l("Indicator")),
        Column("definition", "Definisi", False,
               "Persentase bayi yang mendapat imunisasi dasar lengkap", _l("Definition")),
        Column("measurement_unit", "Satuan", True, "%", _l("Unit of measure")),
        Column("aspect", "Aspek", False, "kualitas", _l("Aspect")),
        Column("polarity", "Polaritas", False, "tinggi", _l("Polarity")),
        Column("data_source", "Sumber data", False, "Laporan imunisasi Puskesmas",
               _l("Data source")),
        Column("target", "Target tahunan", False, 95, _l("Yearly target")),
        Column("public", "Publik", False, "ya", _l("Public")),
    ),
    "realisations": (
        Column("unit_code", "Kode unit", True, "DINKES", _l("Unit")),
        Column("year", "Tahun", True, 2026, _l("Year")),
        Column("indicator_code", "Kode indikator", True, "IKU-01", _l("Indicator")),
        Column("period", "Periode", True, "Maret", _l("Period")),
        Column("value", "Nilai", True, "92,5", _l("Realisation")),
        Column("note", "Catatan", False, "", _l("Note")),
    ),
}
TEMPLATE_NOTES = {
    "employees": [
        ("Status (PNS/PPPK)", "PNS atau PPPK"),
        ("Golongan", "Hanya untuk PNS: " + ", ".join(code for code, _p in ranks.GOLONGAN)),
        ("Jenis jabatan", ", ".join(ranks.JABATAN_KINDS)),
        ("NIP, NIP atasan", "18 digit, ditulis sebagai teks (boleh dengan spasi). Atasan boleh "
                            "ada di berkas yang sama."),
        ("Aktif", "ya atau tidak (kosong = ya)"),
    ],
    "indicators": [
        ("Aspek", ", ".join(ASPECTS)),
        ("Polaritas", "tinggi (semakin tinggi semakin baik) atau rendah (semakin rendah "
                      "semakin baik)"),
        ("Target tahunan", "Angka; koma desimal boleh, mis. 1.234,5"),
        ("Publik", "ya atau tidak (kosong = ya)"),
    ],
    "realisations": [
        ("Periode", "Bulan (1–12 atau Januari–Desember) atau triwulan (TW I–TW IV)"),
        ("Nilai", "Angka; koma desimal boleh, mis. 1.234,5"),
        ("Kode indikator", "Indikator unit pada tahun itu harus sudah ada"),
    ],
}


@dataclass
class Row:
    line: int
    cells: dict
    key: str = ""
    status: str = NEW
    errors: list = field(default_factory=list)
    changes: list = field(default_factory=list)   # (label, old, new) as text
    summary: list = field(default_factory=list)   # (label, value) of a new row
    label: str = ""                               # the key as the preview shows it
    values: dict = field(default_factory=dict)
    existing: object = None
    cells_key: tuple = ()


@dataclass
class Plan:
    kind: str
    rows: list = field(default_factory=list)
    file_errors: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.file_errors and bool(self.rows) and not any(r.errors for r in self.rows)

    def count(self, status):
        return sum(1 for r in self.rows if r.status == status)


# --- reading ---------------------------------------------------------------------
class FileRefused(ValueError):
    pass


def file_kind(data, filename):
    """``xlsx`` or ``csv`` by the file's bytes (the one sniffer), else FileRefused."""
    kind = file_kinds.sniff(data, filename or "")
    if kind not in ACCEPTED:
        raise FileRefused(_("The file must be an Excel workbook (.xlsx) or a CSV file "
                            "saved as UTF-8."))
    return kind


def read_table(data, filename):
    """(header cells, [(line number, cells)], decimal comma) of the file's first sheet."""
    kind = file_kind(data, filename)
    if kind == "csv":
        try:
            rows, decimal_comma = csv_rows(data.decode("utf-8"))
        except UnicodeDecodeError:
            raise FileRefused(_("The CSV file must be saved as UTF-8.")) from None
        except CsvError as exc:
            raise FileRefused(_("Line %(line)d: %(message)s", line=exc.line,
                                message=csv_problem(exc))) from None
    else:
        import openpyxl
        try:
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            sheet = book.worksheets[0]
            rows = [list(values) for values in sheet.iter_rows(values_only=True)]
            book.close()
        except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, IndexError):
            raise FileRefused(_("The workbook cannot be read; save it again as .xlsx.")) from None
        decimal_comma = True
    numbered = [(line, row) for line, row in enumerate(rows, start=1)
                if any(text(cell) for cell in row)]
    if not numbered:
        raise FileRefused(_("The file is empty."))
    (_line, header), body = numbered[0], numbered[1:]
    return header, body, decimal_comma


def map_header(kind, header):
    """{column key: cell index}, or FileRefused naming the missing or unknown columns."""
    known = {}
    for column in COLUMNS[kind]:
        known[header_key(column.header)] = column.key
        known[header_key(column.key)] = column.key
    positions, unknown = {}, []
    for index, cell in enumerate(header):
        name = header_key(cell)
        if not name:
            continue
        if name not in known:
            unknown.append(text(cell))
        elif known[name] in positions:
            raise FileRefused(_("The column “%(name)s” appears twice.", name=text(cell)))
        else:
            positions[known[name]] = index
    missing = [c.header for c in COLUMNS[kind] if c.required and c.key not in positions]
    if missing or unknown:
        problems = []
        if missing:
            problems.append(_("Missing columns: %(names)s.", names=", ".join(missing)))
        if unknown:
            problems.append(_("Unknown columns: %(names)s.", names=", ".join(unknown)))
        problems.append(_("Use the template of this kind of import."))
        raise FileRefused(" ".join(problems))
    return positions


def _rows(kind, data, filename):
    header, body, decimal_comma = read_table(data, filename)
    positions = map_header(kind, header)
    if len(body) > MAX_ROWS:
        raise FileRefused(_("At most %(n)d rows per file; split the file.", n=MAX_ROWS))
    if not body:
        raise FileRefused(_("The file has a header row but no data rows."))
    rows = []
    for line, cells in body:
        values = {key: (cells[index] if index < len(cells) else None)
                  for key, index in positions.items()}
        rows.append(Row(line=line, cells=values))
    return rows, decimal_comma


def _chunks(values, size=500):
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start:start + size]


def scope_unit_ids(unit_id):
    """A unit and every unit below it (kelurahan under a kecamatan, UPT under a dinas)."""
    ids, frontier = {unit_id}, [unit_id]
    while frontier:
        frontier = [i for (i,) in Unit.select(Unit.id).where(Unit.parent.in_(frontier)).tuples()
                    if i not in ids]
        ids.update(frontier)
    return ids


def _units():
    return {unit.code.upper(): unit for unit in Unit.select()}


def _unit(row, units, scope, column="unit_code"):
    code = text(row.cells.get(column)).upper()
    if not code:
        row.errors.append(_("The unit code is empty."))
        return None
    unit = units.get(code)
    if unit is None:
        row.errors.append(_("Unknown unit code “%(code)s”.", code=code))
        return None
    if scope is not None and unit.id not in scope:
        row.errors.append(_("Unit %(code)s is outside the units you work for.", code=code))
        return None
    return unit


def _required(row, key, label):
    value = text(row.cells.get(key))
    if not value:
        row.errors.append(_("%(column)s is empty.", column=label))
    return value


def _fits(row, model_field, value, label):
    """A text no longer than the database column holds."""
    limit = getattr(model_field, "max_length", None)
    if value and limit and len(value) > limit:
        row.errors.append(_("%(column)s is longer than %(n)d characters.", column=label,
                            n=limit))


def _year(row):
    try:
        year = parse_int(row.cells.get("year"))
    except CellError:
        year = None
    if year is None or not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        row.errors.append(_("The year “%(value)s” is not a year (e.g. 2026).",
                            value=text(row.cells.get("year"))))
        return None
    return year


def _number(row, key, label, decimal_comma, required=False):
    raw = row.cells.get(key)
    try:
        value = parse_number(raw, decimal_comma)
    except CellError:
        row.errors.append(_("%(column)s: “%(value)s” is not a number (e.g. 1.234,5).",
                            column=label, value=text(raw)))
        return None
    if value is None and required:
        row.errors.append(_("%(column)s is empty.", column=label))
    return value


def _bool(row, key, label, default):
    try:
        return parse_bool(row.cells.get(key), default)
    except CellError:
        row.errors.append(_("%(column)s must be “ya” or “tidak”.", column=label))
        return default


def _show(value, key=""):
    """A value as the preview shows it: numbers in the reader's locale, NIP in groups."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, (int, float)):
        return format_decimal(value)
    if key.endswith("nip"):
        return format_nip(value)
    return str(value)


def _diff(row, existing, labels):
    """Fill row.changes from the values that differ from ``existing`` (a dict)."""
    for key, new in row.values.items():
        old = existing.get(key)
        if key in existing and old != new and not (old in (None, "") and new in (None, "")):
            row.changes.append((str(labels[key]), _show(old, key), _show(new, key)))
    row.status = UPDATE if row.changes else SAME


def _summarise(kind, row):
    """What a new row will hold, for the preview (codes by their labels)."""
    names = {"jabatan_kind": labels.JABATAN_KIND, "aspect": labels.ASPECT,
             "polarity": labels.POLARITY, "employment_type": {"pns": "PNS", "pppk": "PPPK"}}
    headings = {c.key: c.label for c in COLUMNS[kind]}
    row.summary = [(str(headings[key]), str(names.get(key, {}).get(value, _show(value, key))))
                   for key, value in row.values.items() if value not in (None, "")]


# --- employees ---------------------------------------------------------------------
def _nip_message(code):
    return str(labels.NIP_ERRORS[code])  # the messages the employee form shows


def check_employees(rows, scope, decimal_comma):
    labels = {c.key: c.label for c in COLUMNS["employees"]}
    units = _units()
    file_nips = {}
    for row in rows:
        row.key = normalise(text(row.cells.get("nip")))
        file_nips.setdefault(row.key, row)
    wanted = set(file_nips) | {normalise(text(r.cells.get("supervisor_nip"))) for r in rows}
    wanted.discard("")
    existing = {}
    for chunk in _chunks(wanted):
        for employee in (Employee.select(Employee, Unit).join(Unit)
                         .where(Employee.nip.in_(chunk))):
            existing[employee.nip] = employee
    nip_of = dict(Employee.select(Employee.id, Employee.nip).tuples())
    has = {key: key in rows[0].cells for key in labels} if rows else {}
    for row in rows:
        cells = row.cells
        employment = text(cells.get("employment_type")).lower()
        if employment not in ranks.EMPLOYMENT_TYPES:
            row.errors.append(_("Status must be PNS or PPPK."))
        raw_nip = cells.get("nip")
        if isinstance(raw_nip, float):
            row.errors.append(_("The NIP was stored as a number and lost digits: format the "
                                "NIP column as text and type it again."))
        else:
            try:
                parse_nip(text(raw_nip), check_tmt=employment != "pppk")
            except NipError as exc:
                row.errors.append(_("NIP %(nip)s: %(reason)s", nip=text(raw_nip) or "—",
                                    reason=_nip_message(exc.code)))
        name = _required(row, "name", labels["name"])
        golongan = text(cells.get("golongan")).upper().replace(" ", "") or None
        if golongan:
            golongan = next((code for code, _p in ranks.GOLONGAN if code.upper() == golongan),
                            golongan)
        reason = ranks.employment_error(employment, golongan) \
            if employment in ranks.EMPLOYMENT_TYPES else None
        if reason == "pns_needs_golongan":
            row.errors.append(_("A PNS needs a golongan."))
        elif reason == "pppk_has_no_golongan":
            row.errors.append(_("A PPPK employee has no golongan; leave it empty."))
        elif reason:
            row.errors.append(_("Unknown golongan “%(value)s” (e.g. III/b).", value=golongan))
        jabatan = re.sub(r"[\s-]+", "_", text(cells.get("jabatan_kind")).lower())
        if jabatan not in ranks.JABATAN_KINDS:
            row.errors.append(_("Unknown jabatan kind “%(value)s”; see the template's second "
                                "sheet.", value=text(cells.get("jabatan_kind"))))
        position = _required(row, "position_title", labels["position_title"])
        unit = _unit(row, units, scope)
        current = existing.get(row.key)
        if current is not None and scope is not None and current.unit_id not in scope:
            row.errors.append(_("NIP %(nip)s belongs to an employee of a unit outside the "
                                "units you work for.", nip=format_nip(row.key)))
        supervisor_nip = normalise(text(cells.get("supervisor_nip")))
        if supervisor_nip:
            if supervisor_nip == row.key:
                row.errors.append(_("An employee cannot supervise themselves, directly or "
                                    "through their subordinates."))
            elif supervisor_nip not in existing and supervisor_nip not in file_nips:
                row.errors.append(_("Supervisor NIP %(nip)s is neither in the database nor "
                                    "in this file.", nip=format_nip(supervisor_nip)))
        email = text(cells.get("email")) or None
        if email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
            row.errors.append(_("“%(value)s” is not an e-mail address.", value=email))
        for model_field, value, key in ((Employee.name, name, "name"),
                                         (Employee.position_title, position, "position_title"),
                                         (Employee.email, email, "email")):
            _fits(row, model_field, value, labels[key])
        active = _bool(row, "active", labels["active"], True)
        values = {"name": name, "employment_type": employment, "golongan": golongan,
                  "jabatan_kind": jabatan, "position_title": position,
                  "unit_code": unit.code if unit else None}
        for key, value in (("supervisor_nip", supervisor_nip or None), ("email", email),
                           ("active", active)):
            if has.get(key):
                values[key] = value
        row.values = values
        row.existing = current
        if current is not None:
            _diff(row, {"name": current.name, "employment_type": current.employment_type,
                        "golongan": current.golongan, "jabatan_kind": current.jabatan_kind,
                        "position_title": current.position_title,
                        "unit_code": current.unit.code,
                        "supervisor_nip": nip_of.get(current.supervisor_id),
                        "email": current.email, "active": current.active}, labels)
    for line, others in duplicates([(r.line, r.key or None) for r in rows]).items():
        row = next(r for r in rows if r.line == line)
        row.errors.append(_("NIP %(nip)s also appears in row %(rows)s.",
                            nip=format_nip(row.key), rows=", ".join(map(str, others))))
    if has.get("supervisor_nip"):
        _check_supervisor_cycles(rows, nip_of)


def _check_supervisor_cycles(rows, nip_of):
    chain = {nip: nip_of.get(sup)
             for nip, sup in Employee.select(Employee.nip, Employee.supervisor).tuples()}
    for row in rows:
        if row.key:
            chain[row.key] = row.values.get("supervisor_nip")
    for row in rows:
        sup = row.values.get("supervisor_nip")
        if sup and sup != row.key and org.creates_cycle(row.key, sup, chain.get):
            row.errors.append(_("An employee cannot supervise themselves, directly or "
                                "through their subordinates."))


def write_employees(rows):
    units = _units()
    by_nip, written = {}, []
    for row in rows:
        values = row.values
        fields = {"name": values["name"], "employment_type": values["employment_type"],
                  "golongan": values["golongan"], "jabatan_kind": values["jabatan_kind"],
                  "position_title": values["position_title"],
                  "unit": units[values["unit_code"]]}
        for key in ("email", "active"):
            if key in values:
                fields[key] = values[key]
        employee = Employee.get_or_none(Employee.nip == row.key)
        if employee is None:
            employee = Employee.create(nip=row.key, **fields)
            written.append((employee, None))
        else:
            written.append((employee, audit.snapshot(employee)))
            for key, value in fields.items():
                setattr(employee, key, value)
            employee.save()
        by_nip[row.key] = employee
    for row in rows:
        if "supervisor_nip" not in row.values:
            continue
        sup = row.values["supervisor_nip"]
        supervisor = None
        if sup:
            supervisor = by_nip.get(sup) or Employee.get(Employee.nip == sup)
        Employee.update(supervisor=supervisor).where(Employee.nip == row.key).execute()
        by_nip[row.key].supervisor = supervisor
    return written


# --- indicators ------------------------------------------------------------------------
def _indicators(rows):
    """{(unit id, year, code): indicator} for the years a file names."""
    years = set()
    for row in rows:
        try:
            years.add(parse_int(row.cells.get("year")))
        except CellError:
            pass
    years.discard(None)
    if not years:
        return {}
    return {(i.unit_id, i.year, i.code): i
            for i in UnitIndicator.select().where(UnitIndicator.year.in_(list(years)))}


def check_indicators(rows, scope, decimal_comma):
    labels = {c.key: c.label for c in COLUMNS["indicators"]}
    units, closed, indicators = _units(), Period.closed_years(), _indicators(rows)
    has = {key: key in rows[0].cells for key in labels} if rows else {}
    for row in rows:
        cells = row.cells
        unit, year = _unit(row, units, scope), _year(row)
        code = text(cells.get("code")).upper()
        if not code:
            row.errors.append(_("%(column)s is empty.", column=labels["code"]))
        else:
            _fits(row, UnitIndicator.code, code, labels["code"])
        current = indicators.get((unit.id, year, code)) if unit is not None else None
        name = _required(row, "name", labels["name"])
        measure = _required(row, "measurement_unit", labels["measurement_unit"])
        aspect = text(cells.get("aspect")).lower()
        if aspect and aspect not in ASPECTS:
            row.errors.append(_("Aspect must be one of %(values)s.", values=", ".join(ASPECTS)))
        polarity_word = text(cells.get("polarity")).lower()
        polarity = POLARITY_WORDS.get(polarity_word)
        if polarity_word and polarity is None:
            row.errors.append(_("Polarity must be “tinggi” (higher is better) or “rendah” "
                                "(lower is better)."))
        target = _number(row, "target", labels["target"], decimal_comma)
        public = _bool(row, "public", labels["public"], True)
        for key in ("name", "measurement_unit", "data_source"):
            _fits(row, getattr(UnitIndicator, key), text(cells.get(key)), labels[key])
        if year is not None and year in closed:
            row.errors.append(_("The period %(year)d is closed; its data can no longer be "
                                "changed.", year=year))
        row.key = f"{unit.code if unit else text(cells.get('unit_code')).upper()} {year} {code}"
        values = {"name": name, "measurement_unit": measure}
        optional = {
            "definition": text(cells.get("definition")),
            "aspect": aspect or (current.aspect if current else "kuantitas"),
            "polarity": polarity or (current.polarity if current else HIGHER),
            "data_source": text(cells.get("data_source")), "target": target, "public": public}
        for key, value in optional.items():
            if has.get(key):
                values[key] = value
        row.values = values
        row.cells_key = (unit.id if unit else None, year, code or None)
        row.existing = current
        if current is not None:
            _diff(row, {key: getattr(current, key) for key in values}, labels)
    keys = [(r.line, r.cells_key if None not in r.cells_key else None) for r in rows]
    for line, others in duplicates(keys).items():
        row = next(r for r in rows if r.line == line)
        row.errors.append(_("The same unit, year and indicator code also appear in row "
                            "%(rows)s.", rows=", ".join(map(str, others))))


def write_indicators(rows):
    indicators, written = _indicators(rows), []
    for row in rows:
        unit_id, year, code = row.cells_key
        current = indicators.get((unit_id, year, code))
        if current is None:
            previous = UnitIndicator.get_or_none(UnitIndicator.unit == unit_id,
                                                 UnitIndicator.year == year - 1,
                                                 UnitIndicator.code == code)
            written.append((UnitIndicator.create(unit=unit_id, year=year, code=code,
                                                 previous=previous, **row.values), None))
        else:
            written.append((current, audit.snapshot(current)))
            for key, value in row.values.items():
                setattr(current, key, value)
            current.save()
    return written


# --- realisations ---------------------------------------------------------------------
def _periods():
    return {(p.year, "quarter" if p.quarter else "month", p.quarter or p.month): p
            for p in Period.select().where(Period.quarter.is_null(False)
                                           | Period.month.is_null(False))}


def check_realisations(rows, scope, decimal_comma):
    labels = {c.key: c.label for c in COLUMNS["realisations"]}
    units, closed, periods = _units(), Period.closed_years(), _periods()
    indicators = _indicators(rows)
    realisations = {}
    if indicators:
        for real in IndicatorRealisation.select().join(UnitIndicator).where(
                UnitIndicator.year.in_(list({key[1] for key in indicators}))):
            realisations[(real.indicator_id, real.period_id)] = real
    for row in rows:
        cells = row.cells
        unit, year = _unit(row, units, scope), _year(row)
        code = text(cells.get("indicator_code")).upper()
        if not code:
            row.errors.append(_("%(column)s is empty.", column=labels["indicator_code"]))
        indicator = None
        if unit is not None and year is not None and code:
            indicator = indicators.get((unit.id, year, code))
            if indicator is None:
                row.errors.append(_("Unit %(unit)s has no indicator %(code)s for %(year)d; "
                                    "import the indicators first.",
                                    unit=unit.code, code=code, year=year))
        period_key = None
        try:
            kind, number = parse_period(cells.get("period"))
            period_key = (year, kind, number)
        except CellError:
            row.errors.append(_("The period “%(value)s” is not a month (1–12, Januari) or a "
                                "quarter (TW I–TW IV).", value=text(cells.get("period"))))
        value = _number(row, "value", labels["value"], decimal_comma, required=True)
        note = text(cells.get("note"))
        period = periods.get(period_key) if period_key else None
        if year is not None and period_key:
            if year in closed or (period is not None and not period.open):
                row.errors.append(_("The period %(period)s %(year)d is closed; its data can no "
                                    "longer be changed.",
                                    period=period_label(*period_key[1:]), year=year))
        row.key = " ".join(str(part) for part in (
            unit.code if unit else text(cells.get("unit_code")).upper(), code,
            period_label(*period_key[1:]) if period_key else "", year or "") if part)
        row.values = {"value": value, "note": note}
        row.cells_key = (indicator.id if indicator else None, period_key)
        if indicator is not None and period is not None:
            current = realisations.get((indicator.id, period.id))
            row.existing = current
            if current is not None:
                _diff(row, {"value": current.value, "note": current.note}, labels)
    keys = [(r.line, r.cells_key if None not in r.cells_key else None) for r in rows]
    for line, others in duplicates(keys).items():
        row = next(r for r in rows if r.line == line)
        row.errors.append(_("The same indicator and period also appear in row %(rows)s.",
                            rows=", ".join(map(str, others))))


def write_realisations(rows):
    periods, written = _periods(), []
    for row in rows:
        indicator_id, (year, kind, number) = row.cells_key
        period = periods.get((year, kind, number))
        if period is None:
            period = Period.create(year=year, **{kind: number})
            periods[(year, kind, number)] = period
        current = IndicatorRealisation.get_or_none(IndicatorRealisation.indicator == indicator_id,
                                                   IndicatorRealisation.period == period)
        if current is None:
            written.append((IndicatorRealisation.create(indicator=indicator_id, period=period,
                                                        **row.values), None))
        else:
            written.append((current, audit.snapshot(current)))
            current.value, current.note = row.values["value"], row.values["note"]
            current.save()
    return written


CHECKS = {"employees": check_employees, "indicators": check_indicators,
          "realisations": check_realisations}
# the model each kind of file becomes, as the audit trail names it
MODEL_NAMES = {"employees": "Employee", "indicators": "UnitIndicator",
               "realisations": "IndicatorRealisation"}
WRITERS = {"employees": write_employees, "indicators": write_indicators,
           "realisations": write_realisations}


def plan(kind, data, filename, scope=None):
    """Read and check a file; nothing is written."""
    result = Plan(kind)
    try:
        result.rows, decimal_comma = _rows(kind, data, filename)
    except FileRefused as exc:
        result.file_errors.append(str(exc))
        return result
    CHECKS[kind](result.rows, scope, decimal_comma)
    for row in result.rows:
        if row.errors:
            row.status = ERROR
        elif row.status == NEW:
            _summarise(kind, row)
        row.label = format_nip(row.key) if kind == "employees" else row.key
    return result


def apply(kind, data, filename, scope=None):
    """Check again and write every row in one transaction; on any error nothing is written.

    The import is one entry of the audit trail (file, kind, counts) and every row it
    created or changed an entry linked to it."""
    with db.atomic():
        result = plan(kind, data, filename, scope)
        if not result.ok:
            return result
        entry = audit.import_entry(MODEL_NAMES[kind], filename, len(data), kind,
                                   created=result.count(NEW), updated=result.count(UPDATE),
                                   unchanged=result.count(SAME))
        with audit.linked(entry):
            written = WRITERS[kind]([r for r in result.rows if r.status != SAME])
            for obj, before in written:
                if before is None:
                    audit.record(audit.CREATE, obj)
                else:
                    audit.record(audit.UPDATE, obj, before=before, after=audit.snapshot(obj))
    return result


# --- files waiting for confirmation -------------------------------------------------------
def _folder():
    path = os.path.join(current_app.instance_path, "imports")
    os.makedirs(path, exist_ok=True)
    return path


def store(kind, data, filename, user_id):
    """Keep an uploaded file until it is confirmed; returns its token."""
    folder = _folder()
    cutoff = time.time() - KEEP_SECONDS
    for name in os.listdir(folder):
        full = os.path.join(folder, name)
        if os.path.getmtime(full) < cutoff:
            os.remove(full)
    token = secrets.token_urlsafe(24)
    meta = {"kind": kind, "filename": os.path.basename(filename or "")[:200], "user": user_id,
            "at": datetime.datetime.now(datetime.timezone.utc).isoformat()}
    try:
        write_new(os.path.join(folder, token + ".bin"), data)
        write_new(os.path.join(folder, token + ".json"), json.dumps(meta).encode())
    except OSError:  # a full disk: neither file is kept
        discard(token)
        raise FileRefused(str(STORAGE_FULL)) from None
    return token


def load(token, user_id):
    """(meta, data) of a kept file uploaded by ``user_id``, or None."""
    if not TOKEN.fullmatch(token or ""):
        return None
    folder = _folder()
    try:
        with open(os.path.join(folder, token + ".json"), encoding="utf-8") as handle:
            meta = json.load(handle)
        with open(os.path.join(folder, token + ".bin"), "rb") as handle:
            data = handle.read()
    except (OSError, ValueError):
        return None
    if meta.get("user") != user_id or meta.get("kind") not in KINDS:
        return None
    return meta, data


def discard(token):
    if not TOKEN.fullmatch(token or ""):
        return
    for suffix in (".bin", ".json"):
        try:
            os.remove(os.path.join(_folder(), token + suffix))
        except OSError:
            pass


# --- templates ---------------------------------------------------------------------------
def template(kind):
    """An XLSX workbook: a header row and an example row, and a sheet explaining the values."""
    import openpyxl
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Data"
    columns = COLUMNS[kind]
    sheet.append([c.header + (" *" if c.required else "") for c in columns])
    sheet.append([c.example for c in columns])
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True)
        letter = cell.column_letter
        sheet.column_dimensions[letter].width = max(14, len(column.header) + 4,
                                                    len(text(column.example)) + 2)
        if column.key in ("nip", "supervisor_nip", "unit_code", "code", "indicator_code",
                          "golongan", "period"):
            # text, so a NIP keeps all 18 digits
            sheet.column_dimensions[letter].number_format = "@"
            sheet.cell(row=2, column=index).number_format = "@"
    sheet.freeze_panes = "A2"
    notes = book.create_sheet("Petunjuk")
    notes.append(["Kolom", "Isi"])
    notes["A1"].font = notes["B1"].font = Font(bold=True)
    notes.append(["*", "Wajib diisi. Baris 2 adalah contoh: ganti atau hapus."])
    for name, explanation in TEMPLATE_NOTES[kind]:
        notes.append([name, explanation])
    notes.column_dimensions["A"].width = 22
    notes.column_dimensions["B"].width = 90
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
