"""Translated labels for the codes stored in the database."""
import datetime

from flask_babel import format_date, format_decimal, gettext
from flask_babel import lazy_gettext as _l

from portal.rules.ranks import GOLONGAN, golongan_label

UNIT_KIND = {
    "sekretariat_daerah": _l("Regional Secretariat"),
    "sekretariat_dprd": _l("DPRD Secretariat"),
    "inspektorat": _l("Inspectorate"),
    "dinas": _l("Agencies (Dinas)"),
    "badan": _l("Boards (Badan)"),
    "kecamatan": _l("Districts (Kecamatan)"),
    "kelurahan": _l("Urban villages (Kelurahan)"),
    "upt": _l("Technical units (UPT)"),
}

FACILITY = {
    "puskesmas": _l("Puskesmas"),
    "sekolah": _l("School"),
}

# The comparison page's sortable columns (portal.rules.compare.SORT_COLUMNS)
COMPARE_COLUMN = {
    "unit": _l("Unit"),
    "ikm": _l("IKM (grade)"),
    "responses": _l("Responses (minimum)"),
    "received": _l("Complaints received"),
    "resolved": _l("Resolved"),
    "within_pct": _l("Within the time limit"),
    "median_days": _l("Median days to resolve"),
    "indicators_achieved": _l("Indicators achieved"),
}

# The comparison page's filter: a kind, or what a UPT serves.
COMPARE_KIND = {
    "dinas": _l("Dinas"),
    "badan": _l("Badan"),
    "kecamatan": _l("Kecamatan"),
    "kelurahan": _l("Kelurahan"),
    "puskesmas": _l("Puskesmas"),
    "sekolah": _l("School"),
}

JABATAN_KIND = {
    "jpt_utama": _l("JPT Utama"),
    "jpt_madya": _l("JPT Madya"),
    "jpt_pratama": _l("JPT Pratama"),
    "administrator": _l("Administrator"),
    "pengawas": _l("Supervisor (Pengawas)"),
    "pelaksana": _l("Executor (Pelaksana)"),
    "fungsional_ahli_pertama": _l("Functional, expert: first level"),
    "fungsional_ahli_muda": _l("Functional, expert: junior"),
    "fungsional_ahli_madya": _l("Functional, expert: middle"),
    "fungsional_ahli_utama": _l("Functional, expert: senior"),
    "fungsional_pemula": _l("Functional, skilled: beginner"),
    "fungsional_terampil": _l("Functional, skilled: skilled"),
    "fungsional_mahir": _l("Functional, skilled: proficient"),
    "fungsional_penyelia": _l("Functional, skilled: supervisor"),
}

EMPLOYMENT_TYPE = {"pns": _l("PNS (civil servant)"), "pppk": _l("PPPK (contract employee)")}

ROLE = {
    "admin": _l("Administrator"),
    "operator": _l("Operator (BKPSDM)"),
    "penilai": _l("Appraiser (supervisor)"),
    "pegawai": _l("Employee"),
    "petugas_pengaduan": _l("Complaint officer"),
}

GOLONGAN_CHOICES = [(code, golongan_label(code)) for code, _ in GOLONGAN]


def choices(labels):
    """(code, label) pairs for a select or a filter, in the table's order."""
    return list(labels.items())


# --- contact details: the same message on every form and API ---------------
EMAIL_INVALID = _l("Enter a valid e-mail address.")
PHONE_INVALID = _l("Enter a valid phone number.")


# --- NIP: why a typed NIP is refused (employee form, event registration, import) ---
NIP_ERRORS = {
    "digits": _l("A NIP contains digits only."),
    "length": _l("A NIP has exactly 18 digits."),
    "birth_date": _l("The first 8 digits must be a real birth date (yyyymmdd)."),
    "tmt": _l("Digits 9–14 must be a plausible TMT CPNS month (yyyymm)."),
    "sex": _l("Digit 15 must be 1 (male) or 2 (female)."),
    "sequence": _l("The last 3 digits (sequence) cannot be 000."),
}


# --- performance (SKP) ------------------------------------------------------
RATING = {
    "di_atas": _l("Above expectation"),
    "sesuai": _l("Meets expectation"),
    "di_bawah": _l("Below expectation"),
}

PREDIKAT = {
    "sangat_baik": _l("Very good (Sangat Baik)"),
    "baik": _l("Good (Baik)"),
    "butuh_perbaikan": _l("Needs improvement (Butuh Perbaikan)"),
    "kurang": _l("Poor/Misconduct (Kurang/Misconduct)"),
    "sangat_kurang": _l("Very poor (Sangat Kurang)"),
}

SKP_STATE = {
    "draft": _l("Draft"),
    "submitted": _l("Submitted"),
    "returned": _l("Returned"),
    "approved": _l("Approved"),
    "evaluated": _l("Evaluated (quarterly)"),
    "annual_evaluated": _l("Evaluated (annual)"),
    "final": _l("Final"),
}

