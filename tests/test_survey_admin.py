"""The survey in the back office: services, responses, populations, IKM, QR codes."""
from portal.db import db
from portal.models import Service, ServicePopulation, SurveyResponse, User
from tests.conftest import csrf_token


def form_token(client, url):
    return csrf_token(client.get(url).get_data(as_text=True))


def test_operator_adds_a_service_with_an_upper_case_code(client, auth, users, org):
    auth.login("operator")
    url = "/admin/survey_service/new/"
    data = {"unit": str(org["dinas"].id), "code": "sip", "name": "Surat Izin Praktik",
            "active": "y", "csrf_token": form_token(client, url)}
    assert client.post(url, data=data).status_code == 302
    with db.connection_context():
        assert Service.get(Service.name == "Surat Izin Praktik").code == "SIP"
    data["csrf_token"] = form_token(client, url)
    data["name"] = "Duplikat"
    page = client.post(url, data=data).get_data(as_text=True)
    assert "sudah memiliki layanan dengan kode tersebut" in page
    with db.connection_context():
        assert Service.select().count() == 1


def test_responses_are_read_only_and_filtered(client, auth, users, org, survey):
    auth.login("operator")
    page = client.get("/admin/survey_response/").get_data(as_text=True)
    assert "Surat Izin Praktik" in page and "Ruang tunggu perlu kipas angin." in page
    assert "/admin/survey_response/new/" not in page
    assert "/admin/survey_response/edit/" not in page
    assert client.get("/admin/survey_response/new/").status_code == 302
    with db.connection_context():
        SurveyResponse.create(unit=org["dinas"], service=survey["lab"], source="paper",
                                           **{f"u{i}": 2 for i in range(1, 10)})
    # filters: by service (index 1) and by source (last)
    listing = client.get(f"/admin/survey_response/?flt0_1={survey['lab'].id}").get_data(as_text=True)
    assert "Laboratorium Kesehatan" in listing and "Ruang tunggu perlu kipas angin." not in listing
    by_source = client.get("/admin/survey_response/?flt0_5=paper").get_data(as_text=True)
    assert "Laboratorium Kesehatan" in by_source
    assert "Ruang tunggu perlu kipas angin." not in by_source  # the web answer
    export = client.get("/admin/survey_response/export/csv/").get_data(as_text=True)
    assert "SIP" in export and "LAB" in export


def test_a_unit_officer_reads_only_their_units_responses(client, auth, users, org, survey):
    with db.connection_context():
        service = Service.create(unit=org["kecamatan"], code="PATEN", name="PATEN Sukamaju")
        other = SurveyResponse.create(unit=org["kecamatan"], service=service,
                                      suggestion="Camat ramah sekali.",
                                      **{f"u{i}": 3 for i in range(1, 10)})
        User.update(unit=org["kecamatan"]).where(User.username == "petugas").execute()
    auth.login("petugas")
    page = client.get("/admin/survey_response/").get_data(as_text=True)
    assert "Camat ramah sekali." in page
    assert "Ruang tunggu perlu kipas angin." not in page
    export = client.get("/admin/survey_response/export/csv/").get_data(as_text=True)
    assert "PATEN" in export and "SIP" not in export
    hidden = client.get(f"/admin/survey_response/details/?id={survey['response'].id}")
    assert hidden.status_code == 302
    shown = client.get(f"/admin/survey_response/details/?id={other.id}")
    assert shown.status_code == 200 and "Camat ramah sekali." in shown.get_data(as_text=True)
    assert client.get("/admin/survey_ikm/").status_code in (403, 404)
    assert client.get("/admin/survey/ikm/").status_code == 403


def test_the_coordinator_reads_every_unit(client, auth, users, org, survey):
    auth.login("petugas")
    assert "Ruang tunggu perlu kipas angin." in client.get("/admin/survey_response/").get_data(
        as_text=True)


def test_population_per_unit_and_year_once(client, auth, users, org, survey):
    auth.login("operator")
    url = "/admin/survey_population/new/"
    year = survey["population"].year
    data = {"unit": str(org["dinas"].id), "year": str(year), "population": "500",
            "csrf_token": form_token(client, url)}
    page = client.post(url, data=data).get_data(as_text=True)
    assert "sudah memiliki jumlah populasi untuk tahun tersebut" in page
    data.update(year=str(year - 1), csrf_token=form_token(client, url))
    assert client.post(url, data=data).status_code == 302
    with db.connection_context():
        assert ServicePopulation.get(ServicePopulation.year == year - 1).population == 500


