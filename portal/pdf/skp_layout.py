"""The parts the printed SKP and the printed evaluation of a period share.

An A4 page and its two ways of writing (a paragraph, a table); the identities
of the pegawai and the pejabat penilai; the table of work results (RHK utama
and tambahan, each IKI with its aspect, target and realisation, the feedback
and the rating); the BerAKHLAK table; the ratings and the predikat; the
signature blocks, dated on the office's local date. Always in Indonesian: these
are official documents.
"""
from babel.dates import format_date
from flask_babel import to_user_timezone
from fpdf import FPDF
from fpdf.fonts import FontFace

from portal.models import Iki, Rhk
from portal.models.base import utcnow
from portal.pdf.certificates import _latin1
from portal.rules.nip import format_nip
from portal.rules.predikat import RHK_KINDS
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
GROUP_ID = {"utama": "A. HASIL KERJA UTAMA", "tambahan": "B. HASIL KERJA TAMBAHAN"}
ASPECT_ID = {"kuantitas": "Kuantitas", "kualitas": "Kualitas", "waktu": "Waktu",
             "biaya": "Biaya"}
HEAD = FontFace(emphasis="BOLD", fill_color=(225, 236, 240))
PADDING = (0.8, 1.5)  # mm inside each table cell: top and bottom, left and right
GROUP = FontFace(emphasis="BOLD", fill_color=(243, 246, 248))


def local_date(moment=None):
    """The office's date at ``moment`` (UTC; now when None): a PDF printed on
    7 December at 20:00 UTC is dated 8 December in WIB."""
    return to_user_timezone(moment or utcnow()).date()


def date_id(day):
    """A date as an Indonesian document writes it: "8 Desember 2026"."""
    return format_date(day, "d MMMM y", locale="id")


def number(value):
    """1350.5 → "1.350,5" (Indonesian separators, no trailing zeros)."""
    if value is None:
        return ""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


class Document:
    """An A4 page with 15 mm margins, and the two ways the documents write on it."""

    def __init__(self, title, region, portal_name, compress):
        pdf = self.pdf = FPDF(orientation="P", unit="mm", format="A4")
        pdf.set_compression(compress)
        pdf.set_title(_latin1(title))
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
                            first_row_as_headings=header is not None, text_align="LEFT",
                            padding=PADDING) as t:
            for row in ([header] if header else []) + rows:
                r = t.row()
                for cell in row:
                    r.cell(_latin1(str(cell)))
        self.pdf.ln(3)

    def output(self):
        return bytes(self.pdf.output())


LABEL_WIDTH = 45  # mm: the identity block's label column
# the columns of the work results table (mm) and their headings; a heading that would
# sit tight in its column is written on two lines, so a reader's own font never
# pushes a bracket out of sight
RESULT_WIDTHS = (9, 35, 17, 32, 20, 31, 36)
RESULT_HEADS = ("No", "Rencana Hasil Kerja", "Aspek", "Indikator Kinerja Individu", "Target",
                "Realisasi", "Umpan Balik dan Penilaian")


def identity_rows(employee):
    """(label, value) of one person; the role is the heading above them."""
    if employee is None:
        return [("Nama", "-")]
    return [("Nama", employee.name), ("NIP", format_nip(employee.nip)),
            ("Pangkat/Gol. Ruang", employee.pangkat or "-"),
            ("Jabatan", employee.position_title or "-"), ("Unit Kerja", employee.unit.name)]


def identities(doc, employee, appraiser, second=None):
    """Each person under a heading of their role, so no label runs into its value."""
    people = [("PEGAWAI YANG DINILAI", employee), ("PEJABAT PENILAI KINERJA", appraiser)]
    if second:
        people.append(("ATASAN PEJABAT PENILAI", second))
    pdf = doc.pdf
    pdf.set_font("Helvetica", "", 9)
    with pdf.table(col_widths=(LABEL_WIDTH, doc.width - LABEL_WIDTH), line_height=4.5,
                   first_row_as_headings=False, text_align="LEFT", padding=PADDING) as table:
        for role, person in people:
            table.row().cell(role, colspan=2, style=GROUP)
            for label, value in identity_rows(person):
                row = table.row()
                row.cell(label)
                row.cell(_latin1(str(value)))
    pdf.ln(3)


def plan_rows(skp):
    """(rhks in order, {rhk id: [iki]}) of an SKP."""
    rhks = list(skp.rhks.order_by(Rhk.position, Rhk.id))
    ikis = {}
    for iki in Iki.select().where(Iki.rhk.in_([r.id for r in rhks])).order_by(Iki.id):
        ikis.setdefault(iki.rhk_id, []).append(iki)
    return rhks, ikis


def target_text(iki):
    return f"{number(iki.target_value)} {iki.target_unit}".strip() or "-"


