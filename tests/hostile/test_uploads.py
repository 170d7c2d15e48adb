"""Hostile uploads on every upload path: complaint attachments, SKP evidence,
monthly report attachments, content attachments and the survey import.

Refused: a wrong or lying extension, SVG (with or without script), an HTML or
script file, a GIF/JS polyglot where GIF is not accepted, oversized files and
decompression bombs — each with a message. Images are re-encoded, so nothing
in EXIF or comments survives. Downloads carry their real type, nosniff, and
``attachment`` for anything that is not a re-encoded image.
"""
import io
import os
import struct
import zlib

import pytest
from PIL import Image

from portal.db import db
from portal.models import (Complaint, ComplaintAttachment, ContentAttachment, Evidence,
                           MonthlyReportAttachment, SurveyResponse)
from tests.conftest import AuthActions, csrf_token
from tests.hostile.conftest import XSS, count
from tests.test_content import make_item  # noqa: F401 (fixture)
from tests.test_monthly import people, report_for  # noqa: F401 (fixture)
from tests.test_monthly import post as monthly_post
from tests.test_skp import make_skp, others, periods  # noqa: F401 (fixtures)
from tests.test_skp import upload as skp_upload

SCRIPT = b"<script>alert(1)</script>"


def jpeg_with_script():
    exif = Image.Exif()
    exif[0x010E] = XSS  # ImageDescription
    exif[0x013B] = "<script>alert(1)</script>"  # Artist
    out = io.BytesIO()
    Image.new("RGB", (16, 16), "red").save(out, "JPEG", exif=exif, comment=SCRIPT)
    data = out.getvalue() + b"<html>" + SCRIPT  # and something after the image's end
    assert data.count(SCRIPT) >= 2
    return data


def png_with_script():
    from PIL import PngImagePlugin
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", XSS)
    out = io.BytesIO()
    Image.new("RGB", (16, 16), "blue").save(out, "PNG", pnginfo=info)
    return out.getvalue()


def gif_js_polyglot():
    """Valid as a GIF and as JavaScript: GIF89a=… runs when loaded as a script."""
    out = io.BytesIO()
    Image.new("P", (8, 8)).save(out, "GIF", comment=b"*/=1;alert(1);/*")
    return out.getvalue().replace(b"GIF89a", b"GIF89a/*", 1) + b"*/=1;alert(1);"


def png_bomb(side=100_000):
    """A few hundred bytes that claim 100,000 × 100,000 pixels (10 gigapixels)."""
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(
            ">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00" * 1024)) + chunk(b"IEND", b""))


SVG = (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
       b'<script>alert(1)</script></svg>')
HTML = b"<!DOCTYPE html><html><body>" + SCRIPT + b"</body></html>"
PDF_HTML = (b"%PDF-1.4\n<html><body>" + SCRIPT + b"</body></html>\n1 0 obj<<>>endobj\n"
            b"trailer<<>>\n%%EOF\n")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def stored_files(app, area):
    folder = os.path.join(app.instance_path, "uploads", area)
    if not os.path.isdir(folder):
        return {}
    return {name: open(os.path.join(folder, name), "rb").read() for name in os.listdir(folder)}


def assert_download(response, mimetype, attachment=True):
    assert response.status_code == 200
    assert response.mimetype == mimetype
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment" if attachment else "inline"), disposition


# -- complaint attachments (public form) ---------------------------------------------

def send_complaint(client, name, data):
    token = csrf_token(client.get("/pengaduan/baru").get_data(as_text=True))
    return client.post("/pengaduan/baru", data={
        "csrf_token": token, "kind": "pengaduan", "unit": "0", "category": "lainnya",
        "title": "Jalan rusak parah", "description": "Jalan di depan sekolah berlubang besar.",
        "attachments": [(io.BytesIO(data), name)]}, content_type="multipart/form-data")


