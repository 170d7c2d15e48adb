"""Werkzeug's multipart decoder, finding the boundary without compiling it into regular
expressions on every request.

A browser sends every form that can carry a file (the complaint form, a registration
with an upload) as ``multipart/form-data`` with a boundary it draws at random for that
request. Werkzeug's ``MultipartDecoder`` compiles two regular expressions around the
boundary each time it is created; since no two boundaries repeat, Python's pattern
cache never helps, and parsing those two patterns costs about 0.3 ms of CPU, a third
of parsing a whole complaint form (the load bench's largest single cost after
WTForms; bench/README.md).

``BoundaryDecoder`` is the same decoder with those two patterns replaced by
``BoundarySearch``: ``bytes.find`` for ``--<boundary>``, then the line break before it
and one pattern compiled once for what may follow it (``--`` at the end, trailing
blanks, a line break). It answers ``search`` as the compiled pattern does: the same
start, end and group 1. A body full of near misses gets Werkzeug's compiled pattern
after all (see ``BoundarySearch``), so no body costs more than it does in Werkzeug.
Everything else, the parts' headers, the limits on memory and number of parts, the
states, stays Werkzeug's own. ``tests/test_multipart.py`` feeds random bodies in random
chunks to both decoders and requires identical events and identical refusals.
"""
import re

from werkzeug import formparser
from werkzeug.sansio.multipart import MultipartDecoder

LINE_BREAKS = (b"\r", b"\n")
# What follows "--<boundary>": the closing "--" (then blanks and maybe a line break),
# or blanks and a line break. Group 1, as in Werkzeug's pattern.
AFTER_BOUNDARY = re.compile(rb"(--[^\S\n\r]*(?:\r\n|\n|\r)?|[^\S\n\r]*(?:\r\n|\n|\r))")
# Werkzeug compiles its patterns for this boundary once; the decoder then gets ours.
PLACEHOLDER = b"lentera-boundary-search"


class Found:
    """What ``re.Match`` the decoder reads: ``start()``, ``end()`` and ``group(1)``."""
    __slots__ = ("_start", "_end", "_after")

    def __init__(self, start, end, after):
        self._start, self._end, self._after = start, end, after

    def start(self):
        return self._start

    def end(self):
        return self._end

    def group(self, index):
        if index != 1:
            raise IndexError("only group 1 is kept")
        return self._after


class BoundarySearch:
    """``<line break>--<boundary><after>`` (the line break optional before the first
    part), searched like ``re.compile(...).search(data, pos)``: the leftmost match.

    A browser draws a boundary that appears nowhere in what it sends, so every
    ``--<boundary>`` found is a real one. A body made to hold thousands of near misses
    (the boundary without a line break before it, or with the wrong byte after it)
    would make this loop, in Python, far slower than the compiled pattern, in C: after
    ``tolerated_misses`` near misses the search compiles Werkzeug's own pattern for this
    boundary, once, and uses it from then on.
    """
    tolerated_misses = 32

    def __init__(self, boundary, line_break_optional):
        self.boundary = boundary
        self.marker = b"--" + boundary
        self.line_break_optional = line_break_optional
        self.misses = 0
        self.pattern = None

    def search(self, data, pos=0):
        if self.pattern is not None:
            return self.pattern.search(data, pos)
        marker, start_pos = self.marker, pos
        while True:
            at = data.find(marker, pos)
            if at == -1:
                return None
            if at - 2 >= pos and data[at - 2:at] == b"\r\n":
                start = at - 2
            elif at - 1 >= pos and data[at - 1:at] in LINE_BREAKS:
                start = at - 1
            elif self.line_break_optional:
                start = at
            else:
                start = None
            after = None if start is None else AFTER_BOUNDARY.match(data, at + len(marker))
            if after is not None:
                return Found(start, after.end(), after.group(1))
            self.misses += 1
            if self.misses > self.tolerated_misses:
                werkzeugs = MultipartDecoder(self.boundary)
                self.pattern = (werkzeugs.preamble_re if self.line_break_optional
                                else werkzeugs.boundary_re)
                return self.pattern.search(data, start_pos)
            pos = at + 1


class BoundaryDecoder(MultipartDecoder):
    search = BoundarySearch

    def __init__(self, boundary, max_form_memory_size=None, *, max_parts=None):
        super().__init__(PLACEHOLDER, max_form_memory_size, max_parts=max_parts)
        self.boundary = boundary
        self.preamble_re = self.search(boundary, line_break_optional=True)
        self.boundary_re = self.search(boundary, line_break_optional=False)


def install():
    """Werkzeug's form parser creates its decoder by this module-level name."""
    formparser.MultipartDecoder = BoundaryDecoder
