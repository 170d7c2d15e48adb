"""Awards: recorded in the back office, printed as a certificate, listed in public."""
import datetime

from portal.db import db
from portal.models import Award
from portal.pdf.certificates import certificate_pdf
from tests.conftest import csrf_token


def token(client):
    return csrf_token(client.get("/admin/award/new/").get_data(as_text=True))


def test_award_needs_exactly_one_recipient(client, auth, users, org):
    auth.login("operator")
    base = {"kind": "certificate", "title": "Pegawai Teladan", "period": "Tahun 2025",
            "award_date": "2026-08-17", "reason": "Pelayanan imunisasi tanpa keluhan",
            "public": "y"}
    page = client.post("/admin/award/new/", data=dict(base, csrf_token=token(client))) \
        .get_data(as_text=True)
    assert "tepat satu" in page
    page = client.post("/admin/award/new/", data=dict(
        base, employee=org["staff"].id, unit=org["dinas"].id, csrf_token=token(client))) \
        .get_data(as_text=True)
    assert "tepat satu" in page
    response = client.post("/admin/award/new/", data=dict(
        base, employee=org["staff"].id, csrf_token=token(client)))
    assert response.status_code == 302
    with db.connection_context():
        award = Award.get()
        assert award.employee_id == org["staff"].id and award.created_by_id == users["operator"].id


def test_certificate_pdf_names_the_recipient_in_indonesian(app, org):
    with db.connection_context():
        award = Award.create(employee=org["staff"], title="Pegawai Teladan", period="Tahun 2025",
                             award_date=datetime.date(2026, 8, 17),
                             reason="Pelayanan imunisasi tanpa keluhan")
        unit_award = Award.create(unit=org["kecamatan"], title="Unit Pelayanan Terbaik",
                                  award_date=datetime.date(2026, 1, 5))
        data = certificate_pdf(award, "Kabupaten Contoh", "Lentera", compress=False)
        unit_data = certificate_pdf(unit_award, "Kabupaten Contoh", "Lentera", compress=False)
    assert data.startswith(b"%PDF")
    for text in (b"PIAGAM PENGHARGAAN", b"Dewi Lestari", b"NIP 19950505 202012 2 001",
                 b"17 Agustus 2026", b"PEMERINTAH KABUPATEN CONTOH", b"Pelayanan imunisasi"):
        assert text in data, text
    assert b"Kecamatan Sukamaju" in unit_data and b"5 Januari 2026" in unit_data


def test_certificate_is_downloaded_from_the_back_office(client, auth, users, org):
    with db.connection_context():
        award = Award.create(employee=org["staff"], title="Pegawai Teladan",
                             award_date=datetime.date(2026, 8, 17))
    auth.login("admin")
    assert "/admin/award/certificate/" in client.get("/admin/award/").get_data(as_text=True)
    response = client.get(f"/admin/award/certificate/{award.id}")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF")
    assert "piagam-1-Dewi-Lestari.pdf" in response.headers["Content-Disposition"]
    auth.logout()
    auth.login("pegawai")
    assert client.get(f"/admin/award/certificate/{award.id}").status_code == 403


def test_public_page_lists_only_public_awards(client, org):
    with db.connection_context():
        Award.create(employee=org["staff"], title="Pegawai Teladan", award_date="2026-08-17",
                     period="Tahun 2025")
        Award.create(unit=org["dinas"], title="Unit Pelayanan Prima", award_date="2026-03-01")
        Award.create(employee=org["boss"], title="Insentif Rahasia", award_date="2026-02-01",
                     kind="incentive", public=False)
    page = client.get("/penghargaan").get_data(as_text=True)
    assert "Pegawai Teladan" in page and "Dewi Lestari" in page and "Dinas Kesehatan" in page
    assert "Unit Pelayanan Prima" in page and "17 Agu 2026" in page
    assert "Insentif Rahasia" not in page and "Siti Rahmawati" not in page
    assert "19950505" not in page    # no NIP on the public page
