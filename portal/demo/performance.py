"""Demo performance data: periods, unit indicators with realisations, units'
yearly results and SKP in every state, for an already-loaded demo kabupaten.

Ratings are spread so that some units break their pola distribusi (Dinas
Kesehatan has no Butuh Perbaikan at all; BPBD has too many Sangat Baik for a
unit that needs improvement). ``scale="large"`` writes SKP for six years
(≥ 50,000 rows); plans (RHK, IKI) and evaluations then only for the demo
appraiser's team.
"""
import datetime
import random

from portal.db import db
from portal.models import (Employee, Evaluation, EvaluationBehaviour, EvaluationResult,
                           IkiRealisation, IndicatorRealisation, Iki, Period, Rhk, Skp,
                           SkpEvent, Unit, UnitIndicator, UnitResult, User)
from portal.models.base import utcnow
from portal.models.performance import BERAKHLAK
from portal.rules import achievement
from portal.rules import predikat as P
from portal.rules import skp_workflow as W
from portal.rules.achievement import HIGHER, LOWER

# unit code, code, name, measurement unit, aspect, polarity, yearly target, monthly value range
INDICATORS = [
    ("DINKES", "IKU-01", "Jumlah pasien dilayani", "pasien", "kuantitas", HIGHER, 12000,
     (850, 1150)),
    ("DINKES", "IKU-02", "Indeks kepuasan pasien", "%", "kualitas", HIGHER, 85, (80, 92)),
    ("DINKES", "IKU-03", "Cakupan imunisasi dasar lengkap", "%", "kuantitas", HIGHER, 95,
     (86, 99)),
    ("DISDUKCAPIL", "IKU-01", "Waktu penyelesaian dokumen kependudukan", "hari", "waktu", LOWER,
     3, (1.5, 4.5)),
    ("DISDUKCAPIL", "IKU-02", "Akurasi dokumen kependudukan", "%", "kualitas", HIGHER, 99,
     (97, 100)),
    ("BPBD", "IKU-01", "Waktu tanggap darurat bencana", "menit", "waktu", LOWER, 30, (20, 45)),
    ("DISDIK", "IKU-01", "Guru yang menyampaikan laporan bulanan tepat waktu", "%",
     "kuantitas", HIGHER, 90, (75, 97)),
]

# capaian kinerja organisasi per unit code; the rest are "baik"
CAPAIAN = {"DINKES": "baik", "DISDUKCAPIL": "istimewa", "BPBD": "butuh_perbaikan",
           "DISDIK": "baik", "ITDA": "kurang"}

# predikat weights per unit code (sangat_baik, baik, butuh_perbaikan, kurang, sangat_kurang)
WEIGHTS = {
    "DINKES": (20, 80, 0, 0, 0),            # breaks "Baik": nobody below, > 70 % Baik
    "BPBD": (30, 30, 40, 0, 0),             # breaks "Butuh Perbaikan"
    "DISDUKCAPIL": (55, 40, 5, 0, 0),       # fits "Istimewa"
    "ITDA": (0, 20, 15, 65, 0),             # fits "Kurang"
}
DEFAULT_WEIGHTS = (12, 63, 18, 6, 1)

RATINGS_FOR = {
    P.SANGAT_BAIK: [(P.DI_ATAS, P.DI_ATAS)],
    P.BAIK: [(P.SESUAI, P.SESUAI), (P.DI_ATAS, P.SESUAI), (P.SESUAI, P.DI_ATAS)],
    P.BUTUH_PERBAIKAN: [(P.DI_BAWAH, P.SESUAI), (P.DI_BAWAH, P.DI_ATAS)],
    P.KURANG: [(P.SESUAI, P.DI_BAWAH), (P.DI_ATAS, P.DI_BAWAH)],
    P.SANGAT_KURANG: [(P.DI_BAWAH, P.DI_BAWAH)],
}

# RHK texts by the words in a position title; (utama, IKI, target, unit, aspect)
PLANS = [
    ("Perawat", "Pelayanan asuhan keperawatan pasien rawat jalan",
     "Jumlah pasien yang dilayani", 1200, "pasien", "kuantitas"),
    ("Bidan", "Pelayanan kesehatan ibu dan anak",
     "Ibu hamil yang mendapat pemeriksaan lengkap", 95, "%", "kualitas"),
    ("Imunisasi", "Data imunisasi dasar lengkap yang mutakhir",
     "Cakupan imunisasi yang tercatat", 95, "%", "kuantitas"),
    ("Dokumen", "Dokumen kependudukan diselesaikan cepat dan akurat",
     "Waktu penyelesaian dokumen", 3, "hari", "waktu"),
    ("Kependudukan", "Dokumen kependudukan yang akurat", "Akurasi dokumen", 99, "%",
     "kualitas"),
    ("Reaksi Cepat", "Tanggap darurat bencana yang cepat", "Waktu tanggap darurat", 30,
     "menit", "waktu"),
    ("Kebencanaan", "Kajian risiko bencana kecamatan", "Kajian yang diselesaikan", 4,
     "dokumen", "kuantitas"),
    ("Guru", "Pembelajaran yang terdokumentasi", "Laporan bulanan yang disampaikan", 12,
     "laporan", "kuantitas"),
    ("Kepala", "Target kinerja bidang tercapai", "Indikator bidang yang tercapai", 90, "%",
     "kualitas"),
    ("Sekretaris", "Layanan kesekretariatan yang tertib", "Surat diselesaikan tepat waktu",
     95, "%", "waktu"),
]
DEFAULT_PLAN = ("Pelayanan administrasi yang tertib", "Berkas diselesaikan tepat waktu", 100,
                "berkas", "kuantitas")
