"""NIP, the 18-digit civil-servant number (domain.md §1).

``19860926 201505 1 001`` = birth date ``yyyymmdd`` + TMT CPNS ``yyyymm`` +
sex digit (1 male, 2 female) + a three-digit sequence.
"""
import datetime
import re
from dataclasses import dataclass

# The earliest plausible TMT: the first CPNS appointments under today's NIP scheme
# reach back to the 1960s; nobody is appointed before turning 18.
EARLIEST_TMT_YEAR = 1960
MIN_AGE_AT_TMT = 18
MAX_AGE_AT_TMT = 60


class NipError(ValueError):
    """A NIP that cannot be right. ``code`` names the reason for translation."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class Nip:
    digits: str
    birth_date: datetime.date
    tmt_year: int
    tmt_month: int
    sex: str  # "L" (laki-laki) or "P" (perempuan)
    sequence: int

    def formatted(self):
        return format_nip(self.digits)


def normalise(value):
    """Drop the spaces, dots and dashes people type between the groups."""
    return re.sub(r"[\s.\-]", "", value or "")


def format_nip(digits):
    digits = normalise(digits)
    if len(digits) != 18:
        return digits
    return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"


def parse_nip(value, today=None, check_tmt=True):
    """Return a :class:`Nip` or raise :class:`NipError`.

    ``check_tmt=False`` checks only length, digits, birth date and sex digit
    (for the PPPK number, whose middle group is not a CPNS TMT).
    """
    today = today or datetime.date.today()
    digits = normalise(value)
    if not digits.isdigit() or not digits.isascii():
        raise NipError("digits")
    if len(digits) != 18:
        raise NipError("length")
    try:
        birth = datetime.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise NipError("birth_date") from None
    if birth > today or birth.year < 1900:
        raise NipError("birth_date")
    tmt_year, tmt_month = int(digits[8:12]), int(digits[12:14])
    if check_tmt:
        if not 1 <= tmt_month <= 12:
            raise NipError("tmt")
        age_at_tmt = tmt_year - birth.year
        if (
            tmt_year < EARLIEST_TMT_YEAR
            or (tmt_year, tmt_month) > (today.year, today.month)
            or not MIN_AGE_AT_TMT <= age_at_tmt <= MAX_AGE_AT_TMT
        ):
            raise NipError("tmt")
    sex_digit = digits[14]
    if sex_digit not in "12":
        raise NipError("sex")
    sequence = int(digits[15:])
    if sequence == 0:
        raise NipError("sequence")
    return Nip(digits, birth, tmt_year, tmt_month, "L" if sex_digit == "1" else "P", sequence)
