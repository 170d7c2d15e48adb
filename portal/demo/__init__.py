"""Demo data: a believable kabupaten with units, employees and one account per role.

``flask --app wsgi demo-data [--scale small|large] [--password PW] [--seed N]``.
The same seed gives the same kabupaten. ``--scale large`` (≥ 50 units,
≥ 10,000 employees) is for benchmarks. Later areas add their own data here.
"""
import datetime
import os
import random
import secrets

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_babel import gettext as _

from portal.db import db
from portal.models import Employee, Unit, User
from portal.models.base import utcnow
from portal.rules import org as org_rules

REGION_PLACES = [
    "Sukamaju", "Mekarsari", "Sidorejo", "Tanjungsari", "Karanganyar", "Sumberjaya",
    "Talang Kelapa", "Bukit Raya", "Air Itam", "Pasir Putih", "Lubuk Kemang", "Rantau Panjang",
    "Sungai Lilin", "Batu Ampar", "Tebing Tinggi", "Kota Baru", "Muara Enim", "Sei Lekop",
]

# code, name, kind, parent code, bidang (administrator-level sections), staff titles
CORE_UNITS = [
    ("SETDA", "Sekretariat Daerah", "sekretariat_daerah", None,
     ["Bagian Pemerintahan", "Bagian Organisasi"], [("Analis Kebijakan", "pelaksana")]),
    ("SETWAN", "Sekretariat DPRD", "sekretariat_dprd", None,
     ["Bagian Persidangan"], [("Pengadministrasi Persidangan", "pelaksana")]),
    ("ITDA", "Inspektorat Daerah", "inspektorat", None,
     ["Inspektur Pembantu Wilayah I"], [("Auditor Ahli Pertama", "fungsional_ahli_pertama")]),
    ("DINKES", "Dinas Kesehatan", "dinas", None,
     ["Bidang Pelayanan Kesehatan", "Bidang Pencegahan dan Pengendalian Penyakit"],
     [("Perawat Ahli Pertama", "fungsional_ahli_pertama"), ("Bidan Terampil", "fungsional_terampil"),
      ("Pengelola Data Imunisasi", "pelaksana")]),
    ("DISDIK", "Dinas Pendidikan", "dinas", None,
     ["Bidang Pembinaan Sekolah Dasar", "Bidang Pendidik dan Tenaga Kependidikan"],
     [("Pengawas Sekolah Ahli Muda", "fungsional_ahli_muda"), ("Pengelola Data Pendidikan", "pelaksana")]),
    ("DISDUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", "dinas", None,
     ["Bidang Pelayanan Pendaftaran Penduduk", "Bidang Pelayanan Pencatatan Sipil"],
     [("Pengadministrasi Kependudukan", "pelaksana"), ("Operator Layanan Dokumen", "pelaksana"),
      ("Administrator Database Kependudukan Terampil", "fungsional_terampil")]),
    ("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "dinas", None,
     ["Bidang Pelayanan Perizinan"], [("Analis Perizinan", "pelaksana")]),
    ("DINSOS", "Dinas Sosial", "dinas", None,
     ["Bidang Perlindungan dan Jaminan Sosial"], [("Pekerja Sosial Ahli Pertama", "fungsional_ahli_pertama")]),
    ("BPBD", "Badan Penanggulangan Bencana Daerah", "badan", None,
     ["Bidang Kedaruratan dan Logistik", "Bidang Pencegahan dan Kesiapsiagaan"],
     [("Analis Kebencanaan Ahli Pertama", "fungsional_ahli_pertama"), ("Petugas Reaksi Cepat", "pelaksana")]),
    ("BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "badan", None,
     ["Bidang Penilaian Kinerja dan Penghargaan", "Bidang Pengembangan Kompetensi"],
     [("Analis Sumber Daya Manusia Aparatur Ahli Pertama", "fungsional_ahli_pertama"),
      ("Pengadministrasi Kepegawaian", "pelaksana")]),
    ("BAPPEDA", "Badan Perencanaan Pembangunan Daerah", "badan", None,
     ["Bidang Perencanaan dan Evaluasi"], [("Perencana Ahli Pertama", "fungsional_ahli_pertama")]),
    ("PKM-SUKAMAJU", "UPTD Puskesmas Sukamaju", "upt", "DINKES", [],
     [("Perawat Terampil", "fungsional_terampil"), ("Bidan Ahli Pertama", "fungsional_ahli_pertama")]),
    ("SDN1-SUKAMAJU", "SD Negeri 1 Sukamaju", "upt", "DISDIK", [],
     [("Guru Ahli Pertama", "fungsional_ahli_pertama"), ("Guru Ahli Muda", "fungsional_ahli_muda")]),
]

