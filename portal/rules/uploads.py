"""What kind of file an upload really is, from its first bytes (not its name).

Content attachments accept PDF, slides, spreadsheets, word-processor documents
and images. Office files are told apart by the parts inside their ZIP
(``ppt/``, ``xl/``, ``word/``) or, for OpenDocument, by their ``mimetype``
entry; old binary Office files (OLE) by their extension, since their header
is shared.
"""
import codecs
import io
import zipfile

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024

# kind → (mime type, extension, is an image shown inline)
TYPES = {
    "pdf": ("application/pdf", "pdf", False),
    "png": ("image/png", "png", True),
    "jpeg": ("image/jpeg", "jpg", True),
    "gif": ("image/gif", "gif", True),
    "webp": ("image/webp", "webp", True),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", False),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", False),
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx", False),
    "odt": ("application/vnd.oasis.opendocument.text", "odt", False),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", "ods", False),
    "odp": ("application/vnd.oasis.opendocument.presentation", "odp", False),
    "doc": ("application/msword", "doc", False),
    "xls": ("application/vnd.ms-excel", "xls", False),
    "ppt": ("application/vnd.ms-powerpoint", "ppt", False),
    "csv": ("text/csv", "csv", False),
}
# A short label people recognise, shown next to each attachment.
LABELS = {"pdf": "PDF", "png": "PNG", "jpeg": "JPEG", "gif": "GIF", "webp": "WebP",
          "docx": "Word", "doc": "Word", "odt": "ODT", "xlsx": "Excel", "xls": "Excel",
          "ods": "ODS", "csv": "CSV", "pptx": "PowerPoint", "ppt": "PowerPoint", "odp": "ODP"}
EXTENSIONS = {kind: {extension} for kind, (_mime, extension, _inline) in TYPES.items()}
EXTENSIONS["jpeg"] = {"jpg", "jpeg"}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OPENDOCUMENT = {"application/vnd.oasis.opendocument.text": "odt",
                "application/vnd.oasis.opendocument.spreadsheet": "ods",
                "application/vnd.oasis.opendocument.presentation": "odp"}


def _zip_kind(data):
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = archive.namelist()
        if "mimetype" in names:
            return OPENDOCUMENT.get(archive.read("mimetype").decode("ascii", "replace").strip())
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return None
    for prefix, kind in (("word/", "docx"), ("xl/", "xlsx"), ("ppt/", "pptx")):
        if "[Content_Types].xml" in names and any(n.startswith(prefix) for n in names):
            return kind
    return None


def sniff(data, filename=""):
    """The kind of ``data`` (the whole file), or None when it is not accepted."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    if data.startswith(OLE_MAGIC):
        return extension if extension in ("doc", "xls", "ppt") else None
    # a NUL anywhere (not only near the start) means a binary file, whose text no
    # database column takes (PostgreSQL refuses it): not a CSV file
    if extension == "csv" and b"\x00" not in data:
        try:  # incremental: a character cut at byte 4096 is not an error
            codecs.getincrementaldecoder("utf-8")().decode(data[:4096], final=False)
        except UnicodeDecodeError:
            return None
        return "csv"
    return None


def extension_fits(kind, filename):
    """True when the file's name carries an extension usual for its sniffed kind
    (a PDF named ``foto.jpg`` is refused where names must be honest)."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in (filename or "") else ""
    return extension in EXTENSIONS.get(kind, ())


def is_image(kind):
    return TYPES.get(kind, ("", "", False))[2]


def mime_type(kind):
    return TYPES[kind][0]


def human_size(size):
    """Bytes as people read them: 512 B, 12.3 KB, 4.5 MB (numbers formatted by the caller)."""
    if size < 1024:
        return size, "B"
    if size < 1024 * 1024:
        return round(size / 1024, 1), "KB"
    return round(size / (1024 * 1024), 1), "MB"
