"""What waits in the content workflow, for the start page (portal.work_items): the
items submitted for review, for whoever may review them (portal.rules.publication)."""
from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal.models import ContentItem
from portal.models.content import actor_of
from portal.work_items import WorkItem, provides

TO_REVIEW = _l("Content waiting for review")


@provides(TO_REVIEW, "operator", "admin")
def content_to_review(user):
    """Pending items, waiting since they were submitted; nothing for an operator who
    does not review, nor her own items (another reviewer publishes those)."""
    if not actor_of(user).is_reviewer:
        return []
    rows = ContentItem.select().where((ContentItem.state == "pending")
                                      & ((ContentItem.created_by != user.id)
                                         | ContentItem.created_by.is_null()))
    return [WorkItem(_("Review “%(title)s”", title=item.title),
                     url_for("content_item.workflow_view", item_id=item.id), item.updated_at,
                     note=str(item.created_by) if item.created_by_id else "")
            for item in rows]
