"""Walking every route of the app as one role: the records the routes need, the
URL of each (endpoint, method), and the outcome a request gets.

The expected outcomes live in ``tests/access_table.py``; this module only knows
how to ask.
"""
import datetime
import os

from portal import complaints
from portal import monthly as monthly_service
from portal import skp as skp_service
from portal.db import db
from portal import uploads
from portal.models import (AuditEntry, Award, Complaint, ComplaintAttachment, ContentAttachment,
                           ContentItem, CustomForm, Evaluation, Event, Evidence, FollowUp,
                           FormAnswer, FormField, FormSubmission, IndicatorRealisation,
                           MonthlyReport, MonthlyReportAttachment, Outbox, Period, Registration,
                           Rhk, Iki, Skp, UnitIndicator, UnitResult)
from portal.models.base import utcnow

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ROLES = ("anonymous", "pegawai", "penilai", "operator", "admin", "petugas_pengaduan")
ROLE_USER = {"pegawai": "pegawai", "penilai": "penilai", "operator": "operator",
             "admin": "admin", "petugas_pengaduan": "petugas"}
SKIPPED_ENDPOINTS = {"static", "admin.static"}  # files shipped with the code


def make_records(app, org, users, survey):
    """One record of every kind a route can point at, visible to the role that owns it:
    the pegawai's SKP (appraised by the penilai), their monthly report, a complaint not
    yet disposed (the coordinator's), published content and an upcoming event."""
    now = utcnow()
    with app.test_request_context(), db.connection_context():
        period = Period.create(year=now.year, quarter=1)
        indicator = UnitIndicator.create(unit=org["dinas"], year=now.year, code="IKU-01",
                                         name="Cakupan imunisasi", measurement_unit="%",
                                         target=95)
        IndicatorRealisation.create(indicator=indicator, period=period, value=90)
        UnitResult.create(unit=org["dinas"], year=now.year, capaian="baik")
        skp = Skp.create(employee=org["staff"], year=now.year, appraiser=org["boss"],
                         state="approved")
        rhk = Rhk.create(skp=skp, kind="utama", text="Pelayanan pasien rawat jalan")
        iki = Iki.create(rhk=rhk, indicator="Pasien terlayani", target_value=100)
        evaluation = Evaluation.create(skp=skp, period=period)
        os.makedirs(skp_service.upload_folder(), exist_ok=True)
        evidence = Evidence.create(evaluation=evaluation, filename="bukti.pdf",
                                   stored_name="walk-evidence.pdf",
                                   content_type="application/pdf", size=len(PDF))
        with open(skp_service.evidence_path(evidence), "wb") as fh:
            fh.write(PDF)
        final = Skp.create(employee=org["staff"], year=now.year - 1, appraiser=org["boss"],
                           state="final")
        award = Award.create(employee=org["staff"], title="Pegawai Teladan",
                             award_date=datetime.date(now.year - 1, 8, 17))
        follow_up = FollowUp.create(skp=final, unit=org["dinas"], kind="award", award=award)
        report = MonthlyReport.create(employee=org["staff"], appraiser=org["boss"],
                                      year=now.year, month=1, state="draft",
                                      summary="Kegiatan bulan Januari")
        report_file = MonthlyReportAttachment.create(
            report=report, filename="kegiatan.pdf", stored_name="walk-monthly.pdf",
            content_type="application/pdf", size=len(PDF))
        with open(monthly_service.attachment_path_of(report_file.stored_name), "wb") as fh:
            fh.write(PDF)
        complaint = complaints.submit({
            "kind": "pengaduan", "unit": None, "category": "kesehatan",
            "title": "Antrean puskesmas terlalu lama",
            "description": "Saya menunggu empat jam di puskesmas tanpa kejelasan antrean.",
            "event_date": None, "place": "Puskesmas", "reporter_name": "Budi Warga",
            "reporter_email": "budi.warga@contoh.id", "reporter_phone": "081234567890",
            "anonymous": False, "confidential": False})
        folder = os.path.join(app.instance_path, "uploads", "complaints")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "walk-complaint.pdf"), "wb") as fh:
            fh.write(PDF)
        complaint_file = ComplaintAttachment.create(
            complaint=complaint, stored_name="walk-complaint.pdf", original_name="foto.pdf",
            content_type="application/pdf", size=len(PDF))
        item = ContentItem.create(kind="guide", title="Panduan SKP", slug="panduan-skp",
                                  state="published", published_at=now,
                                  created_by=users["operator"])
        content_file = ContentAttachment.create(item=item, stored_name="walk-content.pdf",
                                                original_name="panduan.pdf", file_kind="pdf",
                                                mime_type="application/pdf", size=len(PDF))
        os.makedirs(os.path.dirname(content_file.path(app.instance_path)), exist_ok=True)
        with open(content_file.path(app.instance_path), "wb") as fh:
            fh.write(PDF)
        event = Event.create(title="Sosialisasi SKP", starts_at=now + datetime.timedelta(days=7),
                             ends_at=now + datetime.timedelta(days=7, hours=3), capacity=10,
                             published=True)
        registration = Registration.create(event=event, name="Budi", email="budi@example.id",
                                           status="registered")
        mail = Outbox.select().first()
        # a published form of the pegawai's unit, at the content item's slug, with one
        # submission holding a file answer
        custom_form = CustomForm.create(title="Formulir Uji", slug=item.slug,
                                        status="published", unit=org["dinas"])
        field = FormField.create(form=custom_form, key="berkas", label="Berkas", type="file")
        submission = FormSubmission.create(form=custom_form)
        stored = uploads.store(app.instance_path, "application/pdf", PDF, area="forms")
        answer = FormAnswer.create(submission=submission, field=field, field_key="berkas",
                                   field_label="Berkas", field_type="file", value="berkas.pdf",
                                   file_stored=stored, file_type="application/pdf")
        entry = AuditEntry.create(username="admin", action="update", object_type="Unit",
                                  object_id=org["dinas"].id, object_label="Dinas Kesehatan",
                                  changes='{"name": ["Dinkes", "Dinas Kesehatan"]}')
        return {
            "custom_form": custom_form.id, "form_submission": submission.id,
            "form_answer": answer.id, "audit": entry.id,
            "period": period.id, "skp": skp.id, "rhk": rhk.id, "iki": iki.id,
            "evidence": evidence.id, "follow_up": follow_up.id, "award": award.id,
            "report": report.id, "report_file": report_file.id, "complaint": complaint.id,
            "complaint_file": complaint_file.id, "tracking_id": complaint.tracking_id,
            "item": item.id, "slug": item.slug, "content_file": content_file.id,
            "event": event.id, "registration": registration.id,
            "cancel_token": registration.cancel_token, "unit_code": org["dinas"].code,
            "service_code": survey["sip"].code, "outbox": mail.id if mail else 1,
            "employee": org["staff"].id, "year": now.year, "response": survey["response"].id,
        }


