"""The monthly survey tallies behind the public IKM always equal the answers: after
the public form, a paper import, answers at a month's edge in office time, a refused
submission, and a rebuild."""
import datetime
from zoneinfo import ZoneInfo

import pytest

from portal import survey_tally
from portal.db import db
from portal.models import SurveyResponse, SurveyTally
from tests.test_survey_import import GOOD
from tests.test_survey_public import URL, good_answers

WIB = ZoneInfo("Asia/Jakarta")


def raw_tallies():
    """{(unit, service, year, month): [responses, sum u1, …, sum u9]} from the answers,
    the month taken in office time (WIB) in Python, independently of the module."""
    result = {}
    with db.connection_context():
        for answer in SurveyResponse.select():
            local = answer.submitted_at.replace(tzinfo=datetime.timezone.utc).astimezone(WIB)
            key = (answer.unit_id, answer.service_id, local.year, local.month)
            sums = result.setdefault(key, [0] * 10)
            sums[0] += 1
            for i, value in enumerate(answer.answers, 1):
                sums[i] += value
    return result


def kept_tallies():
    with db.connection_context():
        return {(t.unit_id, t.service_id, t.year, t.month):
                [t.responses] + [getattr(t, f"u{i}") for i in range(1, 10)]
                for t in SurveyTally.select()}


def create(survey, when, value):
    with db.connection_context():
        SurveyResponse.create(unit=survey["sip"].unit_id, service=survey["sip"],
                              submitted_at=when, **{f"u{i}": value for i in range(1, 10)})


def test_every_way_in_keeps_the_tallies_equal_to_the_answers(client, runner, survey, tmp_path):
    assert client.post(URL, data=good_answers(client)).status_code == 302
    assert client.post(URL, data=good_answers(client, u3="2")).status_code == 302
    # 17:30 UTC on 31 January is 00:30 on 1 February in Jakarta: February's tally
    create(survey, datetime.datetime(2025, 1, 31, 17, 30), 4)
    create(survey, datetime.datetime(2025, 1, 31, 16, 30), 1)  # 23:30 WIB: still January
    path = tmp_path / "kuesioner.csv"
    path.write_text(GOOD, encoding="utf-8-sig")
    assert runner.invoke(args=["import-survey", str(path)]).exit_code == 0

    kept = kept_tallies()
    assert kept == raw_tallies()
    unit, sip = survey["sip"].unit_id, survey["sip"].id
    assert kept[(unit, sip, 2025, 2)] == [1] + [4] * 9
    assert kept[(unit, sip, 2025, 1)] == [1] + [1] * 9
    assert sum(row[0] for row in kept.values()) == 1 + 2 + 2 + 3  # fixture, form, two, import


def test_a_refused_answer_counts_nowhere(client, survey):
    before = kept_tallies()
    assert client.post(URL, data=good_answers(client, u1="9")).status_code == 422
    assert client.post(URL, data={**good_answers(client), "csrf_token": "x"}).status_code == 400
    assert kept_tallies() == before == raw_tallies()


def test_rebuild_writes_the_same_tallies(app, runner, survey):
    create(survey, datetime.datetime(2024, 12, 31, 18, 0), 2)  # 1 January 2025, WIB
    before = kept_tallies()
    with db.connection_context():
        SurveyTally.delete().execute()
    result = runner.invoke(args=["rebuild-survey-tally"])
    assert result.exit_code == 0, result.output
    assert "rekap bulanan survei ditulis" in result.output
    assert kept_tallies() == before == raw_tallies()
    with app.app_context(), db.connection_context():
        assert survey_tally.rebuild() == len(before)


def test_an_answer_is_never_changed(app, survey):
    with db.connection_context():
        answer = SurveyResponse.get_by_id(survey["response"].id)
        answer.u1 = 1
        with pytest.raises(ValueError):
            answer.save()
        assert SurveyResponse.get_by_id(answer.id).u1 == 4
    assert kept_tallies() == raw_tallies()


def test_the_fast_insert_refuses_a_model_whose_save_does_more(app):
    from portal import prepared
    with pytest.raises(TypeError):
        prepared.insert(SurveyResponse(unit=1, service=1, **{f"u{i}": 4 for i in range(1, 10)}))
