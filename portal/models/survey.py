"""The public satisfaction survey: the services a unit offers, the answers, the population."""
from peewee import (BooleanField, CharField, DateTimeField, ForeignKeyField, IntegerField,
                    SmallIntegerField, TextField)

from portal.models.base import BaseModel, utcnow
from portal.models.org import Unit
from portal.rules import ikm


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

    @property
    def answers(self):
        return [getattr(self, code.lower()) for code in ikm.ELEMENT_CODES]


class ServicePopulation(BaseModel):
    """How many people used a unit's services in a year: the base of the minimum sample."""

    unit = ForeignKeyField(Unit, backref="service_populations", on_delete="CASCADE")
    year = IntegerField()
    population = IntegerField()

    class Meta:
        indexes = ((("unit", "year"), True),)

    def __str__(self):
        return f"{self.unit.name} {self.year}: {self.population}"
