"""Page addresses (slugs) made from a title: lower-case ASCII letters, digits and
hyphens, no longer than the field that stores them (cut at a word boundary), and
unique among the addresses already taken (``-2``, ``-3`` … appended).

Used by content items (/materi/<slug>) and low-code forms (/formulir/<slug>).
"""
import re
import unicodedata

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def slugify(text, max_length=120):
    """``Pendaftaran Workshop SKP 2027`` → ``pendaftaran-workshop-skp-2027``; when longer
    than ``max_length`` the last whole word that fits ends it (a single over-long word is
    cut)."""
    ascii_text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) <= max_length:
        return slug
    cut = slug[:max_length + 1]
    if cut.endswith("-"):
        return cut.rstrip("-")
    head = cut[:max_length].rsplit("-", 1)[0] if "-" in cut[:max_length] else cut[:max_length]
    return head.rstrip("-")


def unique_slug(text, taken, max_length=120):
    """The slug of ``text`` that is not in ``taken``, fitting ``max_length`` with its
    number; ``""`` when the text has no letters or digits."""
    taken = set(taken)
    slug = slugify(text, max_length)
    if not slug or slug not in taken:
        return slug
    number = 2
    while True:
        suffix = f"-{number}"
        candidate = slugify(text, max_length - len(suffix)) + suffix
        if candidate not in taken:
            return candidate
        number += 1


def valid_slug(slug, max_length=120):
    """A typed address is fine when it is made of lower-case letters, digits and single
    hyphens and fits the field."""
    return bool(slug) and len(slug) <= max_length and bool(SLUG_PATTERN.match(slug))
