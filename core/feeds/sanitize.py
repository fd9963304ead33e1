"""Turning hostile feed HTML into HTML safe to show, and into plain text for search.

nh3 (Rust's ammonia) does the allow-list work; we only add what it cannot: dropping 1×1
tracking images and producing readable plain text with paragraph breaks kept.
"""

from __future__ import annotations

import html
import re

import nh3

from core.links import OPENABLE_SCHEMES

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "details",
    "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
    "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span",
    "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time",
    "tr", "u", "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
    "time": {"datetime"},
    "abbr": {"title"},
    "q": {"cite"},
    "blockquote": {"cite"},
}
URL_SCHEMES = set(OPENABLE_SCHEMES)  # the same rule as every link the app opens

_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_TINY = re.compile(r'\b(?:width|height)="\s*[01](?:px)?\s*"', re.IGNORECASE)
# Opening tags break lines too: "<a>x</a><p>y" and unclosed "<li>a<li>b" must not glue words.
_BLOCK = re.compile(
    r"<(?:br|hr|/?(?:p|div|li|ul|ol|h[1-6]|tr|td|th|blockquote|pre|dt|dd|table|figure))\b[^>]*>",
    re.IGNORECASE,
)
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def sanitize_html(raw: str, base_url: str | None = None) -> str:
    """Allow-listed HTML: no script, style, iframe, object, handlers or javascript: URLs.

    Relative links and images are resolved against ``base_url`` (the entry's xml:base or the
    feed's URL) here, in Rust, rather than by feedparser's pure-Python resolver, which cost
    more than the whole rest of parsing.
    """
    if not raw:
        return ""
    options = {}
    if base_url and base_url.startswith(("http://", "https://")):
        options["url_relative"] = ("rewrite_with_base", base_url)
    try:
        cleaned = nh3.clean(
            raw,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            link_rel="noopener noreferrer nofollow",
            strip_comments=True,
            **options,
        )
    except ValueError:  # a base URL ammonia cannot use: keep relative URLs as they are
        return sanitize_html(raw)
    return _IMG.sub(_drop_tracking_pixel, cleaned)


def _drop_tracking_pixel(match: re.Match[str]) -> str:
    return "" if _TINY.search(match.group(0)) else match.group(0)


def html_to_text(fragment: str) -> str:
    """Readable plain text: tags gone, entities decoded, paragraphs on their own lines."""
    if not fragment:
        return ""
    marked = _BLOCK.sub(lambda m: m.group(0) + "\n", fragment)
    stripped = nh3.clean(marked, tags=set(), strip_comments=True)
    text = html.unescape(stripped)
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n", "\n".join(line for line in lines if line)).strip()


def text_to_html(text: str) -> str:
    """Plain text shown as HTML: escaped, with blank lines as paragraph breaks."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)


def plain_title(raw: str, is_html: bool = True) -> str:
    """Titles are plain text: markup removed, entities decoded, whitespace collapsed."""
    text = html_to_text(raw) if is_html else raw
    return " ".join(text.split())