def results_table(doc, evaluation, rhks, ikis, realisation_head="Realisasi"):
    """The work results of one evaluation: per group (utama, tambahan) each RHK with
    its IKI (aspect, indicator, target, the number reached and the achievement), the
    realisation in words, the appraiser's feedback and rating."""
    results = {r.rhk_id: r for r in evaluation.results}
    numbers = iki_achievements(evaluation)
    pdf = doc.pdf
    pdf.set_font("Helvetica", "", 8)
    widths = RESULT_WIDTHS
    with pdf.table(col_widths=widths, headings_style=HEAD, line_height=4,
                   text_align="LEFT", padding=PADDING) as table:
        head = table.row()
        for title in result_heads(realisation_head):
            head.cell(title)
        for kind in RHK_KINDS:
            mine = [rhk for rhk in rhks if rhk.kind == kind]
            if not mine:
                continue
            table.row().cell(GROUP_ID[kind], colspan=len(widths), style=GROUP)
            for n, rhk in enumerate(mine, 1):
                _result_rows(table, n, rhk, ikis.get(rhk.id, []), results.get(rhk.id), numbers)
        if not rhks:
            table.row().cell("Belum ada rencana hasil kerja", colspan=len(widths))
    pdf.ln(3)


def result_heads(realisation_head="Realisasi"):
    """The headings of the work results table, the realisation's as asked; one that
    would fill its column to the edge starts its bracket on a line of its own."""
    heads = list(RESULT_HEADS)
    heads[5] = realisation_head.replace(" (", "\n(")
    return heads


def _result_rows(table, n, rhk, ikis, result, numbers):
    narrative = result.realisation.strip() if result and result.realisation else ""
    span = max(len(ikis), 1) + (1 if narrative else 0)
    judged = []
    if result and result.feedback.strip():
        judged.append(result.feedback.strip())
    judged.append("Penilaian: " + RATING_ID.get(result.rating, "-") if result else "Penilaian: -")
    for i, iki in enumerate(ikis or [None]):
        row = table.row()
        if i == 0:
            row.cell(str(n), rowspan=span)
            row.cell(_latin1(f"{rhk.text}\n({KIND_ID.get(rhk.kind, rhk.kind)})"), rowspan=span)
        if iki is None:
            row.cell("-", colspan=4)
        else:
            row.cell(ASPECT_ID.get(iki.aspect, iki.aspect))
            row.cell(_latin1(iki.indicator))
            row.cell(_latin1(target_text(iki)))
            row.cell(_latin1(_reached(iki, numbers)))
        if i == 0:
            row.cell(_latin1("\n".join(judged)), rowspan=span)
    if narrative:
        table.row().cell(_latin1(f"Realisasi: {narrative}"), colspan=4)


def _reached(iki, numbers):
    if iki.id not in numbers:
        return "-"
    value, pct = numbers[iki.id]
    reached = f"{number(value)} {iki.target_unit}".strip()
    return f"{reached} ({number(round(pct, 1))} %)" if pct is not None else reached


def behaviour_table(doc, evaluation):
    """The seven BerAKHLAK values: the leader's special expectation, feedback, rating."""
    behaviours = {b.value: b for b in evaluation.behaviours}
    rows = []
    for n, (value, label) in enumerate(BERAKHLAK_ID.items(), 1):
        b = behaviours.get(value)
        rows.append((str(n), label, (b.ekspektasi_khusus or "-") if b else "-",
                     (b.feedback or "-") if b else "-",
                     RATING_ID.get(b.rating, "-") if b else "-"))
    doc.table(rows, (9, 38, 47, 51, doc.width - 145), size=8,
              header=("No", "Perilaku Kerja (BerAKHLAK)", "Ekspektasi Khusus Pimpinan",
                      "Umpan Balik", "Penilaian"))


def ratings_table(doc, hasil_kerja, perilaku, predikat, label="PREDIKAT KINERJA PEGAWAI"):
    doc.table([("Rating hasil kerja", RATING_ID.get(hasil_kerja, "-")),
               ("Rating perilaku kerja", RATING_ID.get(perilaku, "-")),
               (label, PREDIKAT_ID.get(predikat, "-"))], (80, doc.width - 80))


def signatures(doc, place, day, employee, appraiser, second=None):
    """Pegawai yang dinilai (left) and pejabat penilai kinerja (right, with the place
    and the date), each with name, NIP, pangkat/golongan and jabatan; the atasan
    pejabat penilai below when there is one."""
    pdf = doc.pdf
    if pdf.get_y() > pdf.h - pdf.b_margin - 50:  # the two blocks need about 45 mm
        pdf.add_page()
    pdf.ln(4)
    top = pdf.get_y()
    half = doc.width / 2

    def block(x, y, title, person, dated=False):
        pdf.set_xy(x, y)
        pdf.set_font("Helvetica", "", 9)
        lines = [f"{place}, {date_id(day)}" if dated else "", title]
        lines.append(person.position_title if person is not None and person.position_title
                     else "")
        lines += ["", "", ""]
        if person is not None:
            lines += [person.name, person.pangkat or "-", f"NIP {format_nip(person.nip)}"]
        else:
            lines.append("(....................................)")
        pdf.multi_cell(half, 4.5, _latin1("\n".join(lines)), align="C")
        return pdf.get_y()

    bottom = max(block(15, top, "Pegawai yang dinilai,", employee),
                 block(15 + half, top, "Pejabat penilai kinerja,", appraiser, dated=True))
    if second:
        if bottom > pdf.h - pdf.b_margin - 50:
            pdf.add_page()
            bottom = pdf.get_y()
        block(15 + half / 2, bottom + 6, "Mengetahui,\nAtasan pejabat penilai kinerja,", second)
