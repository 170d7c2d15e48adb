"""Performance: periods, unit indicators and their realisations, and the SKP
(the employee's yearly performance plan and its evaluations, PermenPANRB 6/2022).
"""
from peewee import (BooleanField, CharField, DateTimeField, DoubleField,
                    ForeignKeyField, IntegerField, TextField, fn)

from portal.models.accounts import User
from portal.models.base import BaseModel, utcnow
from portal.models.org import Employee, Unit
from portal.rules import distribution, predikat, realisation, skp_workflow
from portal.rules.achievement import POLARITIES

ASPECTS = ("kuantitas", "kualitas", "waktu", "biaya")
# BerAKHLAK: the seven core values of perilaku kerja
BERAKHLAK = ("berorientasi_pelayanan", "akuntabel", "kompeten", "harmonis", "loyal",
             "adaptif", "kolaboratif")


def _choices(values):
    return [(v, v) for v in values]


class Period(BaseModel):
    """A reporting period: a year, a quarter (1–4) of it, or a month (1–12)."""

    year = IntegerField(index=True)
    quarter = IntegerField(null=True)
    month = IntegerField(null=True)
    open = BooleanField(default=True)

    class Meta:
        indexes = ((("year", "quarter", "month"), True),)

    @property
    def is_annual(self):
        return self.quarter is None and self.month is None

    @classmethod
    def closed_years(cls):
        """The years whose yearly period is closed: their data can no longer be changed."""
        return {year for (year,) in cls.select(cls.year).where(
            cls.quarter.is_null(), cls.month.is_null(), cls.open == False).tuples()}  # noqa: E712

    def __str__(self):
        if self.month:
            return f"{self.year}-{self.month:02d}"
        if self.quarter:
            return f"{self.year} TW {'I II III IV'.split()[self.quarter - 1]}"
        return str(self.year)


class UnitIndicator(BaseModel):
    """A unit's performance indicator for one year. A new year's revision is a new
    row pointing at the previous one, so history is kept, never overwritten."""

    unit = ForeignKeyField(Unit, backref="indicators", on_delete="RESTRICT")
    year = IntegerField(index=True)
    code = CharField(max_length=32)
    name = CharField(max_length=300)
    definition = TextField(default="")
    measurement_unit = CharField(max_length=50)
    aspect = CharField(max_length=16, choices=_choices(ASPECTS), default="kuantitas")
    polarity = CharField(max_length=8, choices=_choices(POLARITIES), default="higher")
    data_source = CharField(max_length=300, default="")
    target = DoubleField(null=True)
    public = BooleanField(default=True)
    previous = ForeignKeyField("self", null=True, backref="revisions", on_delete="SET NULL")

    class Meta:
        indexes = ((("unit", "year", "code"), True),)

    def __str__(self):
        return f"{self.code} {self.name} ({self.year})"


class IndicatorRealisation(BaseModel):
    """What a unit indicator reached in a month or a quarter."""

    indicator = ForeignKeyField(UnitIndicator, backref="realisations", on_delete="CASCADE")
    period = ForeignKeyField(Period, backref="realisations", on_delete="RESTRICT")
    value = DoubleField()
    note = TextField(default="")
    evidence = CharField(max_length=300, null=True)

    class Meta:
        indexes = ((("indicator", "period"), True),)

    def __str__(self):
        return f"{self.indicator.code} {self.period}: {self.value:g}"


