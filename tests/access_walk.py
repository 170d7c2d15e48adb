"""Walking every route of the app as one role: the records the routes need, the
URL of each (endpoint, method), and the outcome a request gets.

Requests that delete, change or move a record (Flask-Admin's delete, list actions
and edit form, and every workflow step) name a real record, carry what the page's
own form would send, and are judged by their effect on that record; the database
is put back as it was after each of them.

The expected outcomes live in ``tests/access_table.py``; this module only knows
how to ask.
"""
import datetime
import os
from html.parser import HTMLParser

from admin.skp import BUTTON_ACTIONS
from portal import complaints
from portal import monthly as monthly_service
from portal import skp as skp_service
from portal.db import db
from portal import uploads
from portal.models import (MODELS, AuditEntry, Award, Complaint, ComplaintAttachment,
                           ContentAttachment, ContentItem, CustomForm, Evaluation, Event,
                           Evidence, FollowUp, FormAnswer, FormField, FormSubmission,
                           IndicatorRealisation, MonthlyReport, MonthlyReportAttachment,
                           MonthlyReportItem, NonWorkingDay, Outbox,
                           Period, Registration, Rhk, Iki, Skp, UnitIndicator, UnitResult)
from portal.models.base import utcnow
from portal.rules import complaints as complaint_rules
from portal.rules import monthly_workflow, publication, skp_workflow

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
        MonthlyReportItem.create(report=report, rhk=rhk, activity="Melayani pasien")
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
        content_picture = ContentAttachment.create(  # a picture in the published item's text
            item=item, stored_name="walk-content.png", original_name="foto.png",
            file_kind="png", mime_type="image/png", size=8)
        with open(content_picture.path(app.instance_path), "wb") as fh:
            fh.write(b"\x89PNG\r\n\x1a\n")
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
        # a period nothing refers to yet: one the back office may delete
        spare_period = Period.create(year=now.year, quarter=4)
        holiday = NonWorkingDay.create(date=datetime.date(now.year, 12, 25),
                                       name="Hari Raya Natal")
        return {
            "holiday": holiday.id,
            "spare_period": spare_period.id, "custom_form": custom_form.id, "form_submission": submission.id,
            "form_answer": answer.id, "audit": entry.id,
            "period": period.id, "skp": skp.id, "rhk": rhk.id, "iki": iki.id,
            "evidence": evidence.id, "follow_up": follow_up.id, "award": award.id,
            "report": report.id, "report_file": report_file.id, "complaint": complaint.id,
            "complaint_file": complaint_file.id, "tracking_id": complaint.tracking_id,
            "reporter_key": complaint_rules.reporter_key(app.secret_key, complaint.tracking_id),
            "item": item.id, "slug": item.slug, "content_file": content_file.id,
            "event": event.id, "registration": registration.id,
            "cancel_token": registration.cancel_token, "unit_code": org["dinas"].code,
            "service_code": survey["sip"].code, "outbox": mail.id if mail else 1,
            "employee": org["staff"].id, "year": now.year, "response": survey["response"].id,
            "user": users["pegawai"].id, "unit": org["dinas"].id,
        }


# Model views' records for ?id= (details, edit): endpoint → key in the records.
MODEL_IDS = {"employee": "employee", "content_item": "item", "content_queue": "item",
             "award": "award", "event": "event", "event_registration": "registration",
             "training_history": "registration", "follow_up": "follow_up",
             "complaint": "complaint", "outbox": "outbox", "survey_response": "response",
             "custom_form": "custom_form", "form_submission": "form_submission",
             "audit": "audit", "account": "user", "period": "spare_period",
             "non_working_day": "holiday"}

# Every workflow step the back office offers, tried on a record put in a state the
# step starts from: endpoint → (model, key in the records, {step: that state}).
# The step is the URL's <action>, or the "transition" field of the content form.
WORKFLOWS = {
    "skp.action": (Skp, "skp", {step: skp_workflow.TRANSITIONS[step][0][0]
                                for step in BUTTON_ACTIONS}),
    "monthly_report.action": (MonthlyReport, "report", {
        step: states[0] for step, (states, _who, _reason) in
        monthly_workflow.TRANSITIONS.items()}),
    "complaint.act": (Complaint, "complaint", {
        step: states[0] for step, (states, _to, _who) in complaint_rules.ACTIONS.items()}),
    "content_item.transition_view": (ContentItem, "item", {
        step: states[0] for step, (states, _to) in publication.TRANSITIONS.items()}),
}


