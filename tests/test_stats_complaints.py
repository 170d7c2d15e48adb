"""Per-unit complaint numbers for later public statistics."""
import datetime

from portal import stats
from portal.db import db
from portal.models import Complaint
from portal.rules import complaints as complaint_rules
from tests.complaint_helpers import make_complaint, move


def test_complaints_per_unit(app, org, users):
    admin = users["admin"]
    with db.connection_context():
        users["petugas"].unit = org["dinas"]
        users["petugas"].save()
    quick = make_complaint(app, unit=org["dinas"].id)
    slow = make_complaint(app, unit=org["dinas"].id)
    waiting = make_complaint(app, unit=org["dinas"].id)  # still waiting
    make_complaint(app, unit=org["kecamatan"].id)
    for complaint in (quick, slow):
        move(app, complaint, ("verify", admin, {}), ("dispose", admin, {"unit": org["dinas"]}),
             ("answer", users["petugas"], {}), ("close", admin, {}))
    base = datetime.datetime(2026, 3, 1, 8, 0)
    with db.connection_context():
        Complaint.update(created_at=base, answered_at=base + datetime.timedelta(days=2),
                         closed_at=base + datetime.timedelta(days=4)) \
            .where(Complaint.id == quick.id).execute()
        Complaint.update(created_at=base, answered_at=base + datetime.timedelta(days=50),
                         closed_at=base + datetime.timedelta(days=70)) \
            .where(Complaint.id == slow.id).execute()
        rows = {r["unit"]: r for r in stats.complaints_per_unit()}
    dinkes = rows["Dinas Kesehatan"]
    assert dinkes["received"] == 3 and dinkes["verified"] == 2 and dinkes["resolved"] == 2
    assert dinkes["median_days_to_respond"] == 26.0
    assert dinkes["median_days_to_resolve"] == 37.0
    assert dinkes["share_within_limit"] == 0.5 and dinkes["overdue"] == 0
    kec = rows["Kecamatan Sukamaju"]
    assert kec["received"] == 1 and kec["resolved"] == 0
    assert kec["median_days_to_resolve"] is None and kec["share_within_limit"] is None
    # the one still waiting, filed 61 days ago, can no longer be resolved in time: it
    # counts against the share now, not only once it is closed
    with app.app_context(), db.connection_context():
        filed = datetime.datetime.utcnow() - datetime.timedelta(days=61)
        Complaint.update(created_at=filed).where(Complaint.id == waiting.id).execute()
        dinkes = {r["unit"]: r for r in stats.complaints_per_unit()}["Dinas Kesehatan"]
        summary = stats.complaint_summary(filed.year, org["dinas"])
    assert dinkes["overdue"] == 1 and dinkes["share_within_limit"] == 1 / 3
    # the year's summary: with the two of March 2026 in it when it is that year
    assert summary["overdue"] == 1
    assert summary["within_time_limit_pct"] == (33.3 if filed.year == 2026 else 0.0)
    # one answered and waiting for the reporter: its resolution clock has stopped, as in
    # the back office's overdue count
    answered = make_complaint(app, unit=org["dinas"].id)
    move(app, answered, ("verify", admin, {}), ("dispose", admin, {"unit": org["dinas"]}),
         ("answer", users["petugas"], {}))
    with db.connection_context():
        Complaint.update(created_at=filed).where(Complaint.id == answered.id).execute()
        dinkes = {r["unit"]: r for r in stats.complaints_per_unit()}["Dinas Kesehatan"]
    assert dinkes["overdue"] == 1 and dinkes["share_within_limit"] == 1 / 3
    # the office's own limit applies: 90 days, and the one filed 61 days ago is in time
    with app.app_context(), db.connection_context():
        app.config["COMPLAINT_LIMITS"] = {**app.config["COMPLAINT_LIMITS"],
                                          "resolution": ("days", 90)}
        dinkes = {r["unit"]: r for r in stats.complaints_per_unit()}["Dinas Kesehatan"]
    assert dinkes["overdue"] == 0


