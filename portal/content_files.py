"""Attachment files of content items, kept under ``instance/uploads/content/``.

A file is accepted by what its bytes are (``portal.rules.uploads.sniff``),
not by its name, and stored under a random name; the original name is kept
for the download.
"""
import os
import secrets

from portal import audit
from portal.db import db
from portal.models import ContentAttachment
from portal.rules import uploads
from portal.uploads import UploadRefused, clean_image, write_new


class UploadError(ValueError):
    def __init__(self, code):
        super().__init__(code)
        self.code = code


def folder(instance_path):
    path = os.path.join(instance_path, "uploads", "content")
    os.makedirs(path, exist_ok=True)
    return path


def clean_name(filename):
    name = os.path.basename((filename or "").replace("\\", "/")).strip()
    name = "".join(ch for ch in name if ch.isprintable() and ch not in '"<>|:*?')
    return name[:200] or "lampiran"


def save(item, storage, instance_path, max_bytes=None, images_only=False):
    """Store the uploaded ``storage`` (a werkzeug FileStorage) for ``item``; with
    ``images_only`` (a picture for the text) anything but an image is refused."""
    max_bytes = max_bytes or uploads.MAX_ATTACHMENT_BYTES
    if storage is None or not storage.filename:
        raise UploadError("missing")
    data = storage.stream.read(max_bytes + 1)
    if not data:
        raise UploadError("empty")
    if len(data) > max_bytes:
        raise UploadError("too_large")
    name = clean_name(storage.filename)
    kind = uploads.sniff(data, name)
    if kind is None:
        raise UploadError("type")
    if images_only and not uploads.is_image(kind):
        raise UploadError("not_image")
    if uploads.is_image(kind):  # shown inline: re-encoded, nothing but the picture kept
        try:
            data = clean_image(data, uploads.mime_type(kind))
        except UploadRefused as exc:
            raise UploadError(str(exc)) from None
    stored = f"{secrets.token_hex(16)}.{uploads.TYPES[kind][1]}"
    path = os.path.join(folder(instance_path), stored)
    try:
        write_new(path, data)
    except OSError:
        raise UploadError("no_space") from None
    try:
        with db.atomic():
            attachment = ContentAttachment.create(
                item=item.id, stored_name=stored, original_name=name, file_kind=kind,
                mime_type=uploads.mime_type(kind), size=len(data))
            audit.record(audit.UPLOAD, attachment,
                         after=audit.file_facts(name, len(data), uploads.mime_type(kind)),
                         label=f"{name} — {item}")
        return attachment
    except Exception:
        os.remove(path)
        raise


def remove_file(instance_path, stored_name):
    path = os.path.join(folder(instance_path), os.path.basename(stored_name))
    if os.path.exists(path):
        os.remove(path)
