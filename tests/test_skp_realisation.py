"""The employee's realisation over HTTP: she enters it with evidence, keeps a draft and
submits it; the appraiser sees it beside the target, returns it with a reason or
rates it; the year starts from the quarters; RHK and IKI are changed in place; the
start page lists what waits on both sides."""
import io

from portal.db import db
from portal.models import Evaluation, Evidence, Iki, IkiRealisation, Period, Rhk, Skp, User
from portal.models.base import utcnow
from portal.work_items import groups_for
from tests.test_skp import PDF, YEAR, make_skp, others, periods, post, token  # noqa: F401

__all__ = ["others", "periods"]


def plan(employee, state="approved", year=YEAR):
    """An SKP with one RHK and two numeric IKI (patients served, days to refer)."""
    with db.connection_context():
        skp = Skp.create(employee=employee, year=year, state=state,
                         appraiser=employee.supervisor_id)
        rhk = Rhk.create(skp=skp, kind="utama", text="Pelayanan pasien rawat jalan")
        served = Iki.create(rhk=rhk, aspect="kuantitas", indicator="Pasien dilayani",
                            target_value=1200, target_unit="pasien")
        days = Iki.create(rhk=rhk, aspect="waktu", indicator="Waktu rujukan",
                          target_value=3, target_unit="hari")
    return skp, rhk, served, days


def realisation_of(skp, period):
    with db.connection_context():
        return Evaluation.get_or_none(Evaluation.skp == skp.id, Evaluation.period == period.id)


