"""Every public number explained where it stands: the report card's blocks link to their
section of "Cara angka dihitung", which explains each number with a worked example; honest
states for predikat; counts as whole numbers; chart captions; earlier years' realisation;
more survey answers than service users. Expected values are computed by hand below."""
import datetime
import re

import pytest

from portal.db import db
from portal.models import (Employee, IndicatorRealisation, Period, Service, ServicePopulation,
                           Skp, SurveyResponse, UnitIndicator)
from portal.rules import predikat as predikat_rules

YEAR = datetime.date.today().year
ANCHORS = ("ikm", "sampel", "indikator", "pengaduan", "kepuasan-pelapor", "predikat")


def section(page, anchor):
    return page.split(f'id="{anchor}"', 1)[1].split("</section>", 1)[0]


def answer(unit, service, value=3):
    SurveyResponse.create(unit=unit, service=service, **{f"u{i}": value for i in range(1, 10)})


@pytest.fixture
def card(app, org):
    """Dinas Kesehatan: a count and a level indicator, a year-earlier indicator, two survey
    answers against one reported service user, and eight final SKP (6 baik, 2 sangat baik)."""
    dinas = org["dinas"]
    with db.connection_context():
        patients = UnitIndicator.create(unit=dinas, year=YEAR, code="IKU-01",
                                        name="Jumlah pasien dilayani", measurement_unit="pasien",
                                        aspect="kuantitas", target=12600)
        for month, value in ((1, 4200.0), (2, 2100.0)):
            IndicatorRealisation.create(indicator=patients, value=value,
                                        period=Period.create(year=YEAR, month=month))
        coverage = UnitIndicator.create(unit=dinas, year=YEAR, code="IKU-02",
                                        name="Cakupan imunisasi", measurement_unit="%",
                                        aspect="kuantitas", target=95)
        IndicatorRealisation.create(indicator=coverage, value=90.25,
                                    period=Period.create(year=YEAR, quarter=1))
        UnitIndicator.create(unit=dinas, year=YEAR, code="IKU-03", name="Indikator baru",
                             measurement_unit="dokumen", aspect="kuantitas", target=10)
        service = Service.create(unit=dinas, code="SIP", name="Surat Izin Praktik")
        answer(dinas, service)
        answer(dinas, service)
        ServicePopulation.create(unit=dinas, year=YEAR, population=1)
        staff = [Employee.create(nip=f"19900101201501100{i}", name=f"Pegawai {i}",
                                 golongan="III/a", jabatan_kind="pelaksana",
                                 position_title="Pengadministrasi", unit=dinas)
                 for i in range(1, 9)]
        for i, employee in enumerate(staff):
            Skp.create(employee=employee, year=YEAR, state="final",
                       predikat="sangat_baik" if i < 2 else "baik")
            # the year before: appraisals begun, none final yet
            Skp.create(employee=employee, year=YEAR - 1, state="draft")
    return dinas


# (1) + (2): one anchored section per block, each linked from its block
def test_every_block_of_the_report_card_links_to_its_explanation(client, card):
    page = client.get(f"/unit/DINKES?year={YEAR}").get_data(as_text=True)
    criteria = client.get(f"/kriteria?year={YEAR}").get_data(as_text=True)
    for block, anchor in (("ikm", "ikm"), ("indicators", "indikator"),
                          ("complaints", "pengaduan"), ("predikat", "predikat")):
        link = f'href="/kriteria?year={YEAR}#{anchor}">Cara menghitung angka ini</a>'
        assert link in section(page, block), block
    assert f'href="/kriteria?year={YEAR}#kepuasan-pelapor"' in section(page, "complaints")
    assert f'href="/kriteria?year={YEAR}#sampel"' in section(page, "ikm")
    for anchor in ANCHORS:
        assert f'id="{anchor}"' in criteria, anchor
    home = client.get("/").get_data(as_text=True)
    assert f'href="/kriteria?year={YEAR}#ikm"' in home
    assert f'href="/kriteria?year={YEAR}#pengaduan"' in home


