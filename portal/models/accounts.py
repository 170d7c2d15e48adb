"""User accounts, their roles, and the login lock-out rule."""
import datetime

from flask_login import UserMixin
from peewee import (BooleanField, Case, CharField, DateTimeField, ForeignKeyField,
                    IntegerField)
from werkzeug.security import check_password_hash, generate_password_hash

from portal.models.base import BaseModel, utcnow
from portal.models.org import Employee, Unit

ROLES = ("admin", "operator", "penilai", "pegawai", "petugas_pengaduan")


class User(UserMixin, BaseModel):
    username = CharField(max_length=64, unique=True)
    password_hash = CharField(max_length=255)
    role = CharField(max_length=32, choices=[(r, r) for r in ROLES], index=True)
    display_name = CharField(max_length=200, default="")
    employee = ForeignKeyField(Employee, null=True, backref="accounts", on_delete="SET NULL")
    # For a petugas_pengaduan: the unit whose complaints they handle;
    # empty means the coordinator, who verifies and disposes all complaints.
    unit = ForeignKeyField(Unit, null=True, backref="officers", on_delete="SET NULL")
    active = BooleanField(default=True)
    # An operator with this flag reviews content: publishes and rejects
    # (portal.rules.publication). Administrators always review.
    content_reviewer = BooleanField(default=False)
    failed_logins = IntegerField(default=0)
    locked_until = DateTimeField(null=True)
    last_login_at = DateTimeField(null=True)
    # the sign-in before the current one: what the start page shows as the last sign-in
    previous_login_at = DateTimeField(null=True)
    # Bumped when the password changes, so every other session ends.
    session_version = IntegerField(default=1)
    created_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "account"  # "user" is a reserved word in PostgreSQL

    def __str__(self):
        return self.display_name or self.username

    # Flask-Login -----------------------------------------------------------
    def get_id(self):
        return f"{self.id}.{self.session_version}"

    @property
    def is_active(self):
        return self.active

    @classmethod
    def from_session_id(cls, value):
        try:
            user_id, version = (int(part) for part in str(value).split("."))
        except ValueError:
            return None
        user = cls.get_or_none(cls.id == user_id)
        if user is None or user.session_version != version:
            return None
        return user

    # Passwords -------------------------------------------------------------
    def set_password(self, password):
        """Hash with scrypt (werkzeug's default KDF) and end other sessions."""
        self.password_hash = generate_password_hash(password)
        if self.id is not None:
            self.session_version = (self.session_version or 0) + 1

    def check_password(self, password):
        return bool(self.password_hash) and check_password_hash(self.password_hash, password)

    # Lock-out ----------------------------------------------------------------
    def locked_for(self, now=None):
        """Time left on a lock-out, or None when the account may log in."""
        now = now or utcnow()
        if self.locked_until and self.locked_until > now:
            return self.locked_until - now
        return None

    def record_failure(self, max_failures, lock_minutes, now=None):
        """Count one wrong password in a single UPDATE, and lock at ``max_failures``.

        Reading the count and saving it back would let parallel guesses overwrite
        each other (twelve at once left the count at 1, never locking); the
        database adds to the stored count instead. A lock that has run out starts
        the count again. All SET expressions see the row as it was before this
        UPDATE, so the new count is spelt out again to decide the lock. This object
        is refreshed from the row the UPDATE returns (RETURNING: PostgreSQL, and
        SQLite from 3.35).
        """
        now = now or utcnow()
        expired = User.locked_until <= now  # NULL (never locked): not expired
        count = Case(None, [(expired, 1)], User.failed_logins + 1)
        locked_until = Case(None, [
            (count >= max_failures, now + datetime.timedelta(minutes=lock_minutes)),
            (expired, None),
        ], User.locked_until)
        query = (User.update(failed_logins=count, locked_until=locked_until)
                 .where(User.id == self.id)
                 .returning(User.failed_logins, User.locked_until))
        for row in query.execute():
            self.failed_logins, self.locked_until = row.failed_logins, row.locked_until

    def record_success(self, now=None):
        self.failed_logins = 0
        self.locked_until = None
        self.previous_login_at = self.last_login_at
        self.last_login_at = (now or utcnow()).replace(microsecond=0)
        self.save(only=[User.failed_logins, User.locked_until, User.last_login_at,
                        User.previous_login_at])

    def unlock(self):
        self.failed_logins = 0
        self.locked_until = None
        self.save(only=[User.failed_logins, User.locked_until])

    @property
    def is_coordinator(self):
        return self.role == "petugas_pengaduan" and self.unit_id is None