TAMBAHAN = ("Berbagi pengetahuan kepada rekan kerja", "Sesi berbagi pengetahuan", 2, "kali",
            "kuantitas")

# the states the current year's SKP are spread over (most are approved or further)
STATE_WEIGHTS = [(W.DRAFT, 8), (W.SUBMITTED, 10), (W.RETURNED, 4), (W.APPROVED, 18),
                 (W.EVALUATED, 20), (W.ANNUAL_EVALUATED, 10), (W.FINAL, 30)]
PATHS = {
    W.DRAFT: [], W.SUBMITTED: [W.SUBMIT], W.RETURNED: [W.SUBMIT, W.RETURN],
    W.APPROVED: [W.SUBMIT, W.APPROVE],
    W.EVALUATED: [W.SUBMIT, W.APPROVE, W.EVALUATE_QUARTER],
    W.ANNUAL_EVALUATED: [W.SUBMIT, W.APPROVE, W.EVALUATE_QUARTER, W.EVALUATE_ANNUAL],
    W.FINAL: [W.SUBMIT, W.APPROVE, W.EVALUATE_QUARTER, W.EVALUATE_ANNUAL, W.FINALISE],
}
RATED = (W.ANNUAL_EVALUATED, W.FINAL)
CHUNK = 500


def _chunks(rows):
    for start in range(0, len(rows), CHUNK):
        yield rows[start:start + CHUNK]


SKP_COLUMNS = ("employee_id", "year", "appraiser_id", "state", "hasil_kerja_rating",
               "perilaku_rating", "predikat", "dukungan_sumber_daya", "skema_pertanggungjawaban",
               "konsekuensi", "created_at", "updated_at")


def _insert_skps(rows):
    """Many SKP rows at once: one multi-row INSERT per chunk, built directly
    (peewee's query builder is the slow part at 60,000 rows)."""
    param = db.obj.param
    one = "(" + ", ".join([param] * len(SKP_COLUMNS)) + ")"
    for chunk in _chunks(rows):
        # column names are the constants above; every value goes as a parameter
        sql = (f'INSERT INTO "skp" ({", ".join(SKP_COLUMNS)}) VALUES '  # nosec B608
               + ", ".join([one] * len(chunk)))
        params = [value for row in chunk for value in row]
        db.execute_sql(sql, params)


def _plan(title):
    for words, *plan in PLANS:
        if words.lower() in title.lower():
            return plan
    return DEFAULT_PLAN


def _periods(year, today):
    rows = [{"year": year, "quarter": None, "month": None, "open": True}]
    rows += [{"year": year, "quarter": q, "month": None, "open": True} for q in (1, 2, 3, 4)]
    rows += [{"year": year, "quarter": None, "month": m, "open": True}
             for m in range(1, 13)]
    rows += [{"year": year - 1, "quarter": q, "month": None, "open": False}
             for q in (None, 1, 2, 3, 4)]
    Period.insert_many(rows).execute()


def _indicators(rng, year, today, units):
    months = {p.month: p for p in Period.select().where((Period.year == year)
                                                        & Period.month.is_null(False))}
    quarters = {p.quarter: p for p in Period.select().where((Period.year == year - 1)
                                                            & Period.quarter.is_null(False))}
    past = random.Random(len(INDICATORS))  # own stream: this year's values stay as they were
    for code, icode, name, measure, aspect, polarity, target, (lo, hi) in INDICATORS:
        unit = units.get(code)
        if unit is None:
            continue
        common = dict(unit=unit, code=icode, name=name, measurement_unit=measure,
                      aspect=aspect, polarity=polarity, public=True,
                      data_source=f"Laporan bulanan {unit.name}",
                      definition=f"{name} per tahun, dihimpun dari laporan bulanan.")
        previous = UnitIndicator.create(year=year - 1, target=target, **common)
        yearly = target / 12 if measure in ("pasien",) else None
        current = UnitIndicator.create(year=year, previous=previous,
                                       target=round(target * 1.05) if yearly else target,
                                       **common)
        rows = []
        for month in range(1, today.month + (0 if today.year == year else 12)):
            if month > 12:
                break
            value = rng.uniform(lo, hi)
            value = round(value) if yearly else round(value, 1)  # patients come whole
            rows.append({"indicator": current.id, "period": months[month].id, "value": value,
                         "note": "", "evidence": None})
        # last year, reported per quarter: a count is the sum of three months
        for quarter in (1, 2, 3, 4):
            draws = [past.uniform(lo, hi) for _month in range(3 if yearly else 1)]
            value = round(sum(draws)) if yearly else round(draws[0], 1)
            rows.append({"indicator": previous.id, "period": quarters[quarter].id,
                         "value": value, "note": "", "evidence": None})
        if rows:
            IndicatorRealisation.insert_many(rows).execute()


