"""Demo data for the satisfaction survey: services, populations and answers.

Loaded by ``portal.demo.load`` into a demo kabupaten. Each unit gets a quality
profile, so that some come out mutu A, some B and some C. ``small`` writes a
few thousand responses; ``large`` at least a million, in big ``insert_many``
chunks inside transactions.
"""
import datetime
import random

from portal import survey_tally
from portal.db import db
from portal.models import Service, ServicePopulation, SurveyResponse, Unit
from portal.models.base import utcnow
from portal.rules import ikm

SERVICES = {
    "DISDUKCAPIL": [("KTP", "KTP-el"), ("KK", "Kartu Keluarga"),
                    ("AKTA-LAHIR", "Akta Kelahiran"), ("PINDAH", "Surat Keterangan Pindah")],
    "DPMPTSP": [("NIB", "Perizinan Berusaha (NIB)"), ("PBG", "Persetujuan Bangunan Gedung")],
    "DINKES": [("SIP", "Surat Izin Praktik Tenaga Kesehatan")],
    "DINSOS": [("DTKS", "Pendaftaran DTKS"), ("REKOM-BPJS", "Rekomendasi PBI BPJS Kesehatan")],
    "BKPSDM": [("KP", "Kenaikan Pangkat"), ("PENSIUN", "Usul Pensiun")],
}
PUSKESMAS = [("RAWAT-JALAN", "Rawat Jalan"), ("KIA", "Kesehatan Ibu dan Anak")]
KECAMATAN = [("PATEN", "Pelayanan Administrasi Terpadu Kecamatan (PATEN)")]
KELURAHAN = [("PENGANTAR", "Surat Pengantar"), ("DOMISILI", "Surat Keterangan Domisili")]

# Probabilities of answers 1–4 for each quality profile.
PROFILES = {
    "A": (0.01, 0.03, 0.30, 0.66),
    "B": (0.02, 0.08, 0.52, 0.38),
    "C": (0.06, 0.22, 0.52, 0.20),
}
COST_FREE = (0.01, 0.02, 0.12, 0.85)  # most services are free: U4 "gratis"
PROFILE_OF = {"DPMPTSP": "A", "PKM-SUKAMAJU": "A", "DISDUKCAPIL": "B", "DINKES": "B",
              "BKPSDM": "B", "DINSOS": "C"}
# share of the responses, and service users per year, by unit kind of service
WEIGHT = {"DISDUKCAPIL": 8, "DPMPTSP": 3, "DINKES": 1, "DINSOS": 2, "BKPSDM": 1}
POPULATION = {"DISDUKCAPIL": 24000, "DPMPTSP": 300, "DINKES": 120, "DINSOS": 6000,
              "BKPSDM": 150}

SUGGESTIONS = [
    "Antrean di pagi hari terlalu panjang, mohon tambah loket.",
    "Petugas ramah dan cepat, terima kasih.",
    "Mohon informasi persyaratan dipasang lebih jelas di papan pengumuman.",
    "Ruang tunggu panas, perlu kipas angin atau AC.",
    "Pelayanan sudah baik, pertahankan.",
    "Sistem antrean online sering tidak bisa diakses.",
    "Tempat parkir sempit.",
    "Mohon jam pelayanan diperpanjang sampai sore.",
    "Blanko sering habis, mohon disiapkan lebih banyak.",
    "Petugas menjelaskan prosedur dengan sabar.",
    "Toilet perlu lebih bersih.",
    "Tolong sediakan kursi untuk lansia dan ibu hamil.",
]
EDUCATION_WEIGHTS = (8, 14, 40, 10, 22, 5, 1)
OCCUPATION_WEIGHTS = (12, 2, 2, 30, 28, 26)
FIELDS = [SurveyResponse.unit, SurveyResponse.service, SurveyResponse.submitted_at,
          *[getattr(SurveyResponse, code.lower()) for code in ikm.ELEMENT_CODES],
          SurveyResponse.gender, SurveyResponse.age, SurveyResponse.education,
          SurveyResponse.occupation, SurveyResponse.suggestion, SurveyResponse.source]
CHUNK = 1000            # rows per INSERT (18 columns: well under SQLite's variable limit)
TRANSACTION = 100_000   # rows per transaction


def services_for(code):
    """The services a demo unit offers, by its code."""
    if code in SERVICES:
        return SERVICES[code]
    if code.startswith("PKM-"):
        return PUSKESMAS
    if code.startswith("KEC-"):
        return KELURAHAN if "-KEL-" in code else KECAMATAN
    return []


def _profile(code, index):
    if code in PROFILE_OF:
        return PROFILE_OF[code]
    if code.startswith("PKM-"):
        return "AB"[index % 2]
    if "-KEL-" in code:
        return "BBC"[index % 3]
    return "CB"[index % 2]  # kecamatan