HEAD_TITLE = {
    "sekretariat_daerah": ("Sekretaris Daerah", "jpt_madya", "IV/d"),
    "sekretariat_dprd": ("Sekretaris DPRD", "jpt_pratama", "IV/c"),
    "inspektorat": ("Inspektur", "jpt_pratama", "IV/c"),
    "dinas": ("Kepala Dinas", "jpt_pratama", "IV/c"),
    "badan": ("Kepala Badan", "jpt_pratama", "IV/c"),
    "kecamatan": ("Camat", "administrator", "IV/a"),
    "kelurahan": ("Lurah", "pengawas", "III/d"),
    "upt": ("Kepala", "pengawas", "III/d"),
}

FIRST_NAMES_M = ["Agus", "Budi", "Dedi", "Eko", "Fajar", "Hendra", "Irwan", "Joko", "Rudi", "Slamet",
                 "Taufik", "Wahyu", "Yusuf", "Arif", "Bambang", "Dimas", "Gilang", "Hadi", "Rizki", "Andi"]
FIRST_NAMES_F = ["Ani", "Dewi", "Fitri", "Indah", "Lestari", "Maya", "Nur", "Putri", "Rina", "Siti",
                 "Sri", "Wulan", "Yuni", "Ayu", "Dian", "Eka", "Ratna", "Sari", "Tuti", "Nabila"]
LAST_NAMES = ["Saputra", "Pratama", "Wijaya", "Hidayat", "Kurniawan", "Santoso", "Nugroho", "Siregar",
              "Harahap", "Lubis", "Simanjuntak", "Rahmawati", "Handayani", "Purnamasari", "Susanti",
              "Setiawan", "Gunawan", "Syahputra", "Ramadhan", "Maharani", "Utami", "Permana", "Firmansyah"]

STAFF_GOLONGAN = ["II/a", "II/b", "II/c", "II/d", "III/a", "III/b", "III/c"]


