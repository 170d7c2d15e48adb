"""The base model every table derives from."""
import datetime

from peewee import Model

from portal.db import db


def utcnow():
    """Timestamps are stored in UTC; Babel shows them in the office's zone."""
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)


class BaseModel(Model):
    class Meta:
        database = db
        legacy_table_names = False
