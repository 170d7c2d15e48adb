"""The SKP as a user meets it: who may see which SKP, workflow steps with their
audit events, evaluations with the predikat computed, and bukti dukung files.

Row-level access lives here, in one place, for the back-office views:
a pegawai sees only their own SKP; a penilai also sees the SKP of their direct
subordinates (and may act on those they appraise) and, read-only, of the
subordinates' subordinates; operators and administrators see all.
"""
import os
import uuid

from flask import current_app

from portal import audit
from portal.db import db
from portal.models import (Employee, Evaluation, EvaluationBehaviour, EvaluationResult, Evidence,
                           FollowUp, Iki, IkiRealisation, Skp, SkpEvent, UnitResult)
from portal.models.base import utcnow
from portal.models.performance import BERAKHLAK
from portal.rules import (achievement, distribution, follow_up, predikat, realisation,
                          skp_workflow)
from portal.rules import uploads as file_kinds
from portal.uploads import UploadRefused, clean_image, write_new

SEE_ALL_ROLES = ("admin", "operator")


def visible_rows(user, model, query=None):
    """The rows of ``model`` (an SKP or anything else with ``employee`` and
    ``appraiser`` columns, such as a monthly report) ``user`` may see: their own,
    those they appraise, their direct subordinates' and, read-only, their
    subordinates' subordinates'; operators and administrators see all."""
    query = query if query is not None else model.select()
    if user.role in SEE_ALL_ROLES:
        return query
    me = user.employee_id
    if me is None or user.role not in ("penilai", "pegawai"):
        return query.where(model.id.is_null())  # nothing
    if user.role == "pegawai":
        return query.where(model.employee == me)
    Sub = Employee.alias()
    direct = Sub.select(Sub.id).where(Sub.supervisor == me)
    Sub2 = Employee.alias()
    second = Sub2.select(Sub2.id).where(Sub2.supervisor.in_(
        Employee.select(Employee.id).where(Employee.supervisor == me)))
    return query.where((model.employee == me) | (model.appraiser == me)
                       | model.employee.in_(direct) | model.employee.in_(second))


def get_visible_row(user, model, row_id):
    """The ``model`` row with ``row_id`` if ``user`` may see it, else None (404)."""
    try:
        row_id = int(row_id)
    except (TypeError, ValueError):
        return None
    return visible_rows(user, model, model.select().where(model.id == row_id)).first()


def visible_skps(user, query=None):
    """The SKP ``user`` may see, as a query (``query`` narrows a given one)."""
    return visible_rows(user, Skp, query)


def get_visible(user, skp_id):
    """The SKP with ``skp_id`` if ``user`` may see it, else None (the caller answers 404)."""
    return get_visible_row(user, Skp, skp_id)


def relation(user, skp):
    """How ``user`` stands to ``skp`` (or a monthly report): dict(is_owner,
    is_appraiser, is_admin)."""
    me = user.employee_id
    is_owner = me is not None and skp.employee_id == me
    return {
        "is_owner": is_owner,
        "is_appraiser": (not is_owner and me is not None and user.role == "penilai"
                         and skp.appraiser_id == me),
        "is_admin": user.role == "admin" and not is_owner,
    }


def may_write_dialog(user, skp):
    """The employee and the appraiser talk in the dialog kinerja until the SKP is final."""
    rel = relation(user, skp)
    return skp.state != skp_workflow.FINAL and (rel["is_owner"] or rel["is_appraiser"])


def actions_for(user, skp):
    return skp_workflow.available(skp.state, **relation(user, skp))


