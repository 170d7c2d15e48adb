"""Demo events: two upcoming ones with registrations (one nearly full, with a waiting
list) and a past training with attendance, some of it by employees (their NIP).

Called at the end of ``portal.demo.load``; the same seed gives the same data.
"""
import datetime
import random

from portal.db import db
from portal.models import ContentItem, Employee, Event, EventMaterial, Registration, User
from portal.models.base import utcnow
from portal.rules import events as rules

CHUNK = 500
NAMES = ["Ahmad Fauzi", "Rina Marlina", "Yusuf Hidayat", "Sri Wahyuni", "Agus Salim",
         "Nur Aini", "Hendra Gunawan", "Lestari Putri", "Bambang Irawan", "Wulan Sari",
         "Joko Susilo", "Maya Anggraini", "Rudi Hartono", "Fitri Handayani", "Dedi Kurniawan"]
PLACES = ["Kecamatan Kota", "Desa Sukamaju", "Kelurahan Pasar Baru", "Puskesmas Induk",
          "Forum Warga RW 03", "SMA Negeri 1", "Karang Taruna"]


def _wib(day, hour, minute=0):
    """A time typed in WIB (UTC+7), stored in UTC."""
    return datetime.datetime.combine(day, datetime.time(hour, minute)) - datetime.timedelta(hours=7)


def _citizens(rng, count, prefix):
    rows = []
    for n in range(count):
        name = NAMES[n % len(NAMES)]
        rows.append({"name": name, "email": f"{prefix}{n + 1}@contoh.id",
                     "phone": f"08{rng.randint(11, 59)}{rng.randint(1000000, 9999999)}",
                     "organisation": rng.choice(PLACES)})
    return rows


def _write(event, people, capacity, created, attended_at=None):
    rows = []
    for n, person in enumerate(people):
        status = rules.status_for_new(capacity, min(n, capacity))
        row = {"event": event.id, "nip": "", "employee": None, **person, "status": status,
               "cancel_token": rules.new_cancel_token(), "attended_at": None, "attended_via": "",
               "created_at": created + datetime.timedelta(minutes=7 * n), "cancelled_at": None}
        if attended_at and status == "registered" and n % 5 != 4:  # four in five came
            row["attended_at"] = attended_at + datetime.timedelta(minutes=n % 30)
            row["attended_via"] = "code" if n % 2 else "list"
        rows.append(row)
    for start in range(0, len(rows), CHUNK):
        Registration.insert_many(rows[start:start + CHUNK]).execute()


def load(scale="small", seed=2026):
    rng = random.Random(seed + 7)
    now = utcnow().replace(microsecond=0)
    today = (now + datetime.timedelta(hours=7)).date()
    operator = User.get(User.username == "operator")
    guides = {item.slug: item for item in ContentItem.select().where(
        ContentItem.slug.in_(["memahami-skp", "memahami-skm-dan-ikm"]))}
    employees = list(Employee.select(Employee.id, Employee.nip, Employee.name)
                     .where(Employee.active == True).order_by(Employee.nip)  # noqa: E712
                     .limit(2000))
    pegawai = User.get_or_none(User.username == "pegawai")
    own_id = pegawai.employee_id if pegawai is not None else None
    employees = [e for e in employees if e.id != own_id]
    with db.atomic():
        skm = Event.create(
            title="Sosialisasi Survei Kepuasan Masyarakat 2026", kind="sosialisasi",
            description="Sosialisasi **Survei Kepuasan Masyarakat (SKM)** bagi penyelenggara "
                        "layanan dan masyarakat: sembilan unsur SKM, cara mengisi survei, dan "
                        "cara membaca Indeks Kepuasan Masyarakat (IKM).\n\n"
                        "- Pembukaan oleh Sekretaris Daerah\n- Paparan SKM dan IKM\n"
                        "- Tanya jawab",
            starts_at=_wib(today + datetime.timedelta(days=9), 9),
            ends_at=_wib(today + datetime.timedelta(days=9), 12),
            place="Aula Kantor Bupati, Jl. Merdeka No. 1", capacity=60, published=True,
            created_by=operator, created_at=now, updated_at=now)
        bimtek = Event.create(
            title="Bimbingan Teknis Penyusunan SKP bagi Pejabat Penilai", kind="training",
            description="Pelatihan menyusun **SKP** menurut PermenPANRB 6/2022: RHK, IKI, "
                        "umpan balik berkelanjutan, dan penilaian perilaku kerja BerAKHLAK.",
            starts_at=_wib(today + datetime.timedelta(days=16), 8, 30),
            ends_at=_wib(today + datetime.timedelta(days=16), 15),
            place="Ruang Rapat BKPSDM", online_url="https://meet.contoh.id/bimtek-skp",
            capacity=25, published=True, created_by=operator, created_at=now, updated_at=now)
        past = Event.create(
            title="Pelatihan Pelayanan Prima", kind="training",
            description="Pelatihan pelayanan prima bagi petugas loket dan pengaduan.",
            starts_at=_wib(today - datetime.timedelta(days=21), 8),
            ends_at=_wib(today - datetime.timedelta(days=21), 16),
            place="Aula Bappeda", capacity=40, published=True, created_by=operator,
            created_at=now - datetime.timedelta(days=40), updated_at=now)
        for event, slug in ((skm, "memahami-skm-dan-ikm"), (bimtek, "memahami-skp")):
            if slug in guides:
                EventMaterial.create(event=event, item=guides[slug])

        _write(skm, _citizens(rng, 18, "warga"), skm.capacity, now - datetime.timedelta(days=3))
        staff = rng.sample(employees, min(len(employees), 30)) if employees else []
        people = [{"name": e.name, "email": f"asn{n + 1}@contoh.id", "phone": "",
                   "organisation": "", "nip": e.nip, "employee": e.id}
                  for n, e in enumerate(staff[:28])]
        _write(bimtek, people, bimtek.capacity, now - datetime.timedelta(days=2))
        attendees = staff[-12:] if len(staff) > 12 else staff
        people = [{"name": e.name, "email": f"peserta{n + 1}@contoh.id", "phone": "",
                   "organisation": "", "nip": e.nip, "employee": e.id}
                  for n, e in enumerate(attendees)]
        people += _citizens(rng, 20, "umum")
        _write(past, people, past.capacity, past.starts_at - datetime.timedelta(days=10),
               attended_at=past.starts_at - datetime.timedelta(minutes=20))
        # the demo employee account sees a training in its history
        if own_id is not None:
            employee = pegawai.employee
            Registration.create(event=past.id, name=employee.name, email="pegawai@contoh.id",
                                nip=employee.nip, employee=employee.id, status="registered",
                                created_at=past.starts_at - datetime.timedelta(days=5),
                                attended_at=past.starts_at, attended_via="code")
    return [skm, bimtek, past]
