"""Events: the public list and page, registration with seats and a waiting list (also under
concurrent registrations), cancelling, attendance, iCalendar, and the back office."""
import datetime
import threading

import icalendar
import pytest

from portal import events as service
from portal import stats
from portal.db import db
from portal.models import ContentItem, Event, EventMaterial, Outbox, Registration
from portal.models.base import utcnow
from tests.conftest import csrf_token

HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def english(client):
    """The messages asserted below are the English ones (the default language is Indonesian)."""
    client.set_cookie("lang", "en")


@pytest.fixture
def make_event(app, users):
    def make(title="Sosialisasi SKP 2026", capacity=30, published=True, starts_in=2 * DAY,
             hours=3, **fields):
        start = (utcnow() + starts_in).replace(microsecond=0)
        with db.connection_context():
            return Event.create(title=title, kind=fields.pop("kind", "sosialisasi"),
                                description=fields.pop("description", "**Materi** SKP"),
                                starts_at=start, ends_at=start + hours * HOUR,
                                place=fields.pop("place", "Aula Bappeda"), capacity=capacity,
                                published=published, created_by=users["operator"], **fields)
    return make


def registration_data(client, event, **fields):
    data = {"name": "Budi Santoso", "email": "budi@example.id", "phone": "0812 3456 7890",
            "organisation": "Kecamatan Sukamaju", "nip": "", "website": ""}
    data.update(fields)
    data["csrf_token"] = csrf_token(client.get(f"/acara/{event.id}").get_data(as_text=True))
    return data


def register(client, event, **fields):
    return client.post(f"/acara/{event.id}", data=registration_data(client, event, **fields))


def statuses(event):
    with db.connection_context():
        return sorted(r.status for r in Registration.select().where(Registration.event == event.id))


# -- public pages -------------------------------------------------------------------

def test_the_list_shows_upcoming_and_past_published_events(client, make_event):
    make_event("Bimtek e-Kinerja")
    make_event("Seminar lama", starts_in=-10 * DAY)
    make_event("Draf rahasia", published=False)
    page = client.get("/acara").get_data(as_text=True)
    assert "Bimtek e-Kinerja" in page and "Seminar lama" in page
    assert page.index("Bimtek e-Kinerja") < page.index("Seminar lama")
    assert "Draf rahasia" not in page
    assert 'href="/acara"' in client.get("/").get_data(as_text=True)


def test_event_page_shows_times_in_wib_seats_and_materials(client, make_event, users):
    event = make_event(capacity=5)
    with db.connection_context():
        start = datetime.datetime(2030, 3, 2, 1, 30)  # 08.30 WIB
        Event.update(starts_at=start, ends_at=start + 2 * HOUR).where(
            Event.id == event.id).execute()
        guide = ContentItem.create(kind="guide", title="Panduan SKP", slug="panduan-skp",
                                   state="published", published_at=utcnow() - HOUR,
                                   created_by=users["operator"])
        draft = ContentItem.create(kind="guide", title="Draf internal", slug="draf",
                                   created_by=users["operator"])
        EventMaterial.create(event=event, item=guide)
        EventMaterial.create(event=event, item=draft)
    client.set_cookie("lang", "id")
    page = client.get(f"/acara/{event.id}").get_data(as_text=True)
    assert "Sabtu, 02 Maret 2030, 08.30 WIB" in page
    assert "Panduan SKP" in page and "Draf internal" not in page
    assert "<strong>Materi</strong>" in page
    assert "5" in page and 'id="seats"' in page


def test_unpublished_or_asn_only_events_are_not_shown_to_the_public(client, make_event):
    hidden = make_event(published=False)
    asn = make_event("Rapat ASN", audience="all_asn")
    assert client.get(f"/acara/{hidden.id}").status_code == 404
    assert client.get(f"/acara/{asn.id}").status_code == 302
    assert "Rapat ASN" not in client.get("/acara").get_data(as_text=True)


def test_a_citizen_registers_and_gets_a_confirmation_with_a_cancel_link(client, make_event):
    event = make_event(capacity=2)
    response = register(client, event)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Your seat for Sosialisasi SKP 2026 is confirmed." in page
    with db.connection_context():
        registration = Registration.get()
    assert registration.email == "budi@example.id" and registration.status == "registered"
    assert f"/acara/batal/{registration.cancel_token}" in page


