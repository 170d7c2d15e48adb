"""The predikat distribution as a penilai sees it: her own unit and the units of the
employees she appraises (never another unit's counts), her people with the predikat
already computed before she finalises ("akan final"), the pola distribusi warning
after finalisation, and the same spread in the finalise confirmation."""
import html

import pytest

from portal.db import db
from portal.models import Employee, Skp, Unit, UnitResult
from tests.conftest import csrf_token
from tests.test_confirm import asked, confirm

YEAR = 2026
PAGE = f"/admin/predikat-distribution/?year={YEAR}"


def rated(employee, state, hasil_kerja, perilaku, appraiser=None):
    skp = Skp.create(employee=employee, year=YEAR, state=state,
                     appraiser=appraiser or employee.supervisor_id)
    skp.set_ratings(hasil_kerja, perilaku)
    skp.save()
    return skp


@pytest.fixture
def spread(org):
    """Dinas Kesehatan (capaian Baik): Dewi, appraised by the penilai, evaluated for the
    year (Baik, not final yet); Budi, appraised by the head, final Sangat Baik.
    Puskesmas Sukamaju: Andi, appraised by the penilai, final Baik. Kecamatan
    Sukamaju: Rina, final Butuh Perbaikan, nobody the penilai appraises."""
    with db.connection_context():
        puskesmas = Unit.create(code="PKM-01", name="Puskesmas Sukamaju", kind="upt",
                                parent=org["dinas"])
        budi = Employee.create(nip="199001012015031003", name="Budi Santoso", golongan="III/b",
                               jabatan_kind="pelaksana", position_title="Pengelola Data",
                               unit=org["dinas"], supervisor=org["head"])
        andi = Employee.create(nip="199202022018011004", name="Andi Pratama", golongan="III/a",
                               jabatan_kind="pelaksana", position_title="Pengadministrasi",
                               unit=puskesmas, supervisor=org["boss"])
        camat = Employee.create(nip="197505052000031005", name="Camat Sukamaju",
                                golongan="IV/a", jabatan_kind="administrator",
                                position_title="Camat", unit=org["kecamatan"])
        rina = Employee.create(nip="199606062020122006", name="Rina Wulandari",
                               golongan="II/c", jabatan_kind="pelaksana",
                               position_title="Pengadministrasi Umum", unit=org["kecamatan"],
                               supervisor=camat)
        dewi = rated(org["staff"], "annual_evaluated", "sesuai", "sesuai")
        rated(budi, "final", "di_atas", "di_atas")
        rated(andi, "final", "sesuai", "di_atas")
        rated(rina, "final", "di_bawah", "sesuai")
        UnitResult.create(unit=org["dinas"], year=YEAR, capaian="baik")
        UnitResult.create(unit=org["kecamatan"], year=YEAR, capaian="istimewa")
    return {"dewi": dewi, "puskesmas": puskesmas}


def test_a_penilai_sees_her_people_and_her_unit_and_no_other_unit(client, auth, users, org,
                                                                   spread):
    auth.login("penilai")
    response = client.get(PAGE)
    assert response.status_code == 200
    page = html.unescape(response.get_data(as_text=True))
    assert "Anda melihat unit Anda sendiri dan unit pegawai yang Anda nilai." in page
    # her people: Dewi (akan final, Baik) and Andi (final, Baik)
    people = page[page.index('id="my-people"'):]
    people = people[:people.index("</section>")]
    assert "Pegawai yang Anda nilai, 2026" in people
    assert "Dewi Lestari</a> — Dinilai (tahunan): <strong>Baik</strong>" in people
    assert "Andi Pratama</a> — Final: <strong>Baik</strong>" in people
    assert "Budi Santoso" not in people
    # her own unit opens by itself: Budi's final Sangat Baik, Dewi's Baik still to come
    assert "Dinas Kesehatan — 2026" in page
    assert "Puskesmas Sukamaju" in page  # she appraises Andi there
    # after finalisation Dinas Kesehatan has no Butuh Perbaikan / Kurang: the Baik rule
    assert ("jika SKP yang akan final dikunci, sebaran predikat tidak sesuai pola "
            "distribusi") in page
    assert ("paling sedikit satu pegawai dengan Butuh Perbaikan / Kurang/Misconduct "
            "(kini 0, 0,0 %)") in page
    # never another unit's counts
    assert "Kecamatan Sukamaju" not in page and "Rina" not in page
    kec = client.get(f"{PAGE}&unit={org['kecamatan'].id}").get_data(as_text=True)
    assert "Kecamatan Sukamaju" not in html.unescape(kec)
    export = client.get(f"/admin/predikat-distribution/export/csv/?year={YEAR}")
    lines = export.data.decode("utf-8-sig").splitlines()
    assert export.status_code == 200 and len(lines) == 3
    assert any("Dinas Kesehatan" in line for line in lines)
    assert not any("Kecamatan" in line for line in lines)


