"""The audit trail: who changed what in the back office, when, from where."""
import json

from peewee import CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from portal.models.accounts import User
from portal.models.base import BaseModel, utcnow

ACTIONS = ("create", "update", "delete", "transition", "reopen", "upload", "import")


class AuditEntry(BaseModel):
    """One change: ``changes`` is JSON {field: [before, after]} of the changed fields
    (a creation has only "after" values, a deletion only "before" values).
    ``username`` is copied so the entry still names the account after it is deleted
    (or names the command, "CLI (close-complaints)", of a change made on the command
    line). ``batch`` is the id of the import entry whose file created or changed this
    row; an import entry's own ``changes`` hold the file and its counts."""

    at = DateTimeField(default=utcnow, index=True)
    account = ForeignKeyField(User, null=True, backref="audit_entries", on_delete="SET NULL")
    username = CharField(max_length=64, default="")
    action = CharField(max_length=16, index=True)
    object_type = CharField(max_length=64)
    object_id = IntegerField(null=True)
    object_label = CharField(max_length=255, default="")
    changes = TextField(default="{}")
    comment = TextField(default="")
    remote_ip = CharField(max_length=64, default="")
    batch = IntegerField(null=True, index=True)

    class Meta:
        table_name = "audit_entry"
        indexes = ((("object_type", "object_id"), False),)

    def __str__(self):
        return f"{self.action} {self.object_type} #{self.object_id}"

    @property
    def change_dict(self):
        try:
            value = json.loads(self.changes or "{}")
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}
