"""Backups an operator can trust (portal/backups.py), on the engine under test.

The restore drill: the demo kabupaten with uploaded photos is backed up, then
damaged (rows deleted, a row added, a photo deleted and another changed) and
restored with ``flask restore``: every table equals the source row for row and
every uploaded file byte for byte. Rotation keeps the configured days and
weeks, a second folder gets a checked copy, and a damaged backup is refused
before anything is touched.
"""
import datetime
import hashlib
import io
import os
import tarfile

from portal.backups import rotate
from portal.db import db, is_sqlite
from portal.models import Unit
from tests.complaint_helpers import jpeg_with_exif
from tests.test_complaints_public import form_data
from tests.test_db import table_dump


def upload_photos(client, count):
    for n in range(count):
        data = form_data(client, title=f"Lampu jalan mati nomor {n + 1}")
        data["attachments"] = (io.BytesIO(jpeg_with_exif()), f"foto-{n}.jpg")
        response = client.post("/pengaduan/baru", data=data, content_type="multipart/form-data")
        assert response.status_code == 303


def files_under(folder):
    """{relative path: sha256} of every file under ``folder``."""
    found = {}
    for base, _dirs, names in os.walk(folder):
        for name in names:
            path = os.path.join(base, name)
            with open(path, "rb") as fh:
                found[os.path.relpath(path, folder)] = hashlib.sha256(fh.read()).hexdigest()
    return found


def backups_in(folder, ext=None):
    ext = ext or ("db" if is_sqlite() else "dump")
    return sorted(p for p in os.listdir(folder) if p.startswith("portal-") and p.endswith("." + ext)
                  and "before-restore" not in p)


def test_restore_drill_gives_back_every_row_and_every_file(app, runner, client):
    result = runner.invoke(args=["demo-data", "--password", "demo-sandi-123", "--seed", "5"])
    assert result.exit_code == 0, result.output
    upload_photos(client, 3)
    uploads = os.path.join(app.instance_path, "uploads")
    with db.connection_context():
        source_rows = table_dump(db)
    source_files = files_under(uploads)
    assert len([p for p in source_files if p.startswith("complaints")]) == 3

    result = runner.invoke(args=["backup"])
    assert result.exit_code == 0, result.output
    assert "(3 " in result.output or "(%d " % len(source_files) in result.output
    folder = os.path.join(app.instance_path, "backups")
    [backup] = backups_in(folder)
    backup = os.path.join(folder, backup)
    assert os.path.exists(backup[:backup.rindex(".")] + ".uploads.tar.gz")

    # damage: rows deleted, a row added, a photo deleted, another overwritten, one added
    filled = [t for t, rows in source_rows.items() if rows and t != "schema_migration"]
    with db.connection_context():
        if is_sqlite():
            db.execute_sql("PRAGMA foreign_keys = OFF")
            for table in filled[:5]:
                db.execute_sql(f'DELETE FROM "{table}"')
        else:
            for table in filled[:5]:
                db.execute_sql(f'TRUNCATE "{table}" CASCADE')
        Unit.create(code="BARU", name="Unit Baru", kind="badan")
    photos = sorted(p for p in source_files if p.startswith("complaints"))
    os.remove(os.path.join(uploads, photos[0]))
    with open(os.path.join(uploads, photos[1]), "wb") as fh:
        fh.write(b"overwritten")
    with open(os.path.join(uploads, "complaints", "stray.jpg"), "wb") as fh:
        fh.write(b"not in the backup")

    result = runner.invoke(args=["restore", backup, "--yes"])
    assert result.exit_code == 0, result.output
    with db.connection_context():
        restored_rows = table_dump(db)
    assert restored_rows.keys() == source_rows.keys()
    for table in source_rows:
        assert restored_rows[table] == source_rows[table], table
    assert files_under(uploads) == source_files
    # the damaged state was kept aside before it was replaced
    assert [p for p in os.listdir(folder) if "before-restore" in p and p.endswith(".tar.gz")]