class Skp(BaseModel):
    """Sasaran Kinerja Pegawai: one employee's plan and results for one year."""

    employee = ForeignKeyField(Employee, backref="skps", on_delete="RESTRICT")
    year = IntegerField(index=True)
    # the direct supervisor when the SKP was made: the pejabat penilai
    appraiser = ForeignKeyField(Employee, null=True, backref="appraised_skps", on_delete="SET NULL")
    state = CharField(max_length=20, choices=_choices(skp_workflow.STATES),
                      default=skp_workflow.DRAFT, index=True)
    # lampiran
    dukungan_sumber_daya = TextField(default="")
    skema_pertanggungjawaban = TextField(default="")
    konsekuensi = TextField(default="")
    # the annual result: set from the annual evaluation, predikat always computed
    hasil_kerja_rating = CharField(max_length=10, null=True, choices=_choices(predikat.RATINGS))
    perilaku_rating = CharField(max_length=10, null=True, choices=_choices(predikat.RATINGS))
    predikat = CharField(max_length=20, null=True, choices=_choices(predikat.PREDIKATS),
                         index=True)
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("employee", "year"), True),)

    def __str__(self):
        return f"SKP {self.year} — {self.employee.name}"

    def set_ratings(self, hasil_kerja, perilaku):
        self.hasil_kerja_rating = hasil_kerja or None
        self.perilaku_rating = perilaku or None
        self.predikat = predikat.predikat(self.hasil_kerja_rating, self.perilaku_rating)

    @property
    def editable(self):
        return self.state in skp_workflow.EDITABLE

    @classmethod
    def predikat_counts(cls, year, unit_ids=None, state=skp_workflow.FINAL):
        """{unit_id: {predikat: n}} over the SKP of ``year`` in ``state`` (final unless
        told; one SQL query)."""
        query = (cls.select(Employee.unit, cls.predikat, fn.COUNT(cls.id).alias("n"))
                 .join(Employee, on=(cls.employee == Employee.id))
                 .where((cls.year == year) & (cls.state == state)
                        & cls.predikat.is_null(False))
                 .group_by(Employee.unit, cls.predikat))
        if unit_ids is not None:
            query = query.where(Employee.unit.in_(list(unit_ids)))
        result = {}
        for unit_id, code, n in query.tuples():
            result.setdefault(unit_id, {})[code] = n
        return result


class Rhk(BaseModel):
    """Rencana Hasil Kerja: a planned result, main (utama) or additional (tambahan)."""

    skp = ForeignKeyField(Skp, backref="rhks", on_delete="CASCADE")
    kind = CharField(max_length=10, choices=_choices(predikat.RHK_KINDS), default="utama")
    text = TextField()
    # the supervisor's RHK this one supports (RHK atasan yang diintervensi)
    parent_rhk = ForeignKeyField("self", null=True, backref="supporting", on_delete="SET NULL")
    unit_indicator = ForeignKeyField(UnitIndicator, null=True, backref="rhks",
                                     on_delete="SET NULL")
    position = IntegerField(default=0)

    def __str__(self):
        return self.text


class Iki(BaseModel):
    """Indikator Kinerja Individu: how one RHK is measured, with its target."""

    rhk = ForeignKeyField(Rhk, backref="ikis", on_delete="CASCADE")
    aspect = CharField(max_length=16, choices=_choices(ASPECTS), default="kuantitas")
    indicator = TextField()
    target_value = DoubleField(null=True)
    target_unit = CharField(max_length=50, default="")

    def __str__(self):
        return self.indicator


class Evaluation(BaseModel):
    """An appraisal of an SKP for a period: a quarter (Triwulan) or the year."""

    skp = ForeignKeyField(Skp, backref="evaluations", on_delete="CASCADE")
    period = ForeignKeyField(Period, backref="evaluations", on_delete="RESTRICT")
    hasil_kerja_rating = CharField(max_length=10, null=True, choices=_choices(predikat.RATINGS))
    perilaku_rating = CharField(max_length=10, null=True, choices=_choices(predikat.RATINGS))
    predikat = CharField(max_length=20, null=True, choices=_choices(predikat.PREDIKATS))
    evaluator = ForeignKeyField(User, null=True, backref="evaluations", on_delete="SET NULL")
    updated_at = DateTimeField(default=utcnow)
    # the employee's realisation of the period (portal.rules.realisation)
    realisation_state = CharField(max_length=12, choices=_choices(realisation.STATES),
                                  default=realisation.DRAFT, index=True)
    realisation_reason = TextField(default="")   # why the appraiser returned it
    realisation_at = DateTimeField(null=True)    # when it was last submitted or returned
    # the appraiser's written reasons: perilaku other than the seven values suggest;
    # annual ratings other than the quarters'
    perilaku_reason = TextField(default="")
    change_note = TextField(default="")

    class Meta:
        indexes = ((("skp", "period"), True),)

    def __str__(self):
        return f"{self.skp} — {self.period}"


