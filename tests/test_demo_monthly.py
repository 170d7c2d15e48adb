"""The demo kabupaten's monthly reports and follow-ups."""
from portal.db import db
from portal.models import FollowUp, MonthlyReport, MonthlyReportEvent, MonthlyReportItem, User
from portal.rules import follow_up, monthly_workflow


def test_demo_has_reports_in_every_state_and_follow_ups(runner, app):
    result = runner.invoke(args=["demo-data", "--password", "demo-sandi-123", "--seed", "7"])
    assert result.exit_code == 0, result.output
    with db.connection_context():
        states = {s for (s,) in MonthlyReport.select(MonthlyReport.state).tuples()}
        assert states == set(monthly_workflow.STATES)
        pegawai = User.get(User.username == "pegawai")
        mine = list(MonthlyReport.select().where(MonthlyReport.employee == pegawai.employee_id)
                    .order_by(MonthlyReport.year, MonthlyReport.month))
        assert mine and mine[-1].state == "draft"
        assert MonthlyReportItem.select().where(MonthlyReportItem.rhk.is_null(False)).exists()
        returned = MonthlyReport.get(MonthlyReport.state == "returned")
        assert MonthlyReportEvent.get(MonthlyReportEvent.report == returned,
                                      MonthlyReportEvent.action == "return").reason
        kinds = {k for (k,) in FollowUp.select(FollowUp.kind).tuples()}
        assert follow_up.AWARD in kinds and kinds - {follow_up.AWARD}
        assert FollowUp.select().where(FollowUp.status == "open").exists()
