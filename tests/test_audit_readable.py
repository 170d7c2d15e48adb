"""The audit trail as an auditor reads it: imports with the rows they wrote, changes made
on the command line named by their command, and values as people know them (names,
Indonesian labels, Ya/Tidak, times in WIB to the second), on the page and in the export."""
import datetime
import re

from portal import audit, audit_display
from portal.db import db
from portal.models import MODELS, AuditEntry, ContentItem, CustomForm, Employee, Unit
from tests.test_audit import entries
from tests.test_imports import DEWI, EMP_HEADER, NEW_BOSS, NEW_STAFF, confirm, preview, xlsx

# kinds of record that are machinery, never changed by a person
UNAUDITED = {"AuditEntry", "CacheEntry", "RateLimitCounter"}


def audit_view(app):
    return next(v for v in app.extensions["admin"][0]._views if v.endpoint == "audit")


def test_a_spreadsheet_import_is_one_entry_with_the_rows_it_wrote_linked(app, client, auth,
                                                                         users, org):
    auth.login("operator")
    page, url = preview(client, "employees", xlsx(EMP_HEADER, [NEW_STAFF, NEW_BOSS, DEWI]),
                        "pegawai-maret.xlsx")
    assert confirm(client, url, page).status_code == 302
    [imported] = entries(action="import")
    assert (imported.username, imported.object_type, imported.object_label) == (
        "operator", "Employee", "pegawai-maret.xlsx")
    facts = {name: pair[1] for name, pair in imported.change_dict.items()}
    assert facts["kind"] == "employees"
    assert (facts["created"], facts["updated"], facts["unchanged"]) == (2, 1, 0)
    rows = entries(batch=imported.id)
    assert sorted(r.action for r in rows) == ["create", "create", "update"]
    assert {r.object_label for r in rows} >= {"Rina Handayani (19900315 201903 2 004)"}
    moved = next(r for r in rows if r.action == "update")
    assert moved.change_dict["position_title"][1] == "Perawat Ahli Pertama Puskesmas"

    # the import entry reads in Indonesian and links to the rows it wrote
    auth.logout()
    auth.login("admin")
    details = client.get(f"/admin/audit/details/?id={imported.id}").get_data(as_text=True)
    assert "Diimpor dari berkas" in details
    assert "Pegawai" in details and "pegawai-maret.xlsx" in details
    assert "<th scope=\"row\">Baris baru</th>" in details
    assert "Baris dari impor ini (3)" in details        # 2 new + 1 changed
    assert "Sebelum" not in details                      # nothing was there before an import
    view = audit_view(app)
    link = f"/admin/audit/?{view._import_filter_arg()}={imported.id}"
    assert link.replace("&", "&amp;") in details or link in details
    only_rows = client.get(link).get_data(as_text=True)
    assert "Rina Handayani" in only_rows and "Maya Sari" in only_rows
    assert "Kepala Dinas (" not in only_rows            # an entry of no import is left out
    # each row links back to its import, by the file's name
    row_page = client.get(f"/admin/audit/details/?id={moved.id}").get_data(as_text=True)
    assert "Impor pegawai-maret.xlsx" in row_page
    assert f"/admin/audit/details/?id={imported.id}" in row_page
    # the row's supervisor is named, not numbered
    created = next(r for r in rows if r.object_label.startswith("Rina"))
    created_page = client.get(f"/admin/audit/details/?id={created.id}").get_data(as_text=True)
    assert "Maya Sari (19850707 201001 2 003)" in created_page


def test_a_holiday_import_links_its_days(client, auth, users):
    from tests.test_holidays import GOOD, upload
    auth.login("operator")
    upload(client, GOOD, "libur-2026.csv")
    [imported] = entries(action="import")
    assert (imported.object_type, imported.object_label) == ("NonWorkingDay", "libur-2026.csv")
    assert imported.change_dict["created"] == [None, 3]
    days = entries(batch=imported.id)
    assert [d.action for d in days] == ["create"] * 3


