"""Reading what offices type into spreadsheets: numbers, yes/no, periods, CSV text.

Spreadsheets set to Indonesian write ``1.234,5`` (dot for thousands, comma for
decimals) and save CSV with semicolons; set to English they write ``1,234.5``
and use commas. Cells read from an XLSX file arrive as numbers already.
"""
import csv
import io
import re

MONTHS_ID = ("januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus",
             "september", "oktober", "november", "desember")
ROMAN = ("I", "II", "III", "IV")
YES = {"ya", "y", "yes", "true", "1", "benar", "publik"}
NO = {"tidak", "t", "no", "n", "false", "0", "salah", "tidak publik"}


class CellError(ValueError):
    """A cell that cannot be read. ``code`` names the reason for translation."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


def text(value):
    """A cell as stripped text; None and empty cells give ''. Whole floats lose their .0."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace("\u00a0", " ").strip()


def parse_number(value, decimal_comma=True):
    """A number from a cell: ``1.234,5`` → 1234.5, ``85%`` → 85.0, ``1,234.5`` → 1234.5.

    With both separators the last one is the decimal mark. A lone comma is
    always decimal. Dots alone: several are thousands; a single one followed by
    exactly three digits is thousands when ``decimal_comma`` (Indonesian files),
    else decimal. Empty cells give None; anything else raises CellError("number").
    """
    if isinstance(value, bool):
        raise CellError("number")
    if isinstance(value, (int, float)):
        return float(value)
    raw = text(value).replace(" ", "").rstrip("%")
    if not raw:
        return None
    if not re.fullmatch(r"[+-]?[\d.,]*\d[\d.,]*", raw):
        raise CellError("number")
    dots, commas = raw.count("."), raw.count(",")
    if dots and commas:
        decimal = "," if raw.rfind(",") > raw.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        if raw.count(decimal) > 1:
            raise CellError("number")
        raw = raw.replace(thousands, "").replace(decimal, ".")
    elif commas:
        if commas == 1:
            raw = raw.replace(",", ".")
        elif re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+", raw):
            raw = raw.replace(",", "")
        else:
            raise CellError("number")
    elif dots > 1:
        if not re.fullmatch(r"[+-]?\d{1,3}(\.\d{3})+", raw):
            raise CellError("number")
        raw = raw.replace(".", "")
    elif dots == 1 and decimal_comma and re.fullmatch(r"[+-]?\d{1,3}\.\d{3}", raw):
        raw = raw.replace(".", "")
    try:
        return float(raw)
    except ValueError:
        raise CellError("number") from None


def parse_int(value):
    """A whole number (a year): ``2026``, ``2026.0``; else CellError("integer")."""
    try:
        number = parse_number(value, decimal_comma=False)
    except CellError:
        raise CellError("integer") from None
    if number is None:
        return None
    if not number.is_integer():
        raise CellError("integer")
    return int(number)


def parse_bool(value, default=None):
    """``ya``/``tidak`` (also yes/no, 1/0, true/false); empty gives ``default``."""
    word = text(value).lower()
    if not word:
        return default
    if word in YES:
        return True
    if word in NO:
        return False
    raise CellError("boolean")


def parse_period(value):
    """A month or a quarter of a year: ("month", 1–12) or ("quarter", 1–4).

    Months: ``3``, ``03``, ``Maret``, ``Mar``. Quarters: ``TW I``, ``TW1``,
    ``Triwulan II``, ``Q3``. Anything else raises CellError("period").
    """
    word = re.sub(r"\s+", " ", text(value).lower())
    if not word:
        raise CellError("period")
    if word.isdigit():
        month = int(word)
        if 1 <= month <= 12:
            return "month", month
        raise CellError("period")
    match = re.fullmatch(r"(?:tw|triwulan|q|kuartal)\s*(i{1,3}|iv|[1-4])", word)
    if match:
        number = match.group(1)
        quarter = int(number) if number.isdigit() else ROMAN.index(number.upper()) + 1
        return "quarter", quarter
    for index, name in enumerate(MONTHS_ID, start=1):
        if word == name or (len(word) >= 3 and name.startswith(word)):
            return "month", index
    raise CellError("period")


def period_label(kind, number):
    """``("month", 3)`` → ``Maret``; ``("quarter", 2)`` → ``TW II`` (as the templates write)."""
    if kind == "month":
        return MONTHS_ID[number - 1].capitalize()
    return f"TW {ROMAN[number - 1]}"


def header_key(value):
    """A header cell compared loosely: case, spaces, dots and an asterisk do not matter."""
    return re.sub(r"[\s._*()/-]+", " ", text(value).lower()).strip()


class CsvError(ValueError):
    """A CSV text that cannot be read, found on ``line``; ``code`` names the reason for
    translation: ``nul`` (a NUL character: not a text file), ``too_long`` (a cell over the
    csv module's field limit) or ``broken`` (any other error of the csv reader)."""

    def __init__(self, code, line):
        super().__init__(code, line)
        self.code = code
        self.line = line


# the longest cell a CSV file may hold (the csv module's own default field limit); checked
# here, not left to that limit, which is one setting for the whole process that any
# library may raise
MAX_CELL = 131_072


def read_csv(data_text, delimiter):
    """All rows of a CSV text, or CsvError.

    A cell over ``MAX_CELL`` characters, a stray carriage return (the csv reader's
    ``csv.Error``) and a NUL character (PostgreSQL refuses text with one) are a file
    that cannot be imported, to be said so, not a crash.
    """
    nul = data_text.find("\x00")
    if nul >= 0:
        raise CsvError("nul", data_text.count("\n", 0, nul) + 1)
    reader = csv.reader(io.StringIO(data_text), delimiter=delimiter)
    rows = []
    try:
        for row in reader:
            if any(len(cell) > MAX_CELL for cell in row):
                raise CsvError("too_long", max(reader.line_num, 1))
            rows.append(row)
    except csv.Error as exc:
        code = "too_long" if str(exc).startswith("field larger than field limit") else "broken"
        raise CsvError(code, max(reader.line_num, 1)) from None
    return rows


def csv_rows(data_text):
    """Rows of a CSV text; the delimiter (comma or semicolon) is taken from the first line.
    A text that cannot be read raises CsvError."""
    if data_text.startswith("\ufeff"):
        data_text = data_text[1:]
    first = data_text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return read_csv(data_text, delimiter), delimiter == ";"


def duplicates(keys):
    """For each position whose key occurs more than once: the other positions (1-based
    numbers given as the list's own values). ``keys`` is [(number, key)], None keys ignored."""
    seen = {}
    for number, key in keys:
        if key is not None:
            seen.setdefault(key, []).append(number)
    result = {}
    for numbers in seen.values():
        if len(numbers) > 1:
            for number in numbers:
                result[number] = [n for n in numbers if n != number]
    return result