def _cumulative(probabilities):
    total, out = 0.0, []
    for p in probabilities:
        total += p
        out.append(total)
    return out


def create_services():
    """Services for every demo unit that offers some; returns [(unit, [service ids])]."""
    units = list(Unit.select().order_by(Unit.code))
    rows = []
    for unit in units:
        for code, name in services_for(unit.code):
            rows.append({"unit": unit.id, "code": code, "name": name, "active": True})
    with db.atomic():
        for start in range(0, len(rows), 500):
            Service.insert_many(rows[start:start + 500]).execute()
    by_unit = {}
    for service_id, unit_id in Service.select(Service.id, Service.unit).tuples():
        by_unit.setdefault(unit_id, []).append(service_id)
    return [(unit, by_unit[unit.id]) for unit in units if unit.id in by_unit]


def _plain(value):
    """Timestamps as the text both engines read; other values as they are."""
    return value.isoformat(" ") if isinstance(value, datetime.datetime) else value


def load(scale="small", seed=2026, count=None, today=None):
    """Write services, populations and ``count`` responses (default by scale); return the count."""
    rng = random.Random(seed * 7 + 3)
    today = today or datetime.date.today()
    now = utcnow()
    count = count if count is not None else (1_000_000 if scale == "large" else 5000)
    offered = create_services()
    if not offered:
        return 0
    years = (today.year - 1, today.year)
    weights, plans = [], []
    for index, (unit, service_ids) in enumerate(offered):
        weight = WEIGHT.get(unit.code, 2 if unit.code.startswith("PKM-") else 1)
        weights.append(weight)
        profile = PROFILES[_profile(unit.code, index)]
        plans.append((unit.id, service_ids, _cumulative(profile)))

    populations = []  # the unit's service users, and each service's share of them
    for (unit, service_ids), weight in zip(offered, weights):
        base = POPULATION.get(unit.code, 1500 if unit.code.startswith("PKM-") else 700)
        for year in years:
            total = int(base * (0.9 if year < today.year else 1.0))
            populations.append({"unit": unit.id, "service": None, "year": year,
                                "population": total})
            populations += [{"unit": unit.id, "service": service_id, "year": year,
                             "population": max(1, total // len(service_ids))}
                            for service_id in service_ids]
    with db.atomic():
        ServicePopulation.insert_many(populations).execute()

    # the previous calendar year in full, this year up to now (UTC, a few hours either way)
    start = datetime.datetime(years[0], 1, 1)
    span = int((now - start).total_seconds()) - 60
    cost_free = _cumulative(COST_FREE)
    scale_values = ikm.SCALE
    genders, education, occupations = ikm.GENDERS, ikm.EDUCATION, ikm.OCCUPATIONS
    education_cum = _cumulative(EDUCATION_WEIGHTS)
    occupation_cum = _cumulative(OCCUPATION_WEIGHTS)
    plan_cum = _cumulative(weights)
    choices, random_ = rng.choices, rng.random
    delta = datetime.timedelta

    def row():
        unit_id, service_ids, cum = choices(plans, cum_weights=plan_cum)[0]
        answers = choices(scale_values, cum_weights=cum, k=9)
        answers[3] = choices(scale_values, cum_weights=cost_free)[0]
        roll = random_()
        return (unit_id, service_ids[int(random_() * len(service_ids))],
                start + delta(seconds=int(random_() * span)), *answers,
                genders[roll < 0.52], 18 + int(random_() * 52),
                choices(education, cum_weights=education_cum)[0] if roll < 0.9 else None,
                choices(occupations, cum_weights=occupation_cum)[0] if roll < 0.9 else None,
                SUGGESTIONS[int(random_() * len(SUGGESTIONS))] if random_() < 0.12 else None,
                "paper" if random_() < 0.2 else "web")

    # peewee compiles an INSERT of CHUNK rows once; every full chunk reuses that statement
    # with fresh parameters (compiling a million rows one by one is what takes the time)
    sample = row()
    statement, _params = SurveyResponse.insert_many([sample] * CHUNK, fields=FIELDS).sql()
    written = 0
    while written < count:
        batch = min(TRANSACTION, count - written)
        with db.atomic():
            done = 0
            while done < batch:
                size = min(CHUNK, batch - done)
                rows = [row() for _i in range(size)]
                if size == CHUNK:
                    db.execute_sql(statement, [_plain(value) for values in rows for value in values])
                else:
                    SurveyResponse.insert_many(rows, fields=FIELDS).execute()
                done += size
        written += batch
    survey_tally.rebuild()  # the rows went in by bulk INSERT, past SurveyResponse.save
    return written
