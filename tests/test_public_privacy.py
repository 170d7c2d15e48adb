"""Privacy of the public site: crawl every page and API answer reachable from the
home page of the demo kabupaten (plus the open-data endpoints its docs name) and
check that nothing personal leaks — no employee's own predikat, no NIP, no
complainant's name or e-mail, nothing of a confidential (rahasia) complaint."""
import csv
import datetime
import io
import json
import re
from urllib.parse import urljoin, urlsplit

from portal.db import db
from portal.models import Award, Complaint, Employee, Skp
from portal.rules import skp_workflow

MAX_PAGES = 250
HREF = re.compile(r'href="([^"#]+)"')
SKIP = ("/login", "/logout", "/admin", "/static/", "/language/")


def crawl(client):
    """(url, text) of every GET page reachable from "/", same site, bounded."""
    seen, queue, pages = set(), ["/"], []
    doc = client.get("/api/v1/openapi.json").get_json()
    for path in doc["paths"]:
        if "{" not in path:
            queue.append(path)
    while queue and len(pages) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code < 500, url
        if response.status_code != 200:
            continue
        text = response.get_data(as_text=True)
        pages.append((url, text))
        if response.mimetype == "text/html":
            for href in HREF.findall(text):
                href = href.replace("&amp;", "&")
                target = urlsplit(urljoin(url, href))
                if target.netloc not in ("", "localhost"):
                    continue
                path = target.path + (f"?{target.query}" if target.query else "")
                if path.startswith(SKIP) or path in seen:
                    continue
                queue.append(path)
    return pages


def test_no_personal_data_on_any_public_page(runner, client, app):
    result = runner.invoke(args=["demo-data", "--password", "demo-sandi-123",
                                 "--survey-responses", "300"])
    assert result.exit_code == 0, result.output
    with db.connection_context():
        units = [code for (code,) in Employee.select(Employee.unit).distinct().tuples()]
        awarded = {e.name for e in Employee.select().join(Award, on=(Award.employee == Employee.id))
                   .where(Award.public == True)}  # noqa: E712
        rated = list(Skp.select(Skp, Employee).join(Employee)
                     .where(Skp.state == skp_workflow.FINAL, Skp.predikat.is_null(False)))
        employees = list(Employee.select())
        complaints = list(Complaint.select())
        secrets = [c for c in complaints if c.confidential]
    assert units and rated and complaints and secrets, "the demo data should have all of these"
    # reporters' comments on their satisfaction are never published
    with db.connection_context():
        rated_complaints = [c for c in complaints if c.satisfaction is not None]
        assert rated_complaints, "the demo data should have rated complaints"
        comments = {}
        for index, complaint in enumerate(rated_complaints[:20]):
            comments[complaint.id] = f"Komentar kepuasan pribadi nomor {index:03d}"
            Complaint.update(satisfaction_comment=comments[complaint.id]) \
                .where(Complaint.id == complaint.id).execute()

    # the demo's titles repeat (a topic at a place): a public report may carry the same
    # words as a confidential one, so each confidential report gets words of its own
    with db.connection_context():
        for index, secret in enumerate(secrets):
            secret.title = f"Laporan rahasia nomor {index:03d}"
            secret.description = f"Isi laporan rahasia nomor {index:03d} tidak untuk umum"
            Complaint.update(title=secret.title, description=secret.description) \
                .where(Complaint.id == secret.id).execute()
    # a confidential report has no public page, not even by its number
    for secret in secrets:
        assert client.get(f"/pengaduan/laporan/{secret.id}").status_code == 404

    pages = crawl(client)
    urls = {url for url, _ in pages}
    assert any(url.startswith("/unit/") for url in urls), "the report cards are reachable"
    assert "/api/v1/units" in urls and "/kriteria" in urls
    # every report card's JSON twin, which the card links to
    assert any(url.startswith("/api/v1/units/") and "/report" in url for url in urls)
    # the open-data page and every CSV file it lists
    year = datetime.date.today().year
    assert {"/api/v1/docs", f"/data/complaints-{year}.csv", f"/data/report-{year}.csv",
            f"/data/ikm-{year}.csv", "/data/units.csv"} <= urls

    reporter_names = {c.reporter_name for c in complaints if len(c.reporter_name) > 3}
    reporter_emails = {c.reporter_email for c in complaints if c.reporter_email}
    secret_texts = {c.description for c in secrets} | {c.title for c in secrets}
    nips = {e.nip for e in employees}
    names_not_awarded = {e.name for e in employees} - awarded
    for url, text in pages:
        for nip in nips:
            assert nip not in text, f"a NIP on {url}"
        for name in names_not_awarded:
            assert name not in text, f"employee {name} named on {url}"
        for name in reporter_names - awarded:
            assert name not in text, f"complainant {name} named on {url}"
        for email in reporter_emails:
            assert email not in text, f"complainant e-mail on {url}"
        for secret in secret_texts:
            assert secret not in text, f"confidential complaint text on {url}"
        assert "Komentar kepuasan pribadi" not in text, f"a reporter's comment on {url}"
        if url.startswith("/api/v1/units/") and "/report" in url:
            data = json.loads(text)
            minimum = data["predikat_min_group"]
            assert all(n is None or n >= minimum for n in data["predikat"].values()), url
            for value in [data["complaint_satisfaction"], *data["complaint_satisfaction_by_year"]]:
                if value["responses"] < minimum:
                    assert value["average"] is None and value["satisfied_pct"] is None, url
            assert isinstance(data["ikm_services"], list), url
        if url.startswith("/data/report-"):
            minimum = app.config["PUBLISH_MIN_GROUP"]
            rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
            assert rows, url
            for row in rows:
                for column, value in row.items():
                    if column.startswith("predikat_") and value:
                        assert int(value) >= minimum, (url, row["unit_code"], column)
                if int(row["satisfaction_responses"]) < minimum:
                    assert row["satisfaction_average"] == "", (url, row["unit_code"])
        if url.startswith("/data/complaints-"):
            minimum = app.config["PUBLISH_MIN_GROUP"]
            for row in csv.DictReader(io.StringIO(text.lstrip("\ufeff"))):
                if int(row["satisfaction_responses"]) < minimum:
                    assert row["satisfaction_average"] == "", (url, row["unit_code"])
