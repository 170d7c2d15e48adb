"""The survey's translated labels say in Indonesian exactly what the regulation says."""
from flask_babel import force_locale

from portal import labels
from portal.rules import ikm


def test_indonesian_labels_are_the_regulations_words(app):
    with app.test_request_context(), force_locale("id"):
        for code, name, question, answers in ikm.ELEMENTS:
            assert str(labels.SURVEY_ELEMENT[code]) == name
            assert str(labels.SURVEY_QUESTION[code]) == question
            assert [str(a).lower() for a in labels.SURVEY_ANSWERS[code]] == \
                [a.lower() for a in answers]
        assert [str(labels.KINERJA[mutu]) for _low, mutu, _k in ikm.BANDS] == \
            [kinerja for _low, _m, kinerja in ikm.BANDS]


def test_profile_labels_cover_every_code():
    assert set(labels.GENDER) == set(ikm.GENDERS)
    assert set(labels.EDUCATION) == set(ikm.EDUCATION)
    assert set(labels.OCCUPATION) == set(ikm.OCCUPATIONS)
    assert set(labels.SURVEY_SOURCE) == set(ikm.SOURCES)
