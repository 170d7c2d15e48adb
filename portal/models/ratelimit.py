"""Counters of the request rate limits, shared by every worker through the database."""
from peewee import CharField, DoubleField, IntegerField

from portal.models.base import BaseModel


class RateLimitCounter(BaseModel):
    """One fixed window of one limit for one address: how many requests, until when."""

    key = CharField(max_length=255, primary_key=True)
    count = IntegerField(default=0)
    expires_at = DoubleField(index=True)  # seconds since the epoch (a 4-byte REAL is too coarse)

    class Meta:
        table_name = "rate_limit_counter"

    def __str__(self):
        return f"{self.key}: {self.count}"
