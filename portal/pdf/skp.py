"""The printable SKP (A4 portrait PDF), the document offices print for signatures.

Like the award certificate (portal.pdf.certificates) it is an official document and
always written in Bahasa Indonesia: the plan (pegawai and pejabat penilai with
NIP, pangkat, jabatan and unit; RHK with IKI and targets; lampiran) and, once
evaluated, the annual evaluation with ratings and the predikat; signature
blocks for the pegawai, the pejabat penilai and the atasan pejabat penilai.
"""
from babel.dates import format_date
from fpdf import FPDF
from fpdf.fonts import FontFace

from portal.models import Evaluation, Iki, Period, Rhk
from portal.models.base import utcnow
from portal.pdf.certificates import _latin1
from portal.rules.nip import format_nip
from portal.skp import iki_achievements

RATING_ID = {"di_atas": "Di Atas Ekspektasi", "sesuai": "Sesuai Ekspektasi",
             "di_bawah": "Di Bawah Ekspektasi"}
PREDIKAT_ID = {"sangat_baik": "Sangat Baik", "baik": "Baik",
               "butuh_perbaikan": "Butuh Perbaikan", "kurang": "Kurang/Misconduct",
               "sangat_kurang": "Sangat Kurang"}
BERAKHLAK_ID = {"berorientasi_pelayanan": "Berorientasi Pelayanan", "akuntabel": "Akuntabel",
                "kompeten": "Kompeten", "harmonis": "Harmonis", "loyal": "Loyal",
                "adaptif": "Adaptif", "kolaboratif": "Kolaboratif"}
KIND_ID = {"utama": "Utama", "tambahan": "Tambahan"}
HEAD = FontFace(emphasis="BOLD", fill_color=(225, 236, 240))


def _number(value):
    if value is None:
        return ""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def _identity_rows(label, employee):
    if employee is None:
        return [(label, "-")]
    return [(f"{label}: Nama", employee.name), ("NIP", format_nip(employee.nip)),
            ("Pangkat/Gol. Ruang", employee.pangkat or "-"),
            ("Jabatan", employee.position_title or "-"), ("Unit Kerja", employee.unit.name)]


def skp_pdf(skp, region, portal_name, compress=True, today=None):
    """The SKP as PDF bytes."""
    employee, appraiser = skp.employee, skp.appraiser if skp.appraiser_id else None
    second = appraiser.supervisor if appraiser and appraiser.supervisor_id else None
    doc = _Document(skp, region, portal_name, compress)
    _title(doc, skp, region)
    _identities(doc, employee, appraiser, second)
    rhks, ikis = _plan(doc, skp)
    _attachments(doc, skp)
    _annual_evaluation(doc, skp, rhks, ikis)
    _signatures(doc, region, today or utcnow().date(), employee, appraiser, second)
    return bytes(doc.pdf.output())