@pytest.mark.parametrize("name,data,message", [
    ("gambar.svg", SVG, "bukan foto JPEG atau PNG"),
    ("foto.jpg", SVG, "bukan foto JPEG atau PNG"),          # an SVG that says it is a JPEG
    ("halaman.html", HTML, "bukan foto JPEG atau PNG"),
    ("foto.jpg", HTML, "bukan foto JPEG atau PNG"),
    ("animasi.gif", gif_js_polyglot(), "bukan foto JPEG atau PNG"),
    ("skrip.js", b"alert(1);", "bukan foto JPEG atau PNG"),
    ("foto.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "tidak dapat dibaca"),
    ("bom.png", png_bomb(), "terlalu banyak piksel"),
])
def test_complaint_refuses_hostile_files_and_keeps_the_form(hostile_app, hclient, name, data,
                                                            message):
    response = send_complaint(hclient, name, data)
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and message in page, page[-3000:]
    assert 'value="Jalan rusak parah"' in page  # the rest of the form is kept
    assert count(Complaint) == 0 and count(ComplaintAttachment) == 0
    assert stored_files(hostile_app, "complaints") == {}


def test_complaint_refuses_an_oversized_file(hostile_app, hclient):
    hostile_app.config["COMPLAINT_ATTACHMENT_MAX_BYTES"] = 1000
    response = send_complaint(hclient, "besar.pdf", PDF + b"0" * 2000 + b"\n%%EOF\n")
    assert response.status_code == 400 and "lebih besar dari" in response.get_data(as_text=True)
    assert count(Complaint) == 0


def test_complaint_images_lose_their_metadata_and_pdfs_download_as_files(
        hostile_app, hclient, users):
    for name, data in (("foto.jpg", jpeg_with_script()), ("foto.png", png_with_script()),
                       ("dokumen.pdf", PDF_HTML)):
        assert send_complaint(hclient, name, data).status_code == 303
    files = stored_files(hostile_app, "complaints")
    images = [d for n, d in files.items() if not n.endswith(".pdf")]
    assert len(images) == 2 and not any(b"alert(1)" in d for d in images)
    for data in images:
        Image.open(io.BytesIO(data)).verify()  # still a picture
    AuthActions(hclient).login("admin")
    with db.connection_context():
        attachments = list(ComplaintAttachment.select())
    for attachment in attachments:
        response = hclient.get(f"/admin/complaint/attachment/{attachment.id}")
        assert_download(response, attachment.content_type)
    pdf = [a for a in attachments if a.content_type == "application/pdf"][0]
    assert hclient.get(f"/admin/complaint/attachment/{pdf.id}").data == PDF_HTML


# -- SKP evidence and monthly report attachments (back office) --------------------------

@pytest.mark.parametrize("name,data,message", [
    ("gambar.svg", SVG, "Hanya PDF"),
    ("laporan.pdf", HTML, "Hanya PDF"),
    ("foto.jpg", PDF_HTML, "Hanya PDF"),                    # a PDF named as a photo
    ("foto.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "tidak dapat dibaca"),
    ("bom.png", png_bomb(), "terlalu banyak piksel"),
    ("animasi.gif", gif_js_polyglot(), "Hanya PDF"),
])
def test_skp_evidence_refuses_hostile_files(hostile_app, hclient, users, org, periods, name,
                                            data, message):
    skp = make_skp(org["staff"], "approved")
    AuthActions(hclient).login("pegawai")
    page = skp_upload(hclient, skp, periods[1], name, data).get_data(as_text=True)
    assert message in page
    assert count(Evidence) == 0 and stored_files(hostile_app, "skp") == {}


def test_skp_evidence_images_are_re_encoded_and_downloaded_as_files(hostile_app, hclient, users,
                                                                    org, periods):
    skp = make_skp(org["staff"], "approved")
    AuthActions(hclient).login("pegawai")
    for name, data in (("foto.jpg", jpeg_with_script()), ("bagan.png", png_with_script()),
                       ("laporan.pdf", PDF_HTML)):
        assert "diunggah" in skp_upload(hclient, skp, periods[1], name, data).get_data(
            as_text=True)
    with db.connection_context():
        items = list(Evidence.select())
    for item in items:
        response = hclient.get(f"/admin/skp/evidence/{item.id}")
        assert_download(response, item.content_type)
        if item.content_type.startswith("image/"):
            assert b"alert(1)" not in response.data and item.size == len(response.data)


def test_monthly_attachments_are_checked_like_evidence(hostile_app, hclient, users, org, people):
    report = report_for(org["staff"])
    base = f"/admin/monthly/{report.id}/"
    AuthActions(hclient).login("pegawai")
    for name, data, message in (("gambar.svg", SVG, "Hanya PDF"),
                                ("bom.png", png_bomb(), "terlalu banyak piksel"),
                                ("foto.jpg", jpeg_with_script(), "diunggah")):
        response = monthly_post(hclient, base + "attachment",
                                {"file": (io.BytesIO(data), name)}, page=base,
                                content_type="multipart/form-data", follow_redirects=True)
        assert message in response.get_data(as_text=True), name
    with db.connection_context():
        attachment = MonthlyReportAttachment.get()
    response = hclient.get(f"/admin/monthly/attachment/{attachment.id}")
    assert_download(response, "image/jpeg")
    assert b"alert(1)" not in response.data


# -- content attachments ---------------------------------------------------------------

def content_upload(client, item, name, data):
    token = csrf_token(client.get("/account/password").get_data(as_text=True))
    return client.post(f"/admin/content_item/workflow/{item.id}/attachments",
                       data={"file": (io.BytesIO(data), name), "csrf_token": token},
                       content_type="multipart/form-data", follow_redirects=True)


def test_content_attachments(hostile_app, hclient, users, make_item):  # noqa: F811
    item = make_item("Materi Uji", state="private")
    AuthActions(hclient).login("operator")
    for name, data, message in (("gambar.svg", SVG, "Hanya PDF"),
                                ("halaman.html", HTML, "Hanya PDF"),
                                ("bom.png", png_bomb(), "terlalu banyak piksel"),
                                ("rusak.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
                                 "tidak dapat dibaca")):
        assert message in content_upload(hclient, item, name, data).get_data(as_text=True), name
    assert count(ContentAttachment) == 0
    for name, data in (("foto.jpg", jpeg_with_script()), ("bagan.png", png_with_script()),
                       ("animasi.gif", gif_js_polyglot()), ("panduan.pdf", PDF_HTML)):
        assert "Dilampirkan" in content_upload(hclient, item, name, data).get_data(as_text=True)
    with db.connection_context():
        files = {a.original_name: a for a in ContentAttachment.select()}
        item.state = "published"
        item.save()
    AuthActions(hclient).logout()
    for name, attachment in files.items():
        response = hclient.get(f"/materi/materi-uji/lampiran/{attachment.id}")
        is_image = attachment.mime_type.startswith("image/")
        assert_download(response, attachment.mime_type, attachment=not is_image)
        if is_image:  # shown inline, so nothing but the picture may be left
            assert b"alert(1)" not in response.data
            Image.open(io.BytesIO(response.data)).verify()
    assert files["panduan.pdf"].mime_type == "application/pdf"


# -- survey import (back office) ---------------------------------------------------------

@pytest.mark.parametrize("name,data", [
    ("kuesioner.csv", SVG), ("kuesioner.csv", b"\x00\x01\x02" * 100), ("kuesioner.csv", PDF),
    ("kuesioner.csv", b"unit_code,service\n=cmd|' /C calc'!A0,KTP\n"),
    ("kuesioner.csv", "unit_code,service,date\n\u202e,\x00,".encode("utf-8")),
    ("kuesioner.csv", b"\xff\xfe\x00garbage"), ("kuesioner.exe", b"MZ\x90\x00"),
    ("kuesioner.csv", b"a," * 100_000),
])
def test_survey_import_refuses_hostile_files_whole(hostile_app, hclient, users, survey, name,
                                                   data):
    AuthActions(hclient).login("operator")
    before = count(SurveyResponse)
    page = hclient.get("/admin/survey/import/").get_data(as_text=True)
    response = hclient.post("/admin/survey/import/", data={
        "csrf_token": csrf_token(page), "file": (io.BytesIO(data), name)},
        content_type="multipart/form-data")
    assert response.status_code < 500
    assert response.status_code in (200, 400, 422)
    assert 'class="alert' in response.get_data(as_text=True) \
        or "invalid-feedback" in response.get_data(as_text=True) \
        or response.status_code == 400
    assert count(SurveyResponse) == before


# -- hostile file names ------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402

from tests.hostile.conftest import HOSTILE, assert_no_server_error  # noqa: E402


@settings(max_examples=25)
@given(name=HOSTILE)
def test_any_file_name_is_stored_safely(hostile_app, hclient, users, name):
    before = count(ComplaintAttachment)
    response = send_complaint(hclient, name + ".pdf", PDF)
    assert_no_server_error(response, "file name")
    for stored in stored_files(hostile_app, "complaints"):  # random names, in the folder
        assert len(stored) == 36 and stored.endswith(".pdf")
    if count(ComplaintAttachment) > before:
        AuthActions(hclient).login("admin")
        with db.connection_context():
            attachment = ComplaintAttachment.select().order_by(ComplaintAttachment.id.desc()).get()
        response = hclient.get(f"/admin/complaint/attachment/{attachment.id}")
        assert_download(response, "application/pdf")
        AuthActions(hclient).logout()
