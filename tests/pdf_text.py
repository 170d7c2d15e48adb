"""The words a PDF made by the portal shows, in reading order, for tests to search.

No PDF reader is installed with the project, and fpdf2 only writes; the portal's
PDFs are simple (core fonts, Latin-1, one ``Tj`` per line of text), so the text is
every string shown by a ``Tj`` in the page streams, FlateDecode streams inflated.
Lines that a table cell wrapped are joined with a space: search with ``in``.
"""
import re
import zlib

STREAM = re.compile(rb"<<(.*?)>>\s*stream\r?\n(.*?)\r?\nendstream", re.S)
SHOWN = re.compile(rb"\((.*?)(?<!\\)\)\s*Tj", re.S)
ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"(": b"(", b")": b")", b"\\": b"\\"}


def _unescape(raw):
    return re.sub(rb"\\([nrt()\\])", lambda m: ESCAPES[m.group(1)], raw)


def pdf_text(data):
    """All text of the PDF ``data`` as one string, whitespace collapsed to single spaces."""
    shown = []
    for head, body in STREAM.findall(data):
        if b"FlateDecode" in head:
            try:
                body = zlib.decompress(body)
            except zlib.error:
                continue
        shown += [_unescape(s).decode("latin-1") for s in SHOWN.findall(body)]
    return re.sub(r"\s+", " ", " ".join(shown))