def test_the_quarter_from_entry_to_rating(client, auth, users, org, periods):
    skp, rhk, served, days = plan(org["staff"])
    url = f"/admin/skp/{skp.id}/realisation/{periods[1].id}"
    eval_url = f"/admin/skp/{skp.id}/evaluation/{periods[1].id}"
    auth.login("pegawai")
    assert "Isi realisasi" in client.get(f"/admin/skp/{skp.id}/").get_data(as_text=True)
    typed = {f"rhk-{rhk.id}-realisation": "Melayani 310 pasien & 12 rujukan",
             f"iki-{served.id}-value": "banyak", f"iki-{days.id}-value": "2",
             "submit_realisation": "0", "file": (io.BytesIO(PDF), "rekap-tw1.pdf")}
    # a word where a number belongs: said in Indonesian beside the field, nothing lost,
    # and the file chosen is kept as evidence
    response = post(client, url, typed, page=url, content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Tulis sebagai angka, mis. 1.350 atau 97,5." in page
    assert f'id="iki-{served.id}-value-error"' in page and 'value="banyak"' in page
    assert "Melayani 310 pasien &amp; 12 rujukan" in page and "rekap-tw1.pdf" in page
    # a draft keeps what is there; submitting needs every number
    del typed["file"]
    typed[f"iki-{served.id}-value"] = ""
    post(client, url, typed, page=url)
    assert realisation_of(skp, periods[1]).realisation_state == "draft"
    response = post(client, url, {**typed, "submit_realisation": "1"}, page=url)
    assert response.status_code == 400
    assert "Sebelum mengajukan, isi realisasi untuk: Pasien dilayani." in \
        response.get_data(as_text=True)
    # the first press only asks (without the dialog's script: a page of its own)
    typed[f"iki-{served.id}-value"] = "310"
    response = client.post(url, data={**typed, "submit_realisation": "1",
                                      "csrf_token": token(client, url)})
    assert "akan diajukan kepada Siti Rahmawati" in response.get_data(as_text=True)
    assert realisation_of(skp, periods[1]).realisation_state == "draft"
    page = post(client, url, {**typed, "submit_realisation": "1"}, page=url,
                follow_redirects=True).get_data(as_text=True)
    assert "Realisasi telah diajukan kepada Siti Rahmawati" in page
    assert realisation_of(skp, periods[1]).realisation_state == "submitted"
    # locked for her now
    assert post(client, url, typed, page=url).status_code == 403
    auth.logout()

    auth.login("penilai")
    page = client.get(eval_url).get_data(as_text=True)
    # beside the target: the number, its achievement (time: lower is better) and evidence
    assert "Menunggu penilaian" in page and "Melayani 310 pasien &amp; 12 rujukan" in page
    assert "25,8 %" in page and "133,3 %" in page and "rekap-tw1.pdf" in page
    assert f'name="rhk-{rhk.id}-realisation"' not in page  # rated, not retyped
    return_url = f"/admin/skp/{skp.id}/realisation/{periods[1].id}/return"
    page = post(client, return_url, {"reason": " "}, page=eval_url,
                follow_redirects=True).get_data(as_text=True)
    assert "Mohon berikan alasan." in page
    post(client, return_url, {"reason": "Lampirkan register pasien."}, page=eval_url)
    assert realisation_of(skp, periods[1]).realisation_state == "returned"
    # no rating while it waits for her correction
    assert 'name="perilaku"' not in client.get(eval_url).get_data(as_text=True)
    auth.logout()

    auth.login("pegawai")
    page = client.get(url).get_data(as_text=True)
    assert "Dikembalikan oleh pejabat penilai:" in page and "Lampirkan register pasien." in page
    post(client, url, {**typed, f"iki-{served.id}-value": "320", "submit_realisation": "1"},
         page=url)
    assert realisation_of(skp, periods[1]).realisation_state == "submitted"
    auth.logout()

    auth.login("penilai")
    post(client, eval_url, {f"rhk-{rhk.id}-rating": "sesuai",
                            f"rhk-{rhk.id}-realisation": "ditimpa penilai",
                            "berorientasi_pelayanan-rating": "sesuai"}, page=eval_url)
    auth.logout()
    with db.connection_context():
        evaluation = Evaluation.get(Evaluation.skp == skp.id)
        assert evaluation.realisation_state == "assessed"
        # no perilaku chosen: it follows the values rated; the employee's text is kept
        assert (evaluation.perilaku_rating, evaluation.predikat) == ("sesuai", "baik")
        assert [r.realisation for r in evaluation.results] == ["Melayani 310 pasien & 12 rujukan"]
        assert {r.iki_id: r.value for r in IkiRealisation.select()} == {served.id: 320,
                                                                          days.id: 2}
    auth.login("pegawai")
    page = client.get(url).get_data(as_text=True)
    assert "Sudah dinilai" in page and 'id="realisation-predikat">Baik' in page


def test_only_the_owner_enters_and_only_the_appraiser_returns(client, auth, users, org,
                                                              others, periods):
    skp, rhk, _served, _days = plan(org["staff"])
    url = f"/admin/skp/{skp.id}/realisation/{periods[1].id}"
    data = {f"rhk-{rhk.id}-realisation": "Ditulis orang lain", "submit_realisation": "1"}
    for who, code in (("penilai", 403), ("kadis", 403), ("operator", 403), ("lain", 404)):
        auth.login(who)
        assert client.get(url).status_code == code, who
        assert post(client, url, data).status_code == code, who
        auth.logout()
    assert realisation_of(skp, periods[1]) is None
    auth.login("pegawai")
    # without the form's token nothing is kept
    assert client.post(url, data=data).status_code == 400
    assert realisation_of(skp, periods[1]) is None
    post(client, url, {**data, f"iki-{_served.id}-value": "10", f"iki-{_days.id}-value": "3"},
         page=url)
    assert realisation_of(skp, periods[1]).realisation_state == "submitted"
    return_url = url + "/return"
    assert post(client, return_url, {"reason": "x"}).status_code == 403  # not her own
    auth.logout()
    for who, code in (("kadis", 403), ("operator", 403), ("lain", 404)):
        auth.login(who)
        assert post(client, return_url, {"reason": "x"}).status_code == code, who
        auth.logout()
    auth.login("penilai")
    assert client.post(return_url, data={"reason": "x", "confirmed": "1"}).status_code == 400
    assert realisation_of(skp, periods[1]).realisation_state == "submitted"


def test_the_year_starts_from_the_quarters_and_a_change_needs_a_note(client, auth, users, org,
                                                                     periods):
    skp, rhk, served, _days = plan(org["staff"])
    auth.login("pegawai")
    for quarter, number in ((1, "300"), (2, "640")):
        url = f"/admin/skp/{skp.id}/realisation/{periods[quarter].id}"
        post(client, url, {f"rhk-{rhk.id}-realisation": f"Triwulan {quarter} selesai",
                           f"iki-{served.id}-value": number, f"iki-{_days.id}-value": "3",
                           "submit_realisation": "1"}, page=url)
    # the annual realisation starts from the quarters
    annual = f"/admin/skp/{skp.id}/realisation/{periods['annual'].id}"
    page = client.get(annual).get_data(as_text=True)
    assert f'id="iki-{served.id}-value" value="640"' in page
    assert "Triwulan I 2026: Triwulan 1 selesai" in page
    assert "Triwulan II 2026: Triwulan 2 selesai" in page
    auth.logout()
    auth.login("penilai")
    for quarter, rating in ((1, "sesuai"), (2, "di_atas")):
        url = f"/admin/skp/{skp.id}/evaluation/{periods[quarter].id}"
        post(client, url, {f"rhk-{rhk.id}-rating": rating, "akuntabel-rating": "sesuai"},
             page=url)
    url = f"/admin/skp/{skp.id}/evaluation/{periods['annual'].id}"
    page = client.get(url).get_data(as_text=True)
    assert 'id="quarter-ratings"' in page and "Triwulan II 2026" in page
    # prefilled from the latest quarter
    assert f'name="rhk-{rhk.id}-rating"' in page
    rhk_select = page.split(f'id="rhk-{rhk.id}-rating"')[1].split("</select>")[0]
    assert 'value="di_atas" selected' in rhk_select
    response = post(client, url, {f"rhk-{rhk.id}-rating": "sesuai", "akuntabel-rating": "sesuai",
                                  f"rhk-{rhk.id}-feedback": "Cukup"}, page=url)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Ada penilaian yang berbeda dari penilaian triwulan" in page and "Cukup" in page
    with db.connection_context():
        assert Skp.get_by_id(skp.id).predikat is None
    post(client, url, {f"rhk-{rhk.id}-rating": "sesuai", "akuntabel-rating": "sesuai",
                       "change_note": "Triwulan III dan IV menurun."}, page=url)
    with db.connection_context():
        saved = Skp.get_by_id(skp.id)
        assert (saved.state, saved.predikat) == ("annual_evaluated", "baik")
    # the employee reads the note with the rating
    auth.logout()
    auth.login("pegawai")
    assert "Triwulan III dan IV menurun." in client.get(url).get_data(as_text=True)


def test_rhk_and_iki_are_changed_in_place_while_the_plan_is_open(client, auth, users, org):
    skp, rhk, served, _days = plan(org["staff"], state="draft")
    base = f"/admin/skp/{skp.id}/"
    auth.login("pegawai")
    page = client.get(base).get_data(as_text=True)
    assert "Ubah RHK ini" in page and f'id="e-indicator-{served.id}" ' in page
    post(client, base + f"rhk/{rhk.id}/edit", {"kind": "tambahan", "text": "Pelayanan IGD",
                                               "parent_rhk": "0", "unit_indicator": "0"},
         page=base)
    page = post(client, base + f"iki/{served.id}/edit", {
        "aspect": "kuantitas", "indicator": "Pasien IGD", "target_value": "banyak",
        "target_unit": "pasien"}, page=base, follow_redirects=True).get_data(as_text=True)
    assert "target harus berupa angka" in page
    post(client, base + f"iki/{served.id}/edit", {
        "aspect": "kuantitas", "indicator": "Pasien IGD", "target_value": "900",
        "target_unit": "pasien"}, page=base)
    with db.connection_context():
        assert (Rhk.get_by_id(rhk.id).kind, Rhk.get_by_id(rhk.id).text) == ("tambahan",
                                                                            "Pelayanan IGD")
        iki = Iki.get_by_id(served.id)
        assert (iki.indicator, iki.target_value) == ("Pasien IGD", 900)
    auth.logout()
    auth.login("penilai")
    assert post(client, base + f"rhk/{rhk.id}/edit", {"kind": "utama", "text": "x",
                                                      "parent_rhk": "0",
                                                      "unit_indicator": "0"}).status_code == 403
    auth.logout()
    with db.connection_context():
        Skp.update(state="approved").where(Skp.id == skp.id).execute()
    auth.login("pegawai")
    page = post(client, base + f"rhk/{rhk.id}/edit", {"kind": "utama", "text": "Sisipan",
                                                      "parent_rhk": "0", "unit_indicator": "0"},
                page=base, follow_redirects=True).get_data(as_text=True)
    assert "Rencana hanya dapat diubah" in page
    with db.connection_context():
        assert Rhk.get_by_id(rhk.id).text == "Pelayanan IGD"


def test_the_start_page_lists_what_waits_on_both_sides(app, client, auth, users, org):
    year = utcnow().year
    with db.connection_context():
        first = Period.create(year=year, quarter=1)
    skp, rhk, served, days = plan(org["staff"], year=year)

    def titles(username):
        with app.test_request_context(), db.connection_context():
            user = User.get(User.username == username)
            return {str(g): [(i.title, i.note) for i in items] for g, items in groups_for(user)}

    assert titles("pegawai")["Realisasi SKP"] == [
        (f"Realisasi Triwulan I {year} belum diajukan", "")]
    assert titles("penilai")["Realisasi menunggu penilaian"] == []
    url = f"/admin/skp/{skp.id}/realisation/{first.id}"
    auth.login("pegawai")
    post(client, url, {f"rhk-{rhk.id}-realisation": "Selesai", f"iki-{served.id}-value": "300",
                       f"iki-{days.id}-value": "3", "submit_realisation": "1"}, page=url)
    auth.logout()
    assert titles("pegawai")["Realisasi SKP"] == []
    assert titles("penilai")["Realisasi menunggu penilaian"] == [
        (f"Realisasi Triwulan I {year} Dewi Lestari menunggu penilaian", "Dinas Kesehatan")]
    auth.login("penilai")
    eval_url = f"/admin/skp/{skp.id}/evaluation/{first.id}"
    post(client, url + "/return", {"reason": "Angka rujukan keliru."}, page=eval_url)
    assert titles("pegawai")["Realisasi SKP"] == [
        (f"Realisasi Triwulan I {year} dikembalikan", "Angka rujukan keliru.")]
    assert titles("penilai")["Realisasi menunggu penilaian"] == []