# Model views' records for ?id= (details, edit): endpoint → key in the records.
MODEL_IDS = {"employee": "employee", "content_item": "item", "content_queue": "item",
             "award": "award", "event": "event", "event_registration": "registration",
             "training_history": "registration", "follow_up": "follow_up",
             "complaint": "complaint", "outbox": "outbox", "survey_response": "response",
             "custom_form": "custom_form", "form_submission": "form_submission",
             "audit": "audit"}


def path_args(endpoint, rec):
    """Values for the variable parts of ``endpoint``'s rule."""
    view = endpoint.split(".")[0]
    args = {"skp_id": rec["skp"], "period_id": rec["period"], "rhk_id": rec["rhk"],
            "iki_id": rec["iki"], "report_id": rec["report"], "evidence_id": rec["evidence"],
            "award_id": rec["award"], "event_id": rec["event"], "token": rec["cancel_token"],
            "tracking_id": rec["tracking_id"], "slug": rec["slug"], "fmt": "json",
            "unit_code": rec["unit_code"], "service_code": rec["service_code"],
            "year": rec["year"], "export_type": "csv", "id": rec["complaint"],
            "item_id": rec["item"], "code": rec["unit_code"], "action": "submit"}
    if view == "monthly_report":
        args["attachment_id"] = rec["report_file"]
    elif view == "content_item":
        args["attachment_id"] = rec["content_file"]
    elif view == "content":
        args["attachment_id"] = rec["content_file"]
    if endpoint == "skp.follow_up_done":
        args["item_id"] = rec["follow_up"]
    if endpoint == "auth.set_language":
        args["code"] = "en"
    if view == "form_submission":
        args["answer_id"] = rec["form_answer"]
    if endpoint == "data_import.template":
        args["kind"] = "employees"
    if endpoint == "open311.service_definition":
        args["code"] = "kesehatan"
    if endpoint == "complaint.act":
        args["action"] = "verify"
    return args


def routes(app):
    """(endpoint, method) of every rule, methods other than HEAD/OPTIONS."""
    found = set()
    for rule in app.url_map.iter_rules():
        if rule.endpoint in SKIPPED_ENDPOINTS:
            continue
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            found.add((rule.endpoint, method))
    return found


def url_for_route(app, endpoint, rec):
    from flask import url_for
    rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
    args = {name: value for name, value in path_args(endpoint, rec).items()
            if name in rule.arguments}
    view = endpoint.split(".")[0]
    if endpoint.endswith((".details_view", ".edit_view")):
        args["id"] = rec[MODEL_IDS[view]] if view in MODEL_IDS else 1
    if endpoint.endswith(".ajax_lookup"):
        args["query"] = "a"
        admin_view = next((v for v in app.extensions["admin"][0]._views
                           if v.endpoint == view), None)
        refs = list(getattr(admin_view, "form_ajax_refs", None) or {}) or ["unit"]
        args["name"] = refs[0]
    with app.test_request_context():
        return url_for(endpoint, **args)


def outcome(response):
    """What the user got: 'login' for the sign-in redirect, else the status code."""
    if response.status_code in (301, 302, 303) and \
            response.headers.get("Location", "").startswith("/login"):
        return "login"
    return str(response.status_code)


def walk(app, client, rec, token):
    """Every route once: GETs first (nothing changes), then the writes with only a
    CSRF token (forms fail validation; the order is fixed so the result is too)."""
    seen = {}
    last = {("auth.logout", "POST"): 2}  # signing out ends the session (and its token)
    ordered = sorted(routes(app), key=lambda r: (last.get(r, 0), r[1] != "GET", r[0], r[1]))
    for endpoint, method in ordered:
        url = url_for_route(app, endpoint, rec)
        if method == "GET":
            response = client.get(url)
        else:
            response = client.open(url, method=method, data={"csrf_token": token})
        seen[(endpoint, method)] = outcome(response)
    return seen
