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