class _Document:
    """An A4 page with 15 mm margins, and the two ways the SKP writes on it."""

    def __init__(self, skp, region, portal_name, compress):
        pdf = self.pdf = FPDF(orientation="P", unit="mm", format="A4")
        pdf.set_compression(compress)
        pdf.set_title(_latin1(f"SKP {skp.year} - {skp.employee.name}"))
        pdf.set_author(_latin1(f"Pemerintah {region}"))
        pdf.set_creator(_latin1(portal_name))
        pdf.set_margins(15, 15, 15)
        pdf.set_auto_page_break(True, 15)
        pdf.add_page()
        self.width = pdf.w - 30

    def text(self, value, size=10, style="", align="L", gap=1):
        self.pdf.set_font("Helvetica", style, size)
        self.pdf.multi_cell(self.width, size * 0.5, _latin1(value), align=align,
                            new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(gap)

    def table(self, rows, widths, header=None, size=9):
        self.pdf.set_font("Helvetica", "", size)
        with self.pdf.table(col_widths=widths, headings_style=HEAD, line_height=size * 0.5,
                            first_row_as_headings=header is not None, text_align="LEFT") as t:
            for row in ([header] if header else []) + rows:
                r = t.row()
                for cell in row:
                    r.cell(_latin1(str(cell)))
        self.pdf.ln(3)


def _title(doc, skp, region):
    doc.text(f"PEMERINTAH {region.upper()}", 12, "B", "C", 0)
    doc.text("SASARAN KINERJA PEGAWAI", 14, "B", "C", 0)
    doc.text(f"PERIODE PENILAIAN: 1 JANUARI - 31 DESEMBER {skp.year}", 10, "", "C", 4)


def _identities(doc, employee, appraiser, second):
    identity = _identity_rows("Pegawai yang dinilai", employee)
    identity += _identity_rows("Pejabat penilai kinerja", appraiser)
    if second:
        identity += _identity_rows("Atasan pejabat penilai", second)
    doc.table(identity, (45, doc.width - 45))


def _plan(doc, skp):
    """The planned work results with their indicators; returns (rhks, rhk id → ikis)."""
    doc.text("HASIL KERJA", 11, "B")
    rows = []
    rhks = list(skp.rhks.order_by(Rhk.position, Rhk.id))
    ikis = {}
    for iki in Iki.select().where(Iki.rhk.in_([r.id for r in rhks])).order_by(Iki.id):
        ikis.setdefault(iki.rhk_id, []).append(iki)
    for number, rhk in enumerate(rhks, 1):
        indicators = ikis.get(rhk.id) or [None]
        for i, iki in enumerate(indicators):
            rows.append((
                str(number) if i == 0 else "",
                f"{rhk.text} ({KIND_ID.get(rhk.kind, rhk.kind)})" if i == 0 else "",
                f"{iki.aspect.title()}: {iki.indicator}" if iki else "-",
                f"{_number(iki.target_value)} {iki.target_unit}".strip() if iki else "-"))
    doc.table(rows or [("", "Belum ada rencana hasil kerja", "", "")],
              (8, 72, 70, doc.width - 150),
              header=("No", "Rencana Hasil Kerja", "Indikator Kinerja Individu", "Target"))
    return rhks, ikis


def _attachments(doc, skp):
    doc.text("LAMPIRAN", 11, "B")
    doc.table([("Dukungan sumber daya", skp.dukungan_sumber_daya or "-"),
               ("Skema pertanggungjawaban", skp.skema_pertanggungjawaban or "-"),
               ("Konsekuensi", skp.konsekuensi or "-")], (50, doc.width - 50))


def _annual_evaluation(doc, skp, rhks, ikis):
    """The year's evaluation, once there is one and a predikat."""
    annual = (Evaluation.select().join(Period)
              .where((Evaluation.skp == skp) & Period.quarter.is_null()
                     & Period.month.is_null()).first())
    if annual is None or not skp.predikat:
        return
    width = doc.width
    doc.text("EVALUASI KINERJA TAHUNAN", 11, "B")
    results = {r.rhk_id: r for r in annual.results}
    numbers = iki_achievements(annual)

    def realisation(rhk):
        lines = [results[rhk.id].realisation] if rhk.id in results else []
        for iki in ikis.get(rhk.id, []):
            if iki.id in numbers:
                value, pct = numbers[iki.id]
                reached = f"{_number(value)} {iki.target_unit}".strip()
                lines.append(f"{reached} ({_number(pct)} %)" if pct is not None else reached)
        return "\n".join(line for line in lines if line) or "-"

    rows = [(str(n), rhk.text, realisation(rhk),
             RATING_ID.get(results[rhk.id].rating, "-") if rhk.id in results else "-")
            for n, rhk in enumerate(rhks, 1)]
    if rows:
        doc.table(rows, (8, 70, 62, width - 140),
                  header=("No", "Rencana Hasil Kerja", "Realisasi", "Penilaian"))
    behaviours = {b.value: b for b in annual.behaviours}
    rows = [(label, RATING_ID.get(behaviours[v].rating, "-") if v in behaviours else "-")
            for v, label in BERAKHLAK_ID.items()]
    doc.table(rows, (80, width - 80), header=("Perilaku Kerja (BerAKHLAK)", "Penilaian"))
    doc.table([("Rating hasil kerja", RATING_ID.get(skp.hasil_kerja_rating, "-")),
               ("Rating perilaku kerja", RATING_ID.get(skp.perilaku_rating, "-")),
               ("PREDIKAT KINERJA PEGAWAI", PREDIKAT_ID.get(skp.predikat, "-"))],
              (80, width - 80))


def _signatures(doc, region, today, employee, appraiser, second):
    """Pegawai and pejabat penilai side by side, the atasan below."""
    pdf = doc.pdf
    date_text = format_date(today, "d MMMM y", locale="id")
    if pdf.get_y() > pdf.h - 75:
        pdf.add_page()
    pdf.ln(4)
    top = pdf.get_y()
    half = doc.width / 2

    def signature(x, y, title, person, dated=False):
        pdf.set_xy(x, y)
        pdf.set_font("Helvetica", "", 10)
        lines = (f"{region}, {date_text}\n" if dated else "\n") + title + "\n\n\n\n"
        if person is not None:
            lines += f"{person.name}\nNIP {format_nip(person.nip)}"
        else:
            lines += "(....................................)"
        pdf.multi_cell(half, 5, _latin1(lines), align="C")

    signature(15, top, "Pegawai yang dinilai,", employee)
    signature(15 + half, top, "Pejabat penilai kinerja,", appraiser, dated=True)
    if second:
        pdf.ln(6)
        signature(15 + half / 2, pdf.get_y(), "Atasan pejabat penilai kinerja,", second)
