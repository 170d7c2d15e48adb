"""What a back-office list keeps on a phone (below 576 px): the columns that matter
(name, status, deadline), by view endpoint. The other columns are hidden there and
stay on the details page, the export and wider screens; the kept ones wrap their text
to fit. A list not named here keeps every column and scrolls sideways inside its own
box."""

PHONE_COLUMNS = {
    "unit": ("name", "kind"),
    "employee": ("name", "unit"),
    "follow_up": ("employee", "kind", "status"),
    "unit_indicator": ("code", "name", "target"),
    "indicator_realisation": ("indicator", "period", "value"),
    "survey_response": ("submitted_at", "service"),
    "survey_service": ("code", "name", "active"),
    "survey_population": ("service", "year", "population"),
    "complaint": ("title", "state", "due_at"),  # the subject tells more than LPR-…
    # a holiday's weekday and kind are what an operator checks after an import
    "non_working_day": ("date", "weekday", "name", "kind"),
    "content_item": ("title", "state"),
    "content_queue": ("title", "updated_at"),
    "award": ("title", "recipient", "award_date"),
    "event": ("title", "starts_at", "published"),
    "event_registration": ("name", "status"),
    "training_history": ("event", "starts_at", "attended_at"),
    "custom_form": ("title", "status", "submitted"),
    "form_submission": ("reference", "form", "submitted_at"),
    "account": ("username", "role", "active"),
    "outbox": ("to", "subject", "sent_at"),
    "audit": ("at", "object_label", "changes"),
    "period": ("year", "quarter", "month", "open"),
    "unit_result": ("unit", "year", "capaian"),
}


def hidden_on_phone(endpoint, columns):
    """The list's columns (names) a phone does not show; None for a list that keeps
    them all and scrolls sideways."""
    kept = PHONE_COLUMNS.get(endpoint)
    if not kept:
        return None
    return [name for name in columns if name not in kept]