SKP_ACTION = {
    "submit": _l("Submit to appraiser"),
    "return": _l("Return with reason"),
    "approve": _l("Approve"),
    "evaluate_quarter": _l("Quarterly evaluation"),
    "evaluate_annual": _l("Annual evaluation"),
    "finalise": _l("Finalise and lock"),
    "reopen": _l("Reopen"),
}

REALISATION_STATE = {
    "draft": _l("Not yet submitted"),
    "submitted": _l("Waiting for assessment"),
    "returned": _l("Returned for correction"),
    "assessed": _l("Assessed"),
}

MONTHLY_STATE = {
    "draft": _l("Draft"),
    "submitted": _l("Submitted"),
    "returned": _l("Returned"),
    "accepted": _l("Accepted"),
}

MONTHLY_ACTION = {
    "create": _l("Created"),
    "submit": _l("Submit to supervisor"),
    "return": _l("Return with reason"),
    "accept": _l("Accept"),
}


def month_label(year, month):
    """A month in words in the reader's language (e.g. "Maret 2026")."""
    return format_date(datetime.date(year, month, 1), "MMMM y")


FOLLOW_UP_KIND = {
    "award": _l("Award"),
    "training": _l("Training"),
    "coaching": _l("Coaching"),
    "sanction": _l("Sanction"),
}

FOLLOW_UP_STATUS = {"open": _l("Open"), "done": _l("Done")}

RHK_KIND = {"utama": _l("Main (utama)"), "tambahan": _l("Additional (tambahan)")}

ASPECT = {
    "kuantitas": _l("Quantity (kuantitas)"),
    "kualitas": _l("Quality (kualitas)"),
    "waktu": _l("Time (waktu)"),
    "biaya": _l("Cost (biaya)"),
}

POLARITY = {"higher": _l("Higher is better"), "lower": _l("Lower is better")}

BERAKHLAK = {
    "berorientasi_pelayanan": _l("Service-oriented (Berorientasi Pelayanan)"),
    "akuntabel": _l("Accountable (Akuntabel)"),
    "kompeten": _l("Competent (Kompeten)"),
    "harmonis": _l("Harmonious (Harmonis)"),
    "loyal": _l("Loyal"),
    "adaptif": _l("Adaptive (Adaptif)"),
    "kolaboratif": _l("Collaborative (Kolaboratif)"),
}

CAPAIAN = {
    "istimewa": _l("Outstanding (Istimewa)"),
    "baik": _l("Good (Baik)"),
    "butuh_perbaikan": _l("Needs improvement (Butuh Perbaikan)"),
    "kurang": _l("Poor (Kurang)"),
    "sangat_kurang": _l("Very poor (Sangat Kurang)"),
}


def quarter_name(quarter):
    """``2`` → ``Triwulan II`` (empty for no quarter)."""
    if not quarter:
        return ""
    return gettext("Quarter %(q)s", q="I II III IV".split()[quarter - 1])


def month_name(month):
    """``1`` → ``Januari``: the month's name in the reader's language (Babel)."""
    if not month:
        return ""
    return format_date(datetime.date(2000, month, 1), "LLLL")


def period_label(period):
    """A period in words: the year, a quarter (Triwulan) or a month."""
    if period.month:
        return format_date(datetime.date(period.year, period.month, 1), "MMMM y")
    if period.quarter:
        return gettext("Quarter %(q)s %(year)s", q="I II III IV".split()[period.quarter - 1],
                       year=period.year)
    return gettext("Year %(year)s", year=period.year)


# Rows whose plain ``str()`` names a period in codes ("2026 TW I"): how a reader sees
# them instead, the period in words. Keyed by the model's name, so that the models
# themselves stay free of translations.
_ROW_LABEL = {
    "Period": period_label,
    "Evaluation": lambda row: f"{row.skp} — {period_label(row.period)}",
    "IndicatorRealisation": lambda row: (
        f"{row.indicator.code} {period_label(row.period)}: {format_decimal(row.value)}"),
}


def row_label(row):
    """A row named for a reader (delete questions, the audit trail): its ``str()``,
    with a period in words ("Triwulan I 2026") where the row is or names one."""
    label = _ROW_LABEL.get(type(row).__name__)
    return label(row) if label is not None else str(row)
# --- Satisfaction survey (SKM) --------------------------------------------
# English msgids; the Indonesian catalogue carries the regulation's own wording
# (portal.rules.ikm.ELEMENTS), which tests/test_survey_labels.py checks.
SURVEY_ELEMENT = {
    "U1": _l("Requirements"),
    "U2": _l("Systems, mechanisms and procedures"),
    "U3": _l("Completion time"),
    "U4": _l("Cost/tariff"),
    "U5": _l("Product specification of the service"),
    "U6": _l("Competence of the staff"),
    "U7": _l("Conduct of the staff"),
    "U8": _l("Facilities and infrastructure"),
    "U9": _l("Handling of complaints, suggestions and feedback"),
}

