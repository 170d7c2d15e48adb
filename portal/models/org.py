"""The organisation: units (OPD) in a tree, and their employees (ASN)."""
from peewee import BooleanField, CharField, ForeignKeyField, fn

from portal.models.base import BaseModel
from portal.rules import org, ranks
from portal.rules.nip import format_nip


class Unit(BaseModel):
    """A Perangkat Daerah (OPD) or a unit under one (kelurahan, UPT)."""

    code = CharField(max_length=32, unique=True)
    name = CharField(max_length=200)
    kind = CharField(max_length=32, choices=[(k, k) for k in org.UNIT_KINDS], index=True)
    # what a UPT serves (puskesmas, sekolah): the comparison page's filter sets it apart
    facility = CharField(max_length=32, null=True, choices=[(k, k) for k in org.FACILITIES])
    parent = ForeignKeyField("self", null=True, backref="children", on_delete="RESTRICT")
    active = BooleanField(default=True)

    def __str__(self):
        return self.name

    @classmethod
    def public(cls):
        return cls.select().where(cls.active == True).order_by(cls.name)  # noqa: E712

    @classmethod
    def search(cls, text):
        query = cls.public()
        needle = (text or "").strip().lower()
        if needle:
            query = query.where(fn.LOWER(cls.name).contains(needle)
                                | fn.LOWER(cls.code).contains(needle))
        return query


class Employee(BaseModel):
    """An ASN: a PNS with NIP and golongan, or a PPPK employee."""

    nip = CharField(max_length=18, unique=True)
    name = CharField(max_length=200, index=True)
    employment_type = CharField(
        max_length=8, choices=[(k, k) for k in ranks.EMPLOYMENT_TYPES], default="pns"
    )
    golongan = CharField(max_length=8, null=True,
                         choices=[(code, code) for code, _ in ranks.GOLONGAN])
    jabatan_kind = CharField(max_length=32, choices=[(k, k) for k in ranks.JABATAN_KINDS])
    position_title = CharField(max_length=200)
    unit = ForeignKeyField(Unit, backref="employees", on_delete="RESTRICT")
    supervisor = ForeignKeyField("self", null=True, backref="subordinates", on_delete="SET NULL")
    email = CharField(max_length=200, null=True)
    active = BooleanField(default=True, index=True)

    def __str__(self):
        return f"{self.name} ({format_nip(self.nip)})"

    @property
    def nip_formatted(self):
        return format_nip(self.nip)

    @property
    def pangkat(self):
        return ranks.golongan_label(self.golongan)

    def is_supervised_by(self, other):
        """True when ``other`` is this employee's supervisor at any level above."""
        current, seen = self.supervisor, set()
        while current is not None and current.id not in seen:
            if current.id == other.id:
                return True
            seen.add(current.id)
            current = current.supervisor
        return False