def test_a_resolution_limit_in_working_days_skips_the_office_holidays(app, org, users):
    """An office that counts its resolution limit in working days: a report closed after
    Christmas and its cuti bersama is within the limit, and one still open is not yet
    late while the holidays push its deadline on."""
    from portal.models import NonWorkingDay
    from zoneinfo import ZoneInfo
    wib = ZoneInfo("Asia/Jakarta")

    def utc(*local):
        moment = datetime.datetime(*local, tzinfo=wib).astimezone(datetime.timezone.utc)
        return moment.replace(tzinfo=None)

    limits = {"verification": ("working_days", 3), "follow_up": ("days", 14),
              "resolution": ("working_days", 3), "auto_close": ("days", 10)}
    closed = make_complaint(app, unit=org["dinas"].id)
    waiting = make_complaint(app, unit=org["dinas"].id)
    move(app, closed, ("verify", users["admin"], {}))
    today = datetime.datetime.now(wib).date()
    weekdays = []
    day = today
    while len(weekdays) < 3:
        day -= datetime.timedelta(days=1)
        if day.weekday() < 5:
            weekdays.append(day)
    last, _middle, first = weekdays
    with app.app_context(), db.connection_context():
        # Monday 22 December 2025, 13.05 WIB; closed Monday 29 December, 14.20 WIB:
        # 23, 24, (25 Christmas, 26 cuti bersama, weekend), 29
        Complaint.update(created_at=utc(2025, 12, 22, 13, 5), state="closed",
                         closed_at=utc(2025, 12, 29, 14, 20)) \
            .where(Complaint.id == closed.id).execute()
        # still open: received the evening before the third weekday before today
        received = first - datetime.timedelta(days=1)
        Complaint.update(created_at=utc(received.year, received.month, received.day, 19, 50)) \
            .where(Complaint.id == waiting.id).execute()
        before = {r["unit"]: r for r in stats.complaints_per_unit(limits=limits)}
        NonWorkingDay.create(date=datetime.date(2025, 12, 25), name="Hari Raya Natal")
        NonWorkingDay.create(date=datetime.date(2025, 12, 26), name="Cuti bersama Natal",
                             kind="cuti_bersama")
        NonWorkingDay.create(date=first, name="Cuti bersama contoh", kind="cuti_bersama")
        after = {r["unit"]: r for r in stats.complaints_per_unit(limits=limits)}
        summary = stats.complaint_summary(2025, org["dinas"], limits=limits)
    assert before["Dinas Kesehatan"]["overdue"] == 1
    assert before["Dinas Kesehatan"]["share_within_limit"] == 0.0
    assert after["Dinas Kesehatan"]["overdue"] == 0
    assert after["Dinas Kesehatan"]["share_within_limit"] == 1.0
    assert summary["within_time_limit_pct"] == 100.0


def test_the_median_is_the_middle_value_not_the_average(app, org, users):
    """Skewed handling times, written out of order, where the median and the average part:
    three reports at Dinas Kesehatan (odd count: the middle one) and four at the kecamatan
    (even count: the mean of the middle two); each unit gets its own median, and the
    year's summary the median of all seven."""
    base = datetime.datetime(2026, 3, 1, 8, 0)
    days = datetime.timedelta
    handled = {"dinas": [(10, 30), (0.5, 1), (1, 2)],                   # respond, resolve
               "kecamatan": [(20, 40), (1, 1), (4, 5), (2, 3)]}
    for unit, times in handled.items():
        for respond, resolve in times:
            complaint = make_complaint(app, unit=org[unit].id)
            with db.connection_context():
                Complaint.update(state=complaint_rules.CLOSED, created_at=base,
                                 answered_at=base + days(days=respond),
                                 closed_at=base + days(days=resolve)) \
                    .where(Complaint.id == complaint.id).execute()
    with db.connection_context():
        rows = {r["unit"]: r for r in stats.complaints_per_unit()}
        with app.app_context():
            everyone = stats.complaint_summary(2026)
            dinas = stats.complaint_summary(2026, org["dinas"])
    assert rows["Dinas Kesehatan"]["median_days_to_resolve"] == 2.0        # average: 11
    assert rows["Dinas Kesehatan"]["median_days_to_respond"] == 1.0        # average: 3.8
    assert rows["Kecamatan Sukamaju"]["median_days_to_resolve"] == 4.0     # average: 12.25
    assert rows["Kecamatan Sukamaju"]["median_days_to_respond"] == 3.0     # average: 6.75
    assert dinas["median_days_to_resolve"] == 2.0
    assert everyone["median_days_to_resolve"] == 3.0                       # average: 11.7
    assert everyone["median_days_to_respond"] == 2.0                       # average: 5.5


def test_a_report_before_dawn_wib_has_the_deadline_of_its_local_day(app, org, users):
    """Working-day limits in the statistics count the receipt on the office's local date:
    a report at 06.25 WIB on Wednesday 9 December 2026 (still Tuesday in UTC) has three
    working days to Monday 14 December, so closing it on Monday afternoon is in time, in
    the per-unit table and in the year's summary alike. A report of Monday 7 December,
    closed on Thursday 10 December, keeps its own (earlier) deadline beside it."""
    from zoneinfo import ZoneInfo
    wib = ZoneInfo("Asia/Jakarta")

    def utc(*local):
        moment = datetime.datetime(*local, tzinfo=wib).astimezone(datetime.timezone.utc)
        return moment.replace(tzinfo=None)

    limits = {"verification": ("working_days", 3), "follow_up": ("days", 14),
              "resolution": ("working_days", 3), "auto_close": ("days", 10)}
    received_closed = [(utc(2026, 12, 7, 10, 0), utc(2026, 12, 10, 15, 0)),
                       (utc(2026, 12, 9, 6, 25), utc(2026, 12, 14, 16, 0))]
    assert received_closed[1][0].date() == datetime.date(2026, 12, 8)   # Tuesday in UTC
    for received, closed_at in received_closed:
        complaint = make_complaint(app, unit=org["dinas"].id)
        with db.connection_context():
            Complaint.update(state=complaint_rules.CLOSED, created_at=received,
                             closed_at=closed_at).where(Complaint.id == complaint.id).execute()
    with app.app_context(), db.connection_context():
        app.config["PORTAL_TIMEZONE"] = "Asia/Jakarta"
        dinkes = {r["unit"]: r for r in stats.complaints_per_unit(limits=limits)}[
            "Dinas Kesehatan"]
        summary = stats.complaint_summary(2026, org["dinas"], limits=limits)
    assert dinkes["resolved"] == 2 and dinkes["share_within_limit"] == 1.0
    assert summary["within_time_limit_pct"] == 100.0
