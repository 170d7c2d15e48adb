"""What waits in the content workflow, for the start page (portal.work_items): the
items submitted for review, for whoever may review them (portal.rules.publication);
an author who may not publish sees her own waiting items and who may publish them."""
from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal.models import ContentItem
from portal.models.content import actor_of, publishers
from portal.work_items import WorkItem, provides

TO_REVIEW = _l("Content waiting for review")


def who_may_publish(author_id=None):
    """One sentence naming who may publish an item of ``author_id`` (not the author), or
    saying how an administrator lets someone publish."""
    names = [str(user) for user in publishers(excluding=author_id)]
    if names:
        return _("Who may publish: %(names)s.", names=", ".join(names))
    return _("Nobody may publish it yet: an administrator must give someone the permission "
             "“May review and publish content” in User accounts.")


@provides(TO_REVIEW, "operator", "admin")
def content_to_review(user):
    """Pending items, waiting since they were submitted, for a reviewer (not her own
    items: another reviewer publishes those). An operator who does not review sees her
    own waiting items with who may publish them, and no group when she has none."""
    if not actor_of(user).is_reviewer:
        own = ContentItem.select().where((ContentItem.state == "pending")
                                         & (ContentItem.created_by == user.id))
        if not own.exists():
            return None
        note = who_may_publish(user.id)
        return [WorkItem(_("“%(title)s” is waiting for review", title=item.title),
                         url_for("content_item.workflow_view", item_id=item.id),
                         item.updated_at, note=note)
                for item in own]
    rows = ContentItem.select().where((ContentItem.state == "pending")
                                      & ((ContentItem.created_by != user.id)
                                         | ContentItem.created_by.is_null()))
    return [WorkItem(_("Review “%(title)s”", title=item.title),
                     url_for("content_item.workflow_view", item_id=item.id), item.updated_at,
                     note=str(item.created_by) if item.created_by_id else "")
            for item in rows]
