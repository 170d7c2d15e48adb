"""A portal whose every free-text field holds an attack: an XSS payload that also
starts like a spreadsheet formula (= + - @, tab, carriage return in turn).

Citizens' texts go in through the public forms (as an attacker would send
them); staff texts are written to the rows directly, as any back-office form
would store them.
"""
import datetime
import itertools

from portal.db import db
from portal.models import (Award, ComplaintEvent, ContentItem, DialogMessage, Employee,
                           Evaluation, EvaluationBehaviour, EvaluationResult, Event, FollowUp,
                           Iki, IndicatorRealisation, MonthlyReport, MonthlyReportItem, Outbox,
                           Period, Registration, Rhk, Service, Skp, SkpEvent, SurveyResponse, Tag,
                           ContentTag, Unit, UnitIndicator, User, Complaint)
from portal.models.base import utcnow
from portal.rules import complaints as complaint_rules
from tests.conftest import csrf_token
from tests.hostile.conftest import XSS

FORMULA_STARTS = ("=", "+", "-", "@", "\t=", "\r=")
_counter = itertools.count()


def payload(room=None):
    """The next attack text; ``room`` cuts it to a column's length (keeping the script)."""
    text = FORMULA_STARTS[next(_counter) % len(FORMULA_STARTS)] + "1+1" + XSS
    return text if room is None else text[:room]


def unescaped_attack(html):
    """The markup of the payload where a browser would run it (None when escaped)."""
    for raw in ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
                "<img src=\"x\" onerror", "onerror=alert(1)>"):
        at = html.find(raw)
        if at >= 0 and not html[max(0, at - 5):at].endswith(("&lt;", "&#34;")):
            if raw == "onerror=alert(1)>" and "&lt;img src=x onerror=alert(1)&gt;" in html:
                continue
            return html[max(0, at - 200):at + 100]
    return None


def fill(client, org, users, survey):
    """Put the payload everywhere; returns the ids the pages are reached by."""
    now = utcnow()
    year = now.year
    # -- citizens, through the public forms
    page = client.get("/pengaduan/baru").get_data(as_text=True)
    response = client.post("/pengaduan/baru", data={
        "csrf_token": csrf_token(page), "kind": "pengaduan", "unit": str(org["dinas"].id),
        "category": "lainnya", "title": payload(150), "description": payload() * 2,
        "place": payload(200), "reporter_name": payload(200),
        "reporter_email": "budi@example.org"})
    assert response.status_code == 200, response.get_data(as_text=True)[:3000]
    page = client.get("/survei/DINKES/SIP").get_data(as_text=True)
    response = client.post("/survei/DINKES/SIP", data={
        "csrf_token": csrf_token(page), **{f"u{i}": "3" for i in range(1, 10)},
        "education": "S1", "occupation": "Swasta",
        "suggestion": payload()})
    assert response.status_code == 302
    with db.connection_context():
        complaint = Complaint.select().order_by(Complaint.id.desc()).get()
        complaint.state = complaint_rules.CLOSED
        complaint.closed_at = now
        complaint.assigned_unit = org["dinas"]
        complaint.save()
        ComplaintEvent.create(complaint=complaint, from_state="answered", to_state="closed",
                              note=payload(), public=True, actor=users["petugas"])
    page = client.get(f"/pengaduan/lacak/{complaint.tracking_id}/kepuasan").get_data(as_text=True)
    client.post(f"/pengaduan/lacak/{complaint.tracking_id}/kepuasan",
                data={"csrf_token": csrf_token(page), "rating": "4", "comment": payload()})
    with db.connection_context():
        # -- organisation
        unit = Unit.create(code="RACUN", name=payload(200), kind="dinas")
        staff = Employee.create(nip="199001012015031003", name=payload(200), golongan="III/b",
                                jabatan_kind="pelaksana", position_title=payload(200),
                                unit=unit, supervisor=org["boss"], email="racun@example.org")
        User.update(display_name=payload(200)).where(User.id == users["operator"].id).execute()
        service = Service.create(unit=unit, code="RCN", name=payload(200))
        Service.update(name=payload(200)).where(Service.id == survey["lab"].id).execute()
        # -- performance
        period = Period.create(year=year, quarter=None, month=None)
        quarter = Period.create(year=year, quarter=1, month=None)
        indicator = UnitIndicator.create(unit=org["dinas"], year=year, code="IKU-1",
                                         name=payload(300), definition=payload(),
                                         measurement_unit=payload(50), data_source=payload(300),
                                         target=90, public=True)
        IndicatorRealisation.create(indicator=indicator, period=quarter, value=80,
                                    note=payload(), evidence=payload(300))
        skp = Skp.create(employee=org["staff"], year=year, appraiser=org["boss"],
                         state="approved", dukungan_sumber_daya=payload(),
                         skema_pertanggungjawaban=payload(), konsekuensi=payload())
        rhk = Rhk.create(skp=skp, text=payload(), kind="utama")
        Iki.create(rhk=rhk, indicator=payload(), target_value=10, target_unit=payload(50))
        SkpEvent.create(skp=skp, actor=users["penilai"], action="return", from_state="submitted",
                        to_state="draft", reason=payload())
        DialogMessage.create(skp=skp, author=users["penilai"], body=payload())
        evaluation = Evaluation.create(skp=skp, period=quarter, evaluator=users["penilai"])
        EvaluationResult.create(evaluation=evaluation, rhk=rhk, realisation=payload(),
                                feedback=payload())
        EvaluationBehaviour.create(evaluation=evaluation, value="berorientasi_pelayanan",
                                   feedback=payload(), ekspektasi_khusus=payload())
        report = MonthlyReport.create(employee=org["staff"], appraiser=org["boss"], year=year,
                                      month=1, summary=payload())
        MonthlyReportItem.create(report=report, rhk=rhk, activity=payload(),
                                 realisation=payload())
        # -- content, awards, events
        item = ContentItem.create(kind="news", title=payload(200), slug="racun",
                                  summary=payload(500), body=payload() + "\n\n" + payload(),
                                  state="published", published_at=now - datetime.timedelta(1))
        tag = Tag.create(name=payload(60), slug="racun")
        ContentTag.create(item=item, tag=tag)
        award = Award.create(employee=org["staff"], title=payload(200), period=payload(60),
                             award_date=now.date(), reason=payload(), public=True)
        Award.create(unit=unit, title=payload(200), award_date=now.date(), reason=payload())
        FollowUp.create(skp=skp, unit=org["dinas"], kind="training", note=payload(),
                        award=award)
        event = Event.create(title=payload(200), description=payload(), place=payload(300),
                             online_url="https://example.org/" + payload(100),
                             starts_at=now + datetime.timedelta(days=1),
                             ends_at=now + datetime.timedelta(days=1, hours=2),
                             published=True, capacity=10)
        Registration.create(event=event, name=payload(200), email="racun@example.org",
                            phone="0812", organisation=payload(200), status="registered")
        Outbox.create(to="racun@example.org", subject=payload(200), body=payload(),
                      last_error=payload())
    return {"unit": unit, "staff": staff, "skp": skp, "report": report, "item": item,
            "event": event, "complaint": complaint, "service": service, "year": year,
            "indicator": indicator, "survey_count": SurveyResponse}
