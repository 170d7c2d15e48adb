"""Open data that portals harvest without a person: the DCAT catalogue (read by rdflib,
checked with a DCAT-AP-like SHACL shape by pyshacl), the Frictionless Data Package
(every CSV validated against its Table Schema by frictionless), the licence setting,
and the open-data page that lists every year and period with numbers."""
import datetime
import json
import pathlib
from urllib.parse import urlsplit

import frictionless
import pyshacl
import pytest
import rdflib
from rdflib import namespace as ns

from portal.db import db
from portal.models import Complaint, Service, SurveyResponse
from tests.complaint_helpers import make_complaint
from tests.conftest import csrf_token
from tests.test_transparency import YEAR, report  # noqa: F401  (the fixture)

OLD = YEAR - 2
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")  # its JSON-LD parser
IANA_CSV = rdflib.URIRef("https://www.iana.org/assignments/media-types/text/csv")
SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix ex: <http://example.org/shapes#> .
ex:Dataset a sh:NodeShape ; sh:targetClass dcat:Dataset ;
  sh:property [ sh:path dct:title ; sh:minCount 1 ] ;
  sh:property [ sh:path dct:description ; sh:minCount 1 ] ;
  sh:property [ sh:path dcat:distribution ; sh:minCount 1 ; sh:class dcat:Distribution ] ;
  sh:property [ sh:path dct:license ; sh:minCount 1 ; sh:nodeKind sh:IRI ] ;
  sh:property [ sh:path dct:publisher ; sh:minCount 1 ] .
ex:Distribution a sh:NodeShape ; sh:targetClass dcat:Distribution ;
  sh:property [ sh:path dcat:accessURL ; sh:minCount 1 ; sh:nodeKind sh:IRI ] ;
  sh:property [ sh:path dcat:downloadURL ; sh:minCount 1 ; sh:nodeKind sh:IRI ] ;
  sh:property [ sh:path dcat:mediaType ; sh:minCount 1 ; sh:nodeKind sh:IRI ] .
"""


@pytest.fixture
def history(app, org, report):  # noqa: F811
    """Besides this year's numbers, a survey answer in May and a complaint of two years ago."""
    with db.connection_context():
        service = Service.get(Service.code == "SIP")
        SurveyResponse.create(unit=org["dinas"], service=service,
                              submitted_at=datetime.datetime(OLD, 5, 10, 3),
                              **{f"u{i}": 3 for i in range(1, 10)})
    old = make_complaint(app, unit=org["dinas"].id, reporter_name="Budi Pelapor",
                         reporter_email="budi.pelapor@contoh.id")
    with db.connection_context():
        Complaint.update(created_at=datetime.datetime(OLD, 7, 1, 2)) \
            .where(Complaint.id == old.id).execute()
    return report


def local(url):
    """The path of an absolute address the catalogue gives, for the test client."""
    return urlsplit(str(url)).path


def graph(client):
    response = client.get("/data/catalog.jsonld")
    assert response.status_code == 200 and response.mimetype == "application/ld+json"
    return rdflib.Graph().parse(data=response.get_data(as_text=True), format="json-ld")


