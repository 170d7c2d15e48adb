"""portal.multipart finds exactly what Werkzeug's per-request regular expressions find,
and the decoder built on it yields the same events, on random input."""
import random

import pytest
from werkzeug import formparser
from werkzeug.sansio import multipart as werkzeug_multipart
from werkzeug.sansio.multipart import NeedData

from portal import multipart

BOUNDARIES = [b"----lentera0123456789abcdef", b"xYz", b"a-b", b"--", b"-"]
PIECES = [b"\r", b"\n", b"\r\n", b"-", b"--", b" ", b"\t", b"\x0b", b"\x0c", b"x", b"data",
          b"\r\n\r\n"]


def random_buffer(rnd, boundary):
    pieces = PIECES + [b"--" + boundary, boundary, boundary[:-1], b"--" + boundary + b"--"]
    return b"".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 14)))


def as_tuple(match):
    return None if match is None else (match.start(), match.end(), bytes(match.group(1)))


@pytest.mark.parametrize("boundary", BOUNDARIES)
def test_the_finders_match_werkzeugs_expressions(boundary):
    reference = werkzeug_multipart.MultipartDecoder(boundary)
    fast = multipart.Decoder(boundary)
    rnd = random.Random(boundary)
    for _ in range(4000):
        buffer = bytearray(random_buffer(rnd, boundary))
        pos = rnd.randint(0, len(buffer))
        for name in ("preamble_re", "boundary_re"):
            expected = as_tuple(getattr(reference, name).search(buffer, pos))
            found = as_tuple(getattr(fast, name).search(buffer, pos))
            assert found == expected, (name, buffer, pos)


def test_the_decoder_keeps_werkzeugs_state():
    reference = werkzeug_multipart.MultipartDecoder(b"b")
    assert vars(multipart.Decoder(b"b")).keys() == vars(reference).keys()


def events(decoder_class, boundary, body, chunks, max_parts=None):
    decoder = decoder_class(boundary, max_form_memory_size=10_000, max_parts=max_parts)
    seen = []
    try:
        for chunk in chunks + [None]:
            decoder.receive_data(chunk)
            while True:
                event = decoder.next_event()
                if isinstance(event, NeedData):
                    break
                seen.append(repr(event))
                if decoder.state == werkzeug_multipart.State.COMPLETE:
                    return seen
    except Exception as exc:  # the same refusal, at the same point
        seen.append(type(exc).__name__)
    return seen


@pytest.mark.parametrize("boundary", BOUNDARIES[:3])
def test_the_decoder_yields_werkzeugs_events(boundary):
    rnd = random.Random(len(boundary))
    for _ in range(1500):
        parts = []
        for n in range(rnd.randint(0, 4)):
            head = f'Content-Disposition: form-data; name="f{n}"'.encode()
            if rnd.random() < 0.3:
                head += b'; filename="a.txt"\r\nContent-Type: text/plain'
            parts.append(b"--" + boundary + rnd.choice([b"\r\n", b"  \r\n", b"\n"]) + head
                         + b"\r\n\r\n" + random_buffer(rnd, boundary) + b"\r\n")
        body = rnd.choice([b"", b"preamble\r\n"]) + b"".join(parts) + b"--" + boundary + \
            rnd.choice([b"--\r\n", b"--", b"-- \r\n", b""]) + rnd.choice([b"", b"epilogue"])
        cuts = sorted(rnd.sample(range(len(body) + 1), min(len(body), rnd.randint(0, 4))))
        chunks = [body[a:b] for a, b in zip([0] + cuts, cuts + [len(body)])]
        assert events(multipart.Decoder, boundary, body, chunks, 3) == \
            events(werkzeug_multipart.MultipartDecoder, boundary, body, chunks, 3), body


def test_the_form_parser_uses_it(app):
    assert formparser.MultipartDecoder is multipart.Decoder
    body = (b"--b\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nJalan rusak\r\n"
            b"--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.txt\"\r\n"
            b"Content-Type: text/plain\r\n\r\nisi\r\n--b--\r\n")
    with app.test_request_context("/", method="POST", data=body,
                                  content_type="multipart/form-data; boundary=b"):
        from flask import request
        assert request.form["title"] == "Jalan rusak"
        assert request.files["f"].read() == b"isi"