def test_criteria_page_explains_each_number_with_a_worked_example(client, card):
    page = client.get(f"/kriteria?year={YEAR}").get_data(as_text=True)
    ikm = section(page, "ikm")
    # U1: (4 + 3) ÷ 2 = 3,5; the nine sums 7+6+5+8+6+7+8+6+5 = 58 ÷ 2 = 29; 29 ÷ 9 × 25
    assert "NRR = 7 ÷ 2 = 3,500" in ikm
    assert "29,000 ÷ 9 × 25 = 80,56, mutu B" in ikm
    # 20 users: 3.841·20·0.25 / (0.0025·19 + 0.96025) = 19.06 → 19; 300 → 169
    sample = section(page, "sampel")
    assert "20 pengguna layanan: paling sedikit 19 jawaban" in sample
    assert "300 pengguna layanan: paling sedikit 169 jawaban" in sample
    indicators = section(page, "indikator")
    assert "sejauh ini 300 pasien, capaian 300 ÷ 1.000 × 100 = 30,0 %" in indicators
    assert "capaian 94,7 %" in indicators  # 90 ÷ 95
    assert "capaian 120,0 %" in indicators  # (2 × 5 − 4) ÷ 5
    complaints = section(page, "pengaduan")
    for term in ("Batas waktu", "Selesai dalam batas waktu", "Median hari sampai selesai",
                 "Masih terbuka melewati batas waktu", "Dibuka kembali", "Diterima"):
        assert f"<dt>{term}</dt>" in complaints, term
    assert "60 hari kalender sejak laporan diterima" in complaints
    assert "5 ÷ (6 + 2) × 100 = 62,5 %" in complaints
    # 3; 10; 12; 20; 45; 70,5: the two in the middle, (12 + 20) ÷ 2
    assert "3; 10; 12; 20; 45; 70,5 hari, mediannya 16,0 hari" in complaints
    satisfaction = section(page, "kepuasan-pelapor")
    assert "rata-rata 16 ÷ 5 = 3,20; puas atau sangat puas 80,0 %" in satisfaction
    predikat = section(page, "predikat")
    assert "belum dinilai" in predikat and "terlalu sedikit untuk dipublikasikan" in predikat
    assert "Sangat Baik 2 → terlalu sedikit untuk dipublikasikan" in predikat
    assert "Baik 6 → 6" in predikat


def test_a_limit_in_working_days_is_explained_as_such(app, client, card):
    app.config["COMPLAINT_LIMITS"] = {**app.config["COMPLAINT_LIMITS"],
                                      "resolution": ("working_days", 14)}
    complaints = section(client.get("/kriteria").get_data(as_text=True), "pengaduan")
    assert "14 hari kerja sejak laporan diterima" in complaints
    assert "Sabtu, Minggu, hari libur nasional, dan cuti bersama tidak dihitung" in complaints


# (3) three honest states
def test_predikat_states_are_distinct_not_appraised_too_few_and_zero(client, card):
    assert predikat_rules.publication_state(0, 5, False) == predikat_rules.NOT_APPRAISED
    assert predikat_rules.publication_state(0, 5, True) == predikat_rules.ZERO
    assert predikat_rules.publication_state(4, 5, True) == predikat_rules.TOO_FEW
    assert predikat_rules.publication_state(5, 5, True) == predikat_rules.PUBLISHED
    table = section(client.get(f"/unit/DINKES?year={YEAR}").get_data(as_text=True), "predikat")
    cells = dict(re.findall(r"<tr><td>([^<]+)</td>\s*<td class=\"num predikat-\w+\">(.*?)</td>",
                            table))
    assert cells["Baik"] == "6"
    assert "terlalu sedikit untuk dipublikasikan" in cells["Sangat Baik"]
    # beside a withheld group a zero is withheld too: "Baik 6, the rest 0" would tell
    # which predikat the two withheld employees got
    for name in ("Butuh Perbaikan", "Kurang/Misconduct", "Sangat Kurang"):
        assert "terlalu sedikit untuk dipublikasikan" in cells[name], name
    # with no group withheld, a zero is a zero
    states = predikat_rules.publication_states({"baik": 6, "sangat_baik": 5}, 5)
    assert states["baik"] == states["sangat_baik"] == predikat_rules.PUBLISHED
    assert states["butuh_perbaikan"] == states["sangat_kurang"] == predikat_rules.ZERO
    states = predikat_rules.publication_states({"baik": 6, "sangat_baik": 2}, 5)
    assert states["sangat_kurang"] == predikat_rules.TOO_FEW
    earlier = section(client.get(f"/unit/DINKES?year={YEAR - 1}").get_data(as_text=True),
                      "predikat")
    assert "Belum dinilai." in earlier and "terlalu sedikit" not in earlier
    assert ">0<" not in earlier


