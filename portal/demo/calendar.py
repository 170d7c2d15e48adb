"""Demo data: the national holidays and cuti bersama of 2026 and the fixed-date
holidays of 2027, written before the demo complaints so that their deadlines skip them.

2026 follows the joint decree (SKB) of the Minister of Religious Affairs, the Minister
of Manpower and the Minister of State Apparatus Empowerment and Bureaucratic Reform on
the national holidays and cuti bersama of 2026: 17 national holidays and 8 days of
cuti bersama. For 2027 only the holidays on a fixed date are listed (New Year, Labour
Day, Pancasila, Independence Day, Christmas): the dates of the moving holidays (Imlek,
Nyepi, the Islamic and Buddhist feasts, Easter) and the cuti bersama are set by the
2027 decree, which the operator enters in the back office (Hari libur) when it is out.
``csv_text(year)`` is the same list as the import file the back office offers.
"""
import csv
import datetime
import io

from portal.db import db
from portal.models import NonWorkingDay
from portal.rules.calendar import CUTI_BERSAMA as CUTI
from portal.rules.calendar import LIBUR_NASIONAL as LIBUR

D = datetime.date
DAYS = [
    (D(2026, 1, 1), "Tahun Baru 2026 Masehi", LIBUR),
    (D(2026, 1, 16), "Isra Mikraj Nabi Muhammad SAW", LIBUR),
    (D(2026, 2, 16), "Cuti bersama Tahun Baru Imlek 2577 Kongzili", CUTI),
    (D(2026, 2, 17), "Tahun Baru Imlek 2577 Kongzili", LIBUR),
    (D(2026, 3, 18), "Cuti bersama Hari Suci Nyepi (Tahun Baru Saka 1948)", CUTI),
    (D(2026, 3, 19), "Hari Suci Nyepi (Tahun Baru Saka 1948)", LIBUR),
    (D(2026, 3, 20), "Cuti bersama Idul Fitri 1447 Hijriah", CUTI),
    (D(2026, 3, 21), "Idul Fitri 1447 Hijriah", LIBUR),
    (D(2026, 3, 22), "Idul Fitri 1447 Hijriah", LIBUR),
    (D(2026, 3, 23), "Cuti bersama Idul Fitri 1447 Hijriah", CUTI),
    (D(2026, 3, 24), "Cuti bersama Idul Fitri 1447 Hijriah", CUTI),
    (D(2026, 4, 3), "Wafat Yesus Kristus", LIBUR),
    (D(2026, 4, 5), "Kebangkitan Yesus Kristus (Paskah)", LIBUR),
    (D(2026, 5, 1), "Hari Buruh Internasional", LIBUR),
    (D(2026, 5, 14), "Kenaikan Yesus Kristus", LIBUR),
    (D(2026, 5, 15), "Cuti bersama Kenaikan Yesus Kristus", CUTI),
    (D(2026, 5, 27), "Idul Adha 1447 Hijriah", LIBUR),
    (D(2026, 5, 28), "Cuti bersama Idul Adha 1447 Hijriah", CUTI),
    (D(2026, 5, 31), "Hari Raya Waisak 2570 BE", LIBUR),
    (D(2026, 6, 1), "Hari Lahir Pancasila", LIBUR),
    (D(2026, 6, 16), "Tahun Baru Islam 1448 Hijriah", LIBUR),
    (D(2026, 8, 17), "Hari Proklamasi Kemerdekaan Republik Indonesia", LIBUR),
    (D(2026, 8, 25), "Maulid Nabi Muhammad SAW", LIBUR),
    (D(2026, 12, 24), "Cuti bersama Hari Raya Natal", CUTI),
    (D(2026, 12, 25), "Hari Raya Natal", LIBUR),
    (D(2027, 1, 1), "Tahun Baru 2027 Masehi", LIBUR),
    (D(2027, 5, 1), "Hari Buruh Internasional", LIBUR),
    (D(2027, 6, 1), "Hari Lahir Pancasila", LIBUR),
    (D(2027, 8, 17), "Hari Proklamasi Kemerdekaan Republik Indonesia", LIBUR),
    (D(2027, 12, 25), "Hari Raya Natal", LIBUR),
]
KIND_WORDS = {LIBUR: "libur nasional", CUTI: "cuti bersama"}


def csv_text(year):
    """The year's days as an import file: tanggal,nama,jenis."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["tanggal", "nama", "jenis"])
    for day, name, kind in DAYS:
        if day.year == year:
            writer.writerow([day.isoformat(), name, KIND_WORDS[kind]])
    return out.getvalue()


def load(scale="small", seed=2026):
    """Add the days not yet in the table."""
    known = {day for (day,) in NonWorkingDay.select(NonWorkingDay.date).tuples()}
    with db.atomic():
        for day, name, kind in DAYS:
            if day not in known:
                NonWorkingDay.create(date=day, name=name, kind=kind)
