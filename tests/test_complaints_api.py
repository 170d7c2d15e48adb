"""The JSON API and Open311 GeoReport v2: public fields only, keys for writes, limits."""
from xml.etree import ElementTree as ET

import pytest

from portal.db import db
from portal.models import Complaint
from tests.complaint_helpers import FIELDS, make_complaint, move

KEY = "kunci-uji-aplikasi-warga"


@pytest.fixture
def keyed(app):
    app.config["OPEN311_API_KEYS"] = {KEY: "Aplikasi Warga"}
    return app


def test_json_create_needs_a_key(client, keyed):
    body = {"title": "Sampah menumpuk", "description": "Sampah di pasar tidak diangkut seminggu."}
    assert client.post("/api/v1/complaints", json=body).status_code == 403
    assert client.post("/api/v1/complaints", json=body,
                       headers={"X-API-Key": "salah"}).status_code == 403
    response = client.post("/api/v1/complaints", json=body, headers={"X-API-Key": KEY})
    assert response.status_code == 201
    tracking_id = response.get_json()["tracking_id"]
    with db.connection_context():
        assert Complaint.get(Complaint.tracking_id == tracking_id).title == "Sampah menumpuk"


def test_json_create_explains_bad_fields(client, keyed):
    response = client.post("/api/v1/complaints", json={"title": "x", "kind": "lain"},
                           headers={"X-API-Key": KEY})
    assert response.status_code == 400
    fields = response.get_json()["fields"]
    assert {"title", "description", "kind"} <= set(fields)


def test_json_status_follows_the_page_privacy(app, client, users):
    open_one = make_complaint(app, anonymous=True)
    secret = make_complaint(app, confidential=True, title="Pungli di loket",
                            description="Diminta uang tambahan Rp 50.000 di loket.")
    move(app, secret, ("verify", users["admin"], {"note": "Catatan internal", "public": False}))
    answer = client.get(f"/api/v1/complaints/{open_one.tracking_id.lower()}")
    assert answer.status_code == 200
    data = answer.get_json()
    assert data["title"] == FIELDS["title"] and data["state"] == "received"
    text = answer.get_data(as_text=True)
    for leak in (FIELDS["reporter_name"], FIELDS["reporter_email"], FIELDS["reporter_phone"]):
        assert leak not in text
    text = client.get(f"/api/v1/complaints/{secret.tracking_id}").get_data(as_text=True)
    for leak in ("Pungli", "Rp 50.000", "Catatan internal", FIELDS["reporter_name"]):
        assert leak not in text
    assert client.get("/api/v1/complaints/LPR-0000").status_code == 400


