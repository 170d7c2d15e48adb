"""The printable award certificate (Piagam Penghargaan), an A4 landscape PDF in Indonesian.

A certificate is an official document of the Pemda, so it is always written
in Bahasa Indonesia whatever language the back office is shown in; the date
is formatted by Babel in Indonesian (e.g. "17 Agustus 2026").
"""
import unicodedata

from babel.dates import format_date
from fpdf import FPDF

from portal.rules.nip import format_nip

KIND_LINE = {
    "certificate": "Diberikan kepada",
    "incentive": "Insentif kinerja diberikan kepada",
    "recognition": "Penghargaan atas prestasi diberikan kepada",
}


def _latin1(text):
    """The PDF core fonts speak Latin-1: fold what they cannot show (— to -, “ ” to ")."""
    text = (text or "").replace("\u2014", "-").replace("\u2013", "-").replace("\u201c", '"') \
        .replace("\u201d", '"').replace("\u2018", "'").replace("\u2019", "'")
    folded = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in folded if ord(ch) < 256 and not unicodedata.combining(ch)) \
        if any(ord(ch) > 255 for ch in text) else text


def certificate_pdf(award, region, portal_name, compress=True):
    """The certificate of ``award`` as PDF bytes."""
    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_compression(compress)
    pdf.set_title(_latin1(f"Piagam Penghargaan - {award.recipient_name}"))
    pdf.set_author(_latin1(f"Pemerintah {region}"))
    pdf.set_creator(_latin1(portal_name))
    pdf.set_auto_page_break(False)
    pdf.add_page()
    width = pdf.w - 40
    # a double border
    pdf.set_draw_color(11, 93, 122)
    pdf.set_line_width(1.6)
    pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)
    pdf.set_line_width(0.4)
    pdf.rect(14, 14, pdf.w - 28, pdf.h - 28)

    def line(text, size, style="", gap=4, color=(28, 37, 48)):
        pdf.set_text_color(*color)
        pdf.set_font("Helvetica", style, size)
        pdf.set_x(20)
        pdf.multi_cell(width, size * 0.5, _latin1(text), align="C")
        pdf.ln(gap)

    pdf.set_y(26)
    line(f"PEMERINTAH {region.upper()}", 14, "B", 2)
    line("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", 11, "", 10)
    line("PIAGAM PENGHARGAAN", 30, "B", 6, (11, 93, 122))
    line(KIND_LINE.get(award.kind, KIND_LINE["certificate"]), 12, "", 4)
    if award.employee_id:
        employee = award.employee
        line(employee.name, 22, "B", 2)
        line(f"NIP {format_nip(employee.nip)}", 12, "", 1)
        line(f"{employee.position_title}, {employee.unit.name}", 11, "", 6)
    else:
        line(award.unit.name, 22, "B", 6)
    line(f"atas {award.title}" + (f" ({award.period})" if award.period else ""), 13, "B", 3)
    if award.reason:
        line(award.reason, 11, "I", 6)
    date_text = format_date(award.award_date, "d MMMM y", locale="id")
    pdf.set_y(pdf.h - 52)
    pdf.set_x(pdf.w - 120)
    pdf.set_font("Helvetica", "", 11)
    pdf.set_text_color(28, 37, 48)
    pdf.multi_cell(95, 6, _latin1(f"{region}, {date_text}\nKepala Badan Kepegawaian dan\n"
                                  "Pengembangan Sumber Daya Manusia\n\n\n(tanda tangan dan cap)"),
                   align="C")
    return bytes(pdf.output())
