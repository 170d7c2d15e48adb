"""The printable SKP (A4 portrait PDF), the document offices print for signatures.

Like the award certificate (portal.pdf.certificates) it is an official document and
always written in Bahasa Indonesia: the plan (pegawai and pejabat penilai with
NIP, pangkat, jabatan and unit; RHK with IKI and targets; lampiran) and, once
evaluated for the year, the annual evaluation in its place: each RHK (utama,
tambahan) with its IKI per aspect, target and realisation, the feedback and the
rating, the BerAKHLAK ratings, hasil kerja, perilaku and the predikat. Signature
blocks for the pegawai, the pejabat penilai and the atasan pejabat penilai, dated
on the office's local date (portal.pdf.skp_layout.local_date).
"""
from portal.models import Evaluation, Period
from portal.pdf import skp_layout as layout
from portal.pdf.skp_layout import KIND_ID, number


def skp_pdf(skp, region, portal_name, compress=True, today=None, moment=None):
    """The SKP as PDF bytes, dated ``today`` or else the office's date at ``moment``
    (a UTC datetime; now when None)."""
    employee, appraiser = skp.employee, skp.appraiser if skp.appraiser_id else None
    second = appraiser.supervisor if appraiser and appraiser.supervisor_id else None
    doc = layout.Document(f"SKP {skp.year} - {employee.name}", region, portal_name, compress)
    _title(doc, skp, region)
    layout.identities(doc, employee, appraiser, second)
    rhks, ikis = layout.plan_rows(skp)
    annual = _annual(skp)
    if annual is None:
        _plan(doc, rhks, ikis)
    _attachments(doc, skp)
    if annual is not None:
        doc.text("EVALUASI KINERJA TAHUNAN", 11, "B")
        layout.results_table(doc, annual, rhks, ikis, "Realisasi (capaian)")
        doc.text("PERILAKU KERJA", 11, "B")
        layout.behaviour_table(doc, annual)
        layout.ratings_table(doc, skp.hasil_kerja_rating, skp.perilaku_rating, skp.predikat)
    layout.signatures(doc, region, today or layout.local_date(moment), employee, appraiser,
                      second)
    return doc.output()


def _annual(skp):
    """The year's evaluation, once there is one and the SKP has its predikat."""
    if not skp.predikat:
        return None
    return (Evaluation.select().join(Period)
            .where((Evaluation.skp == skp) & Period.quarter.is_null()
                   & Period.month.is_null()).first())


def _title(doc, skp, region):
    doc.text(f"PEMERINTAH {region.upper()}", 12, "B", "C", 0)
    doc.text("SASARAN KINERJA PEGAWAI", 14, "B", "C", 0)
    doc.text(f"PERIODE PENILAIAN: 1 JANUARI - 31 DESEMBER {skp.year}", 10, "", "C", 4)


def _plan(doc, rhks, ikis):
    """The planned work results with their indicators and targets."""
    doc.text("HASIL KERJA", 11, "B")
    rows = []
    for n, rhk in enumerate(rhks, 1):
        for i, iki in enumerate(ikis.get(rhk.id) or [None]):
            rows.append((
                str(n) if i == 0 else "",
                f"{rhk.text} ({KIND_ID.get(rhk.kind, rhk.kind)})" if i == 0 else "",
                f"{layout.ASPECT_ID.get(iki.aspect, iki.aspect)}: {iki.indicator}" if iki else "-",
                f"{number(iki.target_value)} {iki.target_unit}".strip() if iki else "-"))
    doc.table(rows or [("", "Belum ada rencana hasil kerja", "", "")],
              (9, 71, 70, doc.width - 150),
              header=("No", "Rencana Hasil Kerja", "Indikator Kinerja Individu", "Target"))


def _attachments(doc, skp):
    doc.text("LAMPIRAN", 11, "B")
    doc.table([("Dukungan sumber daya", skp.dukungan_sumber_daya or "-"),
               ("Skema pertanggungjawaban", skp.skema_pertanggungjawaban or "-"),
               ("Konsekuensi", skp.konsekuensi or "-")], (50, doc.width - 50))