def test_the_operator_still_sees_every_unit_and_a_pegawai_nothing(client, auth, users, org,
                                                                  spread):
    auth.login("operator")
    page = html.unescape(client.get(PAGE).get_data(as_text=True))
    assert "Kecamatan Sukamaju" in page and "Puskesmas Sukamaju" in page
    assert 'id="my-people"' not in page
    auth.logout()
    auth.login("pegawai")
    assert client.get(PAGE).status_code == 403
    assert client.get(f"/admin/predikat-distribution/export/csv/?year={YEAR}") \
        .status_code == 403


def test_a_penilai_of_another_unit_does_not_see_dinas_kesehatan(client, auth, users, org,
                                                                spread, password_hash):
    from portal.models import User
    with db.connection_context():
        camat = Employee.get(Employee.name == "Camat Sukamaju")
        User.create(username="camat", role="penilai", employee=camat,
                    password_hash=password_hash, display_name="Camat")
    auth.login("camat")
    page = html.unescape(client.get(PAGE).get_data(as_text=True))
    assert "Kecamatan Sukamaju — 2026" in page and "Rina Wulandari" in page
    assert "Dinas Kesehatan" not in page and "Puskesmas" not in page


def test_before_finalising_the_skp_page_links_the_spread_and_the_question_shows_it(
        client, auth, users, org, spread):
    skp = spread["dewi"]
    base = f"/admin/skp/{skp.id}/"
    auth.login("penilai")
    detail = html.unescape(client.get(base).get_data(as_text=True))
    assert "Lihat sebaran predikat Dinas Kesehatan sebelum finalisasi" in detail
    assert f'href="/admin/predikat-distribution/?year=2026&unit={org["dinas"].id}"' in detail
    line = ("Sebaran predikat Dinas Kesehatan setelah finalisasi (SKP final dan semua SKP "
            "akan final, termasuk SKP ini): Sangat Baik 1, Baik 1. "
            "Peringatan, sebaran ini tidak sesuai pola distribusi unit: paling sedikit satu "
            "pegawai dengan Butuh Perbaikan / Kurang/Misconduct (kini 0, 0,0 %).")
    assert line in detail  # in the dialog's sentence
    token = csrf_token(client.get(base).get_data(as_text=True))
    first = client.post(base + "action/finalise", data={"csrf_token": token})
    form = asked(first, line, "Ya, kunci")
    with db.connection_context():
        assert Skp.get_by_id(skp.id).state == "annual_evaluated"
    confirm(client, form)
    with db.connection_context():
        assert Skp.get_by_id(skp.id).state == "final"
    page = html.unescape(client.get(PAGE).get_data(as_text=True))
    assert "Dewi Lestari</a> — Final: <strong>Baik</strong>" in page


def test_the_confirmation_counts_every_skp_to_be_final_as_the_page_does(
        client, auth, users, org, spread):
    """Another employee of Dinas Kesehatan is evaluated for the year too (Baik, not
    final): the page's "after finalisation" and the question both count her."""
    with db.connection_context():
        sari = Employee.create(nip="199303032019032007", name="Sari Indah", golongan="III/a",
                               jabatan_kind="pelaksana", position_title="Perawat",
                               unit=org["dinas"], supervisor=org["head"])
        rated(sari, "annual_evaluated", "sesuai", "sesuai")
    auth.login("penilai")
    detail = html.unescape(client.get(f"/admin/skp/{spread['dewi'].id}/").get_data(
        as_text=True))
    assert ("Sebaran predikat Dinas Kesehatan setelah finalisasi (SKP final dan semua SKP "
            "akan final, termasuk SKP ini): Sangat Baik 1, Baik 2.") in detail
    assert "(kini 0, 0,0 %)" in detail