def test_restore_refuses_a_damaged_backup_and_changes_nothing(app, runner, client, org):
    upload_photos(client, 1)
    result = runner.invoke(args=["backup"])
    assert result.exit_code == 0, result.output
    folder = os.path.join(app.instance_path, "backups")
    backup = os.path.join(folder, backups_in(folder)[0])
    with db.connection_context():
        Unit.create(code="BARU", name="Unit Baru", kind="badan")

    # a database file cut in half
    cut = backup + ".cut"
    with open(backup, "rb") as src, open(cut, "wb") as dst:
        dst.write(src.read()[:os.path.getsize(backup) // 2])
    result = runner.invoke(args=["restore", cut, "--yes"])
    assert result.exit_code != 0
    # an archive of files that reaches outside the uploads folder
    archive = backup[:backup.rindex(".")] + ".uploads.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        info = tarfile.TarInfo("../secret_key")
        info.size = 4
        tar.addfile(info, io.BytesIO(b"evil"))
    result = runner.invoke(args=["restore", backup, "--yes"])
    assert result.exit_code != 0
    assert "../secret_key" in result.output
    with db.connection_context():
        assert Unit.select().where(Unit.code == "BARU").exists()
    assert not [p for p in os.listdir(folder) if "before-restore" in p]


def test_backup_rotates_and_copies_to_a_second_folder(app, runner, tmp_path):
    folder = os.path.join(app.instance_path, "backups")
    os.makedirs(folder)
    ext = "db" if is_sqlite() else "dump"
    today = datetime.date.today()

    def name(day, time="021500"):
        return f"portal-{day:%Y%m%d}-{time}.{ext}"

    # 40 nightly backups before today, and a second one yesterday morning
    for days in range(1, 41):
        for suffix in (f".{ext}", ".uploads.tar.gz"):
            day = today - datetime.timedelta(days=days)
            open(os.path.join(folder, name(day)[:-len(ext) - 1] + suffix), "wb").close()
    yesterday = today - datetime.timedelta(days=1)
    open(os.path.join(folder, name(yesterday, "101500")), "wb").close()
    second = tmp_path / "usb-disk"
    second.mkdir()
    app.config.update(BACKUP_KEEP_DAILY=3, BACKUP_KEEP_WEEKLY=2, BACKUP_COPY_TO=str(second))

    result = runner.invoke(args=["backup"])
    assert result.exit_code == 0, result.output
    kept = backups_in(folder, ext)
    new = kept[-1]  # the backup just taken
    assert new.startswith(f"portal-{today:%Y%m%d}-")
    # the newest of each of the last 3 days (today, yesterday's second, the day before)
    # and of each of the last 2 weeks (this one: today's; the last: its Sunday)
    last_sunday = today - datetime.timedelta(days=today.isoweekday())
    expected = {name(yesterday, "101500"), name(today - datetime.timedelta(days=2)),
                name(last_sunday)} - {name(yesterday)}
    assert set(kept[:-1]) == expected, result.output
    assert "Old backup removed" in result.output or "dihapus" in result.output
    assert not os.path.exists(os.path.join(folder, name(yesterday)[:-len(ext) - 1]
                                           + ".uploads.tar.gz"))

    # the second folder holds a byte-equal copy of the new backup and its files
    with open(os.path.join(second, new), "rb") as a, open(os.path.join(folder, new), "rb") as b:
        assert a.read() == b.read()
    assert new[:new.rindex(".")] + ".uploads.tar.gz" in os.listdir(second)

    # the second folder gone (disk not mounted): the backup is kept, the command fails loudly
    second.rename(tmp_path / "unplugged")
    result = runner.invoke(args=["backup"])
    assert result.exit_code != 0
    assert str(second) in result.output
    assert len(backups_in(folder, ext)) == len(kept) + 1


def test_rotation_keeps_the_newest_of_each_day_and_week(tmp_path):
    newest = datetime.datetime(2026, 3, 31, 2, 15)  # a Tuesday
    for days in range(60):
        stamp = (newest - datetime.timedelta(days=days)).strftime("%Y%m%d-%H%M%S")
        (tmp_path / f"portal-{stamp}.db").write_bytes(b"")
        (tmp_path / f"portal-{stamp}.uploads.tar.gz").write_bytes(b"")
    (tmp_path / "portal-20260101-000000.before-restore.db").write_bytes(b"")
    rotate(str(tmp_path), daily=7, weekly=4)
    kept = sorted(p.name for p in tmp_path.glob("portal-*.db"))
    days = [f"portal-202603{d}-021500.db" for d in range(25, 32)]
    sundays = ["portal-20260315-021500.db", "portal-20260322-021500.db"]  # weeks 11, 12
    assert kept == sorted(["portal-20260101-000000.before-restore.db"] + sundays + days)
    assert len(list(tmp_path.glob("*.uploads.tar.gz"))) == len(kept) - 1
