"""Addresses made from titles: fit the field at a word boundary, unique with numbers."""
from portal.rules import slugs


def test_a_long_title_is_cut_at_a_word_boundary():
    title = "Pendaftaran Workshop Penyusunan SKP 2027"
    assert slugs.slugify(title, 80) == "pendaftaran-workshop-penyusunan-skp-2027"
    assert slugs.slugify(title, 36) == "pendaftaran-workshop-penyusunan-skp"
    assert slugs.slugify(title, 34) == "pendaftaran-workshop-penyusunan"
    assert slugs.slugify("Ábcdefghijklmnop", 5) == "abcde"
    assert slugs.valid_slug(slugs.slugify(title * 5, 80), 80)


def test_a_taken_address_gets_the_next_free_number_and_still_fits():
    taken = {"survei", "survei-2"}
    assert slugs.unique_slug("Survei", taken, 80) == "survei-3"
    long_title = "Pendaftaran Workshop Penyusunan SKP 2027"
    first = slugs.unique_slug(long_title, set(), 36)
    second = slugs.unique_slug(long_title, {first}, 36)
    assert len(second) <= 36 and second.endswith("-2") and slugs.valid_slug(second, 36)
    assert slugs.unique_slug("!!!", set(), 80) == ""
