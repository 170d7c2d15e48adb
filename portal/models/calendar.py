"""The office's non-working days besides weekends: national holidays and cuti bersama."""
from peewee import CharField, DateField

from portal.models.base import BaseModel
from portal.rules import calendar as rules


class NonWorkingDay(BaseModel):
    """One date on which the office is closed (libur nasional or cuti bersama, fixed each
    year by the SKB of three ministers); working-day limits skip it."""

    date = DateField(unique=True)
    name = CharField(max_length=200)
    kind = CharField(max_length=32, choices=[(k, k) for k in rules.KINDS],
                     default=rules.LIBUR_NASIONAL)

    class Meta:
        table_name = "non_working_day"

    def __str__(self):
        return f"{self.date.isoformat()} {self.name}"
