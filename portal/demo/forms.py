"""Demo low-code form: DPMPTSP's registration for a business-permit consultation
clinic (klinik perizinan UMKM), with a condition, every common field type, and
submissions — some given before a field was removed, to show that old answers stay.

Called at the end of ``portal.demo.load``; the same seed gives the same data.
"""
import datetime
import random

from portal.db import db
from portal.models import (CustomForm, Event, FormAnswer, FormField, FormSubmission, Unit,
                           User)
from portal.models.base import utcnow
from portal.models.forms import new_reference

CHUNK = 500
NAMES = ["Sri Wahyuni", "Ahmad Fauzi", "Rina Marlina", "Yusuf Hidayat", "Nur Aini",
         "Hendra Gunawan", "Lestari Putri", "Bambang Irawan", "Wulan Sari", "Joko Susilo"]
BUSINESSES = ["Keripik Singkong Bu Sri", "Batik Tulis Melati", "Kopi Bubuk Gunung Sari",
              "Bengkel Las Maju Jaya", "Warung Makan Sederhana", "Anyaman Bambu Lestari",
              "Laundry Kiloan Bersih", "Kue Basah Ibu Ani"]
SECTORS = ["Kuliner", "Kerajinan", "Jasa", "Perdagangan", "Pertanian"]
TOPICS = ["NIB dan OSS RBA", "Sertifikat halal", "PIRT", "Merek dagang", "Akses permodalan"]
FIELDS = [
    # key, label, type, required, choices, show_when (key, value), help text
    ("nama", "Nama lengkap", "short_text", True, "", None, ""),
    ("telepon", "Nomor HP/WhatsApp", "phone", True, "", None,
     "Petugas menghubungi Anda untuk jadwal konsultasi."),
    ("email", "E-mail", "email", False, "", None, ""),
    ("nama_usaha", "Nama usaha", "short_text", True, "", None, ""),
    ("sektor", "Sektor usaha", "single_choice", True, "\n".join(SECTORS), None, ""),
    ("punya_nib", "Sudah memiliki NIB?", "yes_no", True, "", None,
     "Nomor Induk Berusaha dari OSS."),
    ("nomor_nib", "Nomor NIB", "short_text", True, "", ("punya_nib", "yes"), "13 digit."),
    ("karyawan", "Jumlah tenaga kerja", "number", False, "", None, ""),
    ("topik", "Topik konsultasi", "multiple_choice", True, "\n".join(TOPICS), None,
     "Boleh lebih dari satu."),
    ("tanggal", "Tanggal kunjungan yang diinginkan", "date", False, "", None, ""),
    ("cerita", "Ceritakan singkat kebutuhan Anda", "long_text", False, "", None, ""),
    ("foto_produk", "Foto produk (opsional)", "file", False, "", None, "JPEG, PNG atau PDF."),
]
REMOVED = ("alamat", "Alamat usaha", "long_text")  # asked at first, removed later


def _answers(rng, n, today):
    has_nib = n % 3 != 0
    answers = {
        "nama": NAMES[n % len(NAMES)],
        "telepon": f"08{rng.randint(11, 59)}{rng.randint(1000000, 9999999)}",
        "email": f"umkm{n + 1}@contoh.id" if n % 2 else "",
        "nama_usaha": BUSINESSES[n % len(BUSINESSES)],
        "sektor": rng.choice(SECTORS),
        "punya_nib": "yes" if has_nib else "no",
        "nomor_nib": str(rng.randint(10 ** 12, 10 ** 13 - 1)) if has_nib else "",
        "karyawan": str(rng.randint(1, 25)),
        "topik": "\n".join(sorted(rng.sample(TOPICS, rng.randint(1, 3)), key=TOPICS.index)),
        "tanggal": (today + datetime.timedelta(days=rng.randint(3, 30))).isoformat()
        if n % 4 else "",
        "cerita": "Ingin mengurus izin edar dan label halal." if n % 5 == 0 else "",
    }
    return {key: value for key, value in answers.items() if value}


