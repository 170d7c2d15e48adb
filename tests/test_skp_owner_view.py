"""What the employee and her appraiser read on the SKP pages: what to do before the
plan is approved, numbers and file sizes written the Indonesian way, removing a wrong
evidence file, the annual evaluation started from the quarters."""
import io
import re

from portal.db import db
from portal.models import Evaluation
from tests.test_skp import PDF, post, token
from tests.test_skp_realisation import periods, plan  # noqa: F401

__all__ = ["periods"]


def test_before_approval_the_owner_is_told_what_to_do_and_when_realisation_opens(
        client, auth, users, org, periods):
    skp, rhk, served, days = plan(org["staff"], state="draft")
    auth.login("pegawai")
    page = client.get(f"/admin/skp/{skp.id}/").get_data(as_text=True)
    assert 'id="before-approval"' in page
    assert "ajukan rencana kepada Siti Rahmawati" in page
    assert "setelah Siti Rahmawati menyetujui SKP ini" in page
    assert "Isi realisasi" not in page
    auth.logout()
    # the appraiser is not told what the employee must do
    auth.login("penilai")
    assert 'id="before-approval"' not in client.get(f"/admin/skp/{skp.id}/").get_data(
        as_text=True)


def test_once_approved_the_notice_is_gone(client, auth, users, org, periods):
    skp, rhk, served, days = plan(org["staff"], state="approved")
    auth.login("pegawai")
    page = client.get(f"/admin/skp/{skp.id}/").get_data(as_text=True)
    assert 'id="before-approval"' not in page and "Isi realisasi" in page


def test_numbers_and_sizes_are_written_the_indonesian_way(client, auth, users, org, periods):
    skp, rhk, served, days = plan(org["staff"])
    url = f"/admin/skp/{skp.id}/realisation/{periods[1].id}"
    auth.login("pegawai")
    big = PDF + b"%" + b"x" * (3 * 1024 * 1024)
    post(client, url, {f"rhk-{rhk.id}-realisation": "Melayani pasien",
                       f"iki-{served.id}-value": "1.350", f"iki-{days.id}-value": "2,5",
                       "submit_realisation": "0", "file": (io.BytesIO(big), "rekap.pdf")},
         page=url, content_type="multipart/form-data")
    with db.connection_context():
        evaluation = Evaluation.get(Evaluation.skp == skp.id)
        assert {r.iki_id: r.value for r in evaluation.iki_values} == {served.id: 1350,
                                                                      days.id: 2.5}
    page = client.get(url).get_data(as_text=True)
    # the field shows what she typed, the Indonesian way, and reads back the same
    assert f'name="iki-{days.id}-value" id="iki-{days.id}-value" value="2,5"' in page
    assert f'id="iki-{served.id}-value" value="1350"' in page
    assert "2.5" not in page
    # a size in KB written the English way ("3092.4 KB") is gone; "KB" alone may occur
    # by chance in the page's random tokens
    assert "3,0 MB" in page and not re.search(r"\d[\d.,]* KB", page)
    post(client, url, {f"rhk-{rhk.id}-realisation": "Melayani pasien",
                       f"iki-{served.id}-value": "1350", f"iki-{days.id}-value": "2,5",
                       "submit_realisation": "1"}, page=url)
    with db.connection_context():
        evaluation = Evaluation.get(Evaluation.skp == skp.id)
        assert evaluation.realisation_state == "submitted"
        assert {r.iki_id: r.value for r in evaluation.iki_values}[days.id] == 2.5
    page = client.get(url).get_data(as_text=True)
    assert "Realisasi s.d. periode ini: 2,5 hari" in page
    assert "Realisasi s.d. periode ini: 1.350 pasien" in page
    auth.logout()
    auth.login("penilai")
    page = client.get(f"/admin/skp/{skp.id}/evaluation/{periods[1].id}").get_data(as_text=True)
    assert "2,5 hari" in page and "3,0 MB" in page and "2.5" not in page
    assert "paling besar 5 MB per berkas" in page


