"""Managing units, employees and accounts in the back office."""
from portal.db import db
from portal.models import Employee, Unit, User
from tests.conftest import csrf_token


def form_token(client, url):
    return csrf_token(client.get(url).get_data(as_text=True))


def employee_form(org, **overrides):
    data = {"nip": "19900315 201903 2 004", "name": "Rina Handayani", "employment_type": "pns",
            "golongan": "III/b", "jabatan_kind": "pelaksana",
            "position_title": "Operator Layanan Dokumen", "unit": str(org["dinas"].id),
            "supervisor": str(org["boss"].id), "email": "", "active": "y"}
    data.update(overrides)
    return data


def test_operator_adds_an_employee_with_a_valid_nip(client, auth, users, org):
    auth.login("operator")
    data = employee_form(org, csrf_token=form_token(client, "/admin/employee/new/"))
    response = client.post("/admin/employee/new/", data=data, follow_redirects=True)
    assert response.status_code == 200
    with db.connection_context():
        rina = Employee.get(Employee.name == "Rina Handayani")
        assert rina.nip == "199003152019032004"
        assert rina.supervisor_id == org["boss"].id
    assert "19900315 201903 2 004" in client.get("/admin/employee/").get_data(as_text=True)


def test_a_bad_nip_is_explained_and_nothing_is_saved(client, auth, users, org):
    auth.login("operator")
    data = employee_form(org, nip="19900231 201903 2 004",
                         csrf_token=form_token(client, "/admin/employee/new/"))
    page = client.post("/admin/employee/new/", data=data).get_data(as_text=True)
    assert "tanggal lahir yang valid" in page
    assert "Rina Handayani" in page  # the form keeps what was typed
    with db.connection_context():
        assert not Employee.select().where(Employee.name == "Rina Handayani").exists()


def test_pppk_without_golongan_and_pns_without_golongan(client, auth, users, org):
    auth.login("operator")
    data = employee_form(org, golongan="", csrf_token=form_token(client, "/admin/employee/new/"))
    page = client.post("/admin/employee/new/", data=data, follow_redirects=True).get_data(as_text=True)
    assert "golongan" in page.lower()
    with db.connection_context():
        assert not Employee.select().where(Employee.name == "Rina Handayani").exists()
    data = employee_form(org, golongan="", employment_type="pppk", nip="199003152021212004",
                         csrf_token=form_token(client, "/admin/employee/new/"))
    client.post("/admin/employee/new/", data=data)
    with db.connection_context():
        assert Employee.get(Employee.name == "Rina Handayani").golongan is None


def test_supervisor_loops_are_refused(client, auth, users, org):
    auth.login("operator")
    boss = org["boss"]
    url = f"/admin/employee/edit/?id={boss.id}"
    data = employee_form(org, nip=boss.nip, name=boss.name, golongan="III/d",
                         jabatan_kind="pengawas", supervisor=str(org["staff"].id),
                         csrf_token=form_token(client, url))
    page = client.post(url, data=data, follow_redirects=True).get_data(as_text=True)
    assert "tidak dapat menjadi atasan" in page or "bawahan" in page
    with db.connection_context():
        assert Employee.get_by_id(boss.id).supervisor_id == org["head"].id


def test_kelurahan_must_sit_under_a_kecamatan(client, auth, users, org):
    auth.login("operator")
    token = form_token(client, "/admin/unit/new/")
    client.post("/admin/unit/new/", data={"code": "kel-x", "name": "Kelurahan X", "kind": "kelurahan",
                                          "parent": str(org["dinas"].id), "active": "y",
                                          "csrf_token": token})
    with db.connection_context():
        assert not Unit.select().where(Unit.code == "KEL-X").exists()
    client.post("/admin/unit/new/", data={"code": "kel-x", "name": "Kelurahan X", "kind": "kelurahan",
                                          "parent": str(org["kecamatan"].id), "active": "y",
                                          "csrf_token": form_token(client, "/admin/unit/new/")})
    with db.connection_context():
        assert Unit.get(Unit.code == "KEL-X").parent_id == org["kecamatan"].id


def test_admin_forms_require_the_csrf_token(client, auth, users, org):
    auth.login("operator")
    page = client.post("/admin/unit/new/", data={"code": "BARU", "name": "Badan Baru",
                                                 "kind": "badan", "active": "y"}).get_data(as_text=True)
    # refused before the view runs, with the reason in Indonesian
    assert "kedaluwarsa" in page
    with db.connection_context():
        assert not Unit.select().where(Unit.code == "BARU").exists()


def test_employee_search_and_export(client, auth, users, org):
    auth.login("operator")
    page = client.get("/admin/employee/?search=Dewi").get_data(as_text=True)
    assert "19950505 202012 2 001" in page            # Dewi Lestari's row
    assert "19800101 200501 1 002" not in page        # Siti Rahmawati's row is filtered out
    csv = client.get("/admin/employee/export/csv/").get_data(as_text=True)
    assert "199505052020122001" in csv


def test_admin_creates_an_account_with_a_hashed_password(client, auth, users, org):
    auth.login("admin")
    token = form_token(client, "/admin/account/new/")
    client.post("/admin/account/new/", data={
        "username": "dewi", "display_name": "Dewi Lestari", "role": "pegawai",
        "employee": str(org["staff"].id), "active": "y", "new_password": "Puskesmas-2026!",
        "csrf_token": token})
    with db.connection_context():
        dewi = User.get(User.username == "dewi")
        assert dewi.password_hash.startswith("scrypt:")
        assert dewi.check_password("Puskesmas-2026!")
    assert auth.logout().status_code == 302
    assert auth.login("dewi", "Puskesmas-2026!").status_code == 302


def test_a_weak_password_is_refused_for_a_new_account(client, auth, users, org):
    auth.login("admin")
    page = client.post("/admin/account/new/", data={
        "username": "lemah", "role": "admin", "active": "y", "new_password": "123",
        "csrf_token": form_token(client, "/admin/account/new/")},
        follow_redirects=True).get_data(as_text=True)
    assert "10" in page
    with db.connection_context():
        assert not User.select().where(User.username == "lemah").exists()


def test_admin_cannot_lock_themselves_out(client, auth, users):
    auth.login("admin")
    me = users["admin"]
    url = f"/admin/account/edit/?id={me.id}"
    client.post(url, data={"username": "admin", "display_name": "Admin", "role": "pegawai",
                           "active": "y", "csrf_token": form_token(client, url)})
    with db.connection_context():
        assert User.get_by_id(me.id).role == "admin"


def test_unlock_action(client, auth, users):
    with db.connection_context():
        user = User.get(User.username == "pegawai")
        user.record_failure(1, 15)
        assert user.locked_for()
    auth.login("admin")
    client.post("/admin/account/action/", data={
        "action": "unlock", "rowid": str(user.id),
        "csrf_token": form_token(client, "/admin/account/")})
    with db.connection_context():
        assert User.get_by_id(user.id).locked_for() is None
