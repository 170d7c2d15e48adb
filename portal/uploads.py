"""Attachments to complaints: images and PDF only, checked by their first bytes.

JPEG and PNG are decoded and re-encoded with Pillow, which drops EXIF (a phone
photo's GPS position, camera serial) and anything hidden after the image.
Files are stored under ``instance/uploads/<area>/`` with random names (complaints,
forms).
"""
import io
import logging
import os
import secrets

from flask_babel import lazy_gettext as _l
from PIL import Image, ImageSequence, UnidentifiedImageError

from portal.rules import uploads as file_kinds

ACCEPTED = ("jpeg", "png", "pdf")  # kinds of portal.rules.uploads.sniff
EXTENSIONS = {"image/jpeg": ".jpg", "image/png": ".png", "application/pdf": ".pdf"}
Image.MAX_IMAGE_PIXELS = 40_000_000  # Pillow's own guard, behind the check in clean_image
# What the back office says when write_new failed (the public forms say it in their words).
STORAGE_FULL = _l("The file could not be saved because the portal's storage is full or "
                  "cannot be written to. Try again later, or tell the portal's administrator.")
log = logging.getLogger(__name__)


class UploadRefused(ValueError):
    """The reason is one of: too_large, not_allowed, damaged, too_many_pixels."""


# Pillow's own format names for the images the portal re-encodes.
FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/gif": "GIF", "image/webp": "WEBP"}
MAX_PIXELS = 40_000_000  # width × height (× frames): 8000 × 5000 pixels
MAX_FRAMES = 500


def _plain(image):
    """A copy of one frame with no metadata at all: EXIF, comments (JPEG COM, GIF
    comment extension), text chunks, ICC profile and XMP stay behind."""
    copy = image.copy()
    copy.info = {}
    return copy


def clean_image(data, content_type):
    """Re-encode an image without its metadata (anything hidden in EXIF, a comment or
    after the image is gone). Refuses images too large in pixels before decoding
    them (a small file can unpack to gigabytes: a decompression bomb)."""
    fmt = FORMATS[content_type]
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            frames = getattr(image, "n_frames", 1)
            if width * height * min(frames, MAX_FRAMES) > MAX_PIXELS or frames > MAX_FRAMES:
                raise UploadRefused("too_many_pixels")
            out = io.BytesIO()
            if frames > 1 and fmt in ("GIF", "WEBP"):
                durations, pictures = [], []
                for frame in ImageSequence.Iterator(image):
                    durations.append(frame.info.get("duration", 100))
                    pictures.append(_plain(frame.convert("RGBA")))
                pictures[0].save(out, fmt, save_all=True, append_images=pictures[1:],
                                 duration=durations, loop=image.info.get("loop", 0))
                return out.getvalue()
            image.load()
            picture = _plain(image)
            if fmt == "JPEG":
                if picture.mode not in ("RGB", "L"):
                    picture = picture.convert("RGB")
                picture.save(out, fmt, quality=90, optimize=True)
            elif fmt == "WEBP":
                picture.save(out, fmt, quality=90)
            else:
                picture.save(out, fmt, optimize=True)
            return out.getvalue()
    except UploadRefused:
        raise
    except Image.DecompressionBombError:  # Pillow's own check, when opening
        raise UploadRefused("too_many_pixels") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
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


def write_new(path, data):
    """Write ``data`` to the new file ``path``. Every upload of the portal is written here:
    when it fails (a full disk, ENOSPC; a quota) it is logged, no partial file is left
    behind and the OSError is raised for the caller to explain."""
    fh = open(path, "xb")  # a name already taken fails here, before anything is ours to remove
    try:
        with fh:
            fh.write(data)
    except OSError:
        log.exception("upload could not be written: %s", path)
        try:
            os.remove(path)
        except OSError:
            pass
        raise


def store(instance_path, content_type, data, area="complaints"):
    """Write the bytes under a random name; return the stored name."""
    name = secrets.token_hex(16) + EXTENSIONS[content_type]
    write_new(os.path.join(folder(instance_path, area), name), data)
    return name


def remove(instance_path, stored_name, area="complaints"):
    try:
        os.remove(os.path.join(folder(instance_path, area), stored_name))
    except FileNotFoundError:
        pass
