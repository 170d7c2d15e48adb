"""Titles that look alike share significant words (Indonesian stop words left out)."""
from portal.rules import duplicates as d


def test_significant_words_leave_out_stop_words_short_words_and_numbers():
    assert d.significant_words("Lampu jalan di Jl. Merdeka no 12 sudah mati!") == \
        {"lampu", "jalan", "merdeka", "mati"}
    assert d.significant_words("Yang dan di ke") == frozenset()


def test_two_shared_words_make_titles_look_alike():
    assert d.shared_words("Lampu jalan mati di Merdeka", "LAMPU JALAN padam") == \
        {"lampu", "jalan"}
    # one shared word is not enough between longer titles
    assert d.shared_words("Jalan berlubang di Sudirman", "Lampu jalan mati") == frozenset()
    # a one-word title needs that one word
    assert d.shared_words("Sampah", "Sampah menumpuk di pasar") == {"sampah"}
    assert d.shared_words("yang di ke", "yang di ke") == frozenset()


def test_alike_ranks_by_shared_words_and_share_of_the_candidate():
    candidates = [(1, "Jalan rusak"), (2, "Lampu jalan mati di Merdeka"),
                  (3, "Lampu jalan Merdeka mati total sejak minggu lalu"),
                  (4, "Lampu jalan mati"), (5, "Puskesmas tutup")]
    found = d.alike("Lampu jalan Merdeka mati", candidates)
    assert [key for key, _words in found] == [2, 3, 4]
    assert found[0][1] == ["jalan", "lampu", "mati", "merdeka"]
    assert d.alike("Lampu jalan Merdeka mati", candidates, limit=1) == [found[0]]
