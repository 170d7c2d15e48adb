"""Tindak lanjut: the appraiser's recommendation after a final SKP."""
from peewee import CharField, DateTimeField, ForeignKeyField, TextField

from portal.models.accounts import User
from portal.models.base import BaseModel, utcnow
from portal.models.content import Award
from portal.models.org import Unit
from portal.models.performance import Skp
from portal.rules import follow_up


class FollowUp(BaseModel):
    """An award, training, coaching or sanction note on a final SKP, open or done.
    ``unit`` is the employee's unit when it was recorded (the operator's lists)."""

    skp = ForeignKeyField(Skp, backref="follow_ups", on_delete="CASCADE")
    unit = ForeignKeyField(Unit, backref="follow_ups", on_delete="RESTRICT")
    kind = CharField(max_length=16, choices=[(k, k) for k in follow_up.KINDS], index=True)
    award = ForeignKeyField(Award, null=True, backref="follow_ups", on_delete="SET NULL")
    note = TextField(default="")
    status = CharField(max_length=8, choices=[(s, s) for s in follow_up.STATUSES],
                       default=follow_up.OPEN, index=True)
    created_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    created_at = DateTimeField(default=utcnow)
    done_at = DateTimeField(null=True)

    class Meta:
        table_name = "follow_up"

    def __str__(self):
        return f"{self.kind}: {self.skp}"
