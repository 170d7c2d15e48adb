"""The settings of the body's editor on the content form: addresses and translated words.

The editor is EasyMDE, vendored in ``portal/static/vendor/easymde-<version>/``
(its README gives the source and checksums) and driven by
``portal/static/js/content_editor.js``, which reads what ``config`` returns from
the page as JSON. The preview is rendered by the server with the public page's
Markdown and nh3 cleaning; pictures become attachments of the item.
"""
from flask import url_for
from flask_babel import gettext as _
from flask_wtf.csrf import generate_csrf

from portal.labels import content as labels
from portal.rules import uploads

EASYMDE = "vendor/easymde-2.21.0"


def buttons():
    """Each toolbar button: the word it shows and what it does (its tooltip, read aloud)."""
    return {
        "bold": [_("Bold"), _("Bold text")],
        "italic": [_("Italic"), _("Italic text")],
        "heading": [_("Heading"), _("Heading of a section")],
        "subheading": [_("Subheading"), _("Smaller heading, inside a section")],
        "unordered-list": [_("• List"), _("Bulleted list")],
        "ordered-list": [_("1. List"), _("Numbered list")],
        "quote": [_("Quote"), _("Quotation")],
        "link": [_("Link"), _("Link to a web page")],
        "upload-image": [_("Picture"), _("Put a picture (PNG, JPEG, GIF or WebP) into the text")],
        "table": [_("Table"), _("Insert a table")],
        "preview": [_("Preview"), _("Show the text as readers will see it")],
        "side-by-side": [_("Side by side"), _("Write on the left, see the result on the right")],
        "undo": [_("Undo"), _("Undo the last change")],
        "redo": [_("Redo"), _("Redo what was undone")],
    }


def config(item):
    """What the editor of ``item``'s body needs (``item`` None on the create form)."""
    mb = uploads.MAX_ATTACHMENT_BYTES // (1024 * 1024)
    column, text = _("Column"), _("Text")
    return {
        "preview_url": url_for("content_item.preview_view"),
        "upload_url": (url_for("content_item.image_upload_view", item_id=item.id)
                       if item is not None else None),
        "csrf_token": generate_csrf(),
        "max_bytes": uploads.MAX_ATTACHMENT_BYTES,
        "buttons": buttons(),
        "texts": {
            "link_prompt": _("Address of the web page (it begins with https://):"),
            "status_init": _("Drag a picture here, paste it, or press Picture."),
            "status_drop": _("Uploading #images_names#…"),
            "status_uploaded": _("Picture added: #image_name#"),
            "save_first": _("Save the item first (Save and Continue Editing); then pictures can "
                            "be put into the text."),
            "preview_loading": _("Preparing the preview…"),
            "preview_failed": _("The preview could not be prepared. Check the connection; what "
                                "you wrote is kept."),
            "upload_failed": _("The picture could not be uploaded. Check the connection and try "
                               "again; what you wrote is kept."),
            "too_large": str(labels.UPLOAD_ERROR["too_large"] % {"mb": mb}),
            "table": ["", f"\n\n| {column} 1 | {column} 2 |\n| --- | --- |\n"
                          f"| {text} | {text} |\n\n"],
        },
    }