def test_bad_input_is_explained_and_nothing_is_saved(client, make_event):
    event = make_event()
    response = register(client, event, email="budi@", nip="1234")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Enter a valid e-mail address." in page
    assert "A NIP has exactly 18 digits." in page
    assert statuses(event) == []


def test_a_valid_nip_links_the_registration_to_the_employee(client, make_event, org):
    event = make_event()
    assert register(client, event, nip="19950505 202012 2 001").status_code == 200
    with db.connection_context():
        registration = Registration.get()
    assert registration.nip == "199505052020122001"
    assert registration.employee_id == org["staff"].id


def test_the_honeypot_looks_successful_but_saves_nothing(client, make_event):
    event = make_event()
    response = register(client, event, website="http://spam.example")
    assert response.status_code == 200
    assert statuses(event) == []


def test_without_csrf_nothing_is_saved(client, make_event):
    event = make_event()
    data = registration_data(client, event)
    data.pop("csrf_token")
    assert client.post(f"/acara/{event.id}", data=data).status_code == 400
    assert statuses(event) == []


def test_the_same_email_cannot_register_twice(client, make_event):
    event = make_event()
    register(client, event)
    response = register(client, event, email="BUDI@example.id")
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "already registered for this event" in page
    assert "You are already registered for this event." in page
    assert "You are not registered yet" not in page  # not both at once
    assert statuses(event) == ["registered"]


def test_a_full_event_puts_people_on_the_waiting_list(client, make_event):
    event = make_event(capacity=1)
    register(client, event, email="a@example.id")
    response = register(client, event, email="b@example.id")
    assert "You are on the waiting list" in response.get_data(as_text=True)
    assert statuses(event) == ["registered", "waiting"]
    page = client.get(f"/acara/{event.id}").get_data(as_text=True)
    assert "Full: new registrations join the waiting list" in page
    assert "1 person on the waiting list" in page
    with db.connection_context():
        assert stats.event_registrations(event.id) == {"registered": 1, "waiting": 1,
                                                       "cancelled": 0}


def test_registration_is_closed_after_the_event(client, make_event):
    event = make_event(starts_in=-DAY)
    assert "Registration for this event is closed." in client.get(
        f"/acara/{event.id}").get_data(as_text=True)
    response = register(client, event)
    assert response.status_code == 409
    assert statuses(event) == []


def test_the_registration_rate_is_limited(app, client, make_event):
    app.config["EVENT_REGISTER_RATE_LIMIT"] = "2 per hour"
    event = make_event()
    assert register(client, event, email="a@example.id").status_code == 200
    assert register(client, event, email="b@example.id").status_code == 200
    assert register(client, event, email="c@example.id").status_code == 429
    assert statuses(event) == ["registered", "registered"]


def test_cancelling_moves_the_first_on_the_waiting_list_up(client, make_event):
    event = make_event(capacity=1)
    register(client, event, email="a@example.id", name="Ani")
    register(client, event, email="b@example.id", name="Bayu")
    register(client, event, email="c@example.id", name="Citra")
    with db.connection_context():
        first = Registration.get(Registration.email == "a@example.id")
    url = f"/acara/batal/{first.cancel_token}"
    assert "Cancel my registration" in client.get(url).get_data(as_text=True)
    token = csrf_token(client.get(url).get_data(as_text=True))
    response = client.post(url, data={"csrf_token": token, "confirmed": "1"})
    assert "Your registration is cancelled." in response.get_data(as_text=True)
    with db.connection_context():
        by_name = {r.name: r.status for r in Registration.select()}
    assert by_name == {"Ani": "cancelled", "Bayu": "registered", "Citra": "waiting"}
    # cancelling again changes nothing; an unknown token is not found
    client.post(url, data={"csrf_token": token, "confirmed": "1"})
    assert statuses(event) == ["cancelled", "registered", "waiting"]
    assert client.get("/acara/batal/not-a-token").status_code == 404