def test_a_command_line_change_names_the_command(runner, users, survey, tmp_path, client,
                                                 auth):
    from tests.test_survey_import import GOOD
    path = tmp_path / "kuesioner-kertas.csv"
    path.write_text(GOOD, encoding="utf-8-sig")
    assert runner.invoke(args=["import-survey", str(path)]).exit_code == 0
    [entry] = entries(action="import")
    assert entry.username == "CLI (import-survey)"
    auth.login("operator")
    page = client.get("/admin/audit/").get_data(as_text=True)
    assert "CLI (import-survey)" in page and "Jawaban survei (formulir kertas)" in page


def test_values_read_as_people_know_them_on_the_page_and_in_the_export(app, client, auth,
                                                                       users, org):
    with db.connection_context():
        # a unit chosen by id, a form published, a guide created, at a known time (UTC)
        staff = Employee.get(Employee.nip == "199505052020122001")
        before = audit.snapshot(staff)
        staff.unit = Unit.get(Unit.code == "KEC-01")
        staff.active = False
        staff.save()
        moved = audit.record(audit.UPDATE, staff, before=before, after=audit.snapshot(staff),
                             user=users["operator"])
        form = CustomForm.create(title="Pendaftaran Lomba Desa")
        published = audit.transition(form, "status", "draft", "published", user=users["admin"])
        guide = ContentItem.create(kind="guide", title="Panduan SKP", slug="panduan-skp")
        created = audit.record(audit.CREATE, guide, user=users["operator"])
        AuditEntry.update(at=datetime.datetime(2026, 3, 1, 7, 5, 9, 654321)).where(
            AuditEntry.id == published.id).execute()
    auth.login("admin")
    page = client.get("/admin/audit/").get_data(as_text=True)
    assert "Unit kerja: Dinas Kesehatan → Kecamatan Sukamaju" in page
    assert "Aktif: Ya → Tidak" in page
    assert "Status: Draf → Terbit" in page
    cells = [" ".join(cell.split()) for cell in re.findall(
        r'<td class="col-object_type">(.*?)</td>', page, re.S)]
    assert "Formulir" in cells and "Konten" in cells and "Pegawai" in cells
    assert "Pendaftaran Lomba Desa" in page
    assert "Jenis: Panduan" in page
    assert "1 Mar 2026 14.05.09 WIB" in page                # 07:05:09 UTC, no microseconds
    assert "CustomForm" not in cells and "draft → published" not in page
    details = client.get(f"/admin/audit/details/?id={moved.id}").get_data(as_text=True)
    assert "<td class=\"audit-before\">Dinas Kesehatan</td>" in details
    assert "<td class=\"audit-after\">Kecamatan Sukamaju</td>" in details
    details = client.get(f"/admin/audit/details/?id={created.id}").get_data(as_text=True)
    assert "<td class=\"audit-after\">Panduan</td>" in details
    csv = client.get("/admin/audit/export/csv/").get_data(as_text=True)
    assert "Unit kerja: Dinas Kesehatan → Kecamatan Sukamaju" in csv
    assert "Status: Draf → Terbit" in csv and "Formulir" in csv
    assert "2026-03-01 14:05:09 WIB" in csv


def test_every_kind_of_record_a_person_changes_has_a_name():
    missing = {m.__name__ for m in MODELS} - UNAUDITED - set(audit_display.OBJECT_TYPE)
    assert not missing


def test_a_value_of_a_row_since_deleted_says_so(app, users, org):
    with app.test_request_context(headers={"Accept-Language": "id"}):
        with db.connection_context():
            entry = AuditEntry(action="update", object_type="Employee")
            assert audit_display.value(entry, "unit", org["dinas"].id) == "Dinas Kesehatan"
            assert audit_display.value(entry, "unit", 9999) == "data #9999, sudah dihapus"
            assert audit_display.value(entry, "active", 1) == "Ya"
            assert audit_display.value(entry, "jabatan_kind", "pelaksana") == \
                "Pelaksana"
            assert audit_display.value(entry, "name", None) == "—"
            assert audit_display.value(entry, "email", audit.HIDDEN) == "(disembunyikan)"
            realisation = AuditEntry(action="update", object_type="IndicatorRealisation")
            assert audit_display.value(realisation, "value", 92.5) == "92,5"
