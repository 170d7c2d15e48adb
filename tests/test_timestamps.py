"""Times are shown to the second at most: never the microseconds a timestamp is stored with."""
import datetime
import re

from portal.db import db
from portal.models import Complaint, SurveyResponse
from tests.complaint_helpers import make_complaint

STORED = datetime.datetime(2026, 3, 1, 1, 2, 3, 272549)
MICRO = re.compile(r"\d{2}[:.]\d{2}[:.]\d{2}[.,]\d{1,6}|272549")


def test_a_details_page_shows_the_time_to_the_second_in_the_office_zone(client, auth, users,
                                                                        survey):
    with db.connection_context():
        SurveyResponse.update(submitted_at=STORED).where(
            SurveyResponse.id == survey["response"].id).execute()
    auth.login("admin")
    page = client.get(f"/admin/survey_response/details/?id={survey['response'].id}")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert not MICRO.search(text)
    assert "08.02.03" in text  # 01:02:03 UTC is 08.02.03 WIB, as the list shows it


def test_the_status_api_gives_times_to_the_second(app, client):
    complaint = make_complaint(app)
    with db.connection_context():
        Complaint.update(created_at=STORED).where(Complaint.id == complaint.id).execute()
    data = client.get(f"/api/v1/complaints/{complaint.tracking_id}").get_json()
    assert data["received_at"] == "2026-03-01T01:02:03+00:00"


def test_the_training_history_export_gives_the_local_time_to_the_second(client, auth, users,
                                                                        org):
    from portal.models import Event, Registration
    with db.connection_context():
        event = Event.create(title="Bimtek SKP", starts_at=STORED,
                             ends_at=STORED + datetime.timedelta(hours=3), capacity=10,
                             published=True)
        Registration.create(event=event, name="Dewi", email="dewi@example.id",
                            nip=org["staff"].nip, status="registered",
                            attended_at=STORED + datetime.timedelta(minutes=5))
    auth.login("pegawai")
    body = client.get("/admin/training-history/export/csv/").get_data(as_text=True)
    assert "Bimtek SKP" in body
    assert "2026-03-01 08:02:03" in body  # WIB, as the list shows it
    assert "272549" not in body and "T01:02:03" not in body
