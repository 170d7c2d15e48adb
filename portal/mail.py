"""Outgoing mail through an outbox table.

``enqueue()`` only writes a row, inside the caller's transaction, so a mail is
queued exactly when what caused it is saved. ``send_pending()`` (the
``flask --app wsgi send-mail`` command, run from cron every minute) hands the
rows to the SMTP server; a failure is recorded on the row and retried later
with a growing pause, so nothing is lost while the server is down. Mail not sent
because of a failure waits for the administrator on the start page.
"""
import datetime
import smtplib
import socket
from urllib.parse import urlsplit
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

import click
from flask import current_app, has_request_context, url_for
from flask.cli import with_appcontext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from peewee import fn

from portal import prepared
from portal.db import db
from portal.models import Outbox
from portal.models.base import utcnow
from portal.work_items import WorkItem, provides


def enqueue(to, subject, body, anonymous_recipient=False):
    """Queue one mail; call inside the transaction that causes it.

    ``anonymous_recipient``: the address is an anonymous reporter's, shown in the outbox
    only to those who may see anonymous reporters."""
    row = Outbox(to=to, subject=subject[:200], body=body, next_attempt_at=utcnow(),
                 anonymous_recipient=anonymous_recipient)
    prepared.insert(row)
    return row


def external_url(endpoint, **values):
    """An absolute link for a mail: PORTAL_BASE_URL whenever it is set, request or not.

    The request's address comes from its Host header, which the sender chooses: a
    visitor cancelling their own registration with ``Host: evil.example`` would
    otherwise put that host into the mail sent to the person moved up from the
    waiting list, with that person's cancel token in the link. Only without
    PORTAL_BASE_URL (development) is the request's address used, and
    ``http://127.0.0.1:5000`` outside a request (cron jobs).
    """
    configured = current_app.config["PORTAL_BASE_URL"]
    if not configured and has_request_context():
        return url_for(endpoint, _external=True, **values)
    base = urlsplit(configured or "http://127.0.0.1:5000")
    # bound by hand: a pushed request context would run the per-request teardown,
    # which closes the database in the middle of the caller's transaction
    adapter = current_app.url_map.bind(base.netloc, script_name=base.path or "/",
                                       url_scheme=base.scheme)
    return adapter.build(endpoint, values, force_external=True)


def backoff(attempts, base_seconds=60, max_seconds=6 * 60 * 60):
    """The pause before the next try after ``attempts`` failures: 1, 2, 4 … minutes, capped."""
    return datetime.timedelta(seconds=min(base_seconds * 2 ** max(attempts - 1, 0), max_seconds))


def build_message(row, sender):
    message = EmailMessage()
    message["From"] = sender
    message["To"] = row.to
    message["Subject"] = row.subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    message.set_content(row.body)
    return message


def claim(row, now, lease):
    """Take ``row`` for this run: True when no other run has taken it.

    Two runs can overlap (cron starts one every minute; a slow server makes one
    last longer). Each mail is first moved out of the due set with a
    compare-and-set UPDATE; only the run whose UPDATE changed the row sends it,
    so a mail is never handed to the server twice by overlapping runs.
    """
    return Outbox.update(next_attempt_at=now + lease).where(
        Outbox.id == row.id, Outbox.sent_at.is_null(),
        Outbox.next_attempt_at <= now).execute() == 1


def release(rows, now):
    if rows:
        Outbox.update(next_attempt_at=now).where(Outbox.id.in_([r.id for r in rows]),
                                                 Outbox.sent_at.is_null()).execute()


def send_pending(now=None, limit=100):
    """Send the mail that is due; return (sent, failed)."""
    config = current_app.config
    now = now or utcnow()
    due = list(Outbox.select()
               .where(Outbox.sent_at.is_null(),
                      Outbox.next_attempt_at <= now,
                      Outbox.attempts < config["MAIL_MAX_ATTEMPTS"])
               .order_by(Outbox.next_attempt_at, Outbox.id).limit(limit))
    # long enough for this run to finish with every claimed row
    lease = datetime.timedelta(seconds=10 * 60 + len(due) * config["MAIL_TIMEOUT"])
    rows = [row for row in due if claim(row, now, lease)]
    sent = failed = 0
    if not rows:
        return sent, failed
    try:
        smtp = smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"],
                            timeout=config["MAIL_TIMEOUT"])
    except (OSError, smtplib.SMTPException) as exc:
        for row in rows:
            record_failure(row, exc, now)
        return 0, len(rows)
    try:
        if config.get("MAIL_USE_TLS"):
            smtp.starttls()
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD") or "")
        for index, row in enumerate(rows):
            try:
                smtp.send_message(build_message(row, config["MAIL_DEFAULT_SENDER"]))
            except (OSError, smtplib.SMTPException) as exc:
                record_failure(row, exc, now)
                failed += 1
                if isinstance(exc, (smtplib.SMTPServerDisconnected, socket.error)):
                    release(rows[index + 1:], now)  # not tried: due again at once
                    break
            else:
                row.sent_at = utcnow()
                row.attempts += 1
                row.last_error = ""
                row.save(only=[Outbox.sent_at, Outbox.attempts, Outbox.last_error])
                sent += 1
    finally:
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            pass
    return sent, failed


def record_failure(row, exc, now):
    row.attempts += 1
    row.last_error = f"{type(exc).__name__}: {exc}"[:1000]
    row.next_attempt_at = now + backoff(row.attempts, current_app.config["MAIL_RETRY_SECONDS"])
    row.save(only=[Outbox.attempts, Outbox.last_error, Outbox.next_attempt_at])
    current_app.logger.warning("mail to %s not sent (attempt %d): %s",
                               row.to, row.attempts, row.last_error)


MAIL_FAILURES = _l("Mail that could not be sent")


@provides(MAIL_FAILURES, "admin")
def mail_failures(user):
    """One item when queued mail failed and is not sent yet: how many, since when, and
    the last error, linked to the outgoing mail list."""
    count, oldest, last_error = (Outbox.select(fn.COUNT(Outbox.id), fn.MIN(Outbox.created_at),
                                               fn.MAX(Outbox.last_error))
                                 .where(Outbox.sent_at.is_null() & (Outbox.attempts > 0)
                                        & (Outbox.last_error != "")).tuples().get())
    if not count:
        return []
    return [WorkItem(_("%(n)d e-mails could not be sent yet", n=count),
                     url_for("outbox.index_view"), oldest, note=last_error[:200],
                     overdue=True)]


@click.command("send-mail")
@with_appcontext
def send_mail_command():
    """Send the queued mail that is due (run every minute from cron)."""
    with db.connection_context():
        sent, failed = send_pending()
    click.echo(_("Mail sent: %(sent)d, failed (will be retried): %(failed)d",
                 sent=sent, failed=failed))


def init_app(app):
    app.cli.add_command(send_mail_command)