def test_catalogue_is_dcat_that_a_harvester_reads(client, history):
    g = graph(client)
    datasets = {str(g.value(d, ns.DCTERMS.identifier)): d
                for d in g.subjects(ns.RDF.type, ns.DCAT.Dataset)}
    assert set(datasets) == {"units", "ikm", "complaints", "report"}
    ikm = datasets["ikm"]
    titles = {t.language: str(t) for t in g.objects(ikm, ns.DCTERMS.title)}
    assert titles == {"id": "Indeks Kepuasan Masyarakat (IKM) per perangkat daerah",
                      "en": "Community satisfaction index (IKM) per unit"}
    assert {d.language for d in g.objects(ikm, ns.DCTERMS.description)} == {"id", "en"}
    assert any(str(k) == "survei" for k in g.objects(ikm, ns.DCAT.keyword))
    assert g.value(ikm, ns.DCTERMS.license) == rdflib.URIRef(
        "https://creativecommons.org/licenses/by/4.0/")
    publisher = g.value(ikm, ns.DCTERMS.publisher)
    assert str(g.value(publisher, ns.FOAF.name)) == "Kabupaten Contoh"
    period = g.value(ikm, ns.DCTERMS.temporal)
    assert str(g.value(period, ns.DCAT.startDate)) == f"{OLD}-01-01"
    assert str(g.value(period, ns.DCAT.endDate)).startswith(str(YEAR))
    assert g.value(ikm, ns.DCTERMS.modified) and g.value(ikm, ns.DCTERMS.issued)
    # one file per year with answers: two years ago and this year, not the year between
    downloads = sorted(local(g.value(d, ns.DCAT.downloadURL))
                       for d in g.objects(ikm, ns.DCAT.distribution))
    assert downloads == [f"/data/ikm-{OLD}.csv", f"/data/ikm-{YEAR}.csv"]
    # every file of every dataset is CSV and is there
    distributions = list(g.subjects(ns.RDF.type, ns.DCAT.Distribution))
    assert len(distributions) == 1 + 2 + 2 + 2
    for distribution in distributions:
        assert g.value(distribution, ns.DCAT.mediaType) == IANA_CSV
        assert g.value(distribution, ns.DCTERMS.format) is not None
        url = g.value(distribution, ns.DCAT.downloadURL)
        assert str(url).startswith("http://localhost/data/")
        response = client.get(local(url))
        assert response.status_code == 200, url
        assert response.mimetype == "text/csv"


def test_catalogue_meets_the_dcat_ap_shape(client, history):
    conforms, _, text = pyshacl.validate(graph(client), shacl_graph=SHAPES,
                                         shacl_graph_format="turtle", inference="none")
    assert conforms, text


def test_data_package_and_every_csv_are_valid(client, history, tmp_path):
    """frictionless validates the package and each CSV, fetched through the portal,
    against its Table Schema (types, primary key, missing values, header)."""
    package = client.get("/data/datapackage.json").get_json()
    assert package["profile"] == "tabular-data-package"
    assert package["licenses"] == [{"name": "CC-BY-4.0",
                                    "path": "https://creativecommons.org/licenses/by/4.0/",
                                    "title": "Creative Commons Attribution 4.0 International "
                                             "(CC BY 4.0)"}]
    names = [resource["name"] for resource in package["resources"]]
    assert names == ["units", f"ikm-{OLD}", f"ikm-{YEAR}", f"complaints-{OLD}",
                     f"complaints-{YEAR}", f"report-{OLD}", f"report-{YEAR}"]
    for resource in package["resources"]:
        response = client.get(local(resource["path"]))
        assert response.status_code == 200
        name = pathlib.PurePosixPath(local(resource["path"])).name
        (tmp_path / name).write_bytes(response.get_data())
        resource["path"] = name
        # the header the portal writes is the schema's, in order
        header = response.get_data(as_text=True).lstrip("\ufeff").split("\r\n", 1)[0]
        assert header.split(",") == [field["name"] for field in resource["schema"]["fields"]]
    (tmp_path / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.to_summary()
    assert [task.name for task in report.tasks] == names
    rows = {task.name: task.stats["rows"] for task in report.tasks}
    assert rows["units"] == 2 and rows[f"ikm-{YEAR}"] == 2


def test_the_numbers_in_the_files_have_their_units(client, history):
    package = client.get("/data/datapackage.json").get_json()
    fields = {f["name"]: f for f in next(r for r in package["resources"]
                                         if r["name"] == f"complaints-{YEAR}")["schema"]["fields"]}
    assert fields["within_time_limit_pct"]["unit"] == "%"
    assert fields["median_days_to_resolve"]["unit"] == "days"
    assert "[days]" in fields["median_days_to_resolve"]["description"]
    assert next(r for r in package["resources"]
                if r["name"] == f"report-{YEAR}")["schema"]["primaryKey"] == ["year", "unit_code"]


def test_no_personal_data_in_any_dataset(client, history):
    texts = [client.get("/data/catalog.jsonld").get_data(as_text=True),
             client.get("/data/datapackage.json").get_data(as_text=True)]
    for resource in client.get("/data/datapackage.json").get_json()["resources"]:
        texts.append(client.get(local(resource["path"])).get_data(as_text=True))
    everything = "\n".join(texts)
    for personal in ("Budi Pelapor", "budi.pelapor@contoh.id", "Rina Rahasia",
                     "rina.rahasia@contoh.id", "Pegawai Nomor", "Dewi Lestari",
                     "199505052020122001", "Pungutan liar"):
        assert personal not in everything, personal


def test_licence_setting_changes_the_catalogue_the_package_and_the_page(app, client, history):
    app.config["OPEN_DATA_LICENCE"] = {
        "id": "ODbL-1.0", "title": "Open Data Commons Open Database License (ODbL)",
        "url": "https://opendatacommons.org/licenses/odbl/1-0/"}
    g = graph(client)
    licences = set(g.objects(None, ns.DCTERMS.license))
    assert licences == {rdflib.URIRef("https://opendatacommons.org/licenses/odbl/1-0/")}
    package = client.get("/data/datapackage.json").get_json()
    assert package["licenses"][0]["name"] == "ODbL-1.0"
    page = client.get("/api/v1/docs").get_data(as_text=True)
    assert ('<a rel="license" href="https://opendatacommons.org/licenses/odbl/1-0/">'
            "Open Data Commons Open Database License (ODbL)</a>") in page
    assert "creativecommons.org" not in page


@pytest.mark.parametrize("licence", [
    "CC BY 4.0", {"title": "CC BY 4.0"}, {"title": "", "url": "https://example.org/"},
    {"title": "CC BY", "url": "creativecommons.org/licenses/by/4.0/"},
    {"title": "CC BY", "url": "https://creativecommons.org/", "id": "CC BY"},
    {"title": "CC BY", "url": "https://creativecommons.org/", "licence": "x"},
])
def test_a_licence_the_catalogue_cannot_name_is_refused_at_start(tmp_path, database_url, licence):
    from portal import create_app
    with pytest.raises(ValueError, match="OPEN_DATA_LICENCE"):
        create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "x",
                    "INSTANCE_PATH": str(tmp_path / "instance"), "OPEN_DATA_LICENCE": licence})