def move(skp, action, user, reason=""):
    """Apply a workflow action (raises WorkflowError) and record who did it."""
    new_state = skp_workflow.transition(action, skp.state, reason=reason, **relation(user, skp))
    with db.atomic():
        before = audit.snapshot(skp)
        SkpEvent.create(skp=skp, actor=user, action=action, from_state=skp.state,
                        to_state=new_state, reason=(reason or "").strip())
        if action == skp_workflow.REOPEN and new_state in skp_workflow.EDITABLE:
            skp.set_ratings(None, None)
        skp.state = new_state
        skp.updated_at = utcnow()
        skp.save()
        audit.record(audit.REOPEN if action == skp_workflow.REOPEN else audit.TRANSITION, skp,
                     before=before, after=audit.snapshot(skp), comment=reason, user=user)
    return new_state


def create_skp(employee, year, user):
    """A new draft SKP for ``employee``; the appraiser is their supervisor now."""
    with db.atomic():
        skp = Skp.create(employee=employee, year=year, appraiser=employee.supervisor_id)
        SkpEvent.create(skp=skp, actor=user, action="create", from_state="",
                        to_state=skp.state)
        audit.record(audit.CREATE, skp, user=user)
    return skp


def unit_result_for_head(skp):
    """The unit's result (UnitResult) when ``skp``'s employee heads their unit, else None."""
    employee = skp.employee
    supervisor_unit = employee.supervisor.unit_id if employee.supervisor_id else None
    if not distribution.heads_unit(employee.unit_id, supervisor_unit):
        return None
    return UnitResult.get_or_none(UnitResult.unit == employee.unit_id, UnitResult.year == skp.year)


def save_evaluation(skp, period, user, results, behaviours, hasil_kerja, perilaku,
                    iki_values=None, perilaku_reason="", change_note=""):
    """Store an evaluation and move the SKP (quarterly or annual evaluation).

    ``results``: {rhk_id: (realisation, feedback, rating)}; ``behaviours``:
    {value: (rating, feedback, ekspektasi_khusus)}; ``iki_values``: {iki_id:
    number reached so far this year, or None}. An empty ``hasil_kerja``
    follows the RHK ratings (``hasil_kerja_summary``). In the annual evaluation
    of a unit head whose unit has its result for the year, hasil kerja follows
    that result whatever was chosen (domain.md §2). An empty ``perilaku``
    follows the BerAKHLAK ratings (``perilaku_summary``); ``perilaku_reason`` says
    why another was chosen, ``change_note`` why annual ratings differ from the
    quarters'. The period's realisation is assessed from now on. Returns the
    evaluation; raises WorkflowError when the user may not evaluate now.
    """
    action = (skp_workflow.EVALUATE_ANNUAL if period.is_annual
              else skp_workflow.EVALUATE_QUARTER)
    kinds = {r.id: r.kind for r in skp.rhks}
    unit_result = unit_result_for_head(skp) if period.is_annual else None
    if unit_result is not None:
        hasil_kerja = distribution.head_hasil_kerja(unit_result.capaian)
    elif not hasil_kerja:
        hasil_kerja = predikat.hasil_kerja_summary(
            (kinds[rid], rating) for rid, (_r, _f, rating) in results.items() if rid in kinds)
    if not perilaku:
        perilaku = predikat.perilaku_summary(
            rating for value, (rating, _f, _s) in behaviours.items() if value in BERAKHLAK)
    with db.atomic():
        evaluation = Evaluation.get_or_none(Evaluation.skp == skp, Evaluation.period == period)
        before = evaluation_snapshot(evaluation) if evaluation else None
        if evaluation is None:
            evaluation = Evaluation(skp=skp, period=period)
        evaluation.hasil_kerja_rating = hasil_kerja or None
        evaluation.perilaku_rating = perilaku or None
        evaluation.predikat = predikat.predikat(evaluation.hasil_kerja_rating,
                                                evaluation.perilaku_rating)
        evaluation.evaluator = user
        evaluation.perilaku_reason = (perilaku_reason or "").strip()
        evaluation.change_note = (change_note or "").strip()
        evaluation.realisation_state = realisation.ASSESSED
        evaluation.updated_at = utcnow()
        evaluation.save()
        EvaluationResult.delete().where(EvaluationResult.evaluation == evaluation).execute()
        rows = [{"evaluation": evaluation.id, "rhk": rid, "realisation": realisation,
                 "feedback": feedback, "rating": rating or None}
                for rid, (realisation, feedback, rating) in results.items() if rid in kinds]
        if rows:
            EvaluationResult.insert_many(rows).execute()
        EvaluationBehaviour.delete().where(EvaluationBehaviour.evaluation == evaluation).execute()
        rows = [{"evaluation": evaluation.id, "value": value, "rating": rating or None,
                 "feedback": feedback, "ekspektasi_khusus": special}
                for value, (rating, feedback, special) in behaviours.items() if value in BERAKHLAK]
        if rows:
            EvaluationBehaviour.insert_many(rows).execute()
        IkiRealisation.delete().where(IkiRealisation.evaluation == evaluation).execute()
        own_ikis = {i.id for i in Iki.select(Iki.id).where(Iki.rhk.in_(list(kinds)))}
        rows = [{"evaluation": evaluation.id, "iki": iki_id, "value": value}
                for iki_id, value in (iki_values or {}).items()
                if iki_id in own_ikis and value is not None]
        if rows:
            IkiRealisation.insert_many(rows).execute()
        if period.is_annual:
            skp.set_ratings(evaluation.hasil_kerja_rating, evaluation.perilaku_rating)
        audit.record(audit.CREATE if before is None else audit.UPDATE, evaluation,
                     before=before, after=evaluation_snapshot(evaluation), user=user)
        move(skp, action, user)
    return evaluation


