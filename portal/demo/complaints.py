"""Demo complaints: reports in every state with their history, for a loaded demo kabupaten.

``load(scale, seed)`` adds two unit complaint officers (same password as the
coordinator ``petugas``) and 150 complaints (small) or ``DEMO_LARGE_COMPLAINTS``
(200,000 by default) for ``--scale large``.
"""
import datetime
import random

from flask import current_app
from peewee import fn

from portal import holidays
from portal.db import db
from portal.models import Complaint, ComplaintEvent, Unit, User
from portal.models.base import utcnow
from portal.rules import complaints as rules

PATHS = {
    rules.RECEIVED: [rules.RECEIVED],
    rules.POSTPONED: [rules.RECEIVED, rules.POSTPONED],
    rules.NOT_OUR_AUTHORITY: [rules.RECEIVED, rules.NOT_OUR_AUTHORITY],
    rules.ARCHIVED: [rules.RECEIVED, rules.ARCHIVED],
    rules.VERIFIED: [rules.RECEIVED, rules.VERIFIED],
    rules.DISPOSED: [rules.RECEIVED, rules.VERIFIED, rules.DISPOSED],
    rules.IN_PROGRESS: [rules.RECEIVED, rules.VERIFIED, rules.DISPOSED, rules.IN_PROGRESS],
    rules.ANSWERED: [rules.RECEIVED, rules.VERIFIED, rules.DISPOSED, rules.IN_PROGRESS,
                     rules.ANSWERED],
    rules.CLOSED: [rules.RECEIVED, rules.VERIFIED, rules.DISPOSED, rules.IN_PROGRESS,
                   rules.ANSWERED, rules.CLOSED],
}
WEIGHTS = {rules.RECEIVED: 8, rules.POSTPONED: 3, rules.NOT_OUR_AUTHORITY: 4, rules.ARCHIVED: 4,
           rules.VERIFIED: 5, rules.DISPOSED: 8, rules.IN_PROGRESS: 10, rules.ANSWERED: 8,
           rules.CLOSED: 50}

# category, unit code, title, description
TOPICS = [
    ("kesehatan", "DINKES", "Antrean puskesmas terlalu lama",
     "Saya datang pukul tujuh pagi dan baru dilayani pukul sebelas. Nomor antrean tidak jelas "
     "dan tidak ada petugas yang memberi informasi."),
    ("kesehatan", "DINKES", "Obat di puskesmas sering kosong",
     "Sudah tiga kali bulan ini obat hipertensi untuk ibu saya tidak tersedia di puskesmas."),
    ("kependudukan", "DISDUKCAPIL", "KTP elektronik belum jadi",
     "Perekaman KTP-el sudah dua bulan lalu tetapi sampai sekarang belum bisa diambil."),
    ("kependudukan", "DISDUKCAPIL", "Akta kelahiran salah nama",
     "Nama anak saya di akta kelahiran salah ketik. Mohon informasi cara perbaikannya."),
    ("pendidikan", "DISDIK", "Atap ruang kelas bocor",
     "Atap ruang kelas 4 bocor setiap hujan sehingga murid harus pindah ke perpustakaan."),
    ("pendidikan", "DISDIK", "Pungutan seragam di sekolah negeri",
     "Orang tua murid diminta membayar seragam dan buku yang katanya wajib dibeli di sekolah."),
    ("infrastruktur", None, "Jalan berlubang membahayakan pengendara",
     "Lubang besar di tengah jalan sudah menyebabkan beberapa pengendara motor terjatuh."),
    ("infrastruktur", None, "Lampu penerangan jalan mati",
     "Lampu jalan di sepanjang jalan desa mati sejak sebulan, jalan menjadi gelap dan rawan."),
    ("lingkungan", None, "Sampah tidak diangkut",
     "Tempat pembuangan sampah sementara penuh dan sampah tidak diangkut lebih dari seminggu."),
    ("sosial", "DINSOS", "Bantuan sosial tidak tepat sasaran",
     "Tetangga yang mampu menerima bantuan, sedangkan keluarga miskin di RT kami tidak."),
    ("perizinan", "DPMPTSP", "Izin usaha lama diproses",
     "Pengajuan izin usaha mikro melalui OSS sudah lengkap tetapi belum ada kabar."),
    ("bencana", "BPBD", "Tanggul sungai retak",
     "Tanggul di tepi sungai retak memanjang; warga khawatir jebol saat musim hujan."),
    ("kepegawaian", None, "Petugas kelurahan tidak ada di tempat",
     "Pada jam kerja kantor kelurahan tutup dan tidak ada petugas yang melayani."),
    ("pelayanan_publik", None, "Usul layanan keliling untuk lansia",
     "Mohon ada layanan keliling untuk warga lanjut usia yang sulit datang ke kantor."),
]
NOTES = {
    rules.VERIFIED: "Laporan lengkap dan dapat ditindaklanjuti.",
    rules.POSTPONED: "Mohon lengkapi lokasi persis dan waktu kejadian.",
    rules.NOT_OUR_AUTHORITY: "Bukan kewenangan pemerintah kabupaten; diteruskan ke instansi vertikal.",
    rules.ARCHIVED: "Laporan ganda; sudah ditangani pada laporan sebelumnya.",
    rules.DISPOSED: "Mohon ditindaklanjuti sesuai kewenangan.",
    rules.IN_PROGRESS: "Petugas sudah dijadwalkan untuk memeriksa ke lokasi.",
    rules.ANSWERED: "Telah ditindaklanjuti. Terima kasih atas laporan Anda.",
    rules.CLOSED: "",
}
MERGE_NOTE = "Laporan lain tentang masalah yang sama sudah ditangani; laporan ini digabung ke sana."
NAMES = ["Agus Saputra", "Dewi Lestari", "Rudi Hartono", "Siti Aminah", "Budi Santoso",
         "Rina Wulandari", "Hendra Gunawan", "Yuni Astuti", "Fajar Nugroho", "Maya Sari"]