def test_concurrent_registrations_never_overbook(app, make_event):
    """Twelve people press Register at once for the last three seats."""
    event = make_event(capacity=5)
    with app.app_context(), db.connection_context():
        for n in range(2):
            service.register(event.id, {"name": f"Awal {n}", "email": f"awal{n}@example.id"})
    barrier = threading.Barrier(12)
    errors = []

    def one(n):
        try:
            with app.app_context(), db.connection_context():
                barrier.wait(timeout=30)
                service.register(event.id, {"name": f"Peserta {n}",
                                            "email": f"p{n}@example.id"})
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(repr(exc))

    threads = [threading.Thread(target=one, args=(n,)) for n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert statuses(event).count("registered") == 5
    assert statuses(event).count("waiting") == 9


def test_concurrent_cancellations_promote_each_waiting_person_once(app, make_event):
    event = make_event(capacity=3)
    with app.app_context(), db.connection_context():
        people = [service.register(event.id, {"name": f"P{n}", "email": f"p{n}@example.id"})
                  for n in range(7)]
    barrier = threading.Barrier(3)

    def cancel(token):
        with app.app_context(), db.connection_context():
            barrier.wait(timeout=30)
            service.cancel(token)

    threads = [threading.Thread(target=cancel, args=(p.cancel_token,)) for p in people[:3]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses(event) == ["cancelled"] * 3 + ["registered"] * 3 + ["waiting"]


# -- attendance ---------------------------------------------------------------------

def attend(client, event, email, code):
    url = f"/acara/{event.id}/hadir"
    token = csrf_token(client.get(url).get_data(as_text=True))
    return client.post(url, data={"email": email, "code": code, "csrf_token": token})


def test_attendees_mark_themselves_present_with_the_code(app, client, make_event):
    event = make_event(starts_in=-HOUR)
    with app.app_context(), db.connection_context():
        service.register(event.id, {"name": "Ani", "email": "ani@example.id"},
                         now=event.starts_at - DAY)
    wrong = attend(client, event, "ani@example.id", "XXXXXX")
    assert wrong.status_code == 400
    assert "This attendance code is not right." in wrong.get_data(as_text=True)
    response = attend(client, event, "ANI@example.id", event.attendance_code.lower())
    assert "you are marked present" in response.get_data(as_text=True)
    with db.connection_context():
        registration = Registration.get()
    assert registration.attended_at is not None and registration.attended_via == "code"


def test_attendance_is_not_open_days_before_the_event(client, make_event):
    event = make_event(starts_in=3 * DAY)
    response = client.get(f"/acara/{event.id}/hadir")
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "one hour before the start" in page
    assert "Attendance opens at" in page and "WIB" in page.split("Attendance opens at")[1][:80]
    # the event's page offers the attendance link only while it is open
    assert f"/acara/{event.id}/hadir" not in client.get(f"/acara/{event.id}").get_data(
        as_text=True)
    past = make_event(starts_in=-3 * DAY)
    page = client.get(f"/acara/{past.id}/hadir").get_data(as_text=True)
    assert "Attendance for this event has closed." in page
    now = make_event(starts_in=datetime.timedelta(0))
    assert f"/acara/{now.id}/hadir" in client.get(f"/acara/{now.id}").get_data(as_text=True)


def test_the_organiser_ticks_the_check_in_list_and_exports_it(app, client, auth, users, make_event):
    event = make_event(title="Bimtek SKP")
    other = make_event(title="Lain")
    with app.app_context(), db.connection_context():
        ani = service.register(event.id, {"name": "Ani", "email": "ani@example.id"})
        service.register(event.id, {"name": "Bayu", "email": "bayu@example.id"})
        service.register(other.id, {"name": "Orang Lain", "email": "x@example.id"})
    auth.login("operator")
    page = client.get(f"/admin/event_registration/?event_id={event.id}").get_data(as_text=True)
    assert "Ani" in page and "Bayu" in page and "Orang Lain" not in page
    token = csrf_token(page)
    response = client.post("/admin/event_registration/action/",
                           data={"action": "check_in", "rowid": [str(ani.id)],
                                 "csrf_token": token}, follow_redirects=True)
    assert "1 person marked present." in response.get_data(as_text=True)
    with db.connection_context():
        assert Registration.get_by_id(ani.id).attended_via == "list"
    csv = client.get(f"/admin/event_registration/export/csv/?event_id={event.id}")
    text = csv.get_data(as_text=True)
    assert csv.status_code == 200 and "Ani" in text and "Bayu" in text
    xlsx = client.get("/admin/event_registration/export/xlsx/")
    assert xlsx.status_code == 200 and xlsx.data[:2] == b"PK"


def test_an_employee_sees_their_own_training_history(app, client, auth, users, org, make_event):
    attended = make_event("Pelatihan SKP", starts_in=-5 * DAY)
    missed = make_event("Seminar Pelayanan", starts_in=-4 * DAY)
    with app.app_context(), db.connection_context():
        mine = service.register(attended.id, {"name": "Dewi", "email": "dewi@example.id",
                                              "nip": org["staff"].nip},
                                now=attended.starts_at - DAY)
        service.register(missed.id, {"name": "Dewi", "email": "dewi@example.id",
                                     "nip": org["staff"].nip}, now=missed.starts_at - DAY)
        theirs = service.register(attended.id, {"name": "Siti", "email": "siti@example.id",
                                                "nip": org["boss"].nip},
                                  now=attended.starts_at - DAY)
        service.mark_attended([mine.id, theirs.id], "list")
    auth.login("pegawai")
    page = client.get("/admin/training-history/").get_data(as_text=True)
    assert "Pelatihan SKP" in page
    assert "Seminar Pelayanan" not in page
    assert page.count("Pelatihan SKP") == 1
    auth.logout()
    auth.login("operator")
    assert "Pelatihan SKP" not in client.get("/admin/training-history/").get_data(as_text=True)


# -- iCalendar ------------------------------------------------------------------------

def test_the_ics_file_parses_with_the_start_in_utc(client, make_event):
    event = make_event(title="Workshop IKM", place="Ruang Rapat Dinkes")
    response = client.get(f"/acara/{event.id}.ics")
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    calendar = icalendar.Calendar.from_ical(response.data)
    [entry] = calendar.walk("VEVENT")
    assert str(entry["summary"]) == "Workshop IKM"
    assert str(entry["location"]) == "Ruang Rapat Dinkes"
    start = entry.decoded("dtstart")
    assert start.utcoffset() == datetime.timedelta(0)
    assert start.replace(tzinfo=None) == event.starts_at
    assert entry.decoded("dtend").replace(tzinfo=None) == event.ends_at
    assert client.get("/acara/9999.ics").status_code == 404


# -- back office ----------------------------------------------------------------------

def test_an_operator_creates_an_event_typed_in_wib(client, auth, users):
    with db.connection_context():
        guide = ContentItem.create(kind="guide", title="Panduan SKM", slug="panduan-skm",
                                   created_by=users["operator"])
    auth.login("operator")
    page = client.get("/admin/event/new/").get_data(as_text=True)
    data = {"title": "Bimtek Survei Kepuasan", "kind": "training",
            "description": "Pelatihan", "starts_at": "2030-05-04T09:00",
            "ends_at": "2030-05-04T12:00", "place": "Aula", "online_url": "",
            "capacity": "40", "audience": "public", "materials": [str(guide.id)],
            "published": "y", "csrf_token": csrf_token(page)}
    response = client.post("/admin/event/new/", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    with db.connection_context():
        event = Event.get()
        assert event.starts_at == datetime.datetime(2030, 5, 4, 2, 0)  # 09.00 WIB = 02.00 UTC
        assert [link.item_id for link in event.material_links] == [guide.id]
        assert event.created_by_id == users["operator"].id
    edit = client.get(f"/admin/event/edit/?id={event.id}").get_data(as_text=True)
    assert "2030-05-04T09:00" in edit
    assert event.attendance_code in client.get("/admin/event/").get_data(as_text=True)


def test_an_event_ending_before_it_starts_is_refused(client, auth, users):
    auth.login("operator")
    page = client.get("/admin/event/new/").get_data(as_text=True)
    data = {"title": "Salah", "kind": "seminar", "starts_at": "2030-05-04T09:00",
            "ends_at": "2030-05-04T08:00", "capacity": "10", "audience": "public",
            "csrf_token": csrf_token(page)}
    response = client.post("/admin/event/new/", data=data)
    assert "The end must come after the start." in response.get_data(as_text=True)
    with db.connection_context():
        assert Event.select().count() == 0


def test_a_pppk_number_is_accepted_when_the_employee_is_known(client, make_event, org):
    event = make_event()
    with db.connection_context():
        from portal.models import Employee
        pppk = Employee.create(nip="199001012021132001", name="Rahmat PPPK", golongan=None,
                               employment_type="pppk", jabatan_kind="pelaksana",
                               position_title="Pengadministrasi", unit=org["dinas"])
    assert register(client, event, nip="199001012021132002").status_code == 400
    assert register(client, event, nip=pppk.nip).status_code == 200
    with db.connection_context():
        assert Registration.get().employee_id == pppk.id


# -- mail to the people registered ---------------------------------------------------

def mails(to=None):
    with db.connection_context():
        query = Outbox.select().order_by(Outbox.id)
        if to:
            query = query.where(Outbox.to == to)
        return [(row.to, row.subject, row.body) for row in query]


def test_registering_and_cancelling_send_mail_with_the_cancel_link(app, client, make_event):
    event = make_event(title="Bimtek SKP", capacity=1)
    register(client, event, name="Ani", email="ani@example.id")
    register(client, event, name="Bayu", email="bayu@example.id")
    with db.connection_context():
        ani = Registration.get(Registration.email == "ani@example.id")
    [(to, subject, body)] = mails("ani@example.id")
    assert subject == "Pendaftaran dikonfirmasi: Bimtek SKP"
    assert "Yth. Ani," in body and "Aula Bappeda" in body
    assert f"http://localhost/acara/batal/{ani.cancel_token}" in body
    assert f"http://localhost/acara/{event.id}.ics" in body
    [(_to, subject, body)] = mails("bayu@example.id")
    assert subject == "Masuk daftar tunggu: Bimtek SKP"
    # Ani cancels with her link: she is told, and Bayu moves up and is told
    url = f"/acara/batal/{ani.cancel_token}"
    client.post(url, data={"csrf_token": csrf_token(client.get(url).get_data(as_text=True)),
                           "confirmed": "1"})
    assert [m[1] for m in mails("ani@example.id")][-1] == "Pendaftaran dibatalkan: Bimtek SKP"
    assert [m[1] for m in mails("bayu@example.id")][-1] == "Kursi untuk Anda: Bimtek SKP"
    assert statuses(event) == ["cancelled", "registered"]


def test_mail_links_use_the_configured_address_not_the_request_host(app, client, make_event):
    """Ani cancels with a forged Host: Bayu's mail still links to the portal's own address."""
    from werkzeug.test import Client

    app.config["PORTAL_BASE_URL"] = "https://lentera.example.go.id"
    event = make_event(title="Bimtek SKP", capacity=1)
    register(client, event, name="Ani", email="ani@example.id")
    register(client, event, name="Bayu", email="bayu@example.id")
    with db.connection_context():
        ani, bayu = (Registration.get(Registration.email == e)
                     for e in ("ani@example.id", "bayu@example.id"))
    attacker = Client(app, use_cookies=True)
    url = f"/acara/batal/{ani.cancel_token}"
    page = attacker.get(url, base_url="http://evil.example").get_data(as_text=True)
    response = attacker.post(url, base_url="http://evil.example",
                             data={"csrf_token": csrf_token(page), "confirmed": "1"})
    assert response.status_code == 200
    assert statuses(event) == ["cancelled", "registered"]
    bodies = [body for _to, _subject, body in mails()]
    assert len(bodies) == 4 and not any("evil.example" in body for body in bodies)
    promoted = mails("bayu@example.id")[-1][2]
    assert f"https://lentera.example.go.id/acara/batal/{bayu.cancel_token}" in promoted
    assert f"https://lentera.example.go.id/acara/{event.id}" in promoted


def test_event_mail_reaches_a_real_smtp_server(app, client, make_event):
    from aiosmtpd.controller import Controller

    from portal.mail import send_pending
    from tests.complaint_helpers import free_port
    from tests.test_mail import Inbox

    port = free_port()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_TIMEOUT=5,
                      MAIL_DEFAULT_SENDER="bkpsdm@contoh.go.id")
    event = make_event(title="Sosialisasi SKM")
    register(client, event, name="Citra", email="citra@example.id")
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with app.app_context(), db.connection_context():
            assert send_pending() == (1, 0)
    finally:
        controller.stop()
    [message] = inbox.messages
    assert message.rcpt_tos == ["citra@example.id"]
    assert "Sosialisasi SKM" in message.content.decode()


def registration_action(client, event, action, ids):
    page = client.get(f"/admin/event_registration/?event_id={event.id}").get_data(as_text=True)
    return client.post("/admin/event_registration/action/",
                       data={"action": action, "rowid": [str(i) for i in ids],
                             "csrf_token": csrf_token(page), "confirmed": "1"},
                       follow_redirects=True)


def test_the_organiser_changes_seats_only_under_the_seat_rules(app, client, auth, users,
                                                               make_event):
    event = make_event(title="Pelatihan Penilai", capacity=1)
    with app.app_context(), db.connection_context():
        ani = service.register(event.id, {"name": "Ani", "email": "ani@example.id"})
        bayu = service.register(event.id, {"name": "Bayu", "email": "bayu@example.id"})
    auth.login("operator")
    # the edit form has no status field: typing one changes nothing
    assert 'name="status"' not in client.get(
        f"/admin/event_registration/edit/?id={bayu.id}").get_data(as_text=True)
    # no seat is left for Bayu: refused with a message, nothing changes
    page = registration_action(client, event, "confirm_seat", [bayu.id]).get_data(as_text=True)
    assert "No seat is left for: Bayu." in page
    assert statuses(event) == ["registered", "waiting"]
    # cancelling Ani frees the seat; Bayu moves up and both are told
    page = registration_action(client, event, "cancel", [ani.id]).get_data(as_text=True)
    assert "1 registration cancelled." in page
    with db.connection_context():
        assert Registration.get_by_id(bayu.id).status == "registered"
    assert mails("bayu@example.id")[-1][1] == "Kursi untuk Anda: Pelatihan Penilai"
    # the organiser gives Ani her seat back once the capacity is raised
    with db.connection_context():
        Event.update(capacity=2).where(Event.id == event.id).execute()
    page = registration_action(client, event, "confirm_seat", [ani.id]).get_data(as_text=True)
    assert "1 person now holds a seat." in page
    assert statuses(event) == ["registered", "registered"]


def test_raising_the_capacity_moves_the_waiting_list_up(app, client, auth, users, make_event):
    event = make_event(title="Workshop IKM", capacity=1)
    with app.app_context(), db.connection_context():
        for name in ("Ani", "Bayu", "Citra"):
            service.register(event.id, {"name": name, "email": f"{name.lower()}@example.id"})
    auth.login("operator")
    url = f"/admin/event/edit/?id={event.id}"
    page = client.get(url).get_data(as_text=True)
    local = "%Y-%m-%dT%H:%M"
    with app.app_context():
        from flask_babel import to_user_timezone
        with app.test_request_context():
            starts = to_user_timezone(event.starts_at).strftime(local)
            ends = to_user_timezone(event.ends_at).strftime(local)
    data = {"title": "Workshop IKM", "kind": "workshop", "description": "", "starts_at": starts,
            "ends_at": ends, "place": "Aula", "online_url": "", "capacity": "2",
            "audience": "public", "published": "y", "csrf_token": csrf_token(page)}
    response = client.post(url, data=data, follow_redirects=True)
    assert "1 person moved up from the waiting list" in response.get_data(as_text=True)
    with db.connection_context():
        by_name = {r.name: r.status for r in Registration.select()}
    assert by_name == {"Ani": "registered", "Bayu": "registered", "Citra": "waiting"}
    assert mails("bayu@example.id")[-1][1] == "Kursi untuk Anda: Workshop IKM"


def test_seat_holders_are_reminded_once_the_day_before(app, runner, make_event):
    tomorrow = make_event(title="Bimtek Besok", capacity=1, starts_in=20 * HOUR)
    later = make_event(title="Bulan Depan", starts_in=30 * DAY)
    with app.app_context(), db.connection_context():
        for name in ("Ani", "Bayu"):  # Bayu is on the waiting list: no reminder
            service.register(tomorrow.id, {"name": name, "email": f"{name.lower()}@example.id"})
        service.register(later.id, {"name": "Citra", "email": "citra@example.id"})
    result = runner.invoke(args=["remind-events"])
    assert result.exit_code == 0 and "1" in result.output
    assert mails("ani@example.id")[-1][1] == "Pengingat, besok: Bimtek Besok"
    assert "kursi disimpan untuk Anda" in mails("ani@example.id")[-1][2]
    assert all("Pengingat" not in subject for _to, subject, _b in mails("bayu@example.id"))
    assert all("Pengingat" not in subject for _to, subject, _b in mails("citra@example.id"))
    # run again (cron every hour): nobody is reminded twice
    assert runner.invoke(args=["remind-events"]).exit_code == 0
    assert [m[1] for m in mails("ani@example.id")].count("Pengingat, besok: Bimtek Besok") == 1
