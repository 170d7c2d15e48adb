"""A portal whose every free-text field holds an attack: an XSS payload that also
starts like a spreadsheet formula (= + - @, tab, carriage return in turn).

Citizens' texts go in through the public forms (as an attacker would send
them); staff texts are written to the rows directly, as any back-office form
would store them.
"""
import datetime
import itertools
import json

from portal.db import db
from portal.models import (AuditEntry, Award, ComplaintEvent, ContentAttachment, ContentItem,
                           ContentTransition, CustomForm, DialogMessage, Employee, Evaluation,
                           EvaluationBehaviour, EvaluationResult, Event, Evidence, FollowUp,
                           FormAnswer, FormField, FormSubmission, Iki, IndicatorRealisation,
                           MonthlyReport, MonthlyReportAttachment, MonthlyReportEvent,
                           MonthlyReportItem, Outbox, Period, Registration, Rhk, Service, Skp,
                           SkpEvent, SurveyResponse, Tag, ContentTag, Unit, UnitIndicator, User,
                           Complaint)
from portal.models.base import utcnow
from portal.rules import complaints as complaint_rules
from tests.conftest import csrf_token
from tests.hostile.conftest import XSS

FORMULA_STARTS = ("=", "+", "-", "@", "\t=", "\r=")
_counter = itertools.count()


def payload(room=None, tag=""):
    """The next attack text; ``room`` cuts it to a column's length (keeping the script).
    ``tag``, plain words before the markup, tells a page that shows this text from one
    that shows another."""
    text = FORMULA_STARTS[next(_counter) % len(FORMULA_STARTS)] + "1+1" + tag + XSS
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


def send_complaint(client, unit_id):
    """A complaint sent through the public form, every text an attack; the receipt."""
    page = client.get("/pengaduan/baru").get_data(as_text=True)
    return client.post("/pengaduan/baru", data={
        "csrf_token": csrf_token(page), "kind": "pengaduan", "unit": str(unit_id),
        "category": "lainnya", "title": payload(150), "description": payload() * 2,
        "place": payload(200), "reporter_name": payload(200),
        "reporter_email": "budi@example.org"}, follow_redirects=True)


def poisoned_form(slug, **attached):
    """A published low-code form whose every text is an attack: title, introduction,
    confirmation, and each field's label, help text and choices ("pilihan" must be
    answered)."""
    form = CustomForm.create(title=payload(200, "form-title"), slug=slug, status="published",
                             intro=payload(tag="form-intro"),
                             confirmation=payload(tag="form-confirmation"), **attached)
    choices = payload(200, "field-choice-a") + "\n" + payload(200, "field-choice-b")
    for position, (key, kind) in enumerate((("nama", "short_text"), ("pilihan", "single_choice"),
                                            ("banyak", "multiple_choice"), ("berkas", "file"))):
        FormField.create(form=form, position=position, key=key, type=kind,
                         required=key == "pilihan", label=payload(300, "field-label"),
                         help_text=payload(500, "field-help"),
                         choices=choices if kind.endswith("choice") else "")
    return form


def send_answers(client, form):
    """Answers to ``form`` through its public page, as a citizen would send them."""
    url = f"/formulir/{form.slug}"
    token = csrf_token(client.get(url).get_data(as_text=True))
    with db.connection_context():
        choices = FormField.get((FormField.form == form.id)
                                & (FormField.key == "pilihan")).choice_list
    return client.post(url, follow_redirects=True, data={  # the receipt, after the 303
        "csrf_token": token, "nama": payload(tag="answer-text"),
        "pilihan": choices[0], "banyak": choices})


def fill(client, org, users, survey):
    """Put the payload everywhere; returns the ids the pages are reached by."""
    now = utcnow()
    year = now.year
    # -- citizens, through the public forms
    response = send_complaint(client, org["dinas"].id)
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
        # starting within the hour: attendance can be marked
        event = Event.create(title=payload(200, "event-title"), description=payload(),
                             place=payload(300),
                             online_url="https://example.org/" + payload(100),
                             starts_at=now + datetime.timedelta(minutes=30),
                             ends_at=now + datetime.timedelta(hours=3),
                             published=True, capacity=10)
        registration = Registration.create(event=event, name=payload(200, "registration-name"),
                                           email="racun@example.org", phone="0812",
                                           organisation=payload(200), status="registered")
        Outbox.create(to="racun@example.org", subject=payload(200), body=payload(),
                      last_error=payload())
        # -- workflow comments, file names, the audit trail
        ContentTransition.create(item=item, transition="reject", from_state="pending",
                                 to_state="private", actor=users["admin"],
                                 comment=payload(tag="workflow-comment"))
        MonthlyReportEvent.create(report=report, actor=users["penilai"], action="return",
                                  from_state="submitted", to_state="draft",
                                  reason=payload(tag="return-reason"))
        Evidence.create(evaluation=evaluation, filename=payload(200, "evidence-name"),
                        stored_name="racun-bukti.pdf", content_type="application/pdf", size=9,
                        uploaded_by=users["pegawai"])
        MonthlyReportAttachment.create(report=report, filename=payload(200, "report-file"),
                                       stored_name="racun-laporan.pdf",
                                       content_type="application/pdf", size=9,
                                       uploaded_by=users["pegawai"])
        ContentAttachment.create(item=item, stored_name="racun-lampiran.pdf",
                                 original_name=payload(200, "content-file"), file_kind="pdf",
                                 mime_type="application/pdf", size=9)
        audit = AuditEntry.create(
            account=users["admin"], username="admin", action="update",
            object_type="ContentItem", object_id=item.id,
            object_label=payload(255, "audit-label"),
            changes=json.dumps({"title": [payload(tag="audit-change"),
                                          payload(tag="audit-change")]}),
            comment=payload(tag="audit-comment"))
        # -- low-code forms: on their own page, in an event's registration, in a
        # complaint category other than the one the complaints above and below are sent in
        form = poisoned_form("racun")
        poisoned_form("racun-acara", event=event)
        poisoned_form("racun-aduan", complaint_category="kesehatan")
    response = send_answers(client, form)
    assert response.status_code == 200, response.get_data(as_text=True)[:3000]
    with db.connection_context():
        submission = FormSubmission.get(FormSubmission.form == form.id)
        upload = FormField.get((FormField.form == form.id) & (FormField.key == "berkas"))
        FormAnswer.create(submission=submission, field=upload, field_key=upload.key,
                          field_label=upload.label, field_type="file",
                          value=payload(200, "answer-file"), file_stored="racun-berkas.pdf",
                          file_type="application/pdf")
    return {"unit": unit, "staff": staff, "skp": skp, "report": report, "item": item,
            "event": event, "registration": registration, "complaint": complaint,
            "service": service, "year": year, "indicator": indicator,
            "evaluation": evaluation, "audit": audit, "form": form, "submission": submission,
            "survey_count": SurveyResponse}
