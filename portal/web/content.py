"""The public side of socialisation content: /materi, its files, the news feed, and awards.

Only items that are published and visible now (``publication.visible_now``)
appear, and items for ASN audiences only to signed-in users of that audience.
"""
import math
import xml.etree.ElementTree as ET

from flask import (Blueprint, Response, abort, current_app, redirect, render_template, request,
                   send_file, url_for)
from flask_babel import format_date, get_locale
from flask_login import current_user
from peewee import JOIN

from portal.i18n import LANGUAGE_NAMES
from portal.labels import content as content_labels
from portal.models import Award, ContentAttachment, ContentItem, ContentTag, Employee, Tag, Unit
from portal.models.base import utcnow
from portal.models.content import actor_of, item_tags, reader_of
from portal.richtext import render as render_markdown
from portal.rules import publication, uploads

bp = Blueprint("content", __name__)
PAGE_SIZE = 12
FEED_SIZE = 20
ATOM = "http://www.w3.org/2005/Atom"


def init_app(app):
    app.register_blueprint(bp)
    app.jinja_env.filters["markdown"] = render_markdown
    app.jinja_env.filters["date"] = lambda value, fmt="medium": (
        format_date(value, fmt) if value else "")

    def _limit_upload_size():
        # before CSRF reads the form: an oversized body is refused, not spooled to disk
        if request.endpoint in ("content_item.upload_view", "content_item.image_upload_view"):
            request.max_content_length = uploads.MAX_ATTACHMENT_BYTES + 64 * 1024

    app.before_request_funcs.setdefault(None, []).insert(0, _limit_upload_size)

    @app.context_processor
    def _content_labels():
        return {"content_labels": content_labels, "uploads": uploads,
                "language_names": LANGUAGE_NAMES}


def _page_number():
    return max(1, min(request.args.get("page", 1, type=int), 10_000))


def _in_reader_language(query, language):
    """Items in ``language``, plus those in the other language without a visible counterpart."""
    other = ContentItem.alias()
    now = utcnow()
    visible_other = ((other.language == language) & (other.state == "published")
                     & (other.publish_at.is_null() | (other.publish_at <= now))
                     & (other.expire_at.is_null() | (other.expire_at > now)))
    pointing_here = other.select(other.translation_of).where(
        visible_other & other.translation_of.is_null(False))
    pointed_to = other.select(other.id).where(visible_other)
    return query.where((ContentItem.language == language)
                       | (ContentItem.id.not_in(pointing_here)
                          & (ContentItem.translation_of.is_null()
                             | ContentItem.translation_of.not_in(pointed_to))))


@bp.route("/materi")
def index():
    reader = reader_of(current_user)
    kind = request.args.get("kind", "")
    kind = kind if kind in publication.KINDS else ""
    tag_slug = request.args.get("tag", "")[:60]
    q = request.args.get("q", "", type=str)[:100].strip()
    query = ContentItem.visible(utcnow(), reader)
    query = _in_reader_language(query, str(get_locale()))
    if kind:
        query = query.where(ContentItem.kind == kind)
    tag = Tag.get_or_none(Tag.slug == tag_slug) if tag_slug else None
    if tag is not None:
        query = query.where(ContentItem.id.in_(
            ContentTag.select(ContentTag.item).where(ContentTag.tag == tag.id)))
    query = ContentItem.search(query, q)
    total = query.count()
    pages = max(1, math.ceil(total / PAGE_SIZE))
    page = min(_page_number(), pages)
    items = list(query.order_by(ContentItem.publish_at.desc(nulls="LAST"),
                                ContentItem.published_at.desc(nulls="LAST"),
                                ContentItem.id.desc()).paginate(page, PAGE_SIZE))
    tags = (Tag.select().join(ContentTag).join(ContentItem)
            .where(ContentItem.id.in_(ContentItem.visible(utcnow(), reader).select(ContentItem.id)))
            .group_by(Tag.id, Tag.name, Tag.slug).order_by(Tag.name))
    return render_template("content/list.html", items=items, total=total, page=page, pages=pages,
                           kind=kind, tag=tag, tags=list(tags), q=q)


def _visible_item(slug):
    """The item at /materi/<slug> the reader may see (preferring their language), or abort."""
    reader = reader_of(current_user)
    now = utcnow()
    candidates = [c for c in ContentItem.select().where(ContentItem.slug == slug)
                  if publication.visible_now(c.state, c.publish_at, c.expire_at, now)]
    if not candidates:
        abort(404)
    wanted = request.args.get("lang") or str(get_locale())
    candidates.sort(key=lambda c: c.language != wanted)
    for item in candidates:
        if publication.audience_allows(item.audience, item.audience_unit_id, reader):
            return item
    if not reader.authenticated:
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    abort(403)


