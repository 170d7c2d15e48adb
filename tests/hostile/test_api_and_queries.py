"""The APIs, the CSV files and every query argument under hostile input.

No answer is a server error; the JSON API says what is wrong in JSON; a
refused write leaves no row.
"""
import json

from hypothesis import given
from hypothesis import strategies as st

from portal.models import Complaint
from tests.hostile.conftest import (HOSTILE, HOSTILE_FIELD, assert_no_server_error, count,
                                    mutated)

JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-10**40, 10**40),
              st.floats(allow_nan=False, allow_infinity=False), HOSTILE),
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(HOSTILE, inner, max_size=3)),
    max_leaves=6)

VALID_API_COMPLAINT = {"kind": "pengaduan", "category": "lainnya", "title": "Lampu jalan mati",
                       "description": "Lampu jalan di depan pasar mati sejak seminggu.",
                       "place": "Pasar", "reporter_name": "Budi",
                       "reporter_email": "budi@example.org", "reporter_phone": "0812345678",
                       "event_date": "2026-01-05", "anonymous": False, "confidential": False}
API_FIELDS = sorted(VALID_API_COMPLAINT) + ["unit_id"]


@given(changes=st.dictionaries(st.sampled_from(API_FIELDS), st.one_of(st.just(KeyError),
                                                                       JSON_VALUES),
                               min_size=1))
def test_json_api_complaint(hclient, targets, changes):
    body = dict(VALID_API_COMPLAINT)
    for name, value in changes.items():
        if value is KeyError:
            body.pop(name, None)
        else:
            body[name] = value
    before = count(Complaint)
    response = hclient.post("/api/v1/complaints", json=body, headers={"X-API-Key": "kunci-uji"})
    assert_no_server_error(response, "api")
    assert response.is_json
    if response.status_code == 201:
        assert count(Complaint) == before + 1
    else:
        assert response.status_code in (400, 413) and "error" in response.get_json()
        assert count(Complaint) == before


@given(body=st.one_of(JSON_VALUES.map(json.dumps), st.binary(max_size=300),
                      HOSTILE.map(lambda t: t.encode("utf-8"))),
       content_type=st.sampled_from(["application/json", "text/plain",
                                     "application/x-www-form-urlencoded", "multipart/form-data",
                                     "application/json; charset=latin-1"]))
def test_json_api_raw_bodies(hclient, targets, body, content_type):
    before = count(Complaint)
    response = hclient.post("/api/v1/complaints", data=body, content_type=content_type,
                            headers={"X-API-Key": "kunci-uji"})
    assert_no_server_error(response, "api raw")
    assert response.status_code in (201, 400, 413)
    if response.status_code != 201:
        assert count(Complaint) == before


@given(data=mutated({"service_code": "lainnya", "description": "Lampu jalan mati di pasar lama.",
                     "address_string": "Pasar", "first_name": "Budi", "last_name": "S",
                     "email": "budi@example.org", "phone": "0812", "lat": "-6.2",
                     "long": "106.8", "api_key": "kunci-uji"}),
       fmt=st.sampled_from(["json", "xml"]))
def test_open311_create(hclient, targets, data, fmt):
    before = count(Complaint)
    response = hclient.post(f"/open311/v2/requests.{fmt}", data=data)
    assert_no_server_error(response, "open311")
    if response.status_code != 201:
        assert 400 <= response.status_code < 500
        assert count(Complaint) == before


@given(value=HOSTILE, args=st.dictionaries(
    st.sampled_from(["service_request_id", "start_date", "end_date", "service_code", "status",
                     "year", "page", "q"]), HOSTILE_FIELD, max_size=4))
def test_read_apis(hclient, targets, value, args):
    part = value.replace("/", "%2F").replace("?", "%3F").replace("#", "%23") or "x"
    for url in (f"/api/v1/complaints/{part}", f"/api/v1/units/{part}/report", "/api/v1/units",
                "/api/v1/ikm", f"/open311/v2/requests/{part}.json",
                f"/open311/v2/requests/{part}.xml", "/open311/v2/requests.json",
                "/open311/v2/requests.xml", f"/open311/v2/services/{part}.json",
                f"/open311/v2/services.{part}", "/data/units.csv", f"/data/ikm-{part}.csv",
                "/api/v1/openapi.json", "/api/v1/docs"):
        response = hclient.get(url, query_string=args)
        assert_no_server_error(response, url)


@given(year=st.one_of(st.integers(-10**30, 10**30).map(str), HOSTILE),
       page=st.one_of(st.integers(-10**30, 10**30).map(str), HOSTILE),
       q=HOSTILE_FIELD, other=HOSTILE)
def test_public_pages_with_hostile_query_arguments(hclient, targets, year, page, q, other):
    args = {"year": year, "page": page, "q": q, "kind": other, "tag": other, "lang": other,
            "id": other, "unit": other, "next": other}
    for url in ("/", "/unit/DINKES", "/kriteria", "/materi", "/materi/panduan-skp",
                "/penghargaan", "/acara", "/survei/", "/pengaduan/lacak", "/login",
                "/berita/feed.atom", "/api/v1/ikm", "/api/v1/units/DINKES/report"):
        response = hclient.get(url, query_string=args)
        assert_no_server_error(response, url)


@given(part=HOSTILE)
def test_public_addresses(hclient, targets, part):
    part = part.replace("/", "%2F").replace("?", "%3F").replace("#", "%23") or "x"
    for url in (f"/unit/{part}", f"/materi/{part}", f"/materi/{part}/lampiran/1",
                f"/materi/panduan-skp/lampiran/{part}", f"/survei/{part}/SIP",
                f"/pengaduan/lacak/{part}/kepuasan", f"/{part}"):
        assert_no_server_error(hclient.get(url), url)