class Builder:
    """Collects units and employees, then writes them in bulk, level by level."""

    def __init__(self, seed, today):
        self.rng = random.Random(seed)
        self.today = today
        self.units = []       # dicts
        self.people = []      # dicts with level and supervisor_nip
        self.sequences = {}

    # -- people -----------------------------------------------------------
    def nip(self, level):
        rng = self.rng
        birth_year = self.today.year - rng.randint(*((45, 56) if level == 0 else (24, 55)))
        birth = datetime.date(birth_year, rng.randint(1, 12), rng.randint(1, 28))
        tmt_year = min(birth_year + rng.randint(23, 30), self.today.year - 1)
        sex = rng.choice("12")
        prefix = f"{birth:%Y%m%d}{tmt_year:04d}{rng.randint(1, 12):02d}{sex}"
        seq = self.sequences.get(prefix, 0) + 1
        self.sequences[prefix] = seq
        return prefix + f"{seq:03d}", sex

    def person(self, unit_code, level, title, jabatan, golongan, supervisor_nip, pppk=False):
        nip, sex = self.nip(level)
        first = self.rng.choice(FIRST_NAMES_M if sex == "1" else FIRST_NAMES_F)
        name = f"{first} {self.rng.choice(LAST_NAMES)}"
        self.people.append({
            "nip": nip, "name": name, "employment_type": "pppk" if pppk else "pns",
            "golongan": None if pppk else golongan, "jabatan_kind": jabatan,
            "position_title": title, "unit": unit_code, "level": level,
            "supervisor_nip": supervisor_nip, "active": True,
        })
        return nip

    def staff_unit(self, code, name, kind, parent, sections, titles, staff_per_section):
        self.units.append({"code": code, "name": name, "kind": kind, "parent": parent})
        head_title, head_kind, head_gol = HEAD_TITLE[kind]
        if kind in ("kelurahan", "upt", "kecamatan"):
            head_title = f"{head_title} {name.replace('UPTD ', '')}" if kind == "upt" else head_title
        head = self.person(code, 0, head_title, head_kind, head_gol, None)
        titles = titles or [("Pengadministrasi Umum", "pelaksana"), ("Pranata Komputer Terampil",
                                                                      "fungsional_terampil")]
        if head_kind == "pengawas":  # lurah, kepala UPT: staff report directly
            self.team(code, head, titles, staff_per_section, level=1)
            return
        if head_kind == "administrator":  # camat: seksi heads, then staff
            for seksi in ("Seksi Pemerintahan", "Seksi Pelayanan Umum"):
                lead = self.person(code, 1, f"Kepala {seksi}", "pengawas", "III/d", head)
                self.team(code, lead, titles, staff_per_section, level=2)
            return
        for section in ["Sekretariat"] + sections:
            admin_title = "Sekretaris" if section == "Sekretariat" else f"Kepala {section}"
            admin = self.person(code, 1, admin_title, "administrator", "IV/a", head)
            subs = ("Sub Bagian Umum dan Kepegawaian",) if section == "Sekretariat" else \
                ("Seksi Perencanaan", "Seksi Pelaksanaan")
            for sub in subs:
                lead = self.person(code, 2, f"Kepala {sub}", "pengawas", "III/d", admin)
                self.team(code, lead, titles, staff_per_section, level=3)

    def team(self, code, lead, titles, size, level):
        for _i in range(size):
            title, jabatan = self.rng.choice(titles)
            pppk = self.rng.random() < 0.15
            golongan = self.rng.choice(STAFF_GOLONGAN)
            if jabatan.startswith("fungsional_ahli"):
                golongan = self.rng.choice(["III/a", "III/b", "III/c", "III/d"])
            self.person(code, level, title, jabatan, golongan, lead, pppk=pppk)

    # -- writing ---------------------------------------------------------
    def write(self):
        with db.atomic():
            for depth in (0, 1):
                rows = [u for u in self.units if (u["parent"] is not None) == bool(depth)]
                ids = {u.code: u.id for u in Unit.select(Unit.code, Unit.id)}
                Unit.insert_many([
                    {"code": u["code"], "name": u["name"], "kind": u["kind"],
                     "facility": org_rules.facility_from_name(u["kind"], u["name"]),
                     "parent": ids.get(u["parent"]), "active": True} for u in rows
                ]).execute()
            unit_ids = {u.code: u.id for u in Unit.select(Unit.code, Unit.id)}
            nip_ids = {}
            for level in sorted({p["level"] for p in self.people}):
                rows = [{
                    "nip": p["nip"], "name": p["name"], "employment_type": p["employment_type"],
                    "golongan": p["golongan"], "jabatan_kind": p["jabatan_kind"],
                    "position_title": p["position_title"], "unit": unit_ids[p["unit"]],
                    "supervisor": nip_ids.get(p["supervisor_nip"]), "active": True,
                } for p in self.people if p["level"] == level]
                for start in range(0, len(rows), 500):
                    Employee.insert_many(rows[start:start + 500]).execute()
                nips = [p["nip"] for p in self.people if p["level"] == level]
                for start in range(0, len(nips), 900):
                    chunk = nips[start:start + 900]
                    nip_ids.update(Employee.select(Employee.nip, Employee.id)
                                   .where(Employee.nip.in_(chunk)).tuples())


def build(scale="small", seed=2026, today=None):
    """Describe the kabupaten for ``scale`` (nothing is written)."""
    builder = Builder(seed, today or datetime.date.today())
    large = scale == "large"
    staff = 80 if large else 3
    for code, name, kind, parent, sections, titles in CORE_UNITS:
        builder.staff_unit(code, name, kind, parent, sections, titles, staff)
    places = REGION_PLACES[: 12 if large else 2]
    kelurahan_per_kecamatan = 4 if large else 2
    for i, place in enumerate(places):
        kec = f"KEC-{i + 1:02d}"
        builder.staff_unit(kec, f"Kecamatan {place}", "kecamatan", None, [], None, 15 if large else 2)
        for j in range(kelurahan_per_kecamatan):
            village = REGION_PLACES[(i + j + 1) % len(REGION_PLACES)] if j else place
            suffix = "" if j == 0 else f" {['', 'Barat', 'Timur', 'Utara', 'Selatan'][j]}"
            builder.staff_unit(f"{kec}-KEL-{j + 1}", f"Kelurahan {village}{suffix}", "kelurahan",
                               kec, [], None, 20 if large else 3)
    if large:  # health and schools employ most of a kabupaten's ASN
        health, school = CORE_UNITS[11][5], CORE_UNITS[12][5]
        for i, place in enumerate(places):
            builder.staff_unit(f"PKM-{i + 1:02d}", f"UPTD Puskesmas {place}", "upt", "DINKES", [],
                               health, 160)
            for k in range(3):
                builder.staff_unit(f"SDN-{i + 1:02d}-{k + 1}", f"SD Negeri {3 * i + k + 2} {place}",
                                   "upt", "DISDIK", [], school, 60)
            builder.staff_unit(f"SMPN-{i + 1:02d}", f"SMP Negeri {i + 1} {place}", "upt", "DISDIK",
                               [], school, 60)
    return builder


