"""Mail goes out through the outbox: delivered by a real SMTP server, kept during an outage."""
import datetime

import pytest
from aiosmtpd.controller import Controller

from portal.db import db
from portal.mail import backoff, enqueue, send_pending
from portal.models import Outbox
from portal.models.base import utcnow
from tests.complaint_helpers import free_port, make_complaint


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 OK"


@pytest.fixture
def smtp_port(app):
    port = free_port()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_TIMEOUT=5,
                      MAIL_DEFAULT_SENDER="pengaduan@contoh.go.id")
    return port


def start_server(port):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    return controller, inbox


def test_queued_mail_is_delivered_when_the_server_is_up(app, smtp_port, org):
    complaint = make_complaint(app)
    controller, inbox = start_server(smtp_port)
    try:
        with app.app_context(), db.connection_context():
            assert send_pending() == (1, 0)
            row = Outbox.get()
            assert row.sent_at is not None and row.attempts == 1 and row.last_error == ""
            assert send_pending() == (0, 0)  # nothing sent twice
    finally:
        controller.stop()
    assert len(inbox.messages) == 1
    message = inbox.messages[0]
    assert message.rcpt_tos == ["budi.warga@contoh.id"]
    assert complaint.tracking_id in message.content.decode()


def test_mail_survives_an_outage_and_is_sent_later(app, smtp_port, runner):
    with app.app_context(), db.connection_context():
        with db.atomic():
            enqueue("warga@contoh.id", "Uji", "Isi pesan uji")
        now = utcnow()
        assert send_pending(now=now) == (0, 1)  # nobody listens on the port
        row = Outbox.get()
        assert row.sent_at is None and row.attempts == 1 and row.last_error
        assert row.next_attempt_at > now
        # not retried before its time
        assert send_pending(now=now) == (0, 0)
    controller, inbox = start_server(smtp_port)
    try:
        with app.app_context(), db.connection_context():
            later = utcnow() + datetime.timedelta(hours=1)
            assert send_pending(now=later) == (1, 0)
            row = Outbox.get()
            assert row.sent_at is not None and row.attempts == 2
    finally:
        controller.stop()
    assert [m.rcpt_tos for m in inbox.messages] == [["warga@contoh.id"]]


def test_the_send_mail_command(app, smtp_port, runner):
    with app.app_context(), db.connection_context():
        enqueue("warga@contoh.id", "Uji", "Isi")
    result = runner.invoke(args=["send-mail"])
    assert result.exit_code == 0 and "gagal" in result.output
    controller, inbox = start_server(smtp_port)
    try:
        with app.app_context(), db.connection_context():
            Outbox.update(next_attempt_at=utcnow()).execute()
        result = runner.invoke(args=["send-mail"])
        assert result.exit_code == 0, result.output
    finally:
        controller.stop()
    assert len(inbox.messages) == 1


def test_a_mail_is_queued_only_with_its_complaint(app, org):
    from portal import complaints
    from portal.models import Complaint
    from tests.complaint_helpers import FIELDS
    with app.test_request_context(), db.connection_context():
        with pytest.raises(RuntimeError):
            with db.atomic():
                complaints.submit(dict(FIELDS))
                assert Outbox.select().count() == 1
                raise RuntimeError("the request failed after saving")
        assert Complaint.select().count() == 0 and Outbox.select().count() == 0


def test_backoff_grows_and_is_capped():
    assert backoff(1) == datetime.timedelta(minutes=1)
    assert backoff(2) == datetime.timedelta(minutes=2)
    assert backoff(3) == datetime.timedelta(minutes=4)
    assert backoff(30) == datetime.timedelta(hours=6)


def test_administrators_see_failed_mail_and_retry_it(app, client, auth, users, smtp_port):
    from tests.conftest import csrf_token
    with app.app_context(), db.connection_context():
        enqueue("warga@contoh.id", "Laporan Anda diterima", "Isi")
        send_pending()
        row = Outbox.get()
        assert row.attempts == 1
    auth.login("operator")
    assert client.get("/admin/outbox/").status_code == 403
    auth.logout()
    auth.login("admin")
    page = client.get("/admin/outbox/").get_data(as_text=True)
    assert "warga@contoh.id" in page and "ConnectionRefusedError" in page
    token = csrf_token(page)
    response = client.post("/admin/outbox/action/", data={"csrf_token": token, "action": "retry",
                                                          "rowid": str(row.id)})
    assert response.status_code == 302
    with db.connection_context():
        assert Outbox.get().attempts == 0
