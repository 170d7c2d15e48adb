"""Forms with files, parsed by Werkzeug alone: a complaint sent as a browser sends it
(text that looks like the boundary inside its fields) is saved as typed.
"""
from portal.db import db
from portal.models import Complaint
from tests.conftest import csrf_token


def test_a_complaint_sent_as_a_browser_sends_it_is_saved(client):
    token = csrf_token(client.get("/pengaduan/baru").get_data(as_text=True))
    boundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW"
    fields = {"csrf_token": token, "kind": "pengaduan", "unit": "0", "category": "infrastruktur",
              "title": "Jembatan --" + boundary[:-1] + " retak",
              "description": "Jembatan di desa retak sejak banjir.\r\n--" + boundary
              + "x masih dipakai warga setiap hari.",
              "event_date": "", "place": "Desa", "reporter_name": "", "reporter_phone": "",
              "reporter_email": "", "website": ""}
    body = b"".join(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'
                    .encode() for k, v in fields.items())
    body += (f'--{boundary}\r\nContent-Disposition: form-data; name="attachments"; filename=""\r\n'
             f"Content-Type: application/octet-stream\r\n\r\n\r\n--{boundary}--\r\n").encode()
    response = client.post("/pengaduan/baru", data=body,
                           content_type=f"multipart/form-data; boundary={boundary}")
    assert response.status_code == 303
    assert 'id="tracking-id"' in client.get(response.location).get_data(as_text=True)
    with db.connection_context():
        saved = Complaint.select().order_by(Complaint.id.desc()).first()
    assert saved.title == fields["title"] and saved.description == fields["description"]
