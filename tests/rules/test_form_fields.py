"""Low-code form rules with plain values: choices, keys, conditions, numbers, columns."""
import datetime
from decimal import Decimal

import pytest

from portal.rules import form_fields as rules

FIELDS = [
    {"key": "has_business", "type": "yes_no", "required": True},
    {"key": "business_name", "type": "short_text", "required": True,
     "show_when_key": "has_business", "show_when_value": "yes"},
    {"key": "sector", "type": "single_choice", "required": True,
     "show_when_key": "business_name", "show_when_value": "Warung Bu Sri"},
    {"key": "topics", "type": "multiple_choice", "required": False},
    {"key": "marketing_detail", "type": "long_text", "required": True,
     "show_when_key": "topics", "show_when_value": "Pemasaran"},
]


def test_choices_one_per_line_without_blanks_or_repeats():
    assert rules.parse_choices(" Ya \n\nTidak\nya\r\nMungkin ") == ["Ya", "Tidak", "Mungkin"]
    assert rules.parse_choices(None) == []


def test_keys_from_labels_are_ascii_and_unique():
    assert rules.slug_key("Nama lengkap") == "nama_lengkap"
    assert rules.slug_key("Nama lengkap", {"nama_lengkap"}) == "nama_lengkap_2"
    assert rules.slug_key("Nama lengkap", {"nama_lengkap", "nama_lengkap_2"}) == "nama_lengkap_3"
    assert rules.slug_key("Émail (aktif)") == "email_aktif"
    assert rules.slug_key("2 anak") == "f_2_anak"
    assert rules.slug_key("???") == "field"
    assert rules.valid_key("nama_lengkap") and not rules.valid_key("Nama") \
        and not rules.valid_key("1a")


def test_conditions_show_and_hide_in_chains():
    assert rules.visible_keys(FIELDS, {"has_business": "no"}) == {"has_business", "topics"}
    shown = rules.visible_keys(FIELDS, {"has_business": "yes", "business_name": "warung bu sri "})
    assert shown == {"has_business", "business_name", "sector", "topics"}
    # the chain breaks when the middle field is hidden, whatever it received
    hidden = rules.visible_keys(FIELDS, {"has_business": "no", "business_name": "Warung Bu Sri"})
    assert "sector" not in hidden
    # multiple choice: one ticked choice is enough
    assert "marketing_detail" in rules.visible_keys(FIELDS, {"topics": ["Modal", "Pemasaran"]})
    assert "marketing_detail" not in rules.visible_keys(FIELDS, {"topics": ["Modal"]})


def test_required_only_when_shown_and_hidden_answers_discarded():
    assert rules.missing_required(FIELDS, {"has_business": "no"}) == []
    assert rules.missing_required(FIELDS, {}) == ["has_business"]
    assert rules.missing_required(FIELDS, {"has_business": "yes"}) == ["business_name"]
    kept = rules.kept_answers(FIELDS, {"has_business": "no", "business_name": "secret"})
    assert kept == {"has_business": "no"}


def test_broken_conditions_hide_the_field():
    loop = [{"key": "a", "show_when_key": "b", "show_when_value": "x"},
            {"key": "b", "show_when_key": "a", "show_when_value": "x"},
            {"key": "c", "show_when_key": "gone", "show_when_value": "x"}]
    assert rules.visible_keys(loop, {"a": "x", "b": "x", "gone": "x"}) == set()


WORKSHOP = [
    {"key": "nama", "type": "short_text"},
    {"key": "asn", "type": "yes_no"},
    {"key": "sesi", "type": "single_choice", "choices": "Pagi\nSiang"},
    {"key": "materi", "type": "multiple_choice", "choices": "SKP\nCuti"},
    {"key": "nip", "type": "short_text", "show_when_key": "asn", "show_when_value": "yes"},
]


def with_condition(key, when, value):
    """WORKSHOP with the condition of field ``key`` replaced."""
    return [dict(f, show_when_key=when, show_when_value=value) if f["key"] == key else f
            for f in WORKSHOP]


@pytest.mark.parametrize("key, when, value", [
    ("nip", "asn", "yes"), ("nip", "asn", "no"), ("nip", "asn", " YES "),
    ("nip", "sesi", "Siang"), ("nip", "materi", "Cuti"), ("nama", "", ""),
])
def test_a_condition_on_an_earlier_field_and_one_of_its_options_is_accepted(key, when, value):
    fields = with_condition(key, when, value)
    assert rules.condition_problems(fields) == []


@pytest.mark.parametrize("key, when, value, problem", [
    ("nip", "nip", "yes", "self"),
    ("nip", "hilang", "yes", "unknown"),
    ("sesi", "materi", "SKP", "later"),
    ("nip", "nama", "Budi", "no_options"),
    ("nip", "asn", "", "no_answer"),
    ("nip", "asn", "Ya", "option"),  # the label the public reads is not the stored key
    ("nip", "sesi", "Malam", "option"),
])
def test_a_condition_that_can_never_be_true_is_named(key, when, value, problem):
    fields = with_condition(key, when, value)
    found = rules.condition_problems(fields)
    assert [(f["key"], p) for f, p in found] == [(key, problem)]


def test_a_loop_of_conditions_is_named_on_every_field_in_it():
    fields = [{"key": "a", "type": "yes_no", "show_when_key": "b", "show_when_value": "yes"},
              {"key": "b", "type": "yes_no", "show_when_key": "a", "show_when_value": "yes"},
              {"key": "c", "type": "yes_no", "show_when_key": "a", "show_when_value": "no"}]
    found = rules.condition_problems(fields)
    assert [(f["key"], p) for f, p in found] == [("a", "loop"), ("b", "loop")]


def test_only_yes_no_and_choice_fields_offer_options():
    assert rules.option_values({"type": "yes_no"}) == ["yes", "no"]
    assert rules.option_values({"type": "single_choice", "choices": "A\n\nB\na"}) == ["A", "B"]
    assert rules.option_values({"type": "short_text", "choices": "A"}) == []


def test_numbers_typed_either_way():
    assert rules.parse_number("1.234,5") == Decimal("1234.5")
    assert rules.parse_number("1,234.5") == Decimal("1234.5")
    assert rules.parse_number("12,5") == Decimal("12.5")
    assert rules.parse_number("1.000.000") == Decimal("1000000")
    assert rules.parse_number("-7") == Decimal("-7")
    assert rules.parse_number("dua") is None and rules.parse_number("") is None


def test_open_only_when_published_and_within_dates():
    now = datetime.datetime(2026, 5, 1, 12)
    day = datetime.timedelta(days=1)
    assert rules.is_open("published", None, None, now)
    assert not rules.is_open("draft", None, None, now)
    assert not rules.is_open("closed", None, None, now)
    assert not rules.is_open("published", now + day, None, now)
    assert not rules.is_open("published", None, now, now)
    assert rules.is_open("published", now - day, now + day, now)
    assert rules.dates_problem(now, now) and not rules.dates_problem(now, None)


def test_export_columns_keep_removed_fields_after_the_current_ones():
    assert rules.export_columns(["a", "b"], ["b", "old", "a", "older", "old"]) == \
        ["a", "b", "old", "older"]


def test_clean_values():
    assert rules.clean_value("multiple_choice", ["A", " B ", ""]) == "A\nB"
    assert rules.clean_value("date", datetime.date(2026, 1, 2)) == "2026-01-02"
    assert rules.clean_value("yes_no", True) == "yes"
    assert rules.clean_value("short_text", None) == ""
