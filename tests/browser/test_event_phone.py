"""A citizen on a phone finds an event, registers and sees their confirmation."""
import datetime

import pytest

from portal.db import db
from portal.models import Event, Registration
from portal.models.base import utcnow

pytestmark = pytest.mark.browser


def test_register_for_an_event_on_a_phone(live_server, page, users):
    start = (utcnow() + datetime.timedelta(days=5)).replace(microsecond=0)
    with db.connection_context():
        event = Event.create(title="Sosialisasi Survei Kepuasan Masyarakat", kind="sosialisasi",
                             description="Cara mengisi **SKM**.", starts_at=start,
                             ends_at=start + datetime.timedelta(hours=3),
                             place="Aula Kantor Bupati", capacity=2, published=True)
    page.goto(live_server + "/")
    page.get_by_role("link", name="Acara", exact=True).click()
    page.wait_for_url("**/acara")
    page.get_by_role("link", name="Sosialisasi Survei Kepuasan Masyarakat").click()
    assert "Sisa 2 dari 2 kursi" in page.locator("#seats").inner_text()
    page.get_by_label("Nama lengkap").fill("Rina Marlina")
    page.get_by_label("E-mail", exact=True).fill("rina@contoh.id")
    page.get_by_label("Nomor telepon").fill("0812 3456 7890")
    page.get_by_label("Instansi atau unit").fill("Kelurahan Pasar Baru")
    # the page fits the phone: no sideways scrolling
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_role("button", name="Daftar").click()

    confirmation = page.locator("#confirmation")
    confirmation.wait_for()
    assert "Anda sudah terdaftar" in confirmation.inner_text()
    assert "Sosialisasi Survei Kepuasan Masyarakat" in confirmation.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    with db.connection_context():
        saved = Registration.get(Registration.event == event.id)
        assert saved.name == "Rina Marlina" and saved.status == "registered"
    assert f"/acara/batal/{saved.cancel_token}" in page.locator(".cancel-link").inner_text()
