"""Attachments to complaints: images and PDF only, checked by their first bytes.

JPEG and PNG are decoded and re-encoded with Pillow, which drops EXIF (a phone
photo's GPS position, camera serial) and anything hidden after the image.
Files are stored under ``instance/uploads/<area>/`` with random names (complaints,
forms).
"""
import io
import os
import secrets

from PIL import Image, UnidentifiedImageError

from portal.rules import uploads as file_kinds

ACCEPTED = ("jpeg", "png", "pdf")  # kinds of portal.rules.uploads.sniff
EXTENSIONS = {"image/jpeg": ".jpg", "image/png": ".png", "application/pdf": ".pdf"}
Image.MAX_IMAGE_PIXELS = 40_000_000  # refuse decompression bombs early


class UploadRefused(ValueError):
    """The reason is one of: too_large, not_allowed, damaged."""


def clean_image(data, content_type):
    """Re-encode an image without its metadata."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            fmt = "JPEG" if content_type == "image/jpeg" else "PNG"
            if fmt == "JPEG" and image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            out = io.BytesIO()
            if fmt == "JPEG":
                image.save(out, fmt, quality=90, optimize=True)
            else:
                image.save(out, fmt, optimize=True)
            return out.getvalue()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise UploadRefused("damaged") from None


def prepare(stream, filename, max_bytes):
    """Read, check and clean one upload: (original name, content type, bytes)."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise UploadRefused("too_large")
    kind = file_kinds.sniff(data, filename or "")
    if kind not in ACCEPTED:
        raise UploadRefused("not_allowed")
    content_type = file_kinds.mime_type(kind)
    if content_type.startswith("image/"):
        data = clean_image(data, content_type)
    elif b"%%EOF" not in data[-2048:]:
        raise UploadRefused("damaged")
    name = os.path.basename((filename or "").replace("\\", "/"))[:200] or "lampiran"
    return name, content_type, data


def folder(instance_path, area="complaints"):
    path = os.path.join(instance_path, "uploads", area)
    os.makedirs(path, exist_ok=True)
    return path


def store(instance_path, content_type, data, area="complaints"):
    """Write the bytes under a random name; return the stored name."""
    name = secrets.token_hex(16) + EXTENSIONS[content_type]
    path = os.path.join(folder(instance_path, area), name)
    try:
        with open(path, "xb") as fh:
            fh.write(data)
    except OSError:  # a full disk (ENOSPC), a quota: leave no partial file behind
        try:
            os.remove(path)
        except OSError:
            pass
        raise
    return name


def remove(instance_path, stored_name, area="complaints"):
    try:
        os.remove(os.path.join(folder(instance_path, area), stored_name))
    except FileNotFoundError:
        pass