def _pick_predikat(rng, unit_code):
    weights = WEIGHTS.get(unit_code, DEFAULT_WEIGHTS)
    return rng.choices(P.PREDIKATS, weights=weights)[0]


def load(scale="small", seed=2026, today=None):
    """Fill the loaded demo kabupaten with performance data (deterministic per seed)."""
    rng = random.Random(seed * 7 + 3)
    today = today or datetime.date.today()
    year = today.year
    large = scale == "large"
    now = utcnow()
    with db.atomic():
        units = {u.code: u for u in Unit.select()}
        unit_code = {u.id: u.code for u in units.values()}
        _periods(year, today)
        _indicators(random.Random(seed), year, today, units)  # own stream: date-independent
        UnitResult.insert_many([
            {"unit": u.id, "year": y, "capaian": CAPAIAN.get(code, "baik")}
            for code, u in units.items() for y in (year - 1, year)
        ]).execute()
        people = list(Employee.select(Employee.id, Employee.unit, Employee.supervisor,
                                      Employee.position_title)
                      .where(Employee.supervisor.is_null(False)).order_by(Employee.id).tuples())
        demo = {u.username: u for u in User.select().where(
            User.username.in_(["pegawai", "penilai", "admin"]))}
        pegawai_emp = demo["pegawai"].employee_id if "pegawai" in demo else None
        penilai_emp = demo["penilai"].employee_id if "penilai" in demo else None
        # past years: final SKP with a predikat (six years at large scale)
        past_years = range(year - (5 if large else 1), year)
        for past in past_years:
            rows = []
            for emp_id, unit_id, boss_id, _title in people:
                code = _pick_predikat(rng, unit_code[unit_id])
                hasil, perilaku = rng.choice(RATINGS_FOR[code])
                rows.append((emp_id, past, boss_id, W.FINAL, hasil, perilaku, code, "", "", "",
                             now, now))
            _insert_skps(rows)
        # this year: every state
        states, weights = zip(*STATE_WEIGHTS)
        rows, plans = [], {}
        for emp_id, unit_id, boss_id, title in people:
            if emp_id == pegawai_emp:
                state = W.DRAFT  # the demo employee starts the cycle
            elif boss_id == penilai_emp:
                state = rng.choice([W.SUBMITTED, W.APPROVED, W.EVALUATED, W.FINAL])
            else:
                state = rng.choices(states, weights=weights)[0]
            hasil = perilaku = code = None
            if state in RATED:
                code = _pick_predikat(rng, unit_code[unit_id])
                hasil, perilaku = rng.choice(RATINGS_FOR[code])
            rows.append((emp_id, year, boss_id, state, hasil, perilaku, code,
                         "Sarana kerja dan anggaran kegiatan unit.",
                         "Laporan bulanan kepada atasan langsung.",
                         "Sesuai ketentuan penilaian kinerja pegawai.", now, now))
            if not large or boss_id == penilai_emp or emp_id == penilai_emp:
                plans[emp_id] = (title, state)
        _insert_skps(rows)
        _plans(rng, year, plans, penilai_emp, demo.get("penilai"))
    return len(rows)


