"""The portal's multipart decoder against Werkzeug's own, on the same bytes.

What this proves: for any body (well formed or not, with CR, LF or CRLF line breaks,
text that looks like the boundary, a boundary split across chunks, a missing end,
blanks after a boundary), cut into any chunks, ``portal.multipart.BoundaryDecoder``
gives exactly the events Werkzeug's ``MultipartDecoder`` gives, and refuses exactly
what it refuses, with the same limits on memory and parts; so does its fall-back to
Werkzeug's compiled pattern, which a body full of near misses gets (and a browser's
form never needs). The search itself is also
checked against the compiled pattern at every start position. And the portal parses
a real form with it: a complaint sent as a browser sends it is saved.
"""
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug import formparser
from werkzeug.sansio.multipart import (Data, Epilogue, Field, File, MultipartDecoder,
                                       NeedData, Preamble)

from portal.db import db
from portal.models import Complaint
from portal.multipart import BoundaryDecoder, BoundarySearch
from tests.conftest import csrf_token

settings.register_profile(
    "multipart", max_examples=int(os.environ.get("MULTIPART_EXAMPLES", "300")), deadline=None,
    database=None, derandomize=os.environ.get("CI", "").lower() == "true",
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

BCHARS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=?"
BOUNDARIES = st.text(st.sampled_from(BCHARS), min_size=1, max_size=70).map(str.encode)
BREAKS = st.sampled_from([b"\r\n", b"\n", b"\r"])
BLANKS = st.sampled_from([b"", b" ", b"\t", b"  \t"])


def pieces(boundary):
    """Bytes a body is made of: the boundary's own bits and what surrounds them."""
    marker = b"--" + boundary
    return st.sampled_from([b"\r\n", b"\n", b"\r", b"--", b" ", b"\t", marker, marker + b"--",
                            marker[:-1], boundary, b"\r\n" + marker, b"\n" + marker,
                            b"Content-Disposition: form-data; name=\"a\"",
                            b"Content-Disposition: form-data; name=\"f\"; filename=\"x.png\"",
                            b"\r\n\r\n", b"value", b"\xff\x00", b"-"])


@st.composite
def bodies(draw):
    boundary = draw(BOUNDARIES)
    marker = b"--" + boundary
    if draw(st.booleans()):  # well formed, with some odd line breaks and blanks
        parts = []
        for _ in range(draw(st.integers(0, 4))):
            brk = draw(BREAKS)
            name = draw(st.sampled_from([b"title", b"a", b"x y"]))
            head = b'Content-Disposition: form-data; name="' + name + b'"'
            if draw(st.booleans()):
                head += b'; filename="' + draw(st.sampled_from([b"", b"a.png", b"r.pdf"])) + b'"'
            value = draw(st.binary(max_size=60)) + draw(st.sampled_from([b"", marker[:-1], b"--"]))
            parts.append(marker + draw(BLANKS) + brk + head + brk + brk + value + draw(BREAKS))
        preamble = draw(st.sampled_from([b"", b"preamble\r\n", b"\r\n"]))
        end = marker + b"--" + draw(BLANKS) + draw(st.sampled_from([b"", b"\r\n", b"\n"]))
        body = preamble + b"".join(parts) + draw(st.sampled_from([end, b"", marker]))
    else:  # any sequence of the boundary's bits
        body = b"".join(draw(st.lists(st.one_of(pieces(boundary), st.binary(max_size=8)),
                                      max_size=30)))
    cuts = sorted(draw(st.lists(st.integers(0, len(body)), max_size=6)))
    chunks = [body[a:b] for a, b in zip([0] + cuts, cuts + [len(body)])]
    return boundary, chunks


def events(make_decoder, boundary, chunks, **limits):
    """What the decoder says, as Werkzeug's MultiPartParser drives it, or how it refuses."""
    decoder = make_decoder(boundary, **limits)
    said = []
    try:
        for chunk in chunks + [None]:
            decoder.receive_data(chunk)
            event = decoder.next_event()
            while not isinstance(event, (Epilogue, NeedData)):
                said.append(describe(event))
                event = decoder.next_event()
            if isinstance(event, Epilogue):
                said.append(describe(event))
                break
    except Exception as exc:  # the same refusal, word for word
        said.append(("refused", type(exc).__name__, str(exc)))
    return said


def describe(event):
    if isinstance(event, (Field, File)):
        return (type(event).__name__, event.name, getattr(event, "filename", None),
                sorted(event.headers.items()))
    if isinstance(event, Data):
        return ("Data", bytes(event.data), event.more_data)
    if isinstance(event, (Preamble, Epilogue)):
        return (type(event).__name__, bytes(event.data))
    return (type(event).__name__,)


class EagerSearch(BoundarySearch):
    tolerated_misses = 0  # Werkzeug's compiled pattern from the first near miss on


class EagerDecoder(BoundaryDecoder):
    search = EagerSearch


@settings(settings.get_profile("multipart"))
@given(bodies(), st.sampled_from([{}, {"max_form_memory_size": 40}, {"max_parts": 2}]))
def test_the_decoder_says_what_werkzeugs_says_for_any_body_in_any_chunks(body, limits):
    boundary, chunks = body
    werkzeugs = events(MultipartDecoder, boundary, chunks, **limits)
    assert events(BoundaryDecoder, boundary, chunks, **limits) == werkzeugs
    assert events(EagerDecoder, boundary, chunks, **limits) == werkzeugs


@pytest.mark.parametrize("near_miss", [b"x--a", b"\n--ax"])
def test_a_body_full_of_near_misses_gets_werkzeugs_compiled_pattern(near_miss):
    """Thousands of "--a" without a line break before them, or with the wrong byte after:
    the Python loop gives up after a few and the search runs in C, as in Werkzeug."""
    body = (b"--a\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x\"\r\n\r\n"
            + near_miss * 20_000 + b"\r\n--a--\r\n")
    chunks = [body[i:i + 65536] for i in range(0, len(body), 65536)]
    decoder = BoundaryDecoder(b"a")
    said = events(lambda boundary: decoder, b"a", chunks)
    assert said == events(MultipartDecoder, b"a", chunks)
    assert said[-1] == ("Epilogue", b"")
    assert decoder.boundary_re.pattern is not None
    assert decoder.boundary_re.misses == BoundarySearch.tolerated_misses + 1


def test_a_browsers_form_never_needs_the_pattern():
    body = b"".join(b'--B7MA4YWxk\r\nContent-Disposition: form-data; name="f%d"\r\n\r\nv--B7MA\r\n'
                    % i for i in range(20)) + b"--B7MA4YWxk--\r\n"
    decoder = BoundaryDecoder(b"B7MA4YWxk")
    events(lambda boundary: decoder, b"B7MA4YWxk", [body])
    assert decoder.boundary_re.pattern is None and decoder.preamble_re.pattern is None


@settings(settings.get_profile("multipart"))
@given(st.data())
def test_the_search_finds_what_the_compiled_pattern_finds(data):
    boundary = data.draw(BOUNDARIES)
    werkzeugs = MultipartDecoder(boundary)  # its own compiled patterns for this boundary
    compiled = {True: werkzeugs.preamble_re, False: werkzeugs.boundary_re}
    text = bytearray(b"".join(data.draw(st.lists(pieces(boundary), max_size=12))))
    for optional, pattern in compiled.items():
        search = BoundarySearch(boundary, line_break_optional=optional)
        for pos in range(len(text) + 1):
            want, got = pattern.search(text, pos), search.search(text, pos)
            if want is None:
                assert got is None, (text, pos)
            else:
                assert got is not None, (text, pos)
                assert (got.start(), got.end(), got.group(1)) == \
                    (want.start(), want.end(), want.group(1)), (text, pos)


@pytest.mark.parametrize("body", [
    b"--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--B--\r\n",
    b"--B \t\nContent-Disposition: form-data; name=\"a\"\n\nx--B\n--B--",
    b"\r\n--B\rContent-Disposition: form-data; name=\"a\"\r\rv\r--Bx\r--B--",
    b"--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n--B-\r\n--B--\r\n",
    b"--B--",
    b"junk--B\r\n",
    b"--B\r\nno disposition\r\n\r\nv\r\n--B--",
])
def test_edge_cases_read_the_same(body):
    for size in (1, 2, 3, len(body)):
        chunks = [body[i:i + size] for i in range(0, len(body), size)]
        werkzeugs = events(MultipartDecoder, b"B", chunks)
        assert events(BoundaryDecoder, b"B", chunks) == werkzeugs
        assert events(EagerDecoder, b"B", chunks) == werkzeugs


def test_the_portal_parses_forms_with_it(app):
    """create_app puts the decoder in Werkzeug's form parser."""
    assert formparser.MultipartDecoder is BoundaryDecoder


def test_a_complaint_sent_as_a_browser_sends_it_is_saved(client):
    token = csrf_token(client.get("/pengaduan/baru").get_data(as_text=True))
    boundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW"
    fields = {"csrf_token": token, "kind": "pengaduan", "unit": "0", "category": "infrastruktur",
              "title": "Jembatan --" + boundary[:-1] + " retak",
              "description": "Jembatan di desa retak sejak banjir.\r\n--" + boundary
              + "x masih dipakai warga setiap hari.",
              "event_date": "", "place": "Desa", "reporter_name": "", "reporter_phone": "",
              "reporter_email": "", "website": ""}
    body = b"".join(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'
                    .encode() for k, v in fields.items())
    body += (f'--{boundary}\r\nContent-Disposition: form-data; name="attachments"; filename=""\r\n'
             f"Content-Type: application/octet-stream\r\n\r\n\r\n--{boundary}--\r\n").encode()
    response = client.post("/pengaduan/baru", data=body,
                           content_type=f"multipart/form-data; boundary={boundary}")
    assert response.status_code == 303
    assert 'id="tracking-id"' in client.get(response.location).get_data(as_text=True)
    with db.connection_context():
        saved = Complaint.select().order_by(Complaint.id.desc()).first()
    assert saved.title == fields["title"] and saved.description == fields["description"]
