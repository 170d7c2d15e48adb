"""A request over the size limit gets an answer the browser can show, not a broken connection.

``MAX_CONTENT_LENGTH`` (20 MB) bounds what the portal keeps of one request. Werkzeug
refuses a larger one before reading it; but a server that answers while the browser is
still sending ends the connection, and the visitor gets the browser's own "connection
reset" page, with everything typed lost. ``static/js/file-limits.js`` stops such a file
before it is sent; this module covers the visitors without JavaScript (and anything
that gets past it).

A request over ``MAX_CONTENT_LENGTH`` but within ``OVERSIZED_REQUEST_READ_LIMIT``
(64 MB) is read to its end:

- on a public form whose page keeps what was typed (``KEEPS_FORM_OVER_LIMIT``: the
  complaint form, the low-code forms, an event's registration), its text fields are
  read as usual (Werkzeug's limits on one field and on the number of parts still
  apply) and every file is read and thrown away unstored. The files' field names and
  file names are kept in ``request.files_not_kept``; the form's validation puts a
  message on each of those fields (``forms.base.Form.validate``), so the page comes
  back with everything else the visitor typed and nothing is saved;
- anywhere else, the body is read and thrown away by the 413 page (``drain``).

A request beyond the read limit still ends its connection: nothing is read of it.
nginx in front should let through as much as the read limit (README: ``client_max_body_size``).
"""
import io

from flask import Request, current_app
from werkzeug.exceptions import ClientDisconnected, RequestEntityTooLarge
from werkzeug.wsgi import LimitedStream

# Endpoints whose views show their form again with the answers (their blueprints add them).
KEEPS_FORM_OVER_LIMIT = set()
CHUNK = 64 * 1024


class TextTooLong(RequestEntityTooLarge):
    """In a form over the size limit, a text field over Werkzeug's limit for one field
    (``MAX_FORM_MEMORY_SIZE``), or more fields than ``MAX_FORM_PARTS``."""


class Discarded(io.BytesIO):
    """Where a file part of an oversized form goes: its bytes are read and not kept."""

    def write(self, data):
        return len(data)


def _discard(total_content_length, content_type, filename, content_length=None):
    return Discarded()


def read_limit():
    return current_app.config["OVERSIZED_REQUEST_READ_LIMIT"]


def readable(request):
    """Over the portal's limit, but small enough to read to the end."""
    limit, length = request.max_content_length, request.content_length
    return (limit is not None and length is not None and limit < length <= read_limit())


class PortalRequest(Request):
    files_not_kept = {}  # field name → the file names not kept; empty unless oversized

    def _load_form_data(self):
        if ("form" not in self.__dict__ and self.endpoint in KEEPS_FORM_OVER_LIMIT
                and self.mimetype == "multipart/form-data" and readable(self)):
            self._load_form_without_files()
        super()._load_form_data()  # nothing left to do once the form is loaded

    def _load_form_without_files(self):
        parser = self.form_data_parser_class(
            stream_factory=_discard, max_form_memory_size=self.max_form_memory_size,
            max_content_length=None, max_form_parts=self.max_form_parts,
            cls=self.parameter_storage_class)
        # kept on the request first, so the 413 page can read what is left of it if a
        # text field turns out too long
        stream = self.__dict__["stream"] = LimitedStream(self.environ["wsgi.input"],
                                                         self.content_length)
        try:
            _stream, form, files = parser.parse(stream, self.mimetype, self.content_length,
                                                self.mimetype_params)
        except RequestEntityTooLarge:
            raise TextTooLong() from None
        not_kept = {}
        for name, uploads in files.lists():
            names = [upload.filename for upload in uploads if upload.filename]
            if names:
                not_kept[name] = names
        self.files_not_kept = not_kept
        while stream.read(CHUNK):  # anything after the closing boundary
            pass
        d = self.__dict__
        d["form"], d["files"] = form, self.parameter_storage_class()


def drain(request):
    """Read what is left of a refused request's body (within the read limit), so the
    browser, done sending, shows the answer instead of a broken connection."""
    length = request.content_length
    if not length or length > read_limit():
        return
    stream = request.__dict__.get("stream")  # already partly read by the form parser
    if stream is None:
        stream = LimitedStream(request.environ["wsgi.input"], length)
    try:
        while stream.read(CHUNK):
            pass
    except (ClientDisconnected, OSError):
        pass  # the browser gave up; there is no one left to answer


def init_app(app):
    app.request_class = PortalRequest
