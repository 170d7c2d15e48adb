"""``flask --app wsgi upgrade``: bring an installed portal to the code it now runs.

In order, stopping at the first failure: a backup (database and uploaded
files, ``portal.backups``; skipped when ``--backup-taken FILE`` names one just
taken, as ``scripts/upgrade.sh`` does before it installs the new lock), the
pending migrations, the translation catalogues compiled where they are out of
date. It ends with the command that rolls back to the backup.
``scripts/upgrade.sh`` adds the lock, the service restart and ``/healthz``.
"""
import os

import click
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import current_app
from flask.cli import with_appcontext
from flask_babel import gettext as _

from portal import backups
from portal.db import migrate
from portal.i18n import TRANSLATIONS


def stale_catalogues(root=TRANSLATIONS):
    """(po, mo) pairs whose compiled catalogue is missing or older than its source."""
    pairs = []
    for language in sorted(os.listdir(root)):
        messages = os.path.join(root, language, "LC_MESSAGES")
        if not os.path.isdir(messages):
            continue
        for name in sorted(os.listdir(messages)):
            if name.endswith(".po"):
                po = os.path.join(messages, name)
                mo = po[:-3] + ".mo"
                if not os.path.exists(mo) or os.path.getmtime(mo) < os.path.getmtime(po):
                    pairs.append((po, mo))
    return pairs


def compile_catalogues(root=TRANSLATIONS):
    """Compile the out-of-date catalogues; return the .mo files written."""
    written = []
    for po, mo in stale_catalogues(root):
        with open(po, "rb") as fh:
            catalog = read_po(fh, locale=os.path.basename(os.path.dirname(os.path.dirname(po))))
        with open(mo + ".tmp", "wb") as fh:
            write_mo(fh, catalog)
        os.replace(mo + ".tmp", mo)
        written.append(mo)
    return written


@click.command("upgrade")
@with_appcontext
@click.option("--backup-taken", type=click.Path(exists=True, dir_okay=False),
              help="A backup just taken (by scripts/upgrade.sh): checked, not taken again.")
def upgrade_command(backup_taken):
    """Back up, apply migrations, compile translations; print how to roll back."""
    try:
        if backup_taken:
            backups.check_database_file(backup_taken)
            backup = backup_taken
        else:
            backup = backups.take()
    except click.ClickException as exc:
        raise click.ClickException(
            _("No backup, so nothing was upgraded: %(error)s", error=exc.message)) from exc
    click.echo(_("Backup written: %(path)s", path=backup))
    applied = migrate()
    if applied:
        click.echo(_("Migrations applied: %(names)s", names=", ".join(applied)))
    else:
        click.echo(_("The database is up to date."))
    try:
        compiled = compile_catalogues()
    except OSError as exc:
        raise click.ClickException(_(
            "The translations could not be compiled (%(error)s); run as the owner of the "
            "code: %(cmd)s", error=exc,
            cmd="pybabel compile -d translations -D \"messages admin wtforms\"")) from exc
    click.echo(_("Translations compiled: %(count)d catalogues", count=len(compiled)))
    click.echo(_("To roll back, stop the portal and put back the previous release's code "
                 "and lock, then run: %(cmd)s",
                 cmd=f"flask --app wsgi restore {backup}"))
    current_app.logger.info("upgrade done; backup %s", backup)


def init_app(app):
    app.cli.add_command(upgrade_command)
