"""The SKP cycle over HTTP: plan, submit, return, approve, evaluate, finalise, reopen;
row-level access with SKP ids typed by hand; evidence files; the distribution page."""
import io
import os
import zipfile

import pytest

from portal.db import db
from portal.models import Employee, Evidence, Period, Rhk, Skp, SkpEvent, User
from tests.conftest import csrf_token

YEAR = 2026


@pytest.fixture
def periods(app):
    with db.connection_context():
        made = {q: Period.create(year=YEAR, quarter=q) for q in (1, 2, 3, 4)}
        made["annual"] = Period.create(year=YEAR)
    return made


@pytest.fixture
def others(org, password_hash):
    """A second employee under the same head (not under penilai), and the head's account."""
    with db.connection_context():
        other = Employee.create(nip="199001012015031003", name="Budi Santoso", golongan="III/b",
                                jabatan_kind="pelaksana", position_title="Pengelola Data",
                                unit=org["dinas"], supervisor=org["head"])
        User.create(username="lain", role="pegawai", employee=other,
                    password_hash=password_hash, display_name="Budi")
        User.create(username="kadis", role="penilai", employee=org["head"],
                    password_hash=password_hash, display_name="Kadis")
    return {"other": other}


def token(client, url="/admin/skp/"):
    return csrf_token(client.get(url).get_data(as_text=True))


def post(client, url, data=None, page="/admin/skp/", **kwargs):
    data = dict(data or {})
    data["csrf_token"] = token(client, page)
    data.setdefault("confirmed", "1")  # as the confirmation page posts it
    return client.post(url, data=data, **kwargs)


def make_skp(employee, state="draft", appraiser=None):
    with db.connection_context():
        skp = Skp.create(employee=employee, year=YEAR, state=state,
                         appraiser=appraiser or employee.supervisor_id)
        Rhk.create(skp=skp, kind="utama", text="Pelayanan pasien rawat jalan")
    return skp


def state_of(skp):
    with db.connection_context():
        return Skp.get_by_id(skp.id).state


