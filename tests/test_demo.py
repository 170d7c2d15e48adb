"""The demo kabupaten."""
from portal.db import db
from portal.demo import build
from portal.models import Employee, Unit, User
from portal.rules.nip import parse_nip


def test_demo_data_builds_a_kabupaten_with_one_account_per_role(runner, app):
    result = runner.invoke(args=["demo-data", "--password", "demo-sandi-123", "--seed", "7"])
    assert result.exit_code == 0, result.output
    with db.connection_context():
        assert Unit.select().count() >= 12
        kinds = {u.kind for u in Unit.select()}
        assert {"dinas", "badan", "kecamatan", "kelurahan", "inspektorat"} <= kinds
        for kel in Unit.select().where(Unit.kind == "kelurahan"):
            assert kel.parent.kind == "kecamatan"
        assert Unit.get(Unit.code == "DINKES").name == "Dinas Kesehatan"
        assert Unit.get(Unit.code == "DISDUKCAPIL") and Unit.get(Unit.code == "BPBD")
        employees = list(Employee.select())
        assert len(employees) > 100
        for e in employees:
            parse_nip(e.nip, check_tmt=e.employment_type == "pns")
            assert (e.golongan is None) == (e.employment_type == "pppk")
        users = {u.username: u for u in User.select()}
        assert set(users) == {"admin", "operator", "penilai", "pegawai", "petugas"}
        assert users["pegawai"].employee.supervisor_id == users["penilai"].employee_id
        assert users["penilai"].employee.subordinates.count() >= 1
        assert users["petugas"].role == "petugas_pengaduan" and users["petugas"].is_coordinator
        assert users["admin"].check_password("demo-sandi-123")
    assert "demo-sandi-123" in result.output
    assert "penilai" in result.output


def test_demo_data_refuses_a_database_with_data(runner, app, org):
    result = runner.invoke(args=["demo-data", "--password", "demo-sandi-123"])
    assert result.exit_code != 0
    skipped = runner.invoke(args=["demo-data", "--if-empty"])
    assert skipped.exit_code == 0
    with db.connection_context():
        assert User.select().count() == 0


def test_generated_password_is_printed_and_kept_in_the_instance(runner, app, tmp_path):
    result = runner.invoke(args=["demo-data"])
    assert result.exit_code == 0, result.output
    saved = (tmp_path / "instance" / "demo_accounts.txt").read_text()
    password = saved.split("(")[1].split(":", 1)[1].split(")")[0].strip()
    assert password in result.output
    with db.connection_context():
        assert User.get(User.username == "operator").check_password(password)


def test_same_seed_same_kabupaten():
    a, b, c = build("small", seed=1), build("small", seed=1), build("small", seed=2)
    assert [p["nip"] for p in a.people] == [p["nip"] for p in b.people]
    assert [p["name"] for p in a.people] != [p["name"] for p in c.people]


def test_large_scale_has_at_least_50_units_and_10000_employees(runner, app):
    result = runner.invoke(args=["demo-data", "--scale", "large", "--password", "demo-sandi-123"])
    assert result.exit_code == 0, result.output
    with db.connection_context():
        assert Unit.select().count() >= 50
        assert Employee.select().count() >= 10_000
        assert len({e.nip for e in Employee.select(Employee.nip)}) == Employee.select().count()


def test_demo_data_brings_guides_news_a_pending_item_and_awards(runner, app, client):
    from portal.models import Award, ContentItem
    result = runner.invoke(args=["demo-data", "--password", "demo-sandi-123"])
    assert result.exit_code == 0, result.output
    with db.connection_context():
        states = {i.slug: i.state for i in ContentItem.select()}
        assert states["memahami-skp"] == "published" and states["panduan-bukti-dukung"] == "pending"
        assert ContentItem.select().where(ContentItem.kind == "news").count() >= 2
        assert Award.select().where(Award.unit.is_null(False)).count() == 1
        assert Award.select().where(Award.employee.is_null(False)).count() >= 3
    page = client.get("/materi/memahami-skp").get_data(as_text=True)
    assert "Rencana Hasil Kerja" in page and "Sangat Baik" in page and "BerAKHLAK" in page
    page = client.get("/materi/memahami-skm-dan-ikm").get_data(as_text=True)
    assert "Penanganan pengaduan" in page and "80,56" in page
    assert "Unit Pelayanan Publik Terbaik" in client.get("/penghargaan").get_data(as_text=True)
