"""Markdown bodies rendered to HTML and sanitised, so an editor cannot put script on a page.

``markdown`` turns the text into HTML (raw HTML in the text passes through
it); ``nh3`` (the Ammonia sanitiser) then keeps only the tags and attributes
listed here, drops ``<script>``, ``<style>``, event handlers (``onclick`` …)
and every URL whose scheme is not http, https or mailto (so no
``javascript:`` links), and adds ``rel="noopener noreferrer"`` to links.
"""
import markdown
import nh3
from markupsafe import Markup

TAGS = {"p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "code", "pre",
        "blockquote", "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td",
        "sup", "sub", "abbr", "dl", "dt", "dd"}
ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "abbr": {"title"},
              "th": {"align"}, "td": {"align"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}
EXTENSIONS = ["tables", "sane_lists", "fenced_code"]


def sanitise(html):
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES,
                     link_rel="noopener noreferrer", strip_comments=True)


def render(text):
    """Markdown ``text`` as safe HTML, ready for a template."""
    html = markdown.markdown(text or "", extensions=EXTENSIONS, output_format="html")
    # nh3 has cleaned it to an allow-list of tags and attributes
    return Markup(sanitise(html))  # nosec B704
