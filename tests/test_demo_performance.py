"""The demo kabupaten's performance data."""
from portal.db import db
from portal.models import (IndicatorRealisation, Period, Rhk, Skp, Unit, UnitIndicator,
                           UnitResult, User)
from portal.models.base import utcnow
from portal.rules import distribution, skp_workflow


def test_demo_has_skp_in_every_state_and_units_that_break_their_pattern(runner, app):
    result = runner.invoke(args=["demo-data", "--password", "demo-sandi-123", "--seed", "7"])
    assert result.exit_code == 0, result.output
    year = utcnow().year
    with db.connection_context():
        states = {s for (s,) in Skp.select(Skp.state).where(Skp.year == year).tuples()}
        assert states == set(skp_workflow.STATES)
        assert Period.select().where((Period.year == year) & Period.quarter.is_null()
                                     & Period.month.is_null()).exists()
        pegawai = User.get(User.username == "pegawai")
        mine = Skp.get(Skp.employee == pegawai.employee_id, Skp.year == year)
        assert mine.state == "draft" and mine.appraiser_id == User.get(
            User.username == "penilai").employee_id
        assert Rhk.select().where(Rhk.skp == mine).count() == 2
        # a subordinate's main RHK supports the appraiser's (the cascade)
        assert Rhk.select().where(Rhk.parent_rhk.is_null(False)).exists()
        for final in Skp.select().where(Skp.state == "final"):
            assert final.predikat is not None
        names = {i.name for i in UnitIndicator.select().where(UnitIndicator.year == year)}
        assert {"Jumlah pasien dilayani", "Waktu tanggap darurat bencana",
                "Waktu penyelesaian dokumen kependudukan"} <= names
        lower = UnitIndicator.get(UnitIndicator.name == "Waktu tanggap darurat bencana",
                                  UnitIndicator.year == year)
        assert lower.polarity == "lower" and lower.previous.year == year - 1
        assert IndicatorRealisation.select().count() > 0
        counts = Skp.predikat_counts(year - 1)
        results = dict(UnitResult.select(UnitResult.unit, UnitResult.capaian)
                       .where(UnitResult.year == year - 1).tuples())
        breaking = {Unit.get_by_id(u).code for u, c in counts.items()
                    if distribution.broken_rules(results.get(u), c)}
        assert {"DINKES", "BPBD"} <= breaking
