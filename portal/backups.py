"""Backups an operator can trust: ``flask --app wsgi backup`` and ``restore``.

A backup is two files in ``instance/backups/`` with one stamp:
``portal-YYYYmmdd-HHMMSS.db`` (SQLite, the online backup API) or ``….dump``
(PostgreSQL, ``pg_dump --format=custom``), and ``….uploads.tar.gz``, every file
under ``instance/uploads/``. Each is checked after it is written (SQLite's
``integrity_check``, ``pg_restore --list``, reading the archive back). Then the
backups are rotated (``BACKUP_KEEP_DAILY``, ``BACKUP_KEEP_WEEKLY``:
``portal.rules.backup_rotation``) and, with ``BACKUP_COPY_TO``, copied to a
second folder (a mounted disk or share), compared byte for byte, and rotated
there too.

``restore FILE`` checks the file before it touches anything, keeps a copy of
the current database and files (``portal-….before-restore.…``), then puts back
the database and, when the backup has its archive, the uploaded files.
"""
import datetime
import hashlib
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_babel import gettext as _

from portal.db import db, is_sqlite
from portal.rules.backup_rotation import to_keep

NAME = re.compile(r"^portal-(\d{8}-\d{6})(?:-(\d+))?\.(db|dump)$")
UPLOADS_SUFFIX = ".uploads.tar.gz"


class BackupError(click.ClickException):
    """A backup or restore step failed; nothing after it was done."""


def folder():
    path = os.path.join(current_app.instance_path, "backups")
    os.makedirs(path, mode=0o700, exist_ok=True)
    return path


def uploads_folder():
    return os.path.join(current_app.instance_path, "uploads")


def uploads_archive(database_file):
    """The archive of uploaded files that belongs with a database backup."""
    return os.path.splitext(database_file)[0] + UPLOADS_SUFFIX


def new_name(label=""):
    """A free ``portal-STAMP[-N][label].EXT`` path in the backup folder."""
    ext = "db" if is_sqlite() else "dump"
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    base = os.path.join(folder(), f"portal-{stamp}")
    for n in range(1, 1000):
        candidate = f"{base}{'' if n == 1 else f'-{n}'}{label}.{ext}"
        if not os.path.exists(candidate) and not os.path.exists(uploads_archive(candidate)):
            return candidate
    raise BackupError(_("Too many backups in one second: %(path)s", path=base))


def database_url():
    return current_app.config["DATABASE_URL"]


def write_database(target):
    """Write the database to ``target`` and check what was written."""
    if is_sqlite():
        source = sqlite3.connect(db.obj.database)
        try:
            dest = sqlite3.connect(target)
            with dest:
                source.backup(dest)
            dest.close()
        finally:
            source.close()
    else:
        pg_dump = shutil.which("pg_dump")
        if pg_dump is None:
            raise BackupError(_(
                "pg_dump was not found. Install the PostgreSQL client, then run: %(cmd)s",
                cmd=f"pg_dump --format=custom --file={target} '{database_url()}'"))
        done = subprocess.run([pg_dump, "--format=custom", f"--file={target}", database_url()],
                              capture_output=True, text=True)
        if done.returncode != 0:
            raise BackupError(_("pg_dump failed: %(error)s", error=done.stderr.strip()))
    check_database_file(target)
    os.chmod(target, 0o600)


