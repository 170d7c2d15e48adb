"""Every back-office URL, as anonymous and as each role: login redirect, allowed, or 403.

The expected table is ``admin.access.VIEW_ROLES``; a view registered without an
entry there fails this test.
"""
import pytest

from admin.access import ALL_ROLES, VIEW_ROLES
from portal.db import db
from portal.models import (AuditEntry, Award, ContentItem, CustomForm, Event, FollowUp,
                           FormField, FormSubmission, IndicatorRealisation, NonWorkingDay,
                           Period,
                           Registration, Skp, UnitIndicator, UnitResult)

ROLE_USER = {"admin": "admin", "operator": "operator", "penilai": "penilai",
             "pegawai": "pegawai", "petugas_pengaduan": "petugas"}


def admin_views(app):
    admin = app.extensions["admin"][0]
    return [view for view in admin._views]


def view_urls(app, view, record_id):
    """The pages of a view a user can open with GET."""
    with app.test_request_context():
        if not hasattr(view, "model"):
            return [view.get_url(f"{view.endpoint}.index")]
        urls = [view.get_url(f"{view.endpoint}.index_view")]
        if view.can_create:
            urls.append(view.get_url(f"{view.endpoint}.create_view"))
        if view.can_edit:
            urls.append(view.get_url(f"{view.endpoint}.edit_view", id=record_id))
        if view.can_view_details:
            urls.append(view.get_url(f"{view.endpoint}.details_view", id=record_id))
        if view.can_export:
            for kind in view.export_types:
                urls.append(view.get_url(f"{view.endpoint}.export", export_type=kind))
        for name in (view.form_ajax_refs or {}):
            urls.append(view.get_url(f"{view.endpoint}.ajax_lookup", name=name, query="a"))
    return urls


@pytest.fixture
def records(org, users, survey):
    """A record for each view whose edit and details pages need one (endpoint → id);
    views not listed are walked with id 1."""
    with db.connection_context():
        period = Period.create(year=2026, quarter=1)
        indicator = UnitIndicator.create(unit=org["dinas"], year=2026, code="IKU-01",
                                         name="Cakupan imunisasi", measurement_unit="%",
                                         target=95)
        IndicatorRealisation.create(indicator=indicator, period=period, value=90)
        UnitResult.create(unit=org["dinas"], year=2026, capaian="baik")
        item = ContentItem.create(kind="guide", title="Panduan", slug="panduan",
                                  created_by=users["operator"])
        award = Award.create(employee=org["staff"], title="Pegawai Teladan",
                             award_date="2026-08-17")
        event = Event.create(title="Sosialisasi SKP", starts_at="2026-09-01 02:00:00",
                             ends_at="2026-09-01 05:00:00", capacity=10, published=True)
        registration = Registration.create(event=event, name="Budi", email="budi@example.id",
                                           status="registered")
        skp = Skp.create(employee=org["staff"], year=2025, appraiser=org["boss"], state="final")
        follow_up = FollowUp.create(skp=skp, unit=org["dinas"], kind="award", award=award)
        entry = AuditEntry.create(account=users["admin"], username="admin", action="update",
                                  object_type="Unit", object_id=org["dinas"].id,
                                  object_label="Dinas Kesehatan",
                                  changes='{"name": ["Dinkes", "Dinas Kesehatan"]}')
        custom_form = CustomForm.create(title="Formulir", slug="formulir", status="published")
        FormField.create(form=custom_form, key="nama", label="Nama", type="short_text")
        submission = FormSubmission.create(form=custom_form)
        holiday = NonWorkingDay.create(date="2026-12-25", name="Hari Raya Natal")
    return {"non_working_day": holiday.id,"custom_form": custom_form.id, "form_submission": submission.id,
            "employee": org["staff"].id, "content_item": item.id, "content_queue": item.id,
            "award": award.id, "event": event.id, "event_registration": registration.id,
            "follow_up": follow_up.id, "audit": entry.id}


def test_every_view_has_an_entry_in_the_access_table(app):
    for view in admin_views(app):
        assert view.endpoint in VIEW_ROLES, f"{view.endpoint} missing from admin/access.py"
    assert VIEW_ROLES["admin"] == ALL_ROLES


def test_anonymous_users_are_sent_to_the_login_page(app, client, org, records):
    for view in admin_views(app):
        for url in view_urls(app, view, org["staff"].id):
            response = client.get(url)
            assert response.status_code == 302, url
            assert response.headers["Location"].startswith("/login?next="), url


@pytest.mark.parametrize("role", sorted(ALL_ROLES))
def test_each_role_is_allowed_or_refused_as_the_table_says(app, client, auth, users, org, role,
                                                          records):
    assert auth.login(ROLE_USER[role]).status_code == 302
    for view in admin_views(app):
        allowed = role in VIEW_ROLES[view.endpoint]
        for url in view_urls(app, view, records.get(view.endpoint, 1)):
            response = client.get(url)
            if allowed:
                assert response.status_code == 200, (role, url, response.status_code)
            else:
                assert response.status_code == 403, (role, url, response.status_code)
                assert "Akses ditolak" in response.get_data(as_text=True)


@pytest.mark.parametrize("role", sorted(ALL_ROLES))
def test_posts_are_refused_to_roles_without_rights(app, client, auth, users, org, records, role):
    from tests.conftest import csrf_token
    auth.login(ROLE_USER[role])
    token = csrf_token(client.get("/account/password").get_data(as_text=True))
    for view in admin_views(app):
        if not hasattr(view, "model"):
            continue
        with app.test_request_context():
            delete_url = view.get_url(f"{view.endpoint}.delete_view")
        response = client.post(delete_url, data={"id": "1", "csrf_token": token,
                                                 "confirmed": "1"})
        expected = 302 if role in VIEW_ROLES[view.endpoint] else 403
        assert response.status_code == expected, (role, delete_url)


def test_index_shows_who_is_signed_in(client, auth, users):
    auth.login("penilai")
    page = client.get("/admin/").get_data(as_text=True)
    assert "Siti Rahmawati" in page
    assert "198001012005011002" in page.replace(" ", "")
    assert "Pejabat Penilai" in page
