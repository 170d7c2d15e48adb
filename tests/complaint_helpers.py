"""Shared helpers for the complaint tests."""
import io
import re
import socket

from PIL import Image

from portal import complaints
from portal.db import db
from portal.models import Complaint

TRACKING_RE = re.compile(r"LPR-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}(?:-[0-9A-Z]{4}-[0-9A-Z*~$=])?")

FIELDS = {
    "kind": "pengaduan", "unit": None, "category": "kesehatan",
    "title": "Antrean puskesmas terlalu lama",
    "description": "Saya menunggu empat jam di puskesmas tanpa kejelasan nomor antrean.",
    "event_date": None, "place": "Puskesmas Sukamaju", "reporter_name": "Budi Warga",
    "reporter_email": "budi.warga@contoh.id", "reporter_phone": "081234567890",
    "anonymous": False, "confidential": False,
}


def make_complaint(app, **overrides):
    with app.test_request_context(), db.connection_context():
        return complaints.submit(dict(FIELDS, **overrides))


def move(app, complaint, *steps):
    """Apply (action, user, extra) steps; returns the reloaded complaint."""
    with app.test_request_context(), db.connection_context():
        current = Complaint.get_by_id(complaint.id)
        for action, user, extra in steps:
            complaints.act(current, action, user, **extra)
            current = Complaint.get_by_id(complaint.id)
        return current


def jpeg_with_exif():
    image = Image.new("RGB", (40, 30), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "KameraRahasia"   # Make
    exif[0x8825] = {2: (6.0, 10.0, 0.0)}  # GPS latitude
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