def check_database_file(path):
    """Refuse a file that is not a whole backup of this portal's engine."""
    if is_sqlite():
        check = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            ok = check.execute("PRAGMA integrity_check").fetchone()[0]
            tables = {r[0] for r in check.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
        except sqlite3.DatabaseError as exc:
            raise BackupError(_("Not an SQLite database: %(error)s", error=exc)) from exc
        finally:
            check.close()
        if ok != "ok":
            raise BackupError(_("The backup file is damaged: %(error)s", error=ok))
    else:
        pg_restore = shutil.which("pg_restore")
        if pg_restore is None:
            raise BackupError(_("pg_restore was not found. Install the PostgreSQL client."))
        done = subprocess.run([pg_restore, "--list", path], capture_output=True, text=True)
        if done.returncode != 0:
            raise BackupError(_("pg_restore cannot read this file: %(error)s",
                                error=done.stderr.strip()))
        tables = set(re.findall(r"TABLE \S+ (\S+) ", done.stdout))
    if "schema_migration" not in tables:
        raise BackupError(_("This file is not a backup of the portal (no schema_migration "
                            "table): %(path)s", path=path))


def write_uploads(target):
    """Archive ``instance/uploads/`` into ``target`` and read it back."""
    source = uploads_folder()
    with tarfile.open(target, "w:gz") as tar:
        if os.path.isdir(source):
            tar.add(source, arcname="uploads")
        else:  # no file uploaded yet: an empty folder
            empty = tarfile.TarInfo("uploads")
            empty.type, empty.mode = tarfile.DIRTYPE, 0o700
            tar.addfile(empty)
    os.chmod(target, 0o600)
    return check_uploads_archive(target)


def inside_uploads(member):
    """A plain file or folder under ``uploads/`` (no link, device, absolute or ``..`` path)."""
    name = os.path.normpath(member.name)
    return (name == "uploads" or name.startswith("uploads" + os.sep)) \
        and (member.isfile() or member.isdir())


def check_uploads_archive(path):
    """The members of an uploads archive, refused when unreadable or reaching outside."""
    try:
        with tarfile.open(path, "r:gz") as tar:
            members = tar.getmembers()
            for member in members:
                if not inside_uploads(member):
                    raise BackupError(_("The file archive holds an unexpected entry: %(name)s",
                                        name=member.name))
                if member.isfile():
                    tar.extractfile(member).read()  # reads through the whole archive: a cut one fails
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise BackupError(_("The file archive is damaged: %(error)s", error=exc)) from exc
    return [m for m in members if m.isfile()]


def take(label=""):
    """Write and check one backup (database and files); return the database file."""
    try:
        target = new_name(label)
    except OSError as exc:
        raise BackupError(_("The backup could not be written: %(error)s", error=exc)) from exc
    try:
        write_database(target)
        write_uploads(uploads_archive(target))
    except BaseException as exc:
        for path in (target, uploads_archive(target)):
            if os.path.exists(path):
                os.remove(path)
        if isinstance(exc, (OSError, sqlite3.Error)):
            raise BackupError(_("The backup could not be written: %(error)s", error=exc)) from exc
        raise
    return target


def moment(path):
    """When a rotated backup was taken, from its name; None for other files."""
    match = NAME.match(os.path.basename(path))
    if not match:
        return None
    taken = datetime.datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
    return taken + datetime.timedelta(microseconds=int(match.group(2) or 1))


def last_taken():
    """When the newest backup in the backup folder was written (naive UTC), or None."""
    times = [os.path.getmtime(os.path.join(folder(), name)) for name in os.listdir(folder())
             if NAME.match(name)]
    if not times:
        return None
    return datetime.datetime.fromtimestamp(max(times), datetime.timezone.utc).replace(
        tzinfo=None, microsecond=0)


def rotate(directory, daily, weekly):
    """Delete the backups in ``directory`` the rotation does not keep; return them."""
    backups = {}
    for name in os.listdir(directory):
        when = moment(name)
        if when is not None:
            backups[when] = os.path.join(directory, name)
    keep = to_keep(backups, daily, weekly)
    removed = []
    for when, path in sorted(backups.items()):
        if when in keep:
            continue
        for doomed in (path, uploads_archive(path)):
            if os.path.exists(doomed):
                os.remove(doomed)
                removed.append(doomed)
    return removed


def digest(path):
    sha = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


def copy_to(paths, directory):
    """Copy ``paths`` into ``directory`` and compare each copy with its original."""
    if not os.path.isdir(directory):
        raise BackupError(_("The second backup folder %(path)s does not exist (is the disk "
                            "mounted?). The backup itself is kept in %(here)s.",
                            path=directory, here=folder()))
    copies = []
    for path in paths:
        target = os.path.join(directory, os.path.basename(path))
        partial = target + ".partial"
        try:
            shutil.copyfile(path, partial)
            if digest(partial) != digest(path):
                raise BackupError(_("The copy in %(path)s differs from the backup.", path=partial))
            os.replace(partial, target)
        except OSError as exc:
            raise BackupError(_("Could not copy the backup to %(path)s: %(error)s",
                                path=directory, error=exc)) from exc
        copies.append(target)
    return copies


@click.command("backup")
@with_appcontext
@click.option("--quiet", is_flag=True, help="Print only the database backup's path.")
def backup_command(quiet):
    """Back up the database and uploaded files into instance/backups/, rotate, copy."""
    config = current_app.config
    target = take()
    archive = uploads_archive(target)
    say = (lambda *a, **k: None) if quiet else click.echo
    say(_("Backup written: %(path)s", path=target))
    say(_("Uploaded files: %(path)s (%(count)d files)", path=archive,
          count=len(check_uploads_archive(archive))))
    if not is_sqlite():
        say(_("Restore with: %(cmd)s",
              cmd=f"pg_restore --clean --dbname='{database_url()}' {target}"))
    # copied before anything is rotated: a missing second disk removes no old backup
    folders = [folder()]
    if config["BACKUP_COPY_TO"]:
        copies = copy_to([target, archive], config["BACKUP_COPY_TO"])
        say(_("Copied to: %(paths)s", paths=", ".join(copies)))
        folders.append(config["BACKUP_COPY_TO"])
    for directory in folders:
        for path in rotate(directory, config["BACKUP_KEEP_DAILY"], config["BACKUP_KEEP_WEEKLY"]):
            say(_("Old backup removed: %(path)s", path=path))
    if quiet:
        click.echo(target)


def restore_database(backup_file):
    if is_sqlite():
        source = sqlite3.connect(backup_file)
        dest = sqlite3.connect(db.obj.database)
        try:
            with dest:
                source.backup(dest)
        finally:
            source.close()
            dest.close()
        return
    # Tables a newer release made are not in an older dump: drop every table first,
    # so that the database is exactly the backup (and init-db can upgrade it again).
    if hasattr(db.obj, "close_all"):
        db.obj.close_all()
    with db.connection_context():
        with db.atomic():
            tables = [r[0] for r in db.execute_sql(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")]
            for table in tables:
                db.execute_sql(f'DROP TABLE IF EXISTS "{table}" CASCADE')
    db.obj.close_all()
    done = subprocess.run([shutil.which("pg_restore"), "--clean", "--if-exists", "--no-owner",
                           "--single-transaction", "--exit-on-error",
                           f"--dbname={database_url()}", backup_file],
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(_("pg_restore failed: %(error)s", error=done.stderr.strip()))


def restore_uploads(archive):
    """Replace ``instance/uploads/`` with the archive's files."""
    current = uploads_folder()
    staging = tempfile.mkdtemp(prefix=".restore-", dir=current_app.instance_path)
    try:
        with tarfile.open(archive, "r:gz") as tar:
            members = [m for m in tar.getmembers() if inside_uploads(m)]
            tar.extractall(staging, members=members, filter="data")
        old = current + ".replaced"
        if os.path.exists(current):
            os.replace(current, old)
        os.replace(os.path.join(staging, "uploads"), current)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


@click.command("restore")
@with_appcontext
@click.argument("backup_file", type=click.Path(exists=True, dir_okay=False))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def restore_command(backup_file, yes):
    """Replace the database (and uploaded files) with BACKUP_FILE (stop the server first)."""
    check_database_file(backup_file)
    archive = uploads_archive(backup_file)
    has_files = os.path.exists(archive)
    if has_files:
        check_uploads_archive(archive)
    if not yes:
        click.confirm(_("The current database will be replaced. Continue?"), abort=True)
    safety = take(".before-restore")
    restore_database(backup_file)
    if has_files:
        restore_uploads(archive)
        click.echo(_("Uploaded files restored from %(path)s", path=archive))
    else:
        click.echo(_("This backup has no archive of uploaded files; the files were left "
                     "as they are."))
    click.echo(_("Restored from %(source)s. Copy taken before restoring: %(copy)s",
                 source=backup_file, copy=safety))


def init_app(app):
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