def _plans(rng, year, plans, penilai_emp, penilai_user):
    """RHK, IKI, evaluations and workflow events for the SKP in ``plans``."""
    skps = {emp: (skp_id, boss) for emp, skp_id, boss in Skp.select(
        Skp.employee, Skp.id, Skp.appraiser).where(
        (Skp.year == year) & Skp.employee.in_(list(plans))).tuples()} if plans else {}
    rhk_rows = []
    for emp, (skp_id, _boss) in skps.items():
        title, _state = plans[emp]
        utama = _plan(title)
        rhk_rows.append({"skp": skp_id, "kind": P.UTAMA, "text": utama[0], "position": 1})
        rhk_rows.append({"skp": skp_id, "kind": P.TAMBAHAN, "text": TAMBAHAN[0], "position": 2})
    for chunk in _chunks(rhk_rows):
        Rhk.insert_many(chunk).execute()
    rhks = {}
    for rhk_id, skp_id, position in Rhk.select(Rhk.id, Rhk.skp, Rhk.position).join(Skp).where(
            Skp.year == year).tuples():
        rhks[(skp_id, position)] = rhk_id
    iki_rows = []
    for emp, (skp_id, _boss) in skps.items():
        title, _state = plans[emp]
        _text, indicator, target, unit, aspect = _plan(title)
        iki_rows.append({"rhk": rhks[(skp_id, 1)], "aspect": aspect, "indicator": indicator,
                         "target_value": target, "target_unit": unit})
        iki_rows.append({"rhk": rhks[(skp_id, 2)], "aspect": TAMBAHAN[4],
                         "indicator": TAMBAHAN[1], "target_value": TAMBAHAN[2],
                         "target_unit": TAMBAHAN[3]})
    for chunk in _chunks(iki_rows):
        Iki.insert_many(chunk).execute()
    # the cascade: a utama RHK supports the appraiser's utama RHK
    for emp, (skp_id, boss) in skps.items():
        if boss in skps:
            (Rhk.update(parent_rhk=rhks[(skps[boss][0], 1)])
             .where(Rhk.id == rhks[(skp_id, 1)]).execute())
    periods = {(p.quarter or 0): p.id for p in Period.select().where(
        (Period.year == year) & Period.month.is_null())}
    event_rows, start = [], utcnow() - datetime.timedelta(days=200)
    for emp, (skp_id, _boss) in skps.items():
        skp = Skp.get_by_id(skp_id)
        state = skp.state
        path = PATHS[state]
        event_rows.append({"skp": skp_id, "actor": None, "action": "create", "from_state": "",
                           "to_state": W.DRAFT, "reason": "", "at": start})
        current = W.DRAFT
        for i, action in enumerate(path):
            target = W.target_state(action, current)
            reason = "Target IKI belum terukur; mohon diperbaiki." if action == W.RETURN else ""
            event_rows.append({"skp": skp_id, "actor": None, "action": action,
                               "from_state": current, "to_state": target, "reason": reason,
                               "at": start + datetime.timedelta(days=10 * (i + 1))})
            current = target
        if state in (W.EVALUATED, W.ANNUAL_EVALUATED, W.FINAL):
            _evaluate(rng, skp, periods[1], rhks, penilai_user if skp.appraiser_id == penilai_emp
                      else None, annual=False)
        if state in RATED:
            _evaluate(rng, skp, periods[0], rhks, penilai_user if skp.appraiser_id == penilai_emp
                      else None, annual=True)
    for chunk in _chunks(event_rows):
        SkpEvent.insert_many(chunk).execute()


def _evaluate(rng, skp, period_id, rhks, evaluator, annual):
    if annual:
        hasil, perilaku = skp.hasil_kerja_rating, skp.perilaku_rating
    else:
        hasil, perilaku = rng.choice(RATINGS_FOR[rng.choice(P.PREDIKATS[:3])])
    evaluation = Evaluation.create(skp=skp, period=period_id, hasil_kerja_rating=hasil,
                                   perilaku_rating=perilaku,
                                   predikat=P.predikat(hasil, perilaku), evaluator=evaluator)
    EvaluationResult.insert_many([
        {"evaluation": evaluation.id, "rhk": rhks[(skp.id, 1)],
         "realisation": "Tercapai sesuai laporan bulanan.", "feedback": "Pertahankan.",
         "rating": hasil},
        {"evaluation": evaluation.id, "rhk": rhks[(skp.id, 2)],
         "realisation": "Dua sesi berbagi pengetahuan.", "feedback": "", "rating": P.SESUAI},
    ]).execute()
    EvaluationBehaviour.insert_many([
        {"evaluation": evaluation.id, "value": value, "rating": perilaku,
         "feedback": "", "ekspektasi_khusus": ""} for value in BERAKHLAK
    ]).execute()
    # numbers per IKI that fit the rating: beyond the target, on it, or short of it
    # (for time and cost "beyond" means lower)
    ratio = {P.DI_ATAS: 1.12, P.SESUAI: 1.0, P.DI_BAWAH: 0.8}[hasil or P.SESUAI]
    rows = []
    for iki in Iki.select().where(Iki.rhk.in_([rhks[(skp.id, 1)], rhks[(skp.id, 2)]])):
        if iki.target_value is None:
            continue
        lower = achievement.polarity_for_aspect(iki.aspect) == LOWER
        factor = (2 - ratio) if lower else ratio
        if not annual:
            factor *= 0.25 if achievement.is_cumulative(iki.aspect, iki.target_unit) else 1
        rows.append({"evaluation": evaluation.id, "iki": iki.id,
                     "value": round(iki.target_value * factor, 1)})
    if rows:
        IkiRealisation.insert_many(rows).execute()