def path_args(endpoint, rec):
    """Values for the variable parts of ``endpoint``'s rule."""
    view = endpoint.split(".")[0]
    args = {"skp_id": rec["skp"], "period_id": rec["period"], "rhk_id": rec["rhk"],
            "iki_id": rec["iki"], "report_id": rec["report"], "evidence_id": rec["evidence"],
            "award_id": rec["award"], "event_id": rec["event"], "token": rec["cancel_token"],
            "tracking_id": rec["tracking_id"], "slug": rec["slug"], "fmt": "json",
            "unit_code": rec["unit_code"], "service_code": rec["service_code"],
            "year": rec["year"], "export_type": "csv", "id": rec["complaint"],
            "item_id": rec["item"], "code": rec["unit_code"], "number": rec["complaint"]}
    if view == "monthly_report":
        args["attachment_id"] = rec["report_file"]
    elif view == "content_item":
        args["attachment_id"] = rec["content_file"]
    elif view == "content":
        args["attachment_id"] = rec["content_file"]
    elif view == "conversation":  # the reporter's own link (tracking ID + reporter key)
        args["attachment_id"] = rec["complaint_file"]
        args["key"] = rec["reporter_key"]
    if endpoint == "content.image":
        args["name"] = "walk-content.png"
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


def model_view(app, endpoint):
    name = endpoint.split(".")[0]
    return next((v for v in app.extensions["admin"][0]._views if v.endpoint == name
                 and hasattr(v, "model")), None)


def steps(app, endpoint, method):
    """The steps one route is tried with: each workflow step, each list action
    (Flask-Admin registers "delete" on every view, allowed or not), else one."""
    if endpoint in WORKFLOWS:
        return sorted(WORKFLOWS[endpoint][2])
    if endpoint.endswith(".action_view") and model_view(app, endpoint):
        return sorted(model_view(app, endpoint)._actions_data)
    return [None]


def cases(app):
    """(endpoint, method) or (endpoint:step, method) of every request the walk makes:
    the rows of tests/access_table.py."""
    return {(f"{endpoint}:{step}" if step else endpoint, method)
            for endpoint, method in routes(app) for step in steps(app, endpoint, method)}


def with_effect(endpoint, method):
    """A request judged by what it does to its record."""
    return endpoint in WORKFLOWS or method == "POST" and endpoint.endswith(
        (".delete_view", ".action_view", ".edit_view"))


def url_for_route(app, endpoint, rec, step=None):
    from flask import url_for
    rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
    args = {name: value for name, value in path_args(endpoint, rec).items()
            if name in rule.arguments}
    if "action" in rule.arguments:  # a workflow step: the one asked for, else the first
        args["action"] = step or steps(app, endpoint, None)[0]
    view = endpoint.split(".")[0]
    if endpoint.endswith((".details_view", ".edit_view")):
        args["id"] = record_id(app, endpoint, rec)
    if endpoint.endswith(".ajax_lookup"):
        args["query"] = "a"
        admin_view = next((v for v in app.extensions["admin"][0]._views
                           if v.endpoint == view), None)
        refs = list(getattr(admin_view, "form_ajax_refs", None) or {}) or ["unit"]
        args["name"] = refs[0]
    with app.test_request_context():
        return url_for(endpoint, **args)


def record_id(app, endpoint, rec):
    """The record a model view's pages are asked about: the one the records name,
    else the first row of the view's model."""
    view = endpoint.split(".")[0]
    if view in MODEL_IDS:
        return rec[MODEL_IDS[view]]
    admin_view = model_view(app, endpoint)
    with db.connection_context():
        first = admin_view.model.select().order_by(admin_view.model._meta.primary_key).first()
    return first._pk if first else 1


def target(app, endpoint, rec):
    """(model, id) of the record a request with an effect acts on."""
    if endpoint in WORKFLOWS:
        model, key, _states = WORKFLOWS[endpoint]
        return model, rec[key]
    return model_view(app, endpoint).model, record_id(app, endpoint, rec)


class AdminFormFields(HTMLParser):
    """What a browser sends with Flask-Admin's form on a page (class="admin-form"):
    [name, value, typed text?] in the page's order."""

    def __init__(self):
        super().__init__()
        self.data, self.inside, self.text, self.select = [], False, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = "admin-form" in (attrs.get("class") or "")
        elif tag == "option" and self.select:
            value = attrs.get("value", "")
            if "selected" in attrs:
                self.data.append([self.select[0], value, False])
                self.select[1] = True
            elif self.select[1] is None and not self.select[2]:
                self.select[1] = value  # nothing selected: the first option is sent
        elif not self.inside or attrs.get("name") is None or "disabled" in attrs:
            return
        elif tag == "input" and attrs.get("type") not in ("submit", "file", "button"):
            if attrs.get("type") not in ("checkbox", "radio") or "checked" in attrs:
                self.data.append([attrs["name"], attrs.get("value") or "",
                                  attrs.get("type", "text") == "text"])
        elif tag == "textarea":
            self.text = [attrs["name"], "", True]
            self.data.append(self.text)
        elif tag == "select":
            self.select = [attrs["name"], None, "multiple" in attrs]

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self.text = None
        elif tag == "select" and self.select:
            if isinstance(self.select[1], str):
                self.data.append([self.select[0], self.select[1], False])
            self.select = None

    def handle_data(self, data):
        if self.text is not None:
            self.text[1] += data