def page_in(client, language):
    """The page after choosing the language with the page's own switch."""
    page = client.get("/api/v1/docs").get_data(as_text=True)
    client.post(f"/language/{language}", data={"csrf_token": csrf_token(page)})
    return client.get("/api/v1/docs").get_data(as_text=True)


def test_open_data_page_names_the_licence_and_every_year_with_data(client, history):
    page = client.get("/api/v1/docs").get_data(as_text=True)
    assert ('<a rel="license" href="https://creativecommons.org/licenses/by/4.0/">'
            "Creative Commons Attribution 4.0 International (CC BY 4.0)</a>") in page
    assert ('<link rel="alternate" type="application/ld+json" title="Katalog data '
            '(DCAT, JSON-LD)" href="/data/catalog.jsonld">') in page
    assert 'href="/data/datapackage.json"' in page
    years = page.split('id="years"', 1)[1].split("</section>", 1)[0]
    assert "Tahun dan periode yang memiliki data" in years
    rows = years.split("<h3>")[1:]
    assert [row[:4] for row in rows] == [str(YEAR), str(OLD)]
    this_year, old = rows
    assert "Januari–Maret, Triwulan I %d, Triwulan II %d" % (YEAR, YEAR) in this_year
    assert "Mei" in old and f"/data/complaints-{OLD}.csv" in old and "diterima" in old
    assert f"/data/ikm-{YEAR - 1}.csv" not in years  # the year between has no numbers


def test_open_data_page_is_entirely_in_the_visitors_language(client, history):
    indonesian = page_in(client, "id")
    for text in ("Lisensi:", "Katalog data", "Tahun dan periode yang memiliki data",
                 "Survei kepuasan (IKM)", "Berkas (CSV)", "dengan menyebut Kabupaten Contoh"):
        assert text in indonesian, text
    for english in ("Licence:", "Years and periods with data", "Files (CSV)", "Data catalogue"):
        assert english not in indonesian, english
    english = page_in(client, "en")
    assert "Years and periods with data" in english and "Licence:" in english
