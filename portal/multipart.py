"""Werkzeug's multipart parser without compiling two regular expressions per request.

Every multipart/form-data request (the complaint form is one: it can carry
photos) has its own boundary string, and Werkzeug's ``MultipartDecoder``
compiles two regular expressions around it for each request: 0.45 ms of CPU,
a third of parsing the whole complaint form. :class:`Decoder` is that decoder
with the two expressions replaced by :class:`BoundaryFinder`, which finds the
same matches (leftmost start, same end, same group) with ``bytes.find`` and one
expression compiled once. Everything else, including the size and part limits,
is Werkzeug's own code. ``tests/test_multipart.py`` compares both on random
input, match by match and event by event.

:func:`install` makes Werkzeug's form parser use it (the name is looked up when
a request is parsed); it is called once by the app factory.
"""
import re

from werkzeug import formparser
from werkzeug.sansio import multipart

LINE_BREAK_CHARS = b"\r\n"
# What may follow "--boundary": "--" (the last one) or horizontal space, then a line break.
TAIL_RE = re.compile(rb"(--[^\S\n\r]*(?:\r\n|\n|\r)?|[^\S\n\r]*(?:\r\n|\n|\r))")


class Match:
    __slots__ = ("_start", "_end", "_tail")

    def __init__(self, start, end, tail):
        self._start, self._end, self._tail = start, end, tail

    def start(self):
        return self._start

    def end(self):
        return self._end

    def group(self, index):
        if index != 1:
            raise IndexError(index)
        return self._tail


class BoundaryFinder:
    """``search(buffer, pos)`` as Werkzeug's ``boundary_re`` (a line break required before
    ``--boundary``) or ``preamble_re`` (the line break optional) would answer it."""

    def __init__(self, boundary, line_break_optional):
        self.marker = b"--" + boundary
        self.optional = line_break_optional

    def search(self, buffer, pos=0):
        marker = self.marker
        i = buffer.find(marker, pos)
        while i != -1:
            if i - 2 >= pos and buffer[i - 2:i] == b"\r\n":
                start = i - 2
            elif i - 1 >= pos and buffer[i - 1] in LINE_BREAK_CHARS:
                start = i - 1
            elif self.optional:
                start = i
            else:
                start = None
            if start is not None:
                tail = TAIL_RE.match(buffer, i + len(marker))
                if tail is not None:
                    return Match(start, tail.end(), tail.group(1))
            i = buffer.find(marker, i + 1)
        return None


class Decoder(multipart.MultipartDecoder):
    def __init__(self, boundary, max_form_memory_size=None, *, max_parts=None):
        # Werkzeug's __init__, with the two finders in place of the compiled expressions
        self.buffer = bytearray()
        self.complete = False
        self.max_form_memory_size = max_form_memory_size
        self.max_parts = max_parts
        self.state = multipart.State.PREAMBLE
        self.boundary = boundary
        self.preamble_re = BoundaryFinder(boundary, line_break_optional=True)
        self.boundary_re = BoundaryFinder(boundary, line_break_optional=False)
        self._search_position = 0
        self._parts_decoded = 0


def install():
    formparser.MultipartDecoder = Decoder
