"""The publication workflow, per role and state, with plain values."""
import datetime
import io
import zipfile

import pytest

from portal.rules import uploads
from portal.rules.publication import (ANONYMOUS, Actor, Reader, WorkflowError, allowed_transitions,
                                      apply, audience_allows, may_create, may_edit, refusal,
                                      visible_now)

OPERATOR = Actor("operator")
REVIEWING_OPERATOR = Actor("operator", reviewer_flag=True)
ADMIN = Actor("admin")
OTHERS = [Actor("penilai"), Actor("pegawai"), Actor("petugas_pengaduan"),
          Actor("pegawai", reviewer_flag=True)]


# every (actor, transition, state, owner) and what must happen
CASES = [
    # the author (operator, not a reviewer)
    (OPERATOR, "submit", "private", True, "pending"),
    (OPERATOR, "submit", "private", False, "role"),
    (OPERATOR, "submit", "pending", True, "state"),
    (OPERATOR, "submit", "published", True, "state"),
    (OPERATOR, "publish", "pending", True, "role"),
    (OPERATOR, "publish", "private", True, "role"),
    (OPERATOR, "reject", "pending", True, "role"),
    (OPERATOR, "retract", "published", True, "private"),
    (OPERATOR, "retract", "published", False, "role"),
    (OPERATOR, "retract", "private", True, "state"),
    # reviewers: the admin and an operator with the flag
    (ADMIN, "publish", "pending", False, "published"),
    (ADMIN, "publish", "private", False, "published"),
    (ADMIN, "publish", "published", False, "state"),
    (ADMIN, "reject", "pending", False, "private"),
    (ADMIN, "reject", "private", False, "state"),
    (ADMIN, "reject", "published", False, "state"),
    (ADMIN, "retract", "published", False, "private"),
    (ADMIN, "submit", "private", False, "pending"),
    (REVIEWING_OPERATOR, "publish", "pending", False, "published"),
    (REVIEWING_OPERATOR, "publish", "private", False, "published"),
    (REVIEWING_OPERATOR, "reject", "pending", False, "private"),
    (REVIEWING_OPERATOR, "retract", "published", False, "private"),
    # nobody approves her own work: the author, reviewer or not, never publishes it
    (ADMIN, "publish", "pending", True, "own"),
    (ADMIN, "publish", "private", True, "own"),
    (REVIEWING_OPERATOR, "publish", "pending", True, "own"),
    (REVIEWING_OPERATOR, "publish", "private", True, "own"),
    (REVIEWING_OPERATOR, "submit", "private", True, "pending"),
    (REVIEWING_OPERATOR, "retract", "published", True, "private"),
]


@pytest.mark.parametrize("actor,name,state,owner,expected", CASES)
def test_each_transition_allowed_or_refused(actor, name, state, owner, expected):
    comment = "Perlu sumber data" if name == "reject" else ""
    if expected in ("role", "state", "own"):
        with pytest.raises(WorkflowError) as info:
            apply(actor, name, state, owner, comment)
        assert info.value.code == expected
    else:
        assert apply(actor, name, state, owner, comment) == expected


@pytest.mark.parametrize("actor", OTHERS)
@pytest.mark.parametrize("name,state", [("submit", "private"), ("publish", "pending"),
                                        ("publish", "private"), ("reject", "pending"),
                                        ("retract", "published")])
def test_other_roles_take_no_transition_even_on_their_own_items(actor, name, state):
    assert refusal(actor, name, state, True, "alasan") == "role"
    assert allowed_transitions(actor, state, True) == []
    assert not may_create(actor) and not may_edit(actor, "private", True)


def test_reject_needs_a_reason_and_unknown_transitions_are_refused():
    assert refusal(ADMIN, "reject", "pending", False, "") == "comment"
    assert refusal(ADMIN, "reject", "pending", False, "   ") == "comment"
    assert refusal(ADMIN, "delete", "pending", False) == "unknown"