def iki_achievements(evaluation):
    """{iki_id: (value, achievement % or None)} for an evaluation's numbers."""
    if evaluation is None:
        return {}
    lower_formula = current_app.config["ACHIEVEMENT_LOWER_FORMULA"]
    return {row.iki_id: (row.value, achievement.achievement_pct(
                row.iki.target_value, row.value, achievement.polarity_for_aspect(row.iki.aspect),
                lower_formula))
            for row in IkiRealisation.select(IkiRealisation, Iki).join(Iki)
            .where(IkiRealisation.evaluation == evaluation)}
def evaluation_snapshot(evaluation):
    """An evaluation for the audit trail: its ratings, each RHK's realisation and
    rating, each BerAKHLAK value's rating."""
    data = audit.snapshot(evaluation)
    data["results"] = [
        [r.rhk_id, r.realisation, r.rating]
        for r in EvaluationResult.select().where(EvaluationResult.evaluation == evaluation)
        .order_by(EvaluationResult.rhk)]
    data["behaviours"] = [
        [b.value, b.rating]
        for b in EvaluationBehaviour.select().where(EvaluationBehaviour.evaluation == evaluation)
        .order_by(EvaluationBehaviour.value)]
    data["iki_values"] = [
        [r.iki_id, r.value]
        for r in IkiRealisation.select().where(IkiRealisation.evaluation == evaluation)
        .order_by(IkiRealisation.iki)]
    return data


# --- bukti dukung ---------------------------------------------------------------
# Kinds of portal.rules.uploads.sniff accepted as bukti dukung; the name's
# extension must fit the content as well.
EVIDENCE_KINDS = ("pdf", "png", "jpeg", "docx", "xlsx", "pptx", "odt", "ods", "odp",
                  "doc", "xls", "ppt")


