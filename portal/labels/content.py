"""Translated labels for content and award codes, shared by the back office and the public site."""
from flask_babel import lazy_gettext as _l

from portal.labels import choices  # noqa: F401  (one helper for every table of labels)

from portal.uploads import STORAGE_FULL

CONTENT_KIND = {"page": _l("Page"), "news": _l("News"), "guide": _l("Guide"),
                "document": _l("Document")}
CONTENT_KIND_PLURAL = {"page": _l("Pages"), "news": _l("News"), "guide": _l("Guides"),
                       "document": _l("Documents")}
STATE = {"private": _l("Draft (private)"), "pending": _l("Pending review"),
         "published": _l("Published")}
TRANSITION = {"submit": _l("Submit for review"), "publish": _l("Publish"),
              "reject": _l("Send back (reject)"), "retract": _l("Retract")}
TRANSITION_DONE = {"submit": _l("Submitted for review"), "publish": _l("Published"),
                   "reject": _l("Sent back"), "retract": _l("Retracted")}
AUDIENCE = {"public": _l("Everyone (public)"), "all_asn": _l("All ASN (signed in)"),
            "unit": _l("Employees of one unit"), "supervisors": _l("Supervisors (have subordinates)")}
LANGUAGE = {"id": _l("Bahasa Indonesia"), "en": _l("English")}
AWARD_KIND = {"certificate": _l("Certificate (piagam)"), "incentive": _l("Incentive"),
              "recognition": _l("Recognition")}
WORKFLOW_ERROR = {
    "unknown": _l("That action does not exist."),
    "state": _l("This action is not possible in the item's current state. Reload the page."),
    "role": _l("Your account may not take this action on this item."),
    "own": _l("You wrote this item, so you cannot publish it yourself: another reviewer must "
              "check and publish it."),
    "comment": _l("Give a reason, so the author knows what to change."),
}
UPLOAD_ERROR = {
    "missing": _l("Choose a file to upload."),
    "empty": _l("The file is empty."),
    "too_large": _l("The file is larger than %(mb)d MB."),
    "type": _l("Only PDF, slides, spreadsheets, documents and images (PNG, JPEG, GIF, WebP) "
               "may be attached."),
    "not_image": _l("Only pictures (PNG, JPEG, GIF, WebP) can be put into the text. Attach "
                    "other files on the item's page."),
    "damaged": _l("The image could not be read; it may be damaged."),
    "too_many_pixels": _l("The image has too many pixels (at most 40 million). "
                          "Upload a smaller picture."),
    "no_space": STORAGE_FULL,
}