@bp.route("/materi/<slug>")
def item(slug):
    found = _visible_item(slug)
    if not isinstance(found, ContentItem):
        return found
    translation = found.translation
    if translation is not None and not (
            publication.visible_now(translation.state, translation.publish_at,
                                    translation.expire_at, utcnow())
            and publication.audience_allows(translation.audience, translation.audience_unit_id,
                                            reader_of(current_user))):
        translation = None
    # pictures shown in the text are not listed again as files to download
    return render_template("content/item.html", item=found, translation=translation,
                           tags=item_tags(found),
                           attachments=[a for a in found.attachments.order_by(ContentAttachment.id)
                                        if a.stored_name not in found.body])


@bp.route("/materi/gambar/<name>")
def image(name):
    """A picture placed in an item's text (by its random stored name): shown to whoever may
    read the item now, and to content editors, who preview drafts in the back office."""
    file = ContentAttachment.get_or_none(ContentAttachment.stored_name == name[:80])
    if file is None or not uploads.is_image(file.file_kind):
        abort(404)
    item = file.item
    readable = (publication.visible_now(item.state, item.publish_at, item.expire_at, utcnow())
                and publication.audience_allows(item.audience, item.audience_unit_id,
                                                reader_of(current_user)))
    if not readable and not (current_user.is_authenticated
                             and publication.may_create(actor_of(current_user))):
        abort(404)
    response = send_file(file.path(current_app.instance_path), mimetype=file.mime_type,
                         max_age=0)
    response.headers["X-Content-Type-Options"] = "nosniff"
    if item.audience != "public" or not readable:
        response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/materi/<slug>/lampiran/<int:attachment_id>")
def attachment(slug, attachment_id):
    found = _visible_item(slug)
    if not isinstance(found, ContentItem):
        return found
    file = ContentAttachment.get_or_none((ContentAttachment.id == attachment_id)
                                         & (ContentAttachment.item == found.id))
    if file is None:
        abort(404)
    response = send_file(file.path(current_app.instance_path), mimetype=file.mime_type,
                         as_attachment=not uploads.is_image(file.file_kind),
                         download_name=file.original_name, max_age=0)
    response.headers["X-Content-Type-Options"] = "nosniff"
    if found.audience != "public":
        response.headers["Cache-Control"] = "private, no-store"
    return response


def _iso(value):
    return value.replace(microsecond=0).isoformat() + "Z"


@bp.route("/berita/feed.atom")
def news_feed():
    """An Atom feed of the latest published public news."""
    news = list(ContentItem.visible(utcnow()).where(ContentItem.kind == "news")
                .order_by(ContentItem.published_at.desc(nulls="LAST"), ContentItem.id.desc())
                .limit(FEED_SIZE))
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    feed.set("{http://www.w3.org/XML/1998/namespace}lang", str(get_locale()))
    region = current_app.config["PORTAL_REGION"]
    home = url_for("content.index", kind="news", _external=True)
    ET.SubElement(feed, f"{{{ATOM}}}id").text = home
    ET.SubElement(feed, f"{{{ATOM}}}title").text = \
        f"{current_app.config['PORTAL_NAME']} · {region}"
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self",
                  href=url_for("content.news_feed", _external=True))
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=home)
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = region
    updated = max((n.shown_at for n in news), default=None) or utcnow()
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _iso(max([updated] + [n.updated_at
                                                                           for n in news]))
    for entry_item in news:
        url = url_for("content.item", slug=entry_item.slug, lang=entry_item.language,
                      _external=True)
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}id").text = url
        ET.SubElement(entry, f"{{{ATOM}}}title").text = entry_item.title
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=url)
        ET.SubElement(entry, f"{{{ATOM}}}published").text = _iso(entry_item.shown_at)
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _iso(max(entry_item.shown_at,
                                                                   entry_item.updated_at))
        if entry_item.summary:
            ET.SubElement(entry, f"{{{ATOM}}}summary").text = entry_item.summary
        ET.SubElement(entry, f"{{{ATOM}}}content", type="html").text = \
            str(render_markdown(entry_item.body))
    body = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return Response(body, mimetype="application/atom+xml")


@bp.route("/penghargaan")
def awards():
    query = (Award.select(Award, Employee, Unit)
             .join(Employee, JOIN.LEFT_OUTER, on=(Award.employee == Employee.id))
             .switch(Award)
             .join(Unit, JOIN.LEFT_OUTER, on=(Award.unit == Unit.id))
             .where(Award.public == True))  # noqa: E712
    total = query.count()
    pages = max(1, math.ceil(total / 25))
    page = min(_page_number(), pages)
    rows = list(query.order_by(Award.award_date.desc(), Award.id.desc()).paginate(page, 25))
    unit_names = {u.id: u.name for u in Unit.select(Unit.id, Unit.name).where(
        Unit.id.in_([r.employee.unit_id for r in rows if r.employee_id] or [0]))}
    return render_template("content/awards.html", awards=rows, page=page, pages=pages,
                           total=total, unit_names=unit_names)
