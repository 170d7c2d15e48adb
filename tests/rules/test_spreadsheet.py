"""Reading spreadsheet cells the way Indonesian and English offices type them."""
import pytest

from portal.rules.spreadsheet import (CellError, CsvError, csv_rows, duplicates, header_key,
                                      parse_bool, parse_int, parse_number, parse_period,
                                      period_label, text)


@pytest.mark.parametrize("raw,expected", [
    ("1.234,5", 1234.5), ("1234,5", 1234.5), ("95,5", 95.5), ("12.000", 12000.0),
    ("1.234.567", 1234567.0), ("1,234.5", 1234.5), ("0.5", 0.5), ("85%", 85.0),
    (" 1 234,5 ", 1234.5), ("-3,25", -3.25), (42, 42.0), (2.5, 2.5), ("", None), (None, None),
    ("1.234.567,89", 1234567.89),
])
def test_numbers_indonesian_first(raw, expected):
    assert parse_number(raw) == expected


def test_a_single_dot_with_three_decimals_follows_the_file():
    assert parse_number("1.234", decimal_comma=True) == 1234.0
    assert parse_number("1.234", decimal_comma=False) == 1.234


@pytest.mark.parametrize("raw", ["banyak", "1,2,3.4.5", "1..2", "1,23,4", "--1", True, "12a"])
def test_not_numbers(raw):
    with pytest.raises(CellError):
        parse_number(raw)


def test_integers_and_booleans():
    assert parse_int("2026") == 2026 and parse_int(2026.0) == 2026 and parse_int("") is None
    with pytest.raises(CellError):
        parse_int("2026,5")
    assert parse_bool("Ya") is True and parse_bool("tidak") is False
    assert parse_bool("", default=True) is True
    with pytest.raises(CellError):
        parse_bool("mungkin")


@pytest.mark.parametrize("raw,expected", [
    ("3", ("month", 3)), ("03", ("month", 3)), (12, ("month", 12)), ("Maret", ("month", 3)),
    ("mar", ("month", 3)), ("DESEMBER", ("month", 12)), ("TW I", ("quarter", 1)),
    ("tw4", ("quarter", 4)), ("Triwulan III", ("quarter", 3)), ("Q2", ("quarter", 2)),
])
def test_periods(raw, expected):
    assert parse_period(raw) == expected


@pytest.mark.parametrize("raw", ["", "13", "0", "TW V", "ma", "2026-03"])
def test_not_periods(raw):
    with pytest.raises(CellError):
        parse_period(raw)


def test_period_labels_and_cell_text():
    assert period_label("month", 3) == "Maret" and period_label("quarter", 4) == "TW IV"
    assert text(2026.0) == "2026" and text(None) == "" and text("\u00a0DINKES ") == "DINKES"
    assert header_key("Status (PNS/PPPK) *") == header_key("status pns pppk")
    assert header_key("E-mail") == header_key("e_mail")


def test_csv_rows_take_the_delimiter_from_the_first_line():
    rows, decimal_comma = csv_rows("\ufeffa;b\r\n1,5;2\r\n")
    assert rows == [["a", "b"], ["1,5", "2"]] and decimal_comma
    rows, decimal_comma = csv_rows('a,b\n"1,5",2\n')
    assert rows == [["a", "b"], ["1,5", "2"]] and not decimal_comma


@pytest.mark.parametrize("data,code,line", [
    ("a,b\n1," + "x" * 200_000 + "\n", "too_long", 2),
    ('a,b\n1,2\n3,"' + "x" * 200_000, "too_long", 3),
    ("a,b\n1,2\r3,4\n", "broken", 2),
    ("a,b\n1,2\n3,4\x00\n", "nul", 3),
])
def test_csv_the_reader_cannot_read_raises_csv_error_with_its_line(data, code, line):
    with pytest.raises(CsvError) as caught:
        csv_rows(data)
    assert (caught.value.code, caught.value.line) == (code, line)


def test_the_sniffer_refuses_a_csv_with_a_nul_past_its_look_ahead():
    from portal.rules.uploads import sniff
    data = b"Nama;Kode unit\r\n" + b"a" * 5000 + b"\x00;X\r\n"
    assert sniff(data.replace(b"\x00", b""), "data.csv") == "csv"
    assert sniff(data, "data.csv") is None


def test_duplicates_point_at_each_other():
    assert duplicates([(2, "x"), (3, "y"), (4, "x"), (5, None), (6, None), (7, "x")]) == \
        {2: [4, 7], 4: [2, 7], 7: [2, 4]}


def test_the_sniffer_accepts_utf8_csv_cut_inside_a_character_at_its_look_ahead():
    from portal.rules.uploads import sniff
    data = b"\xef\xbb\xbfNama;Kode unit\r\n" + b"a" * (4095 - 19) + "é;X".encode()
    assert data[4095:4097] == "é".encode()
    assert sniff(data, "pegawai.csv") == "csv"
    assert sniff(b"Nama\r\n\xe9t\xe9", "latin1.csv") is None


def test_a_cell_over_the_limit_is_refused_whatever_the_csv_module_allows():
    """The limit is the portal's own: a library that raises the csv module's process-wide
    field limit (frictionless does, on import) must not let a huge cell through."""
    import csv
    import sys
    from portal.rules.spreadsheet import MAX_CELL, CsvError, read_csv
    before = csv.field_size_limit()
    csv.field_size_limit(sys.maxsize)
    try:
        with pytest.raises(CsvError) as refused:
            read_csv("a,b\n1," + "x" * (MAX_CELL + 1) + "\n", ",")
        assert refused.value.code == "too_long" and refused.value.line == 2
        assert read_csv("a,b\n1," + "x" * MAX_CELL + "\n", ",")[1][1] == "x" * MAX_CELL
    finally:
        csv.field_size_limit(before)
