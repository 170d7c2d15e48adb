"""Demo socialisation content and awards for the demo kabupaten.

Guides on the SKP and the SKM in plain Indonesian (one with an English
translation), news, an item waiting for review, and awards to employees and
to one unit. Called at the end of ``portal.demo.load``; the same seed gives
the same data.
"""
import datetime
import random

from portal.db import db
from portal.models import (Award, ContentItem, ContentTransition, Employee, Unit, User)
from portal.models.base import utcnow
from portal.models.content import set_tags

GUIDE_SKP = """\
## Apa itu SKP?

**Sasaran Kinerja Pegawai (SKP)** adalah ekspektasi kinerja yang akan dicapai seorang ASN dalam
satu tahun. SKP disepakati bersama oleh pegawai dan atasan langsungnya — **pejabat penilai
kinerja** — di awal tahun, lalu menjadi dasar pemantauan, pembinaan dan penilaian kinerja
(PermenPANRB Nomor 6 Tahun 2022). Atasan dari pejabat penilai ikut melihat dan meninjau hasilnya.

## Siklus dalam satu tahun

1. **Perencanaan kinerja** — pegawai dan atasan menyepakati isi SKP.
2. **Pelaksanaan, pemantauan dan pembinaan** — pegawai mencatat hasil kerjanya, atasan memberi
   umpan balik berkelanjutan dan bimbingan bila perlu.
3. **Penilaian kinerja** — secara periodik (Triwulan I sampai IV) dan tahunan.
4. **Tindak lanjut** — penghargaan bagi yang berkinerja baik; pelatihan, pembinaan atau sanksi
   bagi yang belum.

## RHK dan IKI

SKP berisi **Rencana Hasil Kerja (RHK)**: hasil yang akan Anda capai tahun ini.

- **RHK utama** menggambarkan tugas pokok jabatan Anda; **RHK tambahan** berada di luar tugas
  pokok (misalnya menjadi panitia kegiatan).
- Setiap RHK sebaiknya mendukung RHK atasan yang diintervensinya. Dengan begitu kinerja unit
  "diturunkan" (*cascading*) sampai ke setiap pegawai.

Setiap RHK diukur dengan satu atau beberapa **Indikator Kinerja Individu (IKI)**. IKI memiliki
**aspek** (kuantitas, kualitas, waktu atau biaya) dan **target** berupa angka dan satuan.

| RHK | IKI | Aspek | Target |
|---|---|---|---|
| Layanan asuhan keperawatan pasien rawat jalan terlaksana | Jumlah pasien yang dilayani | Kuantitas | 1.200 pasien |
| Dokumen kependudukan diterbitkan dengan cepat dan benar | Waktu penerbitan KTP-el | Waktu | 1 hari |
| Dokumen kependudukan diterbitkan dengan cepat dan benar | Persentase dokumen tanpa kesalahan | Kualitas | 98 % |
| Laporan pembelajaran bulanan tersusun | Jumlah laporan yang diserahkan | Kuantitas | 12 laporan |

Setiap periode Anda mengisi **realisasi** dan mengunggah **bukti dukung** (foto kegiatan, daftar
hadir, laporan, tangkapan layar aplikasi). Atasan memberikan **umpan balik** pada setiap RHK.

Capaian target dihitung dari realisasi dibanding target. Untuk indikator yang "makin banyak makin
baik" rumusnya realisasi ÷ target × 100 %; untuk waktu dan biaya, yang "makin kecil makin baik",
perbandingannya dibalik.

## Bagaimana predikat kinerja ditentukan

Di akhir periode, atasan menilai dua hal, masing-masing *di atas*, *sesuai* atau *di bawah
ekspektasi*:

- **Hasil kerja** — *di atas ekspektasi* bila sebagian besar atau seluruh hasil kerja melampaui
  ekspektasi dan tidak ada RHK utama yang di bawah ekspektasi; *di bawah ekspektasi* bila
  sebagian besar atau seluruhnya di bawah ekspektasi.
- **Perilaku kerja** — menurut tujuh nilai dasar **BerAKHLAK**: Berorientasi Pelayanan,
  Akuntabel, Kompeten, Harmonis, Loyal, Adaptif dan Kolaboratif.

Kedua penilaian itu dipertemukan dalam matriks berikut:

| Hasil kerja ↓ · Perilaku kerja → | Di bawah ekspektasi | Sesuai ekspektasi | Di atas ekspektasi |
|---|---|---|---|
| **Di atas ekspektasi** | Kurang/Misconduct | Baik | Sangat Baik |
| **Sesuai ekspektasi** | Kurang/Misconduct | Baik | Baik |
| **Di bawah ekspektasi** | Sangat Kurang | Butuh Perbaikan | Butuh Perbaikan |

Contoh: hasil kerja Anda di atas ekspektasi dan perilaku kerja sesuai ekspektasi, maka predikat
Anda **Baik**. Predikat **Sangat Baik** hanya diraih bila keduanya di atas ekspektasi.

> Sebaran predikat dalam satu unit mengikuti capaian kinerja organisasinya. Unit dengan capaian
> "Istimewa" boleh memiliki lebih banyak pegawai berpredikat Sangat Baik daripada unit dengan
> capaian "Butuh Perbaikan".
"""

