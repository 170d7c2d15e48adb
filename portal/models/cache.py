"""The shared cache of public numbers and pages (portal.cache): one row per entry."""
from peewee import BlobField, CharField, DateTimeField

from portal.models.base import BaseModel


class CacheEntry(BaseModel):
    """A computed value (pickled numbers or a page's bytes), the time the tables were
    read for it, and which worker is refreshing it until when."""
    key = CharField(max_length=255, primary_key=True)
    value = BlobField(null=True)
    computed_at = DateTimeField(null=True)
    lock_until = DateTimeField(null=True)

    class Meta:
        table_name = "public_cache"

    def __str__(self):
        return self.key