def test_api_reads_are_rate_limited(app, client):
    app.config["API_RATE_LIMIT"] = "2 per minute"
    codes = [client.get("/open311/v2/services.json").status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    assert client.get("/open311/v2/services.json").get_json()[0]["code"] == 429


def test_open311_services_in_json_and_xml(client):
    services = client.get("/open311/v2/services.json").get_json()
    health = next(s for s in services if s["service_code"] == "kesehatan")
    assert health["service_name"] == "Kesehatan" and health["metadata"] is False
    assert health["type"] == "realtime"
    xml = client.get("/open311/v2/services.xml")
    assert xml.mimetype == "text/xml"
    root = ET.fromstring(xml.data)
    assert root.tag == "services"
    assert "kesehatan" in [s.findtext("service_code") for s in root.findall("service")]
    definition = client.get("/open311/v2/services/kesehatan.json").get_json()
    assert definition == {"service_code": "kesehatan", "attributes": []}
    assert client.get("/open311/v2/services/tidak-ada.json").status_code == 404


def test_open311_post_needs_a_valid_key(client, keyed):
    data = {"service_code": "infrastruktur", "description": "Jembatan kayu di desa hampir roboh.",
            "address_string": "Desa Mekarsari", "email": "warga@contoh.id",
            "first_name": "Rudi", "last_name": "Warga"}
    refused = client.post("/open311/v2/requests.json", data=data)
    assert refused.status_code == 403
    assert refused.get_json() == [{"code": 403, "description": "api_key is missing or not valid"}]
    refused_xml = client.post("/open311/v2/requests.xml", data=dict(data, api_key="salah"))
    assert refused_xml.status_code == 403
    assert ET.fromstring(refused_xml.data).find("error").findtext("code") == "403"
    created = client.post("/open311/v2/requests.json", data=dict(data, api_key=KEY))
    assert created.status_code == 201
    [item] = created.get_json()
    request_id = item["service_request_id"]
    assert request_id.startswith("LPR-")
    one = client.get(f"/open311/v2/requests/{request_id}.json").get_json()
    assert one[0]["status"] == "open" and one[0]["service_code"] == "infrastruktur"
    assert one[0]["address"] == "Desa Mekarsari"
    assert "Rudi" not in client.get(f"/open311/v2/requests/{request_id}.json").get_data(as_text=True)
    xml = ET.fromstring(client.get(f"/open311/v2/requests/{request_id}.xml").data)
    assert xml.tag == "service_requests"
    assert xml.find("request").findtext("service_request_id") == request_id


def test_open311_request_list_shows_public_fields_only(app, client, users):
    public = make_complaint(app, anonymous=True)
    secret = make_complaint(app, confidential=True, title="Rahasia sekali",
                            description="Isi rahasia yang tidak boleh bocor ke publik.")
    move(app, public, ("verify", users["admin"], {"note": "Sedang diproses"}))
    text = client.get("/open311/v2/requests.json").get_data(as_text=True)
    assert public.tracking_id in text
    assert secret.tracking_id not in text and "Isi rahasia" not in text
    for leak in (FIELDS["reporter_name"], FIELDS["reporter_email"], FIELDS["reporter_phone"]):
        assert leak not in text
    one = client.get(f"/open311/v2/requests/{secret.tracking_id}.json").get_json()[0]
    assert one["description"] is None and one["service_code"] is None
    closed = client.get("/open311/v2/requests.json?status=closed").get_json()
    assert closed == []
    xml = ET.fromstring(client.get("/open311/v2/requests.xml").data)
    assert [r.findtext("service_request_id") for r in xml.findall("request")] == [public.tracking_id]
    missing = client.get("/open311/v2/requests/LPR-0000.json")
    assert missing.status_code == 404 and missing.get_json()[0]["code"] == 404


@pytest.mark.parametrize("query,listed", [
    ("end_date=0001-01-05", False),                                   # 90 days before year 1
    ("start_date=0001-01-01T00:00:00%2B01:00", True),                  # before year 1 in UTC
    ("start_date=2000-01-01&end_date=9999-12-31T23:00:00-05:00", True),  # after year 9999
    ("end_date=9999-12-31T23:00:00-05:00", False),
])
def test_open311_dates_at_the_ends_of_the_calendar_are_answered(app, client, query, listed):
    """Such dates made Python overflow (a 500); they now reach the first or last instant."""
    complaint = make_complaint(app)
    for fmt in ("json", "xml"):
        response = client.get(f"/open311/v2/requests.{fmt}?{query}")
        assert response.status_code == 200, response.get_data(as_text=True)
        assert (complaint.tracking_id in response.get_data(as_text=True)) is listed
    bad = client.get("/open311/v2/requests.json?end_date=0001-13-05")
    assert bad.status_code == 400 and "w3c" in bad.get_json()[0]["description"]


@pytest.mark.parametrize("value,anonymous", [(True, True), (False, False), (None, False)])
def test_json_create_takes_anonymous_and_confidential_as_booleans(client, keyed, value,
                                                                  anonymous):
    body = {"title": "Sampah menumpuk", "description": "Sampah di pasar tidak diangkut seminggu.",
            "reporter_name": "Budi", "anonymous": value, "confidential": value}
    response = client.post("/api/v1/complaints", json=body, headers={"X-API-Key": KEY})
    assert response.status_code == 201
    with db.connection_context():
        complaint = Complaint.get(Complaint.tracking_id == response.get_json()["tracking_id"])
    assert (complaint.anonymous, complaint.confidential) == (anonymous, anonymous)


@pytest.mark.parametrize("value", ["false", "true", "", 0, 1, [], {}])
def test_json_create_refuses_anything_but_a_boolean_for_the_flags(client, keyed, value):
    """``bool("false")`` is true: a client sending the string made its report anonymous."""
    body = {"title": "Sampah menumpuk", "description": "Sampah di pasar tidak diangkut seminggu.",
            "reporter_name": "Budi", "anonymous": value, "confidential": False}
    response = client.post("/api/v1/complaints", json=body, headers={"X-API-Key": KEY})
    assert response.status_code == 400
    assert response.get_json()["fields"] == {
        "anonymous": "must be true or false (a JSON boolean)"}
    with db.connection_context():
        assert Complaint.select().count() == 0