GUIDE_SKP_EN = """\
## What is an SKP?

The **SKP (Sasaran Kinerja Pegawai)** is the performance an ASN agrees to deliver in one year. It
is agreed at the start of the year between the employee and their direct supervisor, the
**appraiser**, and is the basis for monitoring, coaching and appraisal (PermenPANRB 6/2022).

## RHK and IKI

- **RHK (Rencana Hasil Kerja)**: the results to deliver — *main* results for the core duties,
  *additional* ones beyond them. Each should support a result of the supervisor's.
- **IKI (Indikator Kinerja Individu)**: how each result is measured, with an aspect (quantity,
  quality, time or cost) and a target, e.g. "1,200 patients" or "1 day".

Each period you record the **realisation** with **supporting evidence**, and your supervisor gives
**feedback** on each result.

## How the rating (predikat) is decided

The supervisor rates **work results** and **work behaviour** (the seven BerAKHLAK values) each as
*above*, *meeting* or *below expectations*:

| Results ↓ · Behaviour → | Below | Meeting | Above |
|---|---|---|---|
| **Above** | Poor/Misconduct | Good | Very Good |
| **Meeting** | Poor/Misconduct | Good | Good |
| **Below** | Very Poor | Needs Improvement | Needs Improvement |
"""

GUIDE_SKM = """\
## Apa itu SKM?

**Survei Kepuasan Masyarakat (SKM)** mengukur kepuasan masyarakat atas pelayanan yang mereka
terima. Menurut PermenPANRB Nomor 14 Tahun 2017, setiap unit penyelenggara pelayanan publik wajib
melaksanakannya **paling sedikit sekali setahun**. Hasilnya berupa **Indeks Kepuasan Masyarakat
(IKM)** yang diumumkan kepada publik dan dipakai untuk memperbaiki layanan.

## Sembilan unsur yang dinilai

1. **Persyaratan** — kesesuaian persyaratan dengan jenis layanan
2. **Sistem, mekanisme dan prosedur**
3. **Waktu penyelesaian**
4. **Biaya/tarif**
5. **Produk spesifikasi jenis pelayanan**
6. **Kompetensi pelaksana**
7. **Perilaku pelaksana**
8. **Sarana dan prasarana**
9. **Penanganan pengaduan, saran dan masukan**

Setiap unsur dijawab dengan skala 1 sampai 4. Contoh untuk persyaratan: 1 = tidak sesuai,
2 = kurang sesuai, 3 = sesuai, 4 = sangat sesuai. Untuk biaya: 1 = sangat mahal, 2 = cukup
mahal, 3 = murah, 4 = gratis.

Responden juga mengisi profilnya: jenis kelamin, usia, pendidikan, pekerjaan, jenis layanan yang
diterima, serta tanggal dan jam survei.

## Cara menghitung IKM

1. **Nilai rata-rata (NRR) per unsur** = jumlah nilai jawaban unsur itu ÷ jumlah jawaban.
2. **NRR tertimbang** = jumlah NRR kesembilan unsur × 1/9 (setiap unsur berbobot sama).
3. **IKM** = NRR tertimbang × 25, sehingga nilainya antara 25 dan 100.

Contoh: NRR kesembilan unsur 3,2; 3,1; 2,9; 3,8; 3,3; 3,4; 3,5; 3,0 dan 2,8. Jumlahnya 29,0;
NRR tertimbang 29,0 ÷ 9 = 3,222; IKM = 3,222 × 25 = **80,56**, mutu **B (Baik)**.

| Nilai IKM | Nilai interval NRR | Mutu pelayanan | Kinerja unit |
|---|---|---|---|
| 88,31 – 100,00 | 3,5324 – 4,00 | A | Sangat Baik |
| 76,61 – 88,30 | 3,0644 – 3,532 | B | Baik |
| 65,00 – 76,60 | 2,60 – 3,064 | C | Kurang Baik |
| 25,00 – 64,99 | 1,00 – 2,5996 | D | Tidak Baik |

## Berapa responden yang dibutuhkan?

Jumlah sampel minimum dihitung dengan rumus Krejcie dan Morgan dari jumlah penerima layanan
(populasi). Contoh: populasi 300 orang membutuhkan paling sedikit **169** responden, 500 orang
**217** responden, dan 2.000 orang **322** responden. IKM yang diumumkan sebaiknya menyebut berapa
jawaban yang menjadi dasarnya dan apakah jumlah itu sudah memenuhi sampel minimum.
"""