PLACES = ["Sukamaju", "Mekarsari", "Sidorejo", "Tanjungsari", "Karanganyar", "Sumberjaya"]
CHUNK = 500


def create_officers():
    """Unit complaint officers for Dinkes and Disdukcapil, with the coordinator's password."""
    coordinator = User.get_or_none(User.username == "petugas")
    made = []
    if coordinator is None:
        return made
    for code in ("DINKES", "DISDUKCAPIL"):
        unit = Unit.get_or_none(Unit.code == code)
        if unit is None:
            continue
        username = f"petugas-{code.lower()}"
        User.create(username=username, role="petugas_pengaduan", unit=unit,
                    display_name=f"Petugas Pengaduan {unit.name}",
                    password_hash=coordinator.password_hash, created_at=utcnow())
        made.append((username, "petugas_pengaduan"))
    return made


def plan(rng, count, now, unit_ids, officer_by_unit, coordinator_id, calendar=None):
    """Yield (complaint row, [event rows without complaint]) pairs; deadlines in working
    days follow ``calendar`` (the office's zone and holidays)."""
    states = list(WEIGHTS)
    weights = [WEIGHTS[s] for s in states]
    for i in range(count):
        # the first reports take every state once, so that even a small demo shows each
        final = states[i] if i < len(states) else rng.choices(states, weights)[0]
        path = PATHS[final]
        category, unit_code, title, description = rng.choice(TOPICS)
        place = rng.choice(PLACES)
        max_age = 10 if final in (rules.RECEIVED, rules.VERIFIED) else 365
        created = now - datetime.timedelta(days=rng.uniform(0.1, max_age))
        unit_id = unit_ids.get(unit_code) if unit_code else None
        target_unit = unit_id or rng.choice(list(unit_ids.values()))
        times = [created]
        for _step in path[1:]:
            gap = datetime.timedelta(hours=rng.uniform(2, 24 * 12))
            times.append(min(times[-1] + gap, now))
        anonymous = rng.random() < 0.25
        name = "" if rng.random() < 0.3 else rng.choice(NAMES)
        row = {
            "tracking_id": rules.format_tracking_id(rng.getrandbits(rules.ID_BITS)),
            "kind": rng.choices(rules.KINDS, [75, 15, 10])[0],
            "unit": unit_id, "category": category,
            "title": f"{title} di {place}", "description": description,
            "event_date": (created - datetime.timedelta(days=rng.randint(0, 5))).date(),
            "place": place, "reporter_name": name,
            "reporter_email": f"warga{rng.randint(1, 99999)}@contoh.id" if name and rng.random() < 0.6 else "",
            "reporter_phone": f"08{rng.randint(1000000000, 9999999999)}" if name and rng.random() < 0.4 else "",
            "anonymous": anonymous, "confidential": rng.random() < 0.08,
            "state": final, "assigned_unit": target_unit if rules.DISPOSED in path else None,
            "created_at": created, "updated_at": times[-1],
            "verified_at": times[path.index(rules.VERIFIED)] if rules.VERIFIED in path else None,
            "disposed_at": times[path.index(rules.DISPOSED)] if rules.DISPOSED in path else None,
            "answered_at": times[path.index(rules.ANSWERED)] if rules.ANSWERED in path else None,
            "closed_at": times[-1] if final in rules.FINAL_STATES else None,
            "satisfaction": None, "satisfaction_comment": "", "rated_at": None,
        }
        row["due_at"] = rules.current_deadline(final, {
            "received": created, "disposed": row["disposed_at"], "answered": row["answered_at"]},
            current_app.config["COMPLAINT_LIMITS"], calendar)
        if final == rules.CLOSED and rng.random() < 0.5:
            row["satisfaction"] = rng.choices([1, 2, 3, 4], [1, 2, 5, 3])[0]
            row["rated_at"] = min(times[-1] + datetime.timedelta(days=1), now)
        events = []
        for index, state in enumerate(path):
            unit_step = state in (rules.IN_PROGRESS, rules.ANSWERED)
            actor = officer_by_unit.get(target_unit) if unit_step else coordinator_id
            if state == rules.RECEIVED:
                actor = None
            public = not (state == rules.DISPOSED and rng.random() < 0.3)
            events.append({"from_state": path[index - 1] if index else None, "to_state": state,
                           "actor": actor, "note": NOTES.get(state, ""), "public": public,
                           "created_at": times[index]})
        yield row, events


