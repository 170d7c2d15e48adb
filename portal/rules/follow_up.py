"""Tindak lanjut of a final SKP: what the appraiser recommends after the year's
predikat, and whether it has been carried out (domain.md: awards, or
training/coaching/sanctions)."""

AWARD = "award"
TRAINING = "training"
COACHING = "coaching"
SANCTION = "sanction"
KINDS = (AWARD, TRAINING, COACHING, SANCTION)

OPEN = "open"
DONE = "done"
STATUSES = (OPEN, DONE)

FINAL_STATE = "final"


def may_record(skp_state, *, is_appraiser):
    """Only the appraiser records a follow-up, and only on a final SKP."""
    return is_appraiser and skp_state == FINAL_STATE


def may_close(status, *, is_appraiser, is_staff):
    """The appraiser, an operator or an administrator marks an open follow-up done."""
    return status == OPEN and (is_appraiser or is_staff)


def check(kind, note, award_employee_id=None, skp_employee_id=None):
    """The reason a follow-up is refused, or None: a known kind, a note or an
    award, and an award only for the SKP's own employee."""
    if kind not in KINDS:
        return "bad_kind"
    if award_employee_id is not None and (kind != AWARD
                                          or award_employee_id != skp_employee_id):
        return "bad_award"
    if not (note or "").strip() and award_employee_id is None:
        return "note_required"
    return None
