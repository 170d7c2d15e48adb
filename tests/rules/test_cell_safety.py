from portal.rules.cell_safety import safe_cell


def test_formula_starts_get_an_apostrophe():
    for text in ("=1+1", "+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("http://x")'):
        assert safe_cell(text) == "'" + text.replace("\t", "\t").replace("\r", "\r")


def test_plain_text_and_numbers_stay():
    assert safe_cell("Dinas Kesehatan") == "Dinas Kesehatan"
    assert safe_cell("a=b") == "a=b"
    assert safe_cell(-5) == -5 and safe_cell(2.5) == 2.5
    assert safe_cell(None) == "" and safe_cell(True) == "1" and safe_cell(False) == "0"


def test_control_characters_an_xlsx_cannot_hold_are_dropped():
    assert safe_cell("a\x00b\x01c\x1fd") == "abcd"
    assert safe_cell("baris\nbaru\ttab") == "baris\nbaru\ttab"
    assert safe_cell("\x00=1") == "'=1"
