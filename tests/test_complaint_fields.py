"""One validation for a complaint, wherever it comes in: the public form, the JSON API
and Open311 accept and refuse the same e-mail addresses, phone numbers and lengths."""
import pytest

from portal.db import db
from portal.models import Complaint
from portal.rules import complaint_fields as fields
from tests.test_complaints_public import form_data

KEY = "kunci-uji-aplikasi-warga"
TITLE = "Sampah menumpuk di pasar"
DESCRIPTION = "Sampah di pasar tidak diangkut seminggu."


@pytest.fixture
def keyed(app):
    app.config["OPEN311_API_KEYS"] = {KEY: "Aplikasi Warga"}
    return app


def by_form(client, **values):
    data = form_data(client, title=values.pop("title", TITLE),
                     description=values.pop("description", DESCRIPTION),
                     reporter_email=values.pop("reporter_email", ""), **values)
    return client.post("/pengaduan/baru", data=data).status_code == 303


def by_json(client, **values):
    body = {"title": TITLE, "description": DESCRIPTION, **values}
    response = client.post("/api/v1/complaints", json=body, headers={"X-API-Key": KEY})
    return response.status_code == 201, response.get_json()


def by_open311(client, **values):
    data = {"service_code": "lainnya", "description": DESCRIPTION, "api_key": KEY, **values}
    response = client.post("/open311/v2/requests.json", data=data)
    return response.status_code == 201, response.get_json()


# "a@b" has no dot after the @: the form always refused it, the APIs took it
@pytest.mark.parametrize("email,accepted", [("warga@contoh.id", True), ("a@b", False),
                                            ("warga @contoh.id", False)])
def test_an_email_address_is_judged_alike_by_the_form_and_both_apis(client, keyed, org, email,
                                                                     accepted):
    assert by_form(client, reporter_email=email) is accepted
    saved, answer = by_json(client, reporter_email=email)
    assert saved is accepted
    if not accepted:
        assert answer["fields"] == {"reporter_email": "Enter a valid e-mail address."}
    saved, answer = by_open311(client, email=email)
    assert saved is accepted
    if not accepted:
        assert answer == [{"code": 400, "description": "email: Enter a valid e-mail address."}]


# a phone number of letters was stored by both APIs; the form refuses it
@pytest.mark.parametrize("phone,accepted", [("0812 3456 7890", True), ("telepon saya", False),
                                            ("0812", False)])
def test_a_phone_number_is_judged_alike_by_the_form_and_both_apis(client, keyed, org, phone,
                                                                  accepted):
    assert by_form(client, reporter_phone=phone) is accepted
    saved, answer = by_json(client, reporter_phone=phone)
    assert saved is accepted
    if not accepted:
        assert answer["fields"] == {"reporter_phone": "Enter a valid phone number."}
    saved, _answer = by_open311(client, phone=phone)
    assert saved is accepted


def test_the_title_and_description_limits_are_the_forms(client, keyed, org):
    fewest, most = fields.LIMITS["title"]
    assert by_form(client, title="x" * most) and by_json(client, title="x" * most)[0]
    assert not by_form(client, title="x" * (most + 1))
    assert by_json(client, title="x" * (most + 1))[1]["fields"] == {
        "title": f"length must be {fewest} to {most}"}
    fewest, most = fields.LIMITS["description"]
    assert not by_form(client, description="x" * (fewest - 1))
    assert not by_json(client, description="x" * (fewest - 1))[0]
    assert not by_open311(client, description="x" * (fewest - 1))[0]
    with db.connection_context():
        assert Complaint.select().count() == 2