class EvaluationResult(BaseModel):
    """Per RHK in an evaluation: realisation, the appraiser's feedback and rating."""

    evaluation = ForeignKeyField(Evaluation, backref="results", on_delete="CASCADE")
    rhk = ForeignKeyField(Rhk, backref="results", on_delete="CASCADE")
    realisation = TextField(default="")
    feedback = TextField(default="")
    rating = CharField(max_length=10, null=True, choices=_choices(predikat.RATINGS))

    class Meta:
        indexes = ((("evaluation", "rhk"), True),)

    def __str__(self):
        return f"{self.rhk}: {self.realisation}"


class IkiRealisation(BaseModel):
    """Per IKI in an evaluation: the number reached so far this year, against the IKI's target."""

    evaluation = ForeignKeyField(Evaluation, backref="iki_values", on_delete="CASCADE")
    iki = ForeignKeyField(Iki, backref="realisations", on_delete="CASCADE")
    value = DoubleField()

    class Meta:
        table_name = "iki_realisation"
        indexes = ((("evaluation", "iki"), True),)

    def __str__(self):
        return f"{self.iki}: {self.value}"


class EvaluationBehaviour(BaseModel):
    """Per BerAKHLAK value in an evaluation: rating, feedback, ekspektasi khusus."""

    evaluation = ForeignKeyField(Evaluation, backref="behaviours", on_delete="CASCADE")
    value = CharField(max_length=32, choices=_choices(BERAKHLAK))
    rating = CharField(max_length=10, null=True, choices=_choices(predikat.RATINGS))
    feedback = TextField(default="")
    ekspektasi_khusus = TextField(default="")

    class Meta:
        indexes = ((("evaluation", "value"), True),)

    def __str__(self):
        return self.value


class Evidence(BaseModel):
    """Bukti dukung: a file uploaded to an evaluation, kept under instance/uploads/skp/."""

    evaluation = ForeignKeyField(Evaluation, backref="evidence", on_delete="CASCADE")
    filename = CharField(max_length=200)
    stored_name = CharField(max_length=80, unique=True)
    content_type = CharField(max_length=100)
    size = IntegerField()
    uploaded_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    uploaded_at = DateTimeField(default=utcnow)

    def __str__(self):
        return self.filename


class SkpEvent(BaseModel):
    """One workflow step of an SKP: who moved it, when, from where to where, why."""

    skp = ForeignKeyField(Skp, backref="events", on_delete="CASCADE")
    actor = ForeignKeyField(User, null=True, on_delete="SET NULL")
    action = CharField(max_length=20)
    from_state = CharField(max_length=20)
    to_state = CharField(max_length=20)
    reason = TextField(default="")
    at = DateTimeField(default=utcnow, index=True)

    def __str__(self):
        return f"{self.action}: {self.from_state} → {self.to_state}"


class DialogMessage(BaseModel):
    """Dialog kinerja: one message in the running conversation on an SKP between
    the employee and the appraiser (feedback and coaching during the year)."""

    skp = ForeignKeyField(Skp, backref="dialog", on_delete="CASCADE")
    author = ForeignKeyField(User, null=True, on_delete="SET NULL")
    body = TextField()
    created_at = DateTimeField(default=utcnow, index=True)

    def __str__(self):
        return self.body[:60]


class UnitResult(BaseModel):
    """A unit's Capaian Kinerja Organisasi for a year (bounds its predikat spread)."""

    unit = ForeignKeyField(Unit, backref="results", on_delete="CASCADE")
    year = IntegerField()
    capaian = CharField(max_length=20, choices=_choices(distribution.CAPAIAN))

    class Meta:
        indexes = ((("unit", "year"), True),)

    def __str__(self):
        return f"{self.unit.name} {self.year}: {self.capaian}"


PERFORMANCE_MODELS = [Period, UnitIndicator, IndicatorRealisation, Skp, Rhk, Iki, Evaluation,
                      EvaluationResult, EvaluationBehaviour, Evidence, SkpEvent, DialogMessage,
                      UnitResult, IkiRealisation]
