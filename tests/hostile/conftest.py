"""Shared pieces of the hostile-input tests: Hypothesis settings, the hostile values
they draw from, a portal with its rate limits out of the way, and a few records
(an event, a published content item, a complaint) to aim at."""
import datetime
import os
import re

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from portal.db import db
from portal.models import Complaint, ContentItem, Event, Unit
from portal.models.base import utcnow
from portal.rules import complaints as rules
from tests.conftest import csrf_token

# Fast and repeatable: a modest number of examples per test, no deadline (the
# machine may be busy), and under CI the same examples on every run.
settings.register_profile(
    "hostile", max_examples=int(os.environ.get("HOSTILE_EXAMPLES", "40")), deadline=None,
    database=None, derandomize=os.environ.get("CI", "").lower() == "true",
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                           HealthCheck.data_too_large])
settings.load_profile("hostile")

XSS = "<script>alert(1)</script>\"'><img src=x onerror=alert(1)>"

# Text no one types but anyone can send: any code point a request can carry
# (lone surrogates cannot be encoded in UTF-8), C0/C1 controls with NUL,
# right-to-left overrides, huge values, numbers where text is expected and back.
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=200)
CONTROLS = st.text(st.characters(min_codepoint=0, max_codepoint=0x9f,
                                 blacklist_characters="".join(map(chr, range(0x20, 0x7f)))),
                   min_size=1, max_size=20)
HUGE = st.builds(lambda piece, n: piece * n,
                 st.sampled_from(["A", "é", "9", "𝕏", "<", "\x00", " ", "\n"]),
                 st.integers(1_000, 60_000))
NUMBERS = st.one_of(st.integers(-10**30, 10**30).map(str),
                    st.floats(allow_nan=True, allow_infinity=True).map(repr))
ODD = st.sampled_from(["", " ", "\x00", "null", "None", "true", "[]", "{}", "0", "-1", "1e309",
                       "NaN", "\u202eevil", "%00", "' OR 1=1 --", "../../etc/passwd", XSS,
                       "=HYPERLINK(\"http://x\")", "２０２６", "\ufeff", "a\x00b"])
HOSTILE = st.one_of(ANY_TEXT, CONTROLS, HUGE, NUMBERS, ODD)
# A field sent once, twice or three times (repeated fields).
HOSTILE_FIELD = st.one_of(HOSTILE, HOSTILE, st.lists(HOSTILE, min_size=2, max_size=3))


def mutated(valid, fields=None):
    """Strategy: ``valid`` form data with some fields replaced by hostile values,
    some removed (None) and perhaps an unknown one added."""
    names = sorted(fields or valid)
    changes = st.dictionaries(st.sampled_from(names), st.one_of(st.none(), HOSTILE_FIELD),
                              min_size=1, max_size=len(names))
    extra = st.dictionaries(st.sampled_from(["zzz", "id", "__proto__", "csrf_token[]"]), HOSTILE,
                            max_size=1)

    def build(changed, added):
        data = dict(valid)
        for name, value in changed.items():
            if value is None:
                data.pop(name, None)
            else:
                data[name] = value
        data.update(added)
        return data
    return st.builds(build, changes, extra)


RELAXED_LIMITS = ("LOGIN_RATE_LIMIT", "SURVEY_RATE_LIMIT", "COMPLAINT_SUBMIT_RATE_LIMIT",
                  "COMPLAINT_LOOKUP_RATE_LIMIT", "EVENT_REGISTER_RATE_LIMIT",
                  "EVENT_ATTENDANCE_RATE_LIMIT", "API_RATE_LIMIT", "API_WRITE_RATE_LIMIT",
                  "FORM_SUBMIT_RATE_LIMIT")


@pytest.fixture
def hostile_app(app):
    """The portal with rate limits high enough that validation is what answers."""
    for name in RELAXED_LIMITS:
        app.config[name] = "100000 per minute"
    app.config["OPEN311_API_KEYS"] = {"kunci-uji": "uji"}
    return app


@pytest.fixture
def hclient(hostile_app):
    return hostile_app.test_client()


@pytest.fixture
def targets(hostile_app, org, users, survey):
    """One of each thing the public pages show: an open event, a published item,
    a complaint that may be rated."""
    now = utcnow()
    with db.connection_context():
        event = Event.create(title="Sosialisasi SKP", starts_at=now - datetime.timedelta(hours=1),
                             ends_at=now + datetime.timedelta(days=2), place="Aula",
                             capacity=500, published=True, attendance_code="ABC123")
        item = ContentItem.create(kind="guide", title="Panduan SKP", slug="panduan-skp",
                                  summary="Ringkas", body="Isi **panduan**.", state="published",
                                  published_at=now - datetime.timedelta(days=1))
        complaint = Complaint.create(tracking_id=rules.new_tracking_id(), kind="pengaduan",
                                     category="lainnya", title="Lampu jalan mati",
                                     description="Lampu jalan di depan pasar mati seminggu.",
                                     state=rules.CLOSED, created_at=now, updated_at=now,
                                     closed_at=now)
    return {"event": event, "item": item, "complaint": complaint, **org, **survey}


def token_of(client, url="/login"):
    return csrf_token(client.get(url).get_data(as_text=True))


def count(model):
    with db.connection_context():
        return model.select().count()


def assert_no_server_error(response, what=""):
    assert response.status_code < 500, (
        f"{what}: {response.status_code}\n{response.get_data(as_text=True)[:2000]}")


# Where the portal's pages put a message for the reader: a field's error, an alert,
# the error page (errors/error.html: its title and text).
_MESSAGE = re.compile(
    r'<(p|div|section)\b[^>]*?(?:role="alert"|class="(?:[^"]*\s)?'
    r'(?:error|error-summary|flash-error|error-page)(?:\s[^"]*)?")[^>]*>(.*?)</\1>', re.S)


def message_of(body):
    """The first message on a page that a person can read (words, not only markup or
    a link away)."""
    for match in _MESSAGE.finditer(body):
        text = re.sub(r"<a\b.*?</a>", " ", match.group(2), flags=re.S)
        text = " ".join(re.sub(r"<[^>]*>", " ", text).split())
        if re.search(r"[^\W\d_]{3}", text):
            return text
    return None


def assert_explained(response, what=""):
    """A refusal a person can act on: a 4xx, or the form again, with a message.

    The wording depends on the cause (a field, an expired form, the rate limit, a file
    too large), so any message will do as long as there is one."""
    assert_no_server_error(response, what)
    assert response.status_code == 200 or 400 <= response.status_code < 500, (
        what, response.status_code)
    body = response.get_data(as_text=True)
    assert message_of(body), f"{what}: {response.status_code} without a message\n{body[:2000]}"


__all__ = ["Unit"]