def create_accounts(builder, password):
    """One account per role with the fixed demo usernames."""
    dinkes_leads = [p for p in builder.people if p["unit"] == "DINKES" and p["jabatan_kind"] == "pengawas"]
    penilai_person = dinkes_leads[0]
    pegawai_person = next(p for p in builder.people if p["supervisor_nip"] == penilai_person["nip"])
    operator_person = next(p for p in builder.people
                           if p["unit"] == "BKPSDM" and p["jabatan_kind"] != "jpt_pratama"
                           and p["level"] == 3)
    by_nip = {e.nip: e for e in Employee.select().where(Employee.nip.in_(
        [penilai_person["nip"], pegawai_person["nip"], operator_person["nip"]]))}
    specs = [
        ("admin", "admin", "Administrator Portal", None),
        ("operator", "operator", None, by_nip[operator_person["nip"]]),
        ("penilai", "penilai", None, by_nip[penilai_person["nip"]]),
        ("pegawai", "pegawai", None, by_nip[pegawai_person["nip"]]),
        ("petugas", "petugas_pengaduan", "Koordinator Pengaduan", None),
    ]
    with db.atomic():
        for username, role, display, employee in specs:
            user = User(username=username, role=role,
                        display_name=display or (employee.name if employee else username),
                        employee=employee, created_at=utcnow())
            user.set_password(password)
            user.save()
    return [(username, role) for username, role, _d, _e in specs]


def is_empty():
    return not Unit.select().exists()


def load(scale="small", seed=2026, password=None, survey_responses=None):
    """Write the demo kabupaten into an empty database; return (accounts, password, builder)."""
    builder = build(scale, seed)
    builder.write()
    password = password or secrets.token_urlsafe(9)
    accounts = create_accounts(builder, password)
    from portal.demo import performance as demo_performance
    demo_performance.load(scale, seed)
    from portal.demo import survey as demo_survey
    builder.survey_responses = demo_survey.load(scale, seed, count=survey_responses)
    from portal.demo import calendar as demo_calendar
    demo_calendar.load(scale, seed)  # before complaints: their deadlines skip the holidays
    from portal.demo import complaints as demo_complaints
    accounts += demo_complaints.load(scale, seed)
    from portal.demo import content as demo_content
    demo_content.load(scale, seed)
    from portal.demo import events as demo_events
    demo_events.load(scale, seed)
    from portal.demo import monthly as demo_monthly
    demo_monthly.load(scale, seed)  # after awards: award follow-ups point at them
    from portal.demo import forms as demo_forms
    demo_forms.load(scale, seed)
    from portal.demo import audit as demo_audit
    demo_audit.load(scale, seed)  # last: mirrors the steps the others logged
    return accounts, password, builder


def init_app(app):
    app.cli.add_command(demo_data_command)


@click.command("demo-data")
@with_appcontext
@click.option("--scale", type=click.Choice(["small", "large"]), default="small",
              help="small: a kabupaten to explore; large: ≥ 50 units and ≥ 10,000 employees.")
@click.option("--password", default=None, help="Password of the demo accounts (else generated).")
@click.option("--seed", default=2026, type=int, help="The same seed gives the same data.")
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already has data.")
@click.option("--survey-responses", type=click.IntRange(min=0), default=None,
              help="Number of survey responses (default: 5,000 small, 1,000,000 large).")
def demo_data_command(scale, password, seed, if_empty, survey_responses):
    """Fill an empty database with a believable demo kabupaten."""
    with db.connection_context():
        if not is_empty():
            if if_empty:
                click.echo(_("The database already has data; demo data not loaded."))
                return
            raise click.ClickException(
                _("The database already has data. Demo data loads only into an empty database."))
        accounts, password, builder = load(scale, seed, password, survey_responses)
    lines = [_("Demo accounts (password: %(password)s):", password=password)]
    lines += [f"  {username:10s} {role}" for username, role in accounts]
    text = "\n".join(lines)
    path = os.path.join(current_app.instance_path, "demo_accounts.txt")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text + "\n")
    click.echo(_("Demo data loaded: %(units)d units, %(employees)d employees.",
                 units=len(builder.units), employees=len(builder.people)))
    click.echo(_("Survey responses: %(n)d.", n=builder.survey_responses))
    click.echo(text)
