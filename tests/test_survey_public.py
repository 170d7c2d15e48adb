"""The public survey: choose a service, answer, be thanked; bad input is explained."""
from portal.db import db
from portal.models import Service, SurveyResponse
from tests.conftest import csrf_token

URL = "/survei/DINKES/SIP"


def good_answers(client, url=URL, **changes):
    data = {"csrf_token": csrf_token(client.get(url).get_data(as_text=True)),
            **{f"u{i}": str(1 + i % 4) for i in range(1, 10)},
            "gender": "L", "age": "41", "education": "SMA", "occupation": "Wirausaha",
            "suggestion": "Loket dibuka lebih pagi.", "website": ""}
    data.update(changes)
    return data


def count():
    with db.connection_context():
        return SurveyResponse.select().count()


def test_the_choice_lists_active_services_by_unit(client, survey):
    with db.connection_context():
        Service.update(active=False).where(Service.code == "LAB").execute()
    page = client.get("/survei/").get_data(as_text=True)
    assert "Dinas Kesehatan" in page and "Surat Izin Praktik" in page
    assert "Laboratorium Kesehatan" not in page
    assert 'href="/survei/DINKES/SIP"' in page
    assert "Surat Izin Praktik" not in client.get("/survei/?q=kecamatan").get_data(as_text=True)


def test_the_form_shows_nine_questions_with_their_labels(client, survey):
    page = client.get(URL).get_data(as_text=True)
    assert page.count('type="radio" ') >= 36
    for text in ("Persyaratan", "Tidak sesuai", "Sangat sesuai", "Biaya/tarif", "Sangat mahal",
                 "Gratis", "Penanganan pengaduan, saran dan masukan", "Dikelola dengan baik"):
        assert text in page, text


def test_a_good_submission_is_stored_and_thanked(client, survey):
    before = count()
    response = client.post(URL, data=good_answers(client))
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/survei/terima-kasih")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Terima kasih" in page
    assert count() == before + 1
    with db.connection_context():
        row = SurveyResponse.select().order_by(SurveyResponse.id.desc()).get()
        assert row.answers == [2, 3, 4, 1, 2, 3, 4, 1, 2]
        assert (row.unit_id, row.service_id) == (survey["sip"].unit_id, survey["sip"].id)
        assert (row.gender, row.age, row.education, row.occupation, row.source) == \
            ("L", 41, "SMA", "Wirausaha", "web")
        assert row.suggestion == "Loket dibuka lebih pagi."


def test_the_profile_may_stay_empty(client, survey):
    data = good_answers(client, gender="", age="", education="", occupation="", suggestion="")
    del data["gender"]
    assert client.post(URL, data=data).status_code == 302
    with db.connection_context():
        row = SurveyResponse.select().order_by(SurveyResponse.id.desc()).get()
        assert (row.gender, row.age, row.education, row.occupation, row.suggestion) == \
            (None, None, None, None, None)


def test_missing_and_bad_answers_are_explained_and_nothing_is_stored(client, survey):
    before = count()
    data = good_answers(client, u4="7", age="5", suggestion="Tetap di sini")
    del data["u2"]
    response = client.post(URL, data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "3 jawaban perlu diperhatikan" in page
    assert page.count("Silakan pilih salah satu dari empat jawaban.") >= 2
    assert "antara 10 dan 120 tahun" in page
    assert "Tetap di sini" in page               # what was typed stays
    assert 'value="3" checked' in page or 'checked value="3"' in page or "checked" in page
    assert count() == before


def test_the_honeypot_thanks_a_bot_and_keeps_nothing(client, survey):
    before = count()
    response = client.post(URL, data=good_answers(client, website="http://spam.example"))
    assert response.status_code == 302
    assert count() == before


def test_a_post_without_csrf_token_is_refused(client, survey):
    data = good_answers(client)
    del data["csrf_token"]
    response = client.post(URL, data=data)
    assert response.status_code == 400
    assert "Formulir kedaluwarsa" in response.get_data(as_text=True) or \
        "kedaluwarsa" in response.get_data(as_text=True)
    assert count() == 1


def test_posts_are_rate_limited_per_address(app, client, survey):
    app.config["SURVEY_RATE_LIMIT"] = "2 per minute"
    for _i in range(2):
        assert client.post(URL, data=good_answers(client)).status_code == 302
    response = client.post(URL, data=good_answers(client))
    assert response.status_code == 429
    assert "Terlalu banyak" in response.get_data(as_text=True)
    assert client.get(URL).status_code == 200  # reading the form is not limited
    assert count() == 3


def test_unknown_or_inactive_services_are_404(client, survey):
    assert client.get("/survei/DINKES/NOPE").status_code == 404
    with db.connection_context():
        Service.update(active=False).where(Service.code == "LAB").execute()
    assert client.get("/survei/DINKES/LAB").status_code == 404


def test_codes_in_the_address_ignore_case(client, survey):
    assert client.get("/survei/dinkes/sip").status_code == 200


def test_the_form_speaks_english_too(client, survey):
    from tests.test_i18n import switch
    switch(client, "en", URL)
    page = client.get(URL).get_data(as_text=True)
    assert "Requirements" in page and "Very expensive" in page and "Send my answers" in page


def test_an_age_of_a_thousand_digits_is_refused_with_a_message(client, survey):
    before = count()
    response = client.post(URL, data=good_answers(client, age="9" * 1000))
    assert response.status_code == 422
    assert "Nilai bilangan bulat tidak valid." in response.get_data(as_text=True)
    assert count() == before