def test_the_owner_removes_a_wrong_evidence_file_while_her_realisation_is_open(
        client, auth, users, org, periods):
    import os

    from portal import skp as service
    from portal.models import AuditEntry, Evidence
    skp, rhk, served, days = plan(org["staff"])
    url = f"/admin/skp/{skp.id}/realisation/{periods[1].id}"
    auth.login("pegawai")
    page = client.get(url).get_data(as_text=True)
    assert "paling besar 5 MB per berkas" in page
    post(client, url, {f"rhk-{rhk.id}-realisation": "Melayani pasien",
                       "submit_realisation": "0", "file": (io.BytesIO(PDF), "salah.pdf")},
         page=url, content_type="multipart/form-data")
    with db.connection_context():
        item = Evidence.get(Evidence.filename == "salah.pdf")
    with client.application.app_context():
        path = service.evidence_path(item)
    assert os.path.exists(path)
    remove = f"{url}/evidence/{item.id}/remove"
    page = client.get(url).get_data(as_text=True)
    assert f'action="{remove}"' in page and 'data-confirm-sentence="Berkas' in page
    # the first press only asks
    response = client.post(remove, data={"csrf_token": token(client, url)})
    assert "akan dihapus dari bukti dukung" in response.get_data(as_text=True)
    assert os.path.exists(path)
    page = post(client, remove, page=url, follow_redirects=True).get_data(as_text=True)
    assert "salah.pdf telah dihapus." in page and "Belum ada bukti dukung" in page
    assert not os.path.exists(path)
    with db.connection_context():
        assert not Evidence.select().where(Evidence.filename == "salah.pdf").exists()
        entry = AuditEntry.select().order_by(AuditEntry.id.desc()).get()
        assert entry.action == "delete" and "salah.pdf" in entry.object_label
    # once submitted it is the appraiser's to read: no removing any more
    post(client, url, {f"rhk-{rhk.id}-realisation": "Melayani pasien",
                       "submit_realisation": "0", "file": (io.BytesIO(PDF), "benar.pdf")},
         page=url, content_type="multipart/form-data")
    post(client, url, {f"rhk-{rhk.id}-realisation": "Melayani pasien",
                       f"iki-{served.id}-value": "310", f"iki-{days.id}-value": "2",
                       "submit_realisation": "1"}, page=url)
    with db.connection_context():
        kept = Evidence.get(Evidence.filename == "benar.pdf")
    page = client.get(url).get_data(as_text=True)
    assert "/remove" not in page
    assert post(client, f"{url}/evidence/{kept.id}/remove", page=url).status_code == 403


def test_the_annual_evaluation_starts_from_the_quarters_and_warns_of_unrated_ones(
        client, auth, users, org, periods):
    from portal.models import IkiRealisation, Skp
    skp, rhk, served, days = plan(org["staff"])
    with db.connection_context():
        first = Evaluation.create(skp=skp, period=periods[1], realisation_state="assessed",
                                  hasil_kerja_rating="sesuai", perilaku_rating="sesuai",
                                  predikat="baik")
        IkiRealisation.create(evaluation=first, iki=served, value=300)
        second = Evaluation.create(skp=skp, period=periods[2], realisation_state="submitted")
        IkiRealisation.create(evaluation=second, iki=served, value=620.5)
        IkiRealisation.create(evaluation=second, iki=days, value=2)
    annual = f"/admin/skp/{skp.id}/evaluation/{periods['annual'].id}"
    auth.login("penilai")
    page = client.get(annual).get_data(as_text=True)
    # she did not submit the year: each indicator starts from its latest quarter
    assert f'id="iki-{served.id}-value" value="620,5"' in page
    assert f'id="iki-{days.id}-value" value="2"' in page
    assert "Triwulan II, III, IV 2026 belum dinilai." in page
    # saving reads back what was shown
    post(client, annual, {f"iki-{served.id}-value": "620,5", f"iki-{days.id}-value": "2",
                          f"rhk-{rhk.id}-rating": "sesuai", "perilaku": "sesuai",
                          "change_note": "Tahunan"}, page=annual)
    with db.connection_context():
        evaluation = Evaluation.get(Evaluation.skp == skp.id,
                                    Evaluation.period == periods["annual"].id)
        assert {r.iki_id: r.value for r in evaluation.iki_values} == {served.id: 620.5,
                                                                      days.id: 2}
        assert Skp.get_by_id(skp.id).state == "annual_evaluated"
    # the finalise confirmation says it too, and does not block
    page = client.get(f"/admin/skp/{skp.id}/").get_data(as_text=True)
    assert "akan dikunci" in page and "Triwulan II, III, IV 2026 belum dinilai." in page
    post(client, f"/admin/skp/{skp.id}/action/finalise", page=f"/admin/skp/{skp.id}/")
    with db.connection_context():
        assert Skp.get_by_id(skp.id).state == "final"


def test_in_english_the_field_shows_and_reads_a_decimal_point(client, auth, users, org,
                                                               periods):
    skp, rhk, served, days = plan(org["staff"])
    url = f"/admin/skp/{skp.id}/realisation/{periods[1].id}"
    auth.login("pegawai")
    client.post("/language/en", data={"csrf_token": token(client, url), "next": url})
    post(client, url, {f"rhk-{rhk.id}-realisation": "Served patients",
                       f"iki-{served.id}-value": "1350", f"iki-{days.id}-value": "2.5",
                       "submit_realisation": "0"}, page=url)
    page = client.get(url).get_data(as_text=True)
    assert "<title>Performance - SKP" in page  # the page is in English
    assert f'id="iki-{days.id}-value" value="2.5"' in page
    post(client, url, {f"rhk-{rhk.id}-realisation": "Served patients",
                       f"iki-{served.id}-value": "1350", f"iki-{days.id}-value": "2.5",
                       "submit_realisation": "0"}, page=url)
    with db.connection_context():
        evaluation = Evaluation.get(Evaluation.skp == skp.id)
        assert {r.iki_id: r.value for r in evaluation.iki_values}[days.id] == 2.5
