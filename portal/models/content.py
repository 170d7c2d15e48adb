"""Socialisation content (pages, news, guides, documents) with its workflow log, and awards.

The workflow itself (who may submit, publish, reject, retract) is a pure rule
in ``portal.rules.publication``; these tables record its result.
"""
import os

from peewee import (BooleanField, Check, CharField, DateField, DateTimeField, ForeignKeyField,
                    IntegerField, TextField, fn)

from portal.models.accounts import User
from portal.models.base import BaseModel, utcnow
from portal.models.org import Employee, Unit
from portal.rules import publication


class ContentItem(BaseModel):
    kind = CharField(max_length=16, choices=[(k, k) for k in publication.KINDS], index=True)
    title = CharField(max_length=200)
    slug = CharField(max_length=120, default="")  # filled from the title when left empty
    summary = CharField(max_length=500, default="")
    body = TextField(default="")  # Markdown, rendered and sanitised on display
    language = CharField(max_length=2, default="id",
                         choices=[(c, c) for c in publication.LANGUAGES])
    translation_of = ForeignKeyField("self", null=True, backref="translations",
                                     on_delete="SET NULL")
    audience = CharField(max_length=16, default="public",
                         choices=[(a, a) for a in publication.AUDIENCES])
    audience_unit = ForeignKeyField(Unit, null=True, backref="content_items",
                                    on_delete="SET NULL")
    state = CharField(max_length=16, default="private", index=True,
                      choices=[(s, s) for s in publication.STATES])
    publish_at = DateTimeField(null=True)
    expire_at = DateTimeField(null=True)
    published_at = DateTimeField(null=True)  # the last time it was published
    created_by = ForeignKeyField(User, null=True, backref="content_items", on_delete="SET NULL")
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "content_item"
        indexes = ((("slug", "language"), True),)

    def __str__(self):
        return self.title

    @property
    def shown_at(self):
        """The date readers see: the scheduled time, else when it was published."""
        return self.publish_at or self.published_at or self.created_at

    @property
    def translation(self):
        """The same item in the other language, whichever side holds the link."""
        if self.translation_of_id:
            return self.translation_of
        return self.translations.first()

    @classmethod
    def visible(cls, now, reader=publication.ANONYMOUS):
        """Published items whose time has come and not passed, that ``reader`` may see.

        The same test as ``publication.visible_now`` and ``audience_allows``, in SQL.
        """
        query = cls.select().where(
            (cls.state == "published")
            & (cls.publish_at.is_null() | (cls.publish_at <= now))
            & (cls.expire_at.is_null() | (cls.expire_at > now)))
        audiences, unit_id, everything = publication.readable_audiences(reader)
        if everything:
            return query
        allowed = cls.audience.in_(sorted(audiences))
        if unit_id is not None:
            allowed |= (cls.audience == "unit") & (cls.audience_unit == unit_id)
        return query.where(allowed)

    @classmethod
    def search(cls, query, text):
        needle = (text or "").strip().lower()
        if needle:
            query = query.where(fn.LOWER(cls.title).contains(needle)
                                | fn.LOWER(cls.summary).contains(needle)
                                | fn.LOWER(cls.body).contains(needle))
        return query


class Tag(BaseModel):
    name = CharField(max_length=60, unique=True)
    slug = CharField(max_length=60, unique=True)

    def __str__(self):
        return self.name


class ContentTag(BaseModel):
    item = ForeignKeyField(ContentItem, backref="tag_links", on_delete="CASCADE")
    tag = ForeignKeyField(Tag, backref="item_links", on_delete="CASCADE")

    class Meta:
        table_name = "content_tag"
        indexes = ((("item", "tag"), True),)

    def __str__(self):
        return f"{self.item_id}:{self.tag_id}"


class ContentAttachment(BaseModel):
    """A file under ``instance/uploads/content/``, named by a random stored name."""

    item = ForeignKeyField(ContentItem, backref="attachments", on_delete="CASCADE")
    stored_name = CharField(max_length=80, unique=True)
    original_name = CharField(max_length=200)
    file_kind = CharField(max_length=8)   # from portal.rules.uploads.sniff
    mime_type = CharField(max_length=120)
    size = IntegerField()
    created_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "content_attachment"

    def __str__(self):
        return self.original_name

    def path(self, instance_path):
        return os.path.join(instance_path, "uploads", "content", self.stored_name)


class ContentTransition(BaseModel):
    item = ForeignKeyField(ContentItem, backref="transitions", on_delete="CASCADE")
    transition = CharField(max_length=16)
    from_state = CharField(max_length=16)
    to_state = CharField(max_length=16)
    actor = ForeignKeyField(User, null=True, backref="content_transitions", on_delete="SET NULL")
    comment = TextField(default="")
    created_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "content_transition"

    def __str__(self):
        return f"{self.transition}: {self.from_state} → {self.to_state}"


AWARD_KINDS = ("certificate", "incentive", "recognition")