NEWS = [
    ("penilaian-kinerja-triwulan-iii-dibuka", "Penilaian Kinerja Triwulan III Dibuka",
     "Pegawai diminta mengisi realisasi dan mengunggah bukti dukung paling lambat tanggal 10.",
     "BKPSDM membuka penilaian kinerja **Triwulan III**. Setiap pegawai mengisi realisasi "
     "IKI dan mengunggah bukti dukung, lalu pejabat penilai memberikan umpan balik dan "
     "penilaian.\n\nBila menemui kendala, hubungi operator kepegawaian di unit Anda.", 9),
    ("ayo-isi-survei-kepuasan-masyarakat", "Ayo Isi Survei Kepuasan Masyarakat",
     "Pendapat Anda tentang layanan Disdukcapil, Puskesmas dan kecamatan membantu kami "
     "memperbaiki pelayanan.",
     "Survei Kepuasan Masyarakat (SKM) semester ini dibuka di seluruh unit layanan. Survei "
     "hanya memuat sembilan pertanyaan singkat dan tidak meminta nama Anda.\n\nHasilnya "
     "diumumkan sebagai Indeks Kepuasan Masyarakat (IKM) setiap unit.", 3),
]


def _log(item, name, frm, to, actor, when, comment=""):
    ContentTransition.create(item=item, transition=name, from_state=frm, to_state=to,
                             actor=actor, comment=comment, created_at=when)


def _published(title, slug, kind, summary, body, operator, admin, when, tags, **fields):
    item = ContentItem.create(kind=kind, title=title, slug=slug, summary=summary, body=body,
                              state="published", published_at=when, created_by=operator,
                              created_at=when - datetime.timedelta(days=1), updated_at=when,
                              **fields)
    _log(item, "submit", "private", "pending", operator, when - datetime.timedelta(hours=20))
    _log(item, "publish", "pending", "published", admin, when)
    set_tags(item, tags)
    return item