def test_population_per_service_beside_the_units(client, auth, users, org, survey):
    auth.login("operator")
    url = "/admin/survey_population/new/"
    year = survey["population"].year
    with db.connection_context():
        other = Service.create(unit=org["kecamatan"], code="PATEN", name="PATEN")
    data = {"unit": str(org["dinas"].id), "service": str(other.id), "year": str(year),
            "population": "80", "csrf_token": form_token(client, url)}
    page = client.post(url, data=data).get_data(as_text=True)
    assert "Layanan itu milik unit lain." in page
    data.update(service=str(survey["sip"].id), csrf_token=form_token(client, url))
    assert client.post(url, data=data).status_code == 302  # beside the unit's own row
    data.update(population="90", csrf_token=form_token(client, url))
    page = client.post(url, data=data).get_data(as_text=True)
    assert "Layanan ini sudah memiliki jumlah pengguna untuk tahun tersebut." in page
    with db.connection_context():
        rows = {(p.service_id, p.population) for p in
                ServicePopulation.select().where(ServicePopulation.year == year)}
    assert rows == {(None, 300), (survey["sip"].id, 80)}
    listing = client.get("/admin/survey_population/").get_data(as_text=True)
    assert "(seluruh unit)" in listing and "Surat Izin Praktik" in listing
    # the service lookup names each service's unit and finds services by unit code
    found = client.get("/admin/survey_population/ajax/lookup/?name=service&query=kec").get_json()
    assert [label for _id, label in found] == ["KEC-01 · PATEN"]
    found = client.get("/admin/survey_population/ajax/lookup/?name=service&query=izin").get_json()
    assert [label for _id, label in found] == ["DINKES · Surat Izin Praktik"]


def test_the_ikm_page_shows_index_chart_table_and_suggestions(client, auth, users, org, survey):
    auth.login("operator")
    year = survey["response"].submitted_at.year
    page = client.get(f"/admin/survey/ikm/?unit={org['dinas'].id}&year={year}").get_data(
        as_text=True)
    # one answer: 4,3,3,4,3,3,4,3,3 → Σ = 30; 30 / 9 × 25 = 83.33
    assert "83,33" in page and "Baik" in page
    assert '<svg class="nrr-chart"' in page and 'role="img"' in page
    assert "Persyaratan" in page and "4,00" in page and "3,00" in page
    assert "169 responden untuk 300 pengguna layanan" in page
    assert "belum terpenuhi" in page
    assert "Ruang tunggu perlu kipas angin." in page
    assert "Laboratorium Kesehatan" in page  # the per-service table lists services without answers
    empty = client.get(f"/admin/survey/ikm/?unit={org['dinas'].id}&year=2001").get_data(
        as_text=True)
    assert "Belum ada jawaban pada tahun ini." in empty


def test_qr_codes_link_to_the_public_form(app, client, auth, users, org, survey):
    auth.login("admin")
    page = client.get(f"/admin/survey/qr/?unit={org['dinas'].id}").get_data(as_text=True)
    assert page.count('<svg') >= 2
    assert "http://localhost/survei/DINKES/SIP" in page
    assert "Bagaimana pelayanan kami?" in page
    app.config["PORTAL_BASE_URL"] = "https://lentera.example.go.id/"
    one = client.get(f"/admin/survey/qr/?unit={org['dinas'].id}&service={survey['sip'].id}")
    text = one.get_data(as_text=True)
    assert "https://lentera.example.go.id/survei/DINKES/SIP" in text
    assert "Laboratorium Kesehatan" not in text


def test_a_service_with_answers_cannot_be_deleted(client, auth, users, org, survey):
    auth.login("admin")
    token = form_token(client, "/admin/survey_service/")
    client.post("/admin/survey_service/delete/", data={"id": str(survey["sip"].id),
                                                        "csrf_token": token, "confirmed": "1"})
    with db.connection_context():
        assert Service.select().where(Service.id == survey["sip"].id).exists()