SURVEY_QUESTION = {
    "U1": _l("How well do the requirements of the service match the kind of service?"),
    "U2": _l("How easy is the procedure of the service at this unit?"),
    "U3": _l("How fast is the service delivered?"),
    "U4": _l("How fair is the cost/tariff of the service?"),
    "U5": _l("How well does the product you received match what the service standard "
             "promises?"),
    "U6": _l("How competent are the staff who served you?"),
    "U7": _l("How polite and friendly are the staff who served you?"),
    "U8": _l("How good are the facilities and infrastructure?"),
    "U9": _l("How are complaints from service users handled?"),
}

_MATCH = (_l("Does not match"), _l("Matches poorly"), _l("Matches"), _l("Matches very well"))
SURVEY_ANSWERS = {
    "U1": _MATCH,
    "U2": (_l("Not easy"), _l("Not very easy"), _l("Easy"), _l("Very easy")),
    "U3": (_l("Not fast"), _l("Not very fast"), _l("Fast"), _l("Very fast")),
    "U4": (_l("Very expensive"), _l("Fairly expensive"), _l("Cheap"), _l("Free")),
    "U5": _MATCH,
    "U6": (_l("Not competent"), _l("Not very competent"), _l("Competent"), _l("Very competent")),
    "U7": (_l("Not polite and friendly"), _l("Not very polite and friendly"),
           _l("Polite and friendly"), _l("Very polite and friendly")),
    "U8": (_l("Poor"), _l("Adequate"), _l("Good"), _l("Very good")),
    "U9": (_l("There is none"), _l("There is one but it does not work"),
           _l("It works but not at its best"), _l("Well managed")),
}

GENDER = {"L": _l("Male"), "P": _l("Female")}
EDUCATION = {"SD": _l("Primary school (SD)"), "SMP": _l("Junior high school (SMP)"),
             "SMA": _l("Senior high school (SMA/SMK)"), "D3": _l("Diploma (D1–D3)"),
             "S1": _l("Bachelor (D4/S1)"), "S2": _l("Master (S2)"), "S3": _l("Doctorate (S3)")}
OCCUPATION = {"PNS": _l("Civil servant (PNS)"), "TNI": _l("Armed forces (TNI)"),
              "POLRI": _l("Police (POLRI)"), "Swasta": _l("Private sector employee"),
              "Wirausaha": _l("Self-employed"), "Lainnya": _l("Other")}
SURVEY_SOURCE = {"web": _l("Online form"), "paper": _l("Paper form")}
KINERJA = {"A": _l("Very good"), "B": _l("Good"), "C": _l("Less than good"), "D": _l("Not good")}
COMPLAINT_KIND = {
    "pengaduan": _l("Complaint"),
    "aspirasi": _l("Suggestion (aspirasi)"),
    "permintaan_informasi": _l("Information request"),
}

COMPLAINT_STATE = {
    "received": _l("Received"),
    "verified": _l("Verified"),
    "postponed": _l("Postponed"),
    "not_our_authority": _l("Not our authority"),
    "archived": _l("Archived"),
    "disposed": _l("Passed to the responsible unit"),
    "in_progress": _l("Being followed up"),
    "answered": _l("Answered"),
    "closed": _l("Closed"),
    "merged": _l("Merged into another report"),
}

COMPLAINT_ACTION = {
    "verify": _l("Verify"),
    "postpone": _l("Postpone"),
    "not_our_authority": _l("Not our authority"),
    "archive": _l("Archive"),
    "dispose": _l("Pass to a unit (disposition)"),
    "follow_up": _l("Start follow-up"),
    "answer": _l("Answer the reporter"),
    "close": _l("Close"),
}

COMPLAINT_CATEGORY = {
    "pelayanan_publik": _l("Public services"),
    "kependudukan": _l("Population records (KTP, KK, certificates)"),
    "kesehatan": _l("Health"),
    "pendidikan": _l("Education"),
    "infrastruktur": _l("Roads and infrastructure"),
    "lingkungan": _l("Environment and cleanliness"),
    "sosial": _l("Social assistance"),
    "perizinan": _l("Permits"),
    "kepegawaian": _l("Conduct of civil servants"),
    "bencana": _l("Disasters"),
    "lainnya": _l("Other"),
}

COMPLAINT_LIMIT = {
    "verification": _l("verification"),
    "follow_up": _l("follow-up"),
    "resolution": _l("resolution"),
}

SATISFACTION = {
    1: _l("Not satisfied"),
    2: _l("Less satisfied"),
    3: _l("Satisfied"),
    4: _l("Very satisfied"),
}
