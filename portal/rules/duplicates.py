"""Reports that look alike: the titles share significant words.

A word is significant when it is not an Indonesian (or common English) stop word, has
at least three letters and is not only digits. Two titles look alike when they share at
least two significant words, or the one significant word of a one-word title. The
shared words are returned so a page can say why a report was offered.
"""
import re

STOP_WORDS = frozenset("""
ada adalah agar akan aku anda apa apakah atas atau bagi bahwa baru belum berapa bisa
buat bukan dalam dan dari dengan dia di ini itu jadi jika juga kami kamu karena kata
ke kenapa kepada ketika kita lagi lain mana masih mau mereka meski milik mohon namun
oleh pada para per pun saat saja sama sampai sangat saya sebagai sedang sejak selalu
semua sendiri seperti setelah sudah supaya tapi tentang terhadap tersebut tetapi tidak
untuk walau yang ya nya pak bu bapak ibu tolong harap segera sekali banyak sering
terlalu kurang lebih hari tahun bulan minggu kok dong sih deh gak nggak tak
the and for with from this that not are was has have
""".split())

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
MIN_LENGTH = 3
MIN_SHARED = 2


def significant_words(title):
    """The set of significant words of ``title``, in lower case."""
    words = _WORD.findall(str(title or "").lower())
    return frozenset(w for w in words
                     if len(w) >= MIN_LENGTH and not w.isdigit() and w not in STOP_WORDS)


def shared_words(title, other):
    """The significant words both titles use, when they look alike; else empty."""
    mine, theirs = significant_words(title), significant_words(other)
    shared = mine & theirs
    if not shared:
        return frozenset()
    needed = min(MIN_SHARED, len(mine), len(theirs))
    return shared if len(shared) >= needed else frozenset()


def alike(title, candidates, limit=5):
    """The ``candidates`` ((key, title) pairs) that look like ``title``, best first, as
    (key, sorted shared words); at most ``limit``. Better: more shared words, then a
    larger share of the candidate's own words; ties keep the candidates' order."""
    found = []
    for position, (key, other) in enumerate(candidates):
        shared = shared_words(title, other)
        if shared:
            share = len(shared) / len(significant_words(other))
            found.append((-len(shared), -share, position, key, sorted(shared)))
    found.sort(key=lambda row: row[:3])
    return [(key, words) for *_order, key, words in found[:limit]]