def load(scale="small", seed=2026):
    rng = random.Random(seed + 9)
    now = utcnow().replace(microsecond=0)
    today = (now + datetime.timedelta(hours=7)).date()
    unit = Unit.get_or_none(Unit.code == "DPMPTSP") or Unit.select().order_by(Unit.id).first()
    operator = User.get_or_none(User.username == "operator")
    count = 300 if scale == "large" else 24
    with db.atomic():
        form = CustomForm.create(
            title="Pendaftaran Klinik Perizinan UMKM", slug="klinik-perizinan-umkm",
            intro="Daftarkan usaha Anda untuk **konsultasi gratis** perizinan berusaha: NIB, "
                  "sertifikat halal, PIRT, dan merek. Petugas DPMPTSP menghubungi Anda dalam "
                  "tiga hari kerja.",
            status="published", confirmation="Terima kasih. Simpan nomor referensi ini; "
                                             "petugas akan menghubungi Anda.",
            unit=unit, created_by=operator, created_at=now - datetime.timedelta(days=45),
            updated_at=now - datetime.timedelta(days=10))
        fields = {}
        for position, (key, label, kind, required, choices, when, help_text) in \
                enumerate(FIELDS, start=1):
            fields[key] = FormField.create(
                form=form, key=key, label=label, type=kind, required=required,
                position=position * 10, choices=choices, help_text=help_text,
                show_when_key=when[0] if when else "", show_when_value=when[1] if when else "")
        key, label, kind = REMOVED
        removed = FormField.create(form=form, key=key, label=label, type=kind, position=35,
                                   active=False, removed_at=now - datetime.timedelta(days=10))
        fields[key] = removed
        submissions = []
        for n in range(count):
            submissions.append({"form": form.id, "reference": new_reference(),
                                "submitted_at": now - datetime.timedelta(
                                    days=40 - 40 * n // count, hours=rng.randint(0, 9)),
                                "ip_hash": ""})
        for start in range(0, len(submissions), CHUNK):
            FormSubmission.insert_many(submissions[start:start + CHUNK]).execute()
        saved = list(FormSubmission.select(FormSubmission.id, FormSubmission.submitted_at)
                     .where(FormSubmission.form == form.id).order_by(FormSubmission.id))
        rows = []
        cutoff = now - datetime.timedelta(days=10)
        for n, submission in enumerate(saved):
            answers = _answers(rng, n, today)
            if submission.submitted_at < cutoff:
                answers["alamat"] = f"Jl. Pasar Baru No. {n + 1}, Kecamatan Kota"
            for key, value in answers.items():
                field = fields[key]
                rows.append({"submission": submission.id, "field": field.id, "field_key": key,
                             "field_label": field.label, "field_type": field.type,
                             "value": value, "file_stored": "", "file_type": ""})
        for start in range(0, len(rows), CHUNK):
            FormAnswer.insert_many(rows[start:start + CHUNK]).execute()
        _event_questions(now, operator)
    return form


def _event_questions(now, operator):
    """Extra questions on the registration of the SKP training (portal/demo_events.py)."""
    event = Event.get_or_none(Event.title.startswith("Bimbingan Teknis Penyusunan SKP"))
    if event is None:
        return
    extra = CustomForm.create(
        title="Pertanyaan tambahan Bimtek SKP", slug="pertanyaan-bimtek-skp",
        status="published", event=event, created_by=operator, created_at=now, updated_at=now)
    FormField.create(form=extra, position=10, key="sudah_ekinerja", type="yes_no",
                     required=True, label="Sudah pernah menyusun SKP di e-Kinerja?")
    FormField.create(form=extra, position=20, key="kendala", type="long_text",
                     label="Kendala yang ingin dibahas", show_when_key="sudah_ekinerja",
                     show_when_value="yes")