# (4) counts as whole numbers, decimals only when the value has them
def test_counts_are_whole_numbers_and_decimals_only_when_there(client, card):
    indicators = section(client.get(f"/unit/DINKES?year={YEAR}").get_data(as_text=True),
                         "indicators")
    assert "12.600 pasien" in indicators and "6.300 pasien" in indicators
    assert "4.200" in indicators and "12.600,0" not in indicators and "4.200,0" not in indicators
    assert "90,25 %" in indicators  # realisation of the level, as reported


# (5) charts say what they show
def test_indicator_charts_say_what_they_plot(client, card):
    indicators = section(client.get(f"/unit/DINKES?year={YEAR}").get_data(as_text=True),
                         "indicators")
    patients = indicators.split("IKU-01", 1)[1].split("</article>", 1)[0]
    coverage = indicators.split("IKU-02", 1)[1].split("</article>", 1)[0]
    assert "<figcaption" in patients
    assert "Capaian kumulatif terhadap target tahunan, %" in patients
    assert "Capaian nilai setiap periode terhadap target, %" in coverage


# (6) a year without realisation says so instead of "—"; the demo's earlier year has one
def test_indicator_without_realisation_says_so(client, card):
    indicators = section(client.get(f"/unit/DINKES?year={YEAR}").get_data(as_text=True),
                         "indicators")
    fresh = indicators.split("IKU-03", 1)[1].split("</article>", 1)[0]
    assert f"belum ada realisasi yang dilaporkan untuk {YEAR}" in fresh


def test_demo_earlier_year_shows_its_realisation(runner, app, client):
    result = runner.invoke(args=["demo-data", "--password", "demo-sandi-123", "--seed", "7"])
    assert result.exit_code == 0, result.output
    page = client.get(f"/unit/DINKES?year={YEAR - 1}").get_data(as_text=True)
    indicators = section(page, "indicators")
    assert "Jumlah pasien dilayani" in indicators
    assert "belum ada realisasi" not in indicators
    assert "Triwulan IV" in indicators
    patients = indicators.split("Jumlah pasien dilayani", 1)[1].split("</article>", 1)[0]
    realisation = re.search(r'<dd class="realisation">([\d.]+) pasien</dd>', patients)
    assert realisation and int(realisation.group(1).replace(".", "")) > 0


# (7) more answers than service users
def test_more_answers_than_service_users_gets_a_note(client, card):
    ikm = section(client.get(f"/unit/DINKES?year={YEAR}").get_data(as_text=True), "ikm")
    assert ("Jumlah jawaban melebihi jumlah pengguna layanan yang dilaporkan (1); "
            "periksa data populasi.") in ikm


def test_no_note_when_the_answers_fit_the_population(client, card):
    with db.connection_context():
        ServicePopulation.update(population=2).execute()
    ikm = section(client.get(f"/unit/DINKES?year={YEAR}").get_data(as_text=True), "ikm")
    assert "melebihi jumlah pengguna layanan" not in ikm