def test_the_whole_cycle_over_http(client, auth, users, org, periods):
    auth.login("pegawai")
    response = post(client, "/admin/skp/create", {"year": YEAR})
    assert response.status_code == 302
    with db.connection_context():
        skp = Skp.get(Skp.employee == org["staff"])
        assert skp.state == "draft" and skp.appraiser_id == org["boss"].id
    base = f"/admin/skp/{skp.id}/"
    # submitting an empty plan is refused
    post(client, base + "action/submit", page=base)
    assert state_of(skp) == "draft"
    post(client, base + "rhk", {"kind": "utama", "text": "Jumlah pasien dilayani",
                                "parent_rhk": "0", "unit_indicator": "0"}, page=base)
    with db.connection_context():
        rhk = Rhk.get(Rhk.skp == skp)
    post(client, base + f"rhk/{rhk.id}/iki", {"aspect": "kuantitas",
                                              "indicator": "Pasien dilayani",
                                              "target_value": "1200", "target_unit": "pasien"},
         page=base)
    page = client.get(base).get_data(as_text=True)
    assert "Jumlah pasien dilayani" in page and "Pasien dilayani" in page and "1.200" in page
    post(client, base + "action/submit", page=base)
    assert state_of(skp) == "submitted"
    # the employee cannot approve their own SKP
    assert post(client, base + "action/approve", page=base).status_code == 403
    auth.logout()

    auth.login("penilai")
    page = client.get(base).get_data(as_text=True)
    assert "Kembalikan dengan alasan" in page and "Setujui" in page
    response = post(client, base + "action/return", {"reason": " "}, page=base,
                    follow_redirects=True)
    assert "Mohon berikan alasan." in response.get_data(as_text=True)
    assert state_of(skp) == "submitted"
    post(client, base + "action/return", {"reason": "Target belum terukur"}, page=base)
    assert state_of(skp) == "returned"
    auth.logout()

    auth.login("pegawai")
    assert "Target belum terukur" in client.get(base).get_data(as_text=True)
    post(client, base + "action/submit", page=base)
    auth.logout()

    auth.login("penilai")
    post(client, base + "action/approve", page=base)
    assert state_of(skp) == "approved"
    annual = periods["annual"]
    eval_url = base + f"evaluation/{annual.id}"
    response = post(client, eval_url, {
        f"rhk-{rhk.id}-realisation": "1.350 pasien", f"rhk-{rhk.id}-feedback": "Bagus",
        f"rhk-{rhk.id}-rating": "di_atas", "berorientasi_pelayanan-rating": "di_atas",
        "berorientasi_pelayanan-feedback": "Ramah", "hasil_kerja": "", "perilaku": "di_atas",
    }, page=eval_url, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Sangat Baik" in page
    assert state_of(skp) == "annual_evaluated"
    post(client, base + "action/finalise", page=base)
    assert state_of(skp) == "final"
    page = client.get(base).get_data(as_text=True)
    assert "Sangat Baik" in page and "terkunci" in page
    auth.logout()

    # locked: the employee cannot change the plan any more
    auth.login("pegawai")
    post(client, base + "rhk", {"kind": "utama", "text": "Sisipan", "parent_rhk": "0",
                                "unit_indicator": "0"}, page=base)
    with db.connection_context():
        assert Rhk.select().where(Rhk.skp == skp).count() == 1
    auth.logout()

    auth.login("admin")
    post(client, base + "action/reopen", {"reason": "Salah input realisasi"}, page=base)
    assert state_of(skp) == "annual_evaluated"
    with db.connection_context():
        events = [(e.action, e.to_state, e.reason) for e in
                  SkpEvent.select().where(SkpEvent.skp == skp).order_by(SkpEvent.id)]
        skp = Skp.get_by_id(skp.id)
    assert events[0][0] == "create"
    assert ("return", "returned", "Target belum terukur") in events
    assert events[-1] == ("reopen", "annual_evaluated", "Salah input realisasi")
    assert skp.predikat == "sangat_baik"


def test_quarterly_evaluation_moves_to_evaluated(client, auth, users, org, periods):
    skp = make_skp(org["staff"], "approved")
    auth.login("penilai")
    url = f"/admin/skp/{skp.id}/evaluation/{periods[1].id}"
    with db.connection_context():
        rhk = Rhk.get(Rhk.skp == skp)
    post(client, url, {f"rhk-{rhk.id}-rating": "di_bawah", "perilaku": "sesuai"}, page=url)
    assert state_of(skp) == "evaluated"
    assert "Butuh Perbaikan" in client.get(url).get_data(as_text=True)


def test_a_closed_period_cannot_be_evaluated(client, auth, users, org, periods):
    skp = make_skp(org["staff"], "approved")
    with db.connection_context():
        Period.update(open=False).where(Period.id == periods[1].id).execute()
    auth.login("penilai")
    url = f"/admin/skp/{skp.id}/evaluation/{periods[1].id}"
    assert client.get(url).status_code == 404
    assert post(client, url, {"perilaku": "sesuai"}).status_code == 404


def test_pegawai_sees_only_their_own_skp(client, auth, users, org, others):
    mine = make_skp(org["staff"], "submitted")
    theirs = make_skp(others["other"], "submitted")
    auth.login("pegawai")
    page = client.get("/admin/skp/").get_data(as_text=True)
    assert "Dewi Lestari" in page and "Budi Santoso" not in page
    assert client.get(f"/admin/skp/{mine.id}/").status_code == 200
    assert client.get(f"/admin/skp/{theirs.id}/").status_code == 404
    assert post(client, f"/admin/skp/{theirs.id}/action/submit").status_code == 404
    assert client.get(f"/admin/skp/{theirs.id}/evaluation/1").status_code == 404
    assert client.get("/admin/skp/999999/").status_code == 404


def test_penilai_sees_direct_subordinates_and_acts_only_on_them(client, auth, users, org, others):
    staff_skp = make_skp(org["staff"], "submitted")
    other_skp = make_skp(others["other"], "submitted")
    own_skp = make_skp(org["boss"], "submitted")
    auth.login("penilai")
    page = client.get("/admin/skp/").get_data(as_text=True)
    assert "Dewi Lestari" in page and "Budi Santoso" not in page
    assert client.get(f"/admin/skp/{other_skp.id}/").status_code == 404
    assert post(client, f"/admin/skp/{other_skp.id}/action/approve").status_code == 404
    # their own SKP: visible, but nobody approves their own
    assert client.get(f"/admin/skp/{own_skp.id}/").status_code == 200
    assert post(client, f"/admin/skp/{own_skp.id}/action/approve").status_code == 403
    assert state_of(own_skp) == "submitted"
    assert post(client, f"/admin/skp/{staff_skp.id}/action/approve").status_code == 302
    assert state_of(staff_skp) == "approved"


def test_second_level_reads_but_does_not_act(client, auth, users, org, others):
    staff_skp = make_skp(org["staff"], "submitted")
    auth.login("kadis")
    page = client.get(f"/admin/skp/{staff_skp.id}/").get_data(as_text=True)
    assert "Dewi Lestari" in page and "Setujui" not in page
    assert post(client, f"/admin/skp/{staff_skp.id}/action/approve").status_code == 403
    assert state_of(staff_skp) == "submitted"


def test_operator_sees_all_but_decides_nothing(client, auth, users, org, others):
    skp = make_skp(others["other"], "submitted")
    auth.login("operator")
    assert "Budi Santoso" in client.get("/admin/skp/").get_data(as_text=True)
    assert post(client, f"/admin/skp/{skp.id}/action/approve").status_code == 403
    assert post(client, f"/admin/skp/{skp.id}/action/return",
                {"reason": "x"}).status_code == 403
    assert state_of(skp) == "submitted"


def test_complaint_officers_have_no_skp_pages(client, auth, users, org):
    skp = make_skp(org["staff"])
    auth.login("petugas")
    assert client.get("/admin/skp/").status_code == 403
    assert client.get(f"/admin/skp/{skp.id}/").status_code == 403


def test_admin_reopen_needs_a_reason(client, auth, users, org):
    skp = make_skp(org["staff"], "final")
    auth.login("admin")
    post(client, f"/admin/skp/{skp.id}/action/reopen", {"reason": ""})
    assert state_of(skp) == "final"


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def upload(client, skp, period, name, content):
    url = f"/admin/skp/{skp.id}/evaluation/{period.id}"
    return client.post(url + "/evidence", data={
        "csrf_token": token(client), "file": (io.BytesIO(content), name)},
        content_type="multipart/form-data", follow_redirects=True)


def test_evidence_is_sniffed_limited_and_guarded(app, client, auth, users, org, others, periods):
    skp = make_skp(org["staff"], "approved")
    auth.login("pegawai")
    # the employee's own SKP links every open period's realisation, where the evidence goes
    detail = client.get(f"/admin/skp/{skp.id}/").get_data(as_text=True)
    assert f"/admin/skp/{skp.id}/realisation/{periods[1].id}" in detail
    assert "Isi realisasi" in detail
    page = upload(client, skp, periods[1], "laporan.pdf", PDF).get_data(as_text=True)
    assert "Bukti dukung diunggah." in page and "laporan.pdf" in page
    page = upload(client, skp, periods[1], "skrip.pdf", b"#!/bin/sh\necho hi\n")
    assert "Hanya PDF" in page.get_data(as_text=True)
    page = upload(client, skp, periods[1], "foto.png", PDF)  # wrong extension for its bytes
    assert "Hanya PDF" in page.get_data(as_text=True)
    app.config["SKP_UPLOAD_MAX_BYTES"] = 10
    assert "terlalu besar" in upload(client, skp, periods[1], "besar.pdf", PDF).get_data(
        as_text=True)
    with db.connection_context():
        items = list(Evidence.select())
    assert [e.filename for e in items] == ["laporan.pdf"]
    stored = os.path.join(app.instance_path, "uploads", "skp", items[0].stored_name)
    assert open(stored, "rb").read() == PDF
    response = client.get(f"/admin/skp/evidence/{items[0].id}")
    assert response.status_code == 200 and response.data == PDF
    assert "attachment" in response.headers["Content-Disposition"]
    auth.logout()
    auth.login("lain")
    assert client.get(f"/admin/skp/evidence/{items[0].id}").status_code == 404
    auth.logout()
    auth.login("penilai")
    assert client.get(f"/admin/skp/evidence/{items[0].id}").status_code == 200


def test_distribution_page_counts_and_warns(client, auth, users, org, others):
    from portal.models import UnitResult
    with db.connection_context():
        for employee in (org["staff"], others["other"], org["boss"]):
            skp = make_skp(employee, "final")
            skp.set_ratings("di_atas", "di_atas")
            skp.save()
        UnitResult.create(unit=org["dinas"], year=YEAR, capaian="baik")
    auth.login("operator")
    page = client.get(f"/admin/predikat-distribution/?year={YEAR}&unit={org['dinas'].id}")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "<svg" in text and "Dinas Kesehatan" in text
    # Baik: some Butuh Perbaikan/Kurang expected, none given
    assert "Peringatan" in text
    assert "paling sedikit satu pegawai dengan Butuh Perbaikan / Kurang/Misconduct (kini 0, 0,0 %)" \
        in text
    auth.logout()
    auth.login("pegawai")
    assert client.get("/admin/predikat-distribution/").status_code == 403


def test_dialog_kinerja_between_employee_and_appraiser(client, auth, users, org, others):
    from portal.models import DialogMessage
    skp = make_skp(org["staff"], "approved")
    base = f"/admin/skp/{skp.id}/"
    auth.login("pegawai")
    post(client, base + "dialog", {"body": "Mohon arahan untuk target triwulan II."}, page=base)
    auth.logout()
    auth.login("penilai")
    page = client.get(base).get_data(as_text=True)
    assert "Mohon arahan untuk target triwulan II." in page
    post(client, base + "dialog", {"body": "Fokus pada pasien rujukan."}, page=base)
    auth.logout()
    # the second level and the operator read, but do not write; strangers see nothing
    auth.login("kadis")
    assert "Fokus pada pasien rujukan." in client.get(base).get_data(as_text=True)
    assert post(client, base + "dialog", {"body": "x"}, page=base).status_code == 403
    auth.logout()
    auth.login("operator")
    assert post(client, base + "dialog", {"body": "x"}, page=base).status_code == 403
    auth.logout()
    auth.login("lain")
    assert post(client, base + "dialog", {"body": "x"}).status_code == 404
    with db.connection_context():
        assert [m.body for m in DialogMessage.select().order_by(DialogMessage.id)] == [
            "Mohon arahan untuk target triwulan II.", "Fokus pada pasien rujukan."]


def test_operator_finds_an_skp_by_name_or_nip(client, auth, users, org, others):
    make_skp(org["staff"])
    make_skp(others["other"])
    auth.login("operator")
    page = client.get("/admin/skp/?q=dewi").get_data(as_text=True)
    assert "Dewi Lestari" in page and "Budi Santoso" not in page
    page = client.get("/admin/skp/?q=19900101 2015").get_data(as_text=True)
    assert "Budi Santoso" in page and "Dewi Lestari" not in page


def test_operator_narrows_the_skp_list_to_one_unit(client, auth, users, org, others):
    make_skp(org["staff"])
    make_skp(others["other"])
    with db.connection_context():
        dinkes = org["dinas"].id
        Employee.update(unit=org["kecamatan"]).where(Employee.id == others["other"].id).execute()
    auth.login("operator")
    page = client.get("/admin/skp/").get_data(as_text=True)
    assert 'id="f-unit"' in page and "Dewi Lestari" in page and "Budi Santoso" in page
    page = client.get(f"/admin/skp/?unit={dinkes}").get_data(as_text=True)
    assert "Dewi Lestari" in page and "Budi Santoso" not in page
    assert f'<option value="{dinkes}" selected>Dinas Kesehatan</option>' in page


def test_office_documents_are_accepted_by_their_first_bytes(client, auth, users, org, periods):
    skp = make_skp(org["staff"], "approved")
    auth.login("pegawai")
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:  # the parts a real Word file has
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    docx = archive.getvalue()
    doc = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 60
    assert "Bukti dukung diunggah." in upload(client, skp, periods[2], "rekap.docx",
                                               docx).get_data(as_text=True)
    assert "Bukti dukung diunggah." in upload(client, skp, periods[2], "lama.xls",
                                               doc).get_data(as_text=True)
    assert "Hanya PDF" in upload(client, skp, periods[2], "rekap.exe", docx).get_data(
        as_text=True)
    with db.connection_context():
        assert sorted(e.content_type for e in Evidence.select()) == [
            "application/vnd.ms-excel",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"]


def test_a_unit_heads_evaluation_shows_the_units_result(client, auth, users, org, others,
                                                        periods):
    from portal.models import UnitResult
    with db.connection_context():
        UnitResult.create(unit=org["dinas"], year=YEAR, capaian="istimewa")
    skp = make_skp(org["boss"], "approved", appraiser=org["head"].id)
    with db.connection_context():
        # the section head as if heading a unit of their own: supervisor elsewhere
        Employee.update(supervisor=None).where(Employee.id == org["boss"].id).execute()
    auth.login("kadis")
    page = client.get(f"/admin/skp/{skp.id}/evaluation/{periods['annual'].id}")
    assert "mengikuti capaian kinerja organisasi (Istimewa)" in page.get_data(as_text=True)


@pytest.mark.parametrize("capaian, chosen, expected_hasil, expected_predikat", [
    ("istimewa", "di_bawah", "di_atas", "sangat_baik"),
    ("butuh_perbaikan", "di_atas", "di_bawah", "butuh_perbaikan"),
])
def test_a_unit_heads_hasil_kerja_follows_the_units_result(client, auth, users, org, others,
                                                           periods, capaian, chosen,
                                                           expected_hasil, expected_predikat):
    from portal.models import UnitResult
    with db.connection_context():
        UnitResult.create(unit=org["dinas"], year=YEAR, capaian=capaian)
        Employee.update(supervisor=None).where(Employee.id == org["boss"].id).execute()
    skp = make_skp(org["boss"], "approved", appraiser=org["head"].id)
    auth.login("kadis")
    url = f"/admin/skp/{skp.id}/evaluation/{periods['annual'].id}"
    page = client.get(url).get_data(as_text=True)
    assert 'name="hasil_kerja"' not in page  # nothing to choose: it follows the unit
    # a hand-made request choosing otherwise changes nothing
    post(client, url, {"hasil_kerja": chosen, "perilaku": "di_atas"}, page=url)
    with db.connection_context():
        saved = Skp.get_by_id(skp.id)
    assert (saved.hasil_kerja_rating, saved.predikat) == (expected_hasil, expected_predikat)


def test_a_quarter_and_a_unit_without_its_result_keep_the_appraisers_rating(
        client, auth, users, org, others, periods):
    from portal.models import Evaluation, UnitResult
    with db.connection_context():
        Employee.update(supervisor=None).where(Employee.id == org["boss"].id).execute()
        UnitResult.create(unit=org["dinas"], year=YEAR, capaian="istimewa")
    skp = make_skp(org["boss"], "approved", appraiser=org["head"].id)
    auth.login("kadis")
    quarter = f"/admin/skp/{skp.id}/evaluation/{periods[1].id}"
    page = client.get(quarter).get_data(as_text=True)
    assert 'name="hasil_kerja"' in page and "Ini berlaku untuk evaluasi tahunan." in page
    post(client, quarter, {"hasil_kerja": "sesuai", "perilaku": "sesuai"}, page=quarter)
    with db.connection_context():
        assert Evaluation.get(Evaluation.period == periods[1].id).hasil_kerja_rating == "sesuai"
        UnitResult.delete().execute()
    annual = f"/admin/skp/{skp.id}/evaluation/{periods['annual'].id}"
    post(client, annual, {"hasil_kerja": "sesuai", "perilaku": "sesuai"}, page=annual)
    with db.connection_context():
        assert Skp.get_by_id(skp.id).hasil_kerja_rating == "sesuai"


def test_the_appraiser_records_numbers_per_iki_and_sees_their_achievement(
        client, auth, users, org, periods):
    from portal.models import Evaluation, Iki, IkiRealisation
    skp = make_skp(org["staff"], "approved")
    with db.connection_context():
        rhk = Rhk.get(Rhk.skp == skp.id)
        served = Iki.create(rhk=rhk, aspect="kuantitas", indicator="Pasien dilayani",
                            target_value=1200, target_unit="pasien")
        days = Iki.create(rhk=rhk, aspect="waktu", indicator="Waktu rujukan",
                          target_value=3, target_unit="hari")
    auth.login("penilai")
    url = f"/admin/skp/{skp.id}/evaluation/{periods[2].id}"
    base = {f"rhk-{rhk.id}-rating": "sesuai", "perilaku": "sesuai"}
    # a word where a number belongs: said clearly, nothing saved
    page = post(client, url, {**base, f"iki-{served.id}-value": "banyak",
                              f"iki-{days.id}-value": "2"}, page=url,
                follow_redirects=True).get_data(as_text=True)
    assert "Tulis realisasi sebagai angka" in page and "Pasien dilayani" in page
    with db.connection_context():
        assert Evaluation.select().count() == 0
    # typed the Indonesian way; time is better when lower: (2 × 3 − 2) / 3 = 133,3 %
    page = post(client, url, {**base, f"iki-{served.id}-value": "1.350",
                              f"iki-{days.id}-value": "2"}, page=url,
                follow_redirects=True).get_data(as_text=True)
    with db.connection_context():
        values = {r.iki_id: r.value for r in IkiRealisation.select()}
    assert values == {served.id: 1350.0, days.id: 2.0}
    assert "112,5 %" in page and "133,3 %" in page
    assert 'value="1350"' in page  # shown again to correct, in a form the parser reads back


def test_a_missing_overall_rating_shows_the_form_again_as_typed(client, auth, users, org,
                                                                periods):
    from portal.models import Evaluation, Iki
    from portal.models.performance import BERAKHLAK
    skp = make_skp(org["staff"], "approved")
    with db.connection_context():
        rhk = Rhk.get(Rhk.skp == skp.id)
        served = Iki.create(rhk=rhk, aspect="kuantitas", indicator="Pasien dilayani",
                            target_value=1200, target_unit="pasien")
    auth.login("penilai")
    url = f"/admin/skp/{skp.id}/evaluation/{periods[1].id}"
    typed = {f"rhk-{rhk.id}-realisation": "Melayani 310 pasien",
             f"rhk-{rhk.id}-feedback": "Pertahankan & tingkatkan",
             f"rhk-{rhk.id}-rating": "sesuai", f"iki-{served.id}-value": "310",
             "hasil_kerja": "di_atas", "perilaku": "sesuai"}
    for value in BERAKHLAK:
        typed.update({f"{value}-rating": "di_atas", f"{value}-feedback": f"Umpan {value}",
                      f"{value}-special": f"Harapan {value}"})
    response = post(client, url, typed, page=url)
    assert response.status_code == 400  # shown again, not redirected
    page = response.get_data(as_text=True)
    assert "Melayani 310 pasien" in page and "Pertahankan &amp; tingkatkan" in page
    assert 'value="310"' in page
    for value in BERAKHLAK:
        assert f"Umpan {value}" in page and f"Harapan {value}" in page
    assert page.count('value="di_atas" selected') == len(BERAKHLAK) + 1  # + hasil kerja
    assert 'value="sesuai" selected' in page
    # seven values above expectation suggest "above": another rating needs its reason,
    # and the message sits next to the reason's field
    assert 'id="perilaku_reason-error"' in page
    assert 'aria-describedby="perilaku_reason-error"' in page
    assert "Tujuh nilai inti menyarankan Di atas ekspektasi" in page
    assert 'id="hasil_kerja-error"' not in page
    with db.connection_context():
        assert Evaluation.select().count() == 0
    assert state_of(skp) == "approved"
    # a word where a number belongs is kept too, with its message beside it
    response = post(client, url, {**typed, "perilaku_reason": "Sering terlambat apel pagi.",
                                  f"iki-{served.id}-value": "banyak"}, page=url)
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and 'value="banyak"' in page
    assert f'id="iki-{served.id}-value-error"' in page and "Melayani 310 pasien" in page
    assert state_of(skp) == "approved"


def test_the_appraisers_upload_keeps_the_evaluation_typed(client, auth, users, org, periods):
    """The evidence's upload button belongs to the evaluation form: what the appraiser
    typed is saved with the file (or shown again with what is missing), never lost."""
    from portal.models import Evaluation, Evidence
    skp = make_skp(org["staff"], "approved")
    with db.connection_context():
        rhk = Rhk.get(Rhk.skp == skp.id)
    auth.login("penilai")
    url = f"/admin/skp/{skp.id}/evaluation/{periods[1].id}"
    assert 'form="evaluation-form" formaction="%s/evidence"' % url in \
        client.get(url).get_data(as_text=True)
    # incomplete: the page comes back as typed, the file is uploaded
    response = post(client, url + "/evidence", {
        f"rhk-{rhk.id}-realisation": "Melayani 310 pasien", "perilaku": "",
        "file": (io.BytesIO(PDF), "rekap.pdf")}, page=url, content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "Melayani 310 pasien" in page and "rekap.pdf" in page
    # complete: saved with the second file
    post(client, url + "/evidence", {
        f"rhk-{rhk.id}-realisation": "Melayani 320 pasien", f"rhk-{rhk.id}-rating": "sesuai",
        "perilaku": "sesuai", "file": (io.BytesIO(PDF), "absensi.pdf")}, page=url,
        content_type="multipart/form-data")
    with db.connection_context():
        evaluation = Evaluation.get()
        assert [r.realisation for r in evaluation.results] == ["Melayani 320 pasien"]
        assert sorted(e.filename for e in Evidence.select()) == ["absensi.pdf", "rekap.pdf"]
