"""The public satisfaction survey: the services a unit offers, the answers, the population."""
import datetime
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context
from peewee import (EXCLUDED, BooleanField, CharField, DateTimeField, ForeignKeyField,
                    IntegerField, SmallIntegerField, TextField)

from portal.models.base import BaseModel, utcnow
from portal.models.org import Unit
from portal.prepared import Statement, insert_row, slot
from portal.rules import ikm
from portal.rules.ikm import ELEMENT_CODES


class Service(BaseModel):
    """A public service of a unit (jenis layanan), e.g. KTP-el at Disdukcapil."""

    unit = ForeignKeyField(Unit, backref="services", on_delete="RESTRICT")
    code = CharField(max_length=32)
    name = CharField(max_length=200)
    active = BooleanField(default=True)

    class Meta:
        indexes = ((("unit", "code"), True),)

    def __str__(self):
        return self.name

    @classmethod
    def public(cls):
        return (cls.select(cls, Unit).join(Unit)
                .where(cls.active == True, Unit.active == True)  # noqa: E712
                .order_by(Unit.name, cls.name))


class SurveyResponse(BaseModel):
    """One respondent's answers (1–4) to the nine elements U1–U9, and their profile."""

    unit = ForeignKeyField(Unit, backref="survey_responses", on_delete="RESTRICT")
    service = ForeignKeyField(Service, backref="responses", on_delete="RESTRICT")
    submitted_at = DateTimeField(default=utcnow)
    u1 = SmallIntegerField()
    u2 = SmallIntegerField()
    u3 = SmallIntegerField()
    u4 = SmallIntegerField()
    u5 = SmallIntegerField()
    u6 = SmallIntegerField()
    u7 = SmallIntegerField()
    u8 = SmallIntegerField()
    u9 = SmallIntegerField()
    gender = CharField(max_length=1, null=True, choices=[(g, g) for g in ikm.GENDERS])
    age = SmallIntegerField(null=True)
    education = CharField(max_length=8, null=True, choices=[(e, e) for e in ikm.EDUCATION])
    occupation = CharField(max_length=16, null=True, choices=[(o, o) for o in ikm.OCCUPATIONS])
    suggestion = TextField(null=True)
    source = CharField(max_length=8, default="web", choices=[(s, s) for s in ikm.SOURCES])

    class Meta:
        indexes = ((("unit", "submitted_at"), False),
                   (("service", "submitted_at"), False))

    def __str__(self):
        return f"{self.service.name} · {self.submitted_at:%Y-%m-%d %H:%M}"

    def save(self, force_insert=False, only=None):
        """Write the answer and add it to its month's tally, in one transaction.
        Answers are evidence: once written they are never changed."""
        if self.get_id() is not None and not force_insert:
            raise ValueError("survey answers are never changed")
        from portal.db import db

        def write():
            insert_row(self)  # the SQL kept per process: this is the busiest insert
            add_to_tallies([self])
        if db.in_transaction():  # the caller's transaction holds both
            write()
        else:
            with db.atomic():
                write()
        return 1

    @property
    def answers(self):
        return [getattr(self, code.lower()) for code in ikm.ELEMENT_CODES]


class SurveyTally(BaseModel):
    """The answers of one service in one calendar month (office time), summed: how many
    people answered and the sum of their answers to each element (u1 is the sum of
    every U1 answer). The public IKM is computed from these rows, so it costs the
    number of months, not the number of answers. portal.survey_tally keeps them in
    step with survey_response in the transaction that writes the answers."""

    unit = ForeignKeyField(Unit, on_delete="RESTRICT")
    service = ForeignKeyField(Service, on_delete="RESTRICT")
    year = IntegerField()
    month = SmallIntegerField()
    responses = IntegerField(default=0)
    u1 = IntegerField(default=0)
    u2 = IntegerField(default=0)
    u3 = IntegerField(default=0)
    u4 = IntegerField(default=0)
    u5 = IntegerField(default=0)
    u6 = IntegerField(default=0)
    u7 = IntegerField(default=0)
    u8 = IntegerField(default=0)
    u9 = IntegerField(default=0)

    class Meta:
        table_name = "survey_tally"
        indexes = ((("service", "unit", "year", "month"), True),
                   (("year", "unit"), False))

    def __str__(self):
        return f"{self.service.name} {self.year}-{self.month:02d}: {self.responses}"


# -- adding answers to their month's tally (portal/survey_tally.py explains why) ------------

DEFAULT_ZONE = "Asia/Jakarta"
ANSWERS = tuple(code.lower() for code in ELEMENT_CODES)
UTC = datetime.timezone.utc


def office_zone():
    if has_app_context():
        return ZoneInfo(current_app.config.get("PORTAL_TIMEZONE") or DEFAULT_ZONE)
    return ZoneInfo(DEFAULT_ZONE)


def month_of(moment, zone):
    """(year, month) in the office's zone of a naive UTC timestamp."""
    local = moment.replace(tzinfo=UTC).astimezone(zone)
    return local.year, local.month


def _fields(row):
    """A row's stored values: a dict as given, a model by its column data (foreign
    keys as ids, so nothing is loaded)."""
    if isinstance(row, dict):
        return {name: getattr(value, "id", value) for name, value in row.items()}
    return row.__data__


# peewee builds this statement's SQL once per process (portal.prepared); EXCLUDED is the
# row that would have been inserted, so a month's first answer inserts, later ones add
_ADD = Statement(lambda: SurveyTally.insert(
    unit=slot("unit"), service=slot("service"), year=slot("year"), month=slot("month"),
    responses=slot("responses"), **{name: slot(name) for name in ANSWERS},
).on_conflict(
    conflict_target=[SurveyTally.service, SurveyTally.unit, SurveyTally.year, SurveyTally.month],
    update={field: field + getattr(EXCLUDED, field.name)
            for field in [SurveyTally.responses, *(getattr(SurveyTally, n) for n in ANSWERS)]}))


def add_to_tallies(rows):
    """Add answers (SurveyResponse objects or dicts with unit, service, submitted_at and
    u1..u9) to their months' tallies. Call it in the transaction that writes them."""
    zone = office_zone()
    sums = {}
    for row in rows:
        values = _fields(row)
        key = (values["unit"], values["service"], *month_of(values["submitted_at"], zone))
        total = sums.setdefault(key, [0] * (1 + len(ANSWERS)))
        total[0] += 1
        for i, name in enumerate(ANSWERS, 1):
            total[i] += int(values[name])
    for (unit_id, service_id, year, month), total in sums.items():
        _ADD.run(unit=unit_id, service=service_id, year=year, month=month,
                 responses=total[0], **dict(zip(ANSWERS, total[1:])))



class ServicePopulation(BaseModel):
    """How many people used a unit's services in a year — or, with ``service``, one
    service's users: the base of the minimum sample. At most one row per unit and
    year for the unit as a whole and one per service and year (migration 0020's
    partial unique indexes)."""

    unit = ForeignKeyField(Unit, backref="service_populations", on_delete="CASCADE")
    service = ForeignKeyField(Service, null=True, backref="populations", on_delete="CASCADE")
    year = IntegerField()
    population = IntegerField()

    def __str__(self):
        whose = self.service.name if self.service_id else self.unit.name
        return f"{whose} {self.year}: {self.population}"
