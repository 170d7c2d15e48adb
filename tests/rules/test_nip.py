import datetime

import pytest

from portal.rules.nip import NipError, format_nip, parse_nip

TODAY = datetime.date(2026, 11, 23)


def test_the_domain_example_parses_into_its_parts():
    nip = parse_nip("19860926 201505 1 001", today=TODAY)
    assert nip.digits == "198609262015051001"
    assert nip.birth_date == datetime.date(1986, 9, 26)
    assert (nip.tmt_year, nip.tmt_month) == (2015, 5)
    assert nip.sex == "L"
    assert nip.sequence == 1
    assert nip.formatted() == "19860926 201505 1 001"


def test_separators_people_type_are_accepted():
    assert parse_nip("19950505.202012.2.001", today=TODAY).sex == "P"
    assert parse_nip("19950505-202012-2-001", today=TODAY).digits == "199505052020122001"


@pytest.mark.parametrize("value, code", [
    ("", "digits"),
    ("1986092620150510O1", "digits"),          # letter O instead of zero
    ("١٩٨٦٠٩٢٦٢٠١٥٠٥١٠٠١", "digits"),          # Arabic-Indic digits are not ASCII
    ("19860926201505100", "length"),           # 17 digits
    ("1986092620150510011", "length"),         # 19 digits
    ("198602302015051001", "birth_date"),      # 30 February
    ("198613012015051001", "birth_date"),      # month 13
    ("203001012050011001", "birth_date"),      # born in the future
    ("198609262015131001", "tmt"),             # TMT month 13
    ("198609262015001001", "tmt"),             # TMT month 00
    ("198609261990051001", "tmt"),             # appointed at age 3
    ("198609262027051001", "tmt"),             # TMT after today
    ("198609262015053001", "sex"),             # sex digit 3
    ("198609262015050001", "sex"),             # sex digit 0
    ("198609262015051000", "sequence"),        # sequence 000
])
def test_bad_nips_are_refused_with_a_reason(value, code):
    with pytest.raises(NipError) as err:
        parse_nip(value, today=TODAY)
    assert err.value.code == code


def test_pppk_numbers_skip_the_tmt_check_but_not_the_rest():
    assert parse_nip("199001012021211001", today=TODAY, check_tmt=False).sex == "L"
    with pytest.raises(NipError):
        parse_nip("199002302021211001", today=TODAY, check_tmt=False)


def test_format_leaves_malformed_input_alone():
    assert format_nip("123") == "123"
    assert format_nip("198609262015051001") == "19860926 201505 1 001"
