"""The printable evaluation of one period (Dokumen Evaluasi Kinerja Pegawai), A4 PDF.

What e-Kinerja gives per triwulan (and for the year): the period, the pegawai and
the pejabat penilai, each RHK with its IKI, target and the realisation so far, the
appraiser's feedback and rating, the BerAKHLAK ratings, the period's hasil kerja,
perilaku and predikat, and the signature blocks on the office's local date.
Always in Indonesian, like the SKP itself (portal.pdf.skp).
"""
import datetime

from portal import labels
from portal.pdf import skp_layout as layout

QUARTER_ID = ("I", "II", "III", "IV")


def period_text(period):
    """"TRIWULAN I (1 Januari - 31 Maret 2026)" or "TAHUNAN (1 Januari - 31 Desember 2026)"."""
    if period.quarter:
        first = datetime.date(period.year, 3 * period.quarter - 2, 1)
        after = (datetime.date(period.year + 1, 1, 1) if period.quarter == 4
                 else datetime.date(period.year, 3 * period.quarter + 1, 1))
        name = f"TRIWULAN {QUARTER_ID[period.quarter - 1]}"
    else:
        first, after = datetime.date(period.year, 1, 1), datetime.date(period.year + 1, 1, 1)
        name = "TAHUNAN"
    last = after - datetime.timedelta(days=1)
    return f"{name} ({layout.date_id(first)} - {layout.date_id(last)})"


def evaluation_pdf(evaluation, region, portal_name, compress=True, moment=None):
    """One evaluation as PDF bytes, dated the office's date at ``moment`` (UTC; now)."""
    skp, period = evaluation.skp, evaluation.period
    employee, appraiser = skp.employee, skp.appraiser if skp.appraiser_id else None
    doc = layout.Document(f"Evaluasi Kinerja {labels.period_label(period)} - {employee.name}", region, portal_name,
                          compress)
    doc.text(f"PEMERINTAH {region.upper()}", 12, "B", "C", 0)
    doc.text("DOKUMEN EVALUASI KINERJA PEGAWAI", 14, "B", "C", 0)
    doc.text(f"PERIODE: {period_text(period)}", 10, "", "C", 4)
    layout.identities(doc, employee, appraiser)
    rhks, ikis = layout.plan_rows(skp)
    doc.text("HASIL KERJA", 11, "B")
    layout.results_table(doc, evaluation, rhks, ikis,
                         "Realisasi s.d. periode ini" if period.quarter else "Realisasi")
    doc.text("PERILAKU KERJA", 11, "B")
    layout.behaviour_table(doc, evaluation)
    layout.ratings_table(doc, evaluation.hasil_kerja_rating, evaluation.perilaku_rating,
                         evaluation.predikat, "PREDIKAT KINERJA PERIODE INI")
    layout.signatures(doc, region, layout.local_date(moment), employee, appraiser)
    return doc.output()
