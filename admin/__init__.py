"""The back office (Flask-Admin at /admin): one module per area, one secure base."""
from flask import Blueprint
from flask_admin import Admin
from flask_admin.theme import Bootstrap4Theme
from flask_babel import lazy_gettext as _l

from portal.i18n import TRANSLATIONS


def init_admin(app):
    """Mount a new Admin on ``app`` with every back-office view."""
    from admin.accounts import UserView
    from admin.awards import AwardView
    from admin.content import ContentItemView, ContentQueueView
    from admin.base import SecureIndexView
    from admin.org import EmployeeView, UnitView
    from portal.models import Award, ContentItem, Employee, Unit, User

    app.register_blueprint(Blueprint("lentera_admin", __name__, template_folder="templates"))
    admin = Admin(
        app,
        name=app.config["PORTAL_NAME"],
        index_view=SecureIndexView(name=_l("Home"), url="/admin"),
        translations_path=TRANSLATIONS,
        theme=Bootstrap4Theme(base_template="admin/lentera_base.html", fluid=True),
    )
    organisation = _l("Organisation")
    admin.add_view(UnitView(Unit, name=_l("Units (OPD)"), category=organisation,
                            endpoint="unit"))
    admin.add_view(EmployeeView(Employee, name=_l("Employees (ASN)"), category=organisation,
                                endpoint="employee"))
    content = _l("Content")
    admin.add_view(ContentItemView(ContentItem, name=_l("Content items"), category=content,
                                   endpoint="content_item"))
    admin.add_view(ContentQueueView(ContentItem, name=_l("Review queue"), category=content,
                                    endpoint="content_queue"))
    admin.add_view(AwardView(Award, name=_l("Awards"), category=content, endpoint="award"))
    admin.add_view(UserView(User, name=_l("User accounts"), category=_l("System"),
                            endpoint="account"))
    return admin
