"""The public home page: the unit directory."""
from portal.db import db
from portal.models import Unit


def test_home_lists_units_by_kind_with_headcount(client, org):
    page = client.get("/").get_data(as_text=True)
    assert "Dinas Kesehatan" in page
    assert "Kecamatan Sukamaju" in page
    # three active employees in Dinas Kesehatan
    row = page.split('href="/unit/DINKES">Dinas Kesehatan</a>', 1)[1].split("</tr>", 1)[0]
    assert ">3<" in row


def test_home_search_filters_units(client, org):
    page = client.get("/?q=kesehatan").get_data(as_text=True)
    assert "Dinas Kesehatan" in page and "Kecamatan Sukamaju" not in page
    assert "1 unit" in page or "1 perangkat" in page.lower()


def test_home_search_with_no_match_explains(client, org):
    page = client.get("/?q=zzzz").get_data(as_text=True)
    assert "Tidak ada" in page


def test_empty_portal_says_so(client):
    page = client.get("/").get_data(as_text=True)
    assert "Belum ada" in page


def test_inactive_units_are_not_published(client, org):
    with db.connection_context():
        Unit.update(active=False).where(Unit.code == "KEC-01").execute()
    assert "Kecamatan Sukamaju" not in client.get("/").get_data(as_text=True)


def test_search_text_is_escaped(client, org):
    page = client.get("/?q=<script>alert(1)</script>").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/tidak-ada")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.get_data(as_text=True)