def edit_form_data(client, url):
    """The edit page's own form with its longest text changed (a name rather than a
    code), or nothing when the page is not shown to this user."""
    response = client.get(url)
    if response.status_code != 200:
        return {}
    fields = AdminFormFields()
    fields.feed(response.get_data(as_text=True))
    texts = [pair for pair in fields.data if pair[2] and "-" not in pair[0]
             and not number(pair[1]) and "@" not in pair[1]]
    # not an inline row's field, a number or an e-mail address (each checked as such)
    if texts:
        max(texts, key=lambda pair: len(pair[1].strip()))[1] += " (diubah)"
    data = {}
    for name, value, _text in fields.data:
        data.setdefault(name, []).append(value)
    return data


def number(text):
    try:
        float(text)
    except ValueError:
        return False
    return True


def table_rows():
    """Every row of every table by primary key."""
    with db.connection_context():
        return {model: {row[model._meta.primary_key.name]: row
                        for row in model.select().dicts()} for model in MODELS}


def put_back(saved):
    """The database as ``saved``: new rows removed, changed rows and removed rows
    restored (children after their parents)."""
    now = table_rows()
    with db.connection_context(), db.atomic():
        for model in reversed(MODELS):
            pk = model._meta.primary_key
            gone = [key for key in now[model] if key not in saved[model]]
            if gone:
                model.delete().where(pk.in_(gone)).execute()
        for model in MODELS:
            pk = model._meta.primary_key
            for key, row in sorted(saved[model].items()):
                if key not in now[model]:
                    model.insert(row).execute()
                elif now[model][key] != row:
                    model.update(row).where(pk == key).execute()


def with_effect_outcome(app, client, rec, token, endpoint, step):
    """Ask once for a request with an effect; 'deleted' or 'changed' when its record
    went or changed, else the answer; then the database is put back."""
    model, key = target(app, endpoint, rec)
    url = url_for_route(app, endpoint, rec, step)
    # a step that cannot be undone asks first: this is the POST its confirmation sends
    data = {"csrf_token": token, "confirmed": "1"}
    if endpoint.endswith(".edit_view"):
        data = {**edit_form_data(client, url), **data}
    saved = table_rows()
    with db.connection_context():
        if endpoint in WORKFLOWS:
            model.update(state=WORKFLOWS[endpoint][2][step]).where(
                model._meta.primary_key == key).execute()
        before = model.select().where(model._meta.primary_key == key).dicts().first()
    if endpoint.endswith(".delete_view"):
        data["id"] = key
    elif endpoint.endswith(".action_view"):
        data.update(rowid=key, action=step)
    elif endpoint == "content_item.transition_view":
        data["transition"] = step
    if endpoint in WORKFLOWS:
        unit = rec["unit"]
        data.update({"reason": "Perlu diperbaiki", "comment": "Perlu diperbaiki",
                     f"{step}-note": "Catatan tindak lanjut", f"{step}-unit": unit,
                     f"{step}-csrf_token": token})
    response = client.post(url, data=data)
    with db.connection_context():
        after = model.select().where(model._meta.primary_key == key).dicts().first()
    put_back(saved)
    if before is not None and after is None:
        return "deleted"
    if before != after:
        return "changed"
    return outcome(response)


def outcome(response):
    """What the user got: 'login' for the sign-in redirect, else the status code."""
    if response.status_code in (301, 302, 303) and \
            response.headers.get("Location", "").startswith("/login"):
        return "login"
    return str(response.status_code)


def walk(app, client, rec, token):
    """Every route once (every step of a route with steps): GETs first (nothing
    changes), then the requests with an effect, each undone, then the other writes
    with only a CSRF token (forms fail validation; the order is fixed so the result
    is too), and signing out last (it ends the session and its token)."""
    seen = {}

    def order(route):
        rank = 3 if route == ("auth.logout", "POST") else 1 if with_effect(*route) else \
            2 if route[1] != "GET" else 0
        return rank, route
    for endpoint, method in sorted(routes(app), key=order):
        for step in steps(app, endpoint, method):
            name = f"{endpoint}:{step}" if step else endpoint
            if with_effect(endpoint, method):
                seen[(name, method)] = with_effect_outcome(app, client, rec, token,
                                                           endpoint, step)
                continue
            url = url_for_route(app, endpoint, rec)
            if method == "GET":
                response = client.get(url)
            else:
                response = client.open(url, method=method,
                                       data={"csrf_token": token, "confirmed": "1"})
            seen[(name, method)] = outcome(response)
    return seen