class UploadError(Exception):
    """``code``: empty, too_large, bad_type, damaged, too_many_pixels or no_space."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


def upload_folder():
    folder = os.path.join(current_app.instance_path, "uploads", "skp")
    os.makedirs(folder, exist_ok=True)
    return folder


def check_upload(storage):
    """Read and check an uploaded file (werkzeug FileStorage): size, then first
    bytes and extension together. Returns (filename, content type, bytes);
    raises UploadError."""
    limit = current_app.config["SKP_UPLOAD_MAX_BYTES"]
    data = storage.stream.read(limit + 1) if storage is not None else b""
    if not data:
        raise UploadError("empty")
    if len(data) > limit:
        raise UploadError("too_large")
    filename = os.path.basename((storage.filename or "").replace("\\", "/"))[:200] or "bukti"
    kind = file_kinds.sniff(data, filename)
    if kind not in EVIDENCE_KINDS or not file_kinds.extension_fits(kind, filename):
        raise UploadError("bad_type")
    content_type = file_kinds.mime_type(kind)
    if file_kinds.is_image(kind):
        try:
            data = clean_image(data, content_type)  # no EXIF, comments or hidden extras
        except UploadRefused as exc:
            raise UploadError(str(exc)) from None
    return filename, content_type, data


def write_upload(filename, data):
    """Keep checked bytes under a random name in the upload folder; the stored name.
    A full disk is UploadError("no_space"), with nothing left behind."""
    stored = uuid.uuid4().hex + os.path.splitext(filename)[1].lower()
    try:
        write_new(os.path.join(upload_folder(), stored), data)
    except OSError:
        raise UploadError("no_space") from None
    return stored


def store_evidence(evaluation, storage, user):
    """Check and keep an uploaded file (werkzeug FileStorage) as bukti dukung."""
    filename, content_type, data = check_upload(storage)
    stored = write_upload(filename, data)
    try:
        evidence = Evidence.create(evaluation=evaluation, filename=filename, stored_name=stored,
                                   content_type=content_type, size=len(data), uploaded_by=user)
        audit.record(audit.UPLOAD, evidence, after=audit.file_facts(filename, len(data),
                                                                    content_type),
                     user=user, label=f"{filename} — {evaluation}")
        return evidence
    except Exception:
        os.remove(os.path.join(upload_folder(), stored))
        raise


def evidence_path(evidence):
    return os.path.join(upload_folder(), evidence.stored_name)


def remove_evidence(evidence, user):
    """Remove an evidence file: the row (with an audit entry) and the file on disk."""
    path = evidence_path(evidence)
    label = f"{evidence.filename} — {evidence.evaluation}"
    with db.atomic():
        audit.record(audit.DELETE, evidence, before=audit.file_facts(
            evidence.filename, evidence.size, evidence.content_type), user=user, label=label)
        evidence.delete_instance()
    if os.path.exists(path):
        os.remove(path)


def subordinates_without_skp(user, year):
    """Direct subordinates of a penilai who have no SKP for ``year`` yet."""
    if not user.employee_id:
        return []
    have = Skp.select(Skp.employee).where(Skp.year == year)
    return list(Employee.select().where((Employee.supervisor == user.employee_id)
                                        & (Employee.active == True)  # noqa: E712
                                        & Employee.id.not_in(have))
                .order_by(Employee.name))



# --- tindak lanjut ------------------------------------------------------------
def may_record_follow_up(user, skp):
    return follow_up.may_record(skp.state, is_appraiser=relation(user, skp)["is_appraiser"])


def may_close_follow_up(user, item):
    return follow_up.may_close(item.status,
                               is_appraiser=relation(user, item.skp)["is_appraiser"],
                               is_staff=user.role in SEE_ALL_ROLES)


def record_follow_up(skp, user, kind, note, award=None):
    """A follow-up on a final SKP; returns (row, None) or (None, refusal code)."""
    refused = follow_up.check(kind, note, award.employee_id if award else None,
                              skp.employee_id)
    if refused:
        return None, refused
    with db.atomic():
        item = FollowUp.create(skp=skp, unit=skp.employee.unit_id, kind=kind,
                               award=award, note=(note or "").strip(), created_by=user)
        audit.record(audit.CREATE, item, user=user)
    return item, None


def close_follow_up(item):
    with db.atomic():
        before = audit.snapshot(item)
        item.status = follow_up.DONE
        item.done_at = utcnow()
        item.save()
        audit.record(audit.UPDATE, item, before=before, after=audit.snapshot(item))
