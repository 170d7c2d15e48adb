"""Walking the pages a role can reach by following links, and reading what the pages
say: the text a person sees (text nodes, placeholders, labels for screen readers).

``english_texts()`` is what the English catalogue says where the Indonesian one says
something else: a page in Indonesian showing one of these shows English.
"""
import os
import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from babel.messages.pofile import read_po

TRANSLATIONS = os.path.join(os.path.dirname(os.path.dirname(__file__)), "translations")
DOMAINS = ("messages", "admin", "wtforms")
SHORTEST = 4  # "OK", "No", "Ya": too short to tell the language by
# Links not followed: they end the session, switch the language, or answer a file.
SKIP = re.compile(r"(logout|/language/|download|export|\.pdf|\.csv|\.xlsx|\.json|/static/"
                  r"|/file/|/files/|/attachment|/evidence/|/qr|print|/berkas)", re.I)
ORDER = {"page", "sort", "desc", "page_size", "url"}  # the same list in another order
# a time to the microsecond, as Python prints a stored timestamp (10:04:05.123456)
MICROSECONDS = re.compile(r"\d{2}:\d{2}:\d{2}\.\d{1,6}")
ATTRIBUTES = ("placeholder", "aria-label", "title", "alt")


def catalogue(locale, domain):
    path = os.path.join(TRANSLATIONS, locale, "LC_MESSAGES", f"{domain}.po")
    if not os.path.exists(path):
        return None
    with open(path, "rb") as fh:
        return read_po(fh, locale=locale)


def english_texts():
    """English msgids, without placeholders, whose Indonesian text differs; less the
    words both languages share (an msgid that is some Indonesian msgstr too)."""
    english, indonesian = set(), set()
    for domain in DOMAINS:
        translated = catalogue("id", domain)
        for message in translated:
            if not message.id or message.pluralizable or not message.string:
                continue
            indonesian.add(normal(message.string))
            if message.string != message.id and "%" not in message.id:
                english.add(normal(message.id))
    return {text for text in english - indonesian if len(text) >= SHORTEST}


def normal(text):
    return " ".join(text.split())


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


class PageText(HTMLParser):
    """The visible text pieces of a page and its same-site links. Text marked as another
    language (``lang="en"``: the language switch, an English content item) is not read."""

    def __init__(self):
        super().__init__()
        self.texts, self.links, self.open = [], [], []  # open: [tag, lang] of open elements

    def language(self):
        return next((lang for _tag, lang in reversed(self.open) if lang), "id")

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag not in VOID:
            self.open.append([tag, attrs.get("lang")])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if not (attrs.get("lang") or self.language()).startswith("id") or self.hidden():
            return
        for name in ATTRIBUTES:
            if attrs.get(name):
                self.texts.append(normal(attrs[name]))
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self.texts.append(normal(attrs["value"]))

    def handle_endtag(self, tag):
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                del self.open[index:]
                break

    def hidden(self):
        return any(tag in ("script", "style", "template") for tag, _lang in self.open)

    def handle_data(self, data):
        if data.strip() and not self.hidden() and self.language().startswith("id"):
            self.texts.append(normal(data))


def pieces(text):
    """A text and its parts around separators pages put between labels ("A / B", "A: B")."""
    yield text
    for part in re.split(r" / | · | — |: ", text):
        if part != text:
            yield part.strip()


def pattern(url):
    """Pages that differ only in a record's number or a query value are one page."""
    parts = urlsplit(url)
    keys = sorted({pair.split("=", 1)[0] for pair in parts.query.split("&") if pair} - ORDER)
    return re.sub(r"\d+", "N", parts.path) + "?" + "&".join(
        re.sub(r"\d+", "N", key) for key in keys)


def walk(client, start_urls, english, limit=300, within=("/",)):
    """Follow same-site GET links from ``start_urls`` to paths starting with one of
    ``within``: {url: [English text, or a time shown to the microsecond]} of every
    page showing some, and [url] of every page that failed (5xx)."""
    queue, seen, found, failed = list(start_urls), set(), {}, []
    while queue and len(seen) < limit:
        url = queue.pop(0)
        key = pattern(url)
        if key in seen:
            continue
        seen.add(key)
        response = client.get(url)
        if response.status_code >= 500:
            failed.append(url)
            continue
        if response.status_code in (301, 302, 303, 307, 308):
            location = response.headers["Location"]
            if not SKIP.search(location) and not urlsplit(location).netloc:
                queue.append(urljoin(url, location))
            continue
        if response.status_code != 200 or response.mimetype != "text/html":
            continue
        page = PageText()
        page.feed(response.get_data(as_text=True))
        shown = sorted({piece for text in page.texts for piece in pieces(text)
                        if piece in english})
        shown += sorted({"microseconds: " + text for text in page.texts
                         if MICROSECONDS.search(text)})
        if shown:
            found[url] = shown
        for href in page.links:
            target = urljoin(url, href.split("#", 1)[0])
            parts = urlsplit(target)
            if parts.scheme in ("", "http") and parts.netloc in ("", "localhost") \
                    and parts.path.startswith(within) and not SKIP.search(target) \
                    and "lang=en" not in parts.query:
                queue.append(parts.path + ("?" + parts.query if parts.query else ""))
    return found, failed