class Award(BaseModel):
    """A penghargaan to one employee or to one unit (exactly one of the two)."""

    employee = ForeignKeyField(Employee, null=True, backref="awards", on_delete="CASCADE")
    unit = ForeignKeyField(Unit, null=True, backref="awards", on_delete="CASCADE")
    kind = CharField(max_length=16, choices=[(k, k) for k in AWARD_KINDS], default="certificate")
    title = CharField(max_length=200)
    period = CharField(max_length=60, default="")  # e.g. "Triwulan I 2026" or "Tahun 2025"
    award_date = DateField()
    reason = TextField(default="")
    public = BooleanField(default=True, index=True)
    created_by = ForeignKeyField(User, null=True, backref="awards_given", on_delete="SET NULL")
    created_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "award"
        # exactly one recipient: an employee or a unit
        constraints = [Check("(employee_id IS NULL) <> (unit_id IS NULL)")]

    def __str__(self):
        return f"{self.title} — {self.recipient_name}"

    @property
    def recipient_name(self):
        if self.employee_id:
            return self.employee.name
        return self.unit.name if self.unit_id else ""


# --- the workflow and the tables together ------------------------------------

def actor_of(user):
    """The rules' view of an account."""
    return publication.Actor(user.role, bool(getattr(user, "content_reviewer", False)))


def publishers(excluding=None):
    """Active accounts that may publish content (administrators, and operators with the
    reviewer permission), by name; without the account ``excluding`` (the author)."""
    query = User.select().where(
        (User.active == True)  # noqa: E712
        & ((User.role == "admin") | ((User.role == "operator")
                                     & (User.content_reviewer == True))))  # noqa: E712
    if excluding is not None:
        query = query.where(User.id != excluding)
    return sorted(query, key=lambda user: str(user).casefold())


def reader_of(user):
    """The rules' view of whoever reads a page (an anonymous visitor too)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return publication.ANONYMOUS
    employee = user.employee if user.employee_id else None
    return publication.Reader(
        authenticated=True, role=user.role, has_employee=employee is not None,
        unit_id=employee.unit_id if employee else None,
        is_supervisor=bool(employee) and Employee.select().where(
            (Employee.supervisor == employee.id) & (Employee.active == True)).exists())  # noqa: E712


def may_edit(user, item):
    return publication.may_edit(actor_of(user), item.state, item.created_by_id == user.id)


def allowed_transitions(user, item):
    return publication.allowed_transitions(actor_of(user), item.state,
                                           item.created_by_id == user.id)


def take_transition(item, user, name, comment="", now=None):
    """Move ``item`` along transition ``name`` and log it; WorkflowError when refused.

    The state is re-read and changed in one statement guarded by the old
    state, so two reviewers pressing at once cannot both succeed.
    """
    now = now or utcnow()
    comment = (comment or "").strip()
    with ContentItem._meta.database.atomic():
        current = ContentItem.get_by_id(item.id)
        target = publication.apply(actor_of(user), name, current.state,
                                   current.created_by_id == user.id, comment)
        changes = {ContentItem.state: target, ContentItem.updated_at: now}
        if target == "published":
            changes[ContentItem.published_at] = now
        updated = (ContentItem.update(changes)
                   .where((ContentItem.id == item.id) & (ContentItem.state == current.state))
                   .execute())
        if updated != 1:
            raise publication.WorkflowError("state")
        ContentTransition.create(item=item.id, transition=name, from_state=current.state,
                                 to_state=target, actor=user.id, comment=comment, created_at=now)
        from portal import audit
        before = {"state": current.state, "published_at": audit.plain(current.published_at)}
        after = {"state": target, "published_at": audit.plain(changes.get(
            ContentItem.published_at, current.published_at))}
        audit.record(audit.TRANSITION, current, before=before, after=after, comment=comment,
                     user=user)
    item.state = target
    return target


def slugify(text):
    """A URL-safe slug: lower-case ASCII letters, digits and hyphens (at most 120)."""
    from portal.rules.slugs import slugify as make_slug
    return make_slug(text, ContentItem.slug.max_length)


def set_tags(item, names):
    """Link ``item`` to exactly the tags named (created when new)."""
    wanted = {}
    for name in names:
        name = " ".join(name.split())[:60]
        slug = slugify(name)[:60]
        if slug:
            wanted.setdefault(slug, name)
    tags = []
    for slug, name in wanted.items():
        tag = Tag.get_or_none(Tag.slug == slug) or Tag.create(name=name, slug=slug)
        tags.append(tag)
    ContentTag.delete().where(ContentTag.item == item.id).execute()
    if tags:
        ContentTag.insert_many([{"item": item.id, "tag": t.id} for t in tags]).execute()
    return tags


def item_tags(item):
    return list(Tag.select().join(ContentTag).where(ContentTag.item == item.id)
                .order_by(Tag.name))


def tag_names(item):
    return [t.name for t in item_tags(item)]
