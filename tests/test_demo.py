"""The demo kabupaten."""
from portal.db import db
from portal.demo import build
from portal.models import Employee, Service, SurveyResponse, Unit, User
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
        assert {"admin", "operator", "penilai", "pegawai", "petugas"} <= set(users)
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
    # the million survey responses and 200,000 complaints of --scale large are benchmarked
    # by hand, not here
    app.config["DEMO_LARGE_COMPLAINTS"] = 500
    result = runner.invoke(args=["demo-data", "--scale", "large", "--password", "demo-sandi-123",
                                 "--survey-responses", "2000"])
    assert result.exit_code == 0, result.output
    with db.connection_context():
        assert Unit.select().count() >= 50
        assert Employee.select().count() >= 10_000
        assert len({e.nip for e in Employee.select(Employee.nip)}) == Employee.select().count()
        assert SurveyResponse.select().count() == 2000
        assert Service.select().join(Unit).where(Unit.code == "PKM-12").count() == 2


def test_demo_survey_gives_units_of_several_bands(app):
    from portal import demo, stats
    from portal.demo import survey as demo_survey
    from portal.models import Service, ServicePopulation, SurveyResponse
    with app.app_context(), db.connection_context():
        builder = demo.build("small", 11)
        builder.write()
        written = demo_survey.load("small", 11, count=4000)
        assert written == 4000 == SurveyResponse.select().count()
        disdukcapil = Service.select().join(Unit).where(Unit.code == "DISDUKCAPIL")
        assert {s.name for s in disdukcapil} >= {"KTP-el", "Kartu Keluarga", "Akta Kelahiran"}
        assert ServicePopulation.select().count() > 0
        year = SurveyResponse.select().order_by(SurveyResponse.submitted_at.desc()).get() \
            .submitted_at.year
        rows = [row for row in stats.ikm_all(year) if row["responses"]]
        assert {row["mutu"] for row in rows} >= {"A", "B", "C"}
        assert any(row["meets_minimum"] for row in rows)
        assert not all(row["meets_minimum"] for row in rows)


def test_demo_survey_is_deterministic(app):
    from portal import demo
    from portal.demo import survey as demo_survey
    from portal.models import SurveyResponse
    from tests.conftest import empty_tables
    answers = []
    with app.app_context(), db.connection_context():
        for _i in range(2):
            empty_tables()
            demo.build("small", 5).write()
            demo_survey.load("small", 5, count=300)
            answers.append([r.answers for r in SurveyResponse.select().order_by(SurveyResponse.id)])
    assert answers[0] == answers[1]


def test_demo_complaints_cover_every_state_with_their_history(runner, app):
    from portal.models import Complaint, ComplaintEvent
    from portal.rules import complaints as rules
    result = runner.invoke(args=["demo-data", "--password", "demo-sandi-123", "--seed", "7"])
    assert result.exit_code == 0, result.output
    assert "petugas-dinkes" in result.output
    with db.connection_context():
        states = {c.state for c in Complaint.select(Complaint.state)}
        assert states == set(rules.STATES)
        officer = User.get(User.username == "petugas-dinkes")
        assert officer.unit.code == "DINKES" and officer.check_password("demo-sandi-123")
        for complaint in Complaint.select().limit(40):
            path = [e.to_state for e in complaint.events.order_by(ComplaintEvent.created_at,
                                                                  ComplaintEvent.id)]
            assert path[0] == rules.RECEIVED and path[-1] == complaint.state
        assert len(set(Complaint.select(Complaint.tracking_id).tuples())) == \
            Complaint.select().count()
        closed = Complaint.select().where(Complaint.state == rules.CLOSED)
        assert closed.where(Complaint.satisfaction.is_null(False)).exists()


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