def test_buttons_offered_match_the_rules():
    assert allowed_transitions(OPERATOR, "private", True) == ["submit"]
    assert allowed_transitions(OPERATOR, "pending", True) == []
    assert allowed_transitions(OPERATOR, "published", True) == ["retract"]
    assert allowed_transitions(OPERATOR, "published", False) == []
    assert allowed_transitions(ADMIN, "private", False) == ["submit", "publish"]
    assert allowed_transitions(ADMIN, "pending", False) == ["publish", "reject"]
    assert allowed_transitions(REVIEWING_OPERATOR, "published", False) == ["retract"]
    # her own item: she submits it for another reviewer, and is never offered "publish"
    assert allowed_transitions(REVIEWING_OPERATOR, "private", True) == ["submit"]
    assert allowed_transitions(ADMIN, "pending", True) == ["reject"]


def test_operators_edit_their_own_drafts_reviewers_edit_anything():
    assert may_create(OPERATOR) and may_create(ADMIN)
    assert may_edit(OPERATOR, "private", True)
    assert not may_edit(OPERATOR, "private", False)
    assert not may_edit(OPERATOR, "pending", True)
    assert not may_edit(OPERATOR, "published", True)
    for state in ("private", "pending", "published"):
        assert may_edit(ADMIN, state, False) and may_edit(REVIEWING_OPERATOR, state, False)


NOW = datetime.datetime(2026, 5, 1, 8, 0)
HOUR = datetime.timedelta(hours=1)


def test_visible_now_honours_state_schedule_and_expiry():
    assert visible_now("published", None, None, NOW)
    assert visible_now("published", NOW - HOUR, NOW + HOUR, NOW)
    assert visible_now("published", NOW, None, NOW)              # publication time reached
    assert not visible_now("published", NOW + HOUR, None, NOW)   # scheduled
    assert not visible_now("published", None, NOW, NOW)          # expired at this instant
    assert not visible_now("published", None, NOW - HOUR, NOW)
    assert not visible_now("pending", None, None, NOW)
    assert not visible_now("private", NOW - HOUR, None, NOW)


def test_audiences():
    nurse = Reader(authenticated=True, role="pegawai", has_employee=True, unit_id=4)
    head = Reader(authenticated=True, role="penilai", has_employee=True, unit_id=4,
                  is_supervisor=True)
    officer = Reader(authenticated=True, role="petugas_pengaduan")
    operator = Reader(authenticated=True, role="operator")
    assert audience_allows("public", None, ANONYMOUS)
    for audience, unit in (("all_asn", None), ("unit", 4), ("supervisors", None)):
        assert not audience_allows(audience, unit, ANONYMOUS)
        assert not audience_allows(audience, unit, officer)   # no employee behind the account
        assert audience_allows(audience, unit, operator)
    assert audience_allows("all_asn", None, nurse)
    assert audience_allows("unit", 4, nurse) and not audience_allows("unit", 5, nurse)
    assert not audience_allows("supervisors", None, nurse)
    assert audience_allows("supervisors", None, head)


def _zip(names):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in names.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_uploads_are_recognised_by_their_bytes():
    assert uploads.sniff(b"%PDF-1.7\n...", "x.pdf") == "pdf"
    assert uploads.sniff(b"\x89PNG\r\n\x1a\n....", "a.png") == "png"
    assert uploads.sniff(b"\xff\xd8\xff\xe0", "a.jpg") == "jpeg"
    assert uploads.sniff(_zip({"[Content_Types].xml": "x", "ppt/slides/slide1.xml": "x"}),
                         "materi.pptx") == "pptx"
    assert uploads.sniff(_zip({"[Content_Types].xml": "x", "xl/workbook.xml": "x"}), "t.xlsx") == "xlsx"
    assert uploads.sniff(_zip({"mimetype": "application/vnd.oasis.opendocument.spreadsheet"}),
                         "t.ods") == "ods"
    assert uploads.sniff(b"nip;nama\n1;Ani\n", "data.csv") == "csv"
    # a script renamed to .pdf, an HTML page, an arbitrary zip: refused
    assert uploads.sniff(b"#!/bin/sh\nrm -rf /", "laporan.pdf") is None
    assert uploads.sniff(b"<html><script>alert(1)</script>", "a.png") is None
    assert uploads.sniff(_zip({"evil.exe": "MZ"}), "a.docx") is None
    assert uploads.is_image("png") and not uploads.is_image("pdf")
    assert uploads.human_size(512) == (512, "B")
    assert uploads.human_size(2048) == (2.0, "KB")
    assert uploads.human_size(3 * 1024 * 1024) == (3.0, "MB")
