"""The demo events: two upcoming with registrations, a past one with attendance."""
from portal.db import db
from portal.models import Event, Registration, User
from portal.models.base import utcnow


def test_demo_events(runner, app):
    result = runner.invoke(args=["demo-data", "--password", "demo-sandi-123", "--seed", "7"])
    assert result.exit_code == 0, result.output
    now = utcnow()
    with db.connection_context():
        upcoming = list(Event.select().where(Event.starts_at > now))
        past = list(Event.select().where(Event.ends_at < now))
        assert len(upcoming) == 2 and len(past) == 1
        for event in upcoming + past:
            seated = event.registrations.where(Registration.status == "registered").count()
            assert 0 < seated <= event.capacity
        full = max(upcoming, key=lambda e: e.registrations.count())
        assert full.registrations.where(Registration.status == "waiting").exists()
        assert past[0].registrations.where(Registration.attended_at.is_null(False)).count() >= 10
        pegawai = User.get(User.username == "pegawai")
        assert Registration.select().where(
            (Registration.nip == pegawai.employee.nip)
            & Registration.attended_at.is_null(False)).count() == 1