def load(scale="small", seed=2026):
    """Add demo complaints; return the extra accounts as (username, role)."""
    rng = random.Random(seed * 7 + 4)
    now = utcnow()
    count = current_app.config["DEMO_LARGE_COMPLAINTS"] if scale == "large" else 150
    with db.atomic():
        accounts = create_officers()
    unit_ids = {u.code: u.id for u in Unit.select(Unit.code, Unit.id)}
    officer_by_unit = {u.unit_id: u.id for u in User.select().where(
        User.role == "petugas_pengaduan", User.unit.is_null(False))}
    coordinator = User.get_or_none(User.username == "petugas")
    coordinator_id = coordinator.id if coordinator else None
    batch = []
    calendar = holidays.work_calendar()
    for pair in plan(rng, count, now, unit_ids, officer_by_unit, coordinator_id, calendar):
        batch.append(pair)
        if len(batch) >= CHUNK:
            write(batch)
            batch = []
    if batch:
        write(batch)
    merge_duplicates(rng, now)
    return accounts


def merge_duplicates(rng, now, count=3):
    """Merge a few open reports into an earlier open report of the same unit and
    category, as the coordinator does with a duplicate ("digabung"), with the event on
    both; no mail (the demo's reporters are invented)."""
    open_reports = list(Complaint.select(Complaint.id, Complaint.unit, Complaint.category,
                                         Complaint.state, Complaint.tracking_id,
                                         Complaint.title, Complaint.created_at)
                        .where(Complaint.state.in_(list(rules.MERGEABLE))
                               & Complaint.unit.is_null(False))
                        .order_by(Complaint.created_at))
    first_of = {}
    merged = 0
    with db.atomic():
        for report in open_reports:
            key = (report.unit_id, report.category)
            survivor = first_of.setdefault(key, report)
            if survivor is report or merged >= count or rng.random() < 0.5:
                continue
            last = max(ComplaintEvent.select(fn.MAX(ComplaintEvent.created_at)).where(
                ComplaintEvent.complaint.in_([report.id, survivor.id])).scalar(),
                report.created_at)
            at = min(last + datetime.timedelta(hours=2), now)
            (Complaint.update(state=rules.MERGED, merged_into=survivor.id, closed_at=at,
                              updated_at=at, due_at=None)
             .where(Complaint.id == report.id).execute())
            ComplaintEvent.create(complaint=report.id, from_state=report.state,
                                  to_state=rules.MERGED, note=MERGE_NOTE, public=True,
                                  created_at=at)
            ComplaintEvent.create(complaint=survivor.id, from_state=survivor.state,
                                  to_state=survivor.state, public=False, created_at=at,
                                  note=f"Laporan {report.tracking_id} digabung ke laporan ini.")
            merged += 1


def write(batch):
    with db.atomic():
        insert_rows(Complaint, [row for row, _events in batch])
        ids = dict(Complaint.select(Complaint.tracking_id, Complaint.id)
                   .where(Complaint.tracking_id.in_([row["tracking_id"] for row, _e in batch]))
                   .tuples())
        events = [dict(event, complaint=ids[row["tracking_id"]])
                  for row, row_events in batch for event in row_events]
        for start in range(0, len(events), CHUNK):
            insert_rows(ComplaintEvent, events[start:start + CHUNK])


def insert_rows(model, rows):
    """``model.insert_many(rows)`` with the same values (each field's ``db_value``, its
    default when absent) in one multi-row INSERT written here: peewee's query builder
    was most of the time of 200,000 complaints and their ~900,000 events."""
    if not rows:
        return
    fields = [f for f in model._meta.sorted_fields
              if not (f.primary_key and f.name not in rows[0])]
    columns = ", ".join(f'"{f.column_name}"' for f in fields)
    params = []
    for row in rows:
        for field in fields:
            if field.name in row:
                value = row[field.name]
            elif field.default is not None:
                value = field.default() if callable(field.default) else field.default
            else:
                value = None
            params.append(field.db_value(value))
    marks = "(" + ", ".join([db.obj.param] * len(fields)) + ")"
    # table and column names come from the model; every value goes as a parameter
    db.execute_sql(f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES '  # nosec B608
                   + ", ".join([marks] * len(rows)), params)