def load(scale="small", seed=2026):
    """Add demo content and awards to the loaded demo kabupaten."""
    rng = random.Random(seed)
    now = utcnow().replace(microsecond=0)
    day = datetime.timedelta(days=1)
    admin = User.get(User.username == "admin")
    operator = User.get(User.username == "operator")
    with db.atomic():
        skp = _published("Memahami SKP: RHK, IKI dan Predikat Kinerja", "memahami-skp", "guide",
                         "Apa itu SKP, cara menyusun RHK dan IKI, dan bagaimana predikat kinerja "
                         "ditentukan menurut PermenPANRB 6/2022.", GUIDE_SKP, operator, admin,
                         now - 30 * day, ["SKP", "Kinerja ASN"])
        _published("Understanding the SKP: RHK, IKI and the rating", "understanding-the-skp",
                   "guide", "What an SKP is, how results and indicators are set, and how the "
                   "rating is decided.", GUIDE_SKP_EN, operator, admin, now - 29 * day,
                   ["SKP"], language="en", translation_of=skp)
        _published("Survei Kepuasan Masyarakat dan Cara Menghitung IKM", "memahami-skm-dan-ikm",
                   "guide", "Sembilan unsur SKM, skala penilaian, cara menghitung IKM dan jumlah "
                   "responden minimum menurut PermenPANRB 14/2017.", GUIDE_SKM, operator, admin,
                   now - 20 * day, ["SKM", "Pelayanan Publik"])
        for slug, title, summary, body, days_ago in NEWS:
            _published(title, slug, "news", summary, body, operator, admin, now - days_ago * day,
                       ["Berita"])
        _published("Jadwal Penilaian Kinerja Tahunan bagi ASN", "jadwal-penilaian-tahunan", "news",
                   "Khusus ASN: tenggat penilaian kinerja tahunan dan kalibrasi di setiap unit.",
                   "Penilaian kinerja tahunan ditutup pada **31 Januari**. Pejabat penilai "
                   "menyelesaikan penilaian sebelum rapat kalibrasi di unit masing-masing.",
                   operator, admin, now - 5 * day, ["SKP"], audience="all_asn")
        pending = ContentItem.create(
            kind="guide", title="Panduan Mengunggah Bukti Dukung", slug="panduan-bukti-dukung",
            summary="Jenis bukti dukung yang diterima dan cara mengunggahnya.",
            body="## Bukti dukung yang diterima\n\n- Foto kegiatan\n- Daftar hadir\n"
                 "- Laporan atau notulen\n- Tangkapan layar aplikasi layanan\n",
            state="pending", created_by=operator, created_at=now - 2 * day,
            updated_at=now - day)
        _log(pending, "submit", "private", "pending", operator, now - day,
             "Mohon ditinjau sebelum penilaian Triwulan III.")
        set_tags(pending, ["SKP"])

        candidates = list(Employee.select(Employee.id).where(
            (Employee.active == True) & (Employee.jabatan_kind != "jpt_pratama"))  # noqa: E712
            .order_by(Employee.nip).limit(200))
        picked = rng.sample(candidates, min(4, len(candidates)))
        titles = [("Pegawai Teladan", "certificate", "Tahun 2025",
                   "Atas dedikasi dan capaian kinerja Sangat Baik selama tahun 2025."),
                  ("ASN Inovatif", "recognition", "Tahun 2025",
                   "Atas inovasi layanan yang mempersingkat waktu pelayanan."),
                  ("Insentif Kinerja Triwulan II", "incentive", "Triwulan II 2026",
                   "Atas capaian seluruh IKI di atas target."),
                  ("Pegawai Teladan", "certificate", "Triwulan I 2026",
                   "Atas pelayanan yang ramah dan tanpa keluhan.")]
        for employee, (title, kind, period, reason), days_ago in zip(
                picked, titles, (60, 45, 20, 90)):
            Award.create(employee=employee, title=title, kind=kind, period=period,
                         reason=reason, award_date=(now - days_ago * day).date(),
                         public=kind != "incentive", created_by=operator, created_at=now)
        unit = Unit.get_or_none(Unit.code == "DISDUKCAPIL")
        if unit is not None:
            Award.create(unit=unit, title="Unit Pelayanan Publik Terbaik", kind="certificate",
                         period="Tahun 2025", award_date=(now - 40 * day).date(),
                         reason="Atas Indeks Kepuasan Masyarakat dengan mutu A dan "
                                "penyelesaian pengaduan tepat waktu.",
                         created_by=admin, created_at=now)
