"""Turning hostile feed HTML into HTML safe to show, and into plain text for search.

nh3 (Rust's ammonia) does the allow-list work; we only add what it cannot: dropping 1×1
tracking images and producing readable plain text with paragraph breaks kept.
"""

from __future__ import annotations

import html
import re

import nh3

from core.entries.limits import (
    CUT_TITLE,
    MAX_ENTRY_CHARS,
    MAX_TITLE_CHARS,
    cut_html,
    cut_text,
    limit_depth,
)
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
# The same boundaries in the sanitizer's own output (html5ever's serializer), where every
# attribute value is in double quotes with '"' escaped, so a ">" inside one ends no tag; its
# text has "<" and ">" escaped and it holds no comments: there a tag is exactly this.
_CLEAN_TAG = r"""(?:[^>"]|"[^"]*")*>"""
_CLEAN_BLOCK = re.compile(
    r"<(?:br|hr|/?(?:p|div|li|ul|ol|h[1-6]|tr|td|th|blockquote|pre|dt|dd|table|figure))\b"
    + _CLEAN_TAG, re.IGNORECASE)
_CLEAN_ANY = re.compile("<" + _CLEAN_TAG)
# Runs of spaces to fold into one " ": a lone " " is left alone (no match, no copy), which
# halves the time of this pass over ordinary prose.
_SPACES = re.compile(r"[\t\r\f\v\u00a0][ \t\r\f\v\u00a0]*| [ \t\r\f\v\u00a0]+")
# Text that an HTML parser reads exactly as it is written: no markup, no character reference,
# nothing the parser drops (NUL) or cannot take (a lone surrogate).
_NOT_VERBATIM = re.compile("[<&\x00\ud800-\udfff]")
# Every element name HTML parsers know (the HTML Living Standard's index plus the obsolete
# ones browsers still parse). Anything else in angle brackets is text: "GetComponent<Transform>"
# in a title is C#, not an unknown element to throw away.
HTML_ELEMENTS = frozenset("""
a abbr acronym address applet area article aside audio b base basefont bdi bdo bgsound big
blink blockquote body br button canvas caption center cite code col colgroup data datalist dd
del details dfn dialog dir div dl dt em embed fieldset figcaption figure font footer form frame
frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe image img input ins isindex kbd
keygen label legend li link listing main map mark marquee math menu menuitem meta meter
multicol nav nextid nobr noembed noframes noscript object ol optgroup option output p param
picture plaintext pre progress q rb rp rt rtc ruby s samp script search section select slot
small source spacer span strike strong style sub summary sup svg table tbody td template
textarea tfoot th thead time title tr track tt u ul var video wbr xmp
""".split())
_TAG_NAME = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)")
_CLOSE_TAG = re.compile(r"</([A-Za-z][A-Za-z0-9]*)\s*>")
MAX_TITLE_SOURCE = 16 * 1024  # markup read from a title before it is made plain text
_BLANK_LINES = re.compile(r"\n\s*\n+")


def sanitize_html(raw: str, base_url: str | None = None, notes: set[str] | None = None) -> str:
    """Allow-listed HTML: no script, style, iframe, object, handlers or javascript: URLs.

    Relative links and images are resolved against ``base_url`` (the entry's xml:base or the
    feed's URL) here, in Rust, rather than by feedparser's pure-Python resolver, which cost
    more than the whole rest of parsing.

    Bounded first (core/entries/limits.py): at most ``MAX_ENTRY_CHARS`` characters are read and
    elements nested past ``MAX_DEPTH`` lose their tags, because the sanitizer's time grows
    with the square of the depth. ``notes`` collects what was cut, for the source's warning.
    """
    if not raw:
        return ""
    raw = limit_depth(cut_html(raw, MAX_ENTRY_CHARS, notes), notes=notes)
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
        return sanitize_html(raw, notes=notes)
    return _IMG.sub(_drop_tracking_pixel, cleaned)


def _drop_tracking_pixel(match: re.Match[str]) -> str:
    return "" if _TINY.search(match.group(0)) else match.group(0)


def html_to_text(fragment: str) -> str:
    """Readable plain text: tags gone, entities decoded, paragraphs on their own lines."""
    if not fragment:
        return ""
    # The break goes before the tag: after "<pre>" the HTML parser would drop it
    # ("text<pre>code" read "textcode").
    marked = _BLOCK.sub(lambda m: "\n" + m.group(0), fragment)
    return _tidy_text(html.unescape(nh3.clean(marked, tags=set(), strip_comments=True)))


def sanitized_to_text(fragment: str) -> str:
    """``html_to_text`` of what ``sanitize_html`` or ``text_to_html`` returned, without
    parsing it a second time: their output is serialized HTML (see ``_CLEAN_TAG``), so its
    tags come off with a regular expression. Only for that output; anything else goes
    through ``html_to_text``."""
    if not fragment:
        return ""
    unmarked = _CLEAN_ANY.sub("", _CLEAN_BLOCK.sub("\n", fragment))
    return _tidy_text(html.unescape(unmarked))


def _tidy_text(text: str) -> str:
    lines = (line.strip() for line in _SPACES.sub(" ", text).split("\n"))
    return _BLANK_LINES.sub("\n", "\n".join(line for line in lines if line)).strip()


def text_to_html(text: str, notes: set[str] | None = None) -> str:
    """Plain text shown as HTML: escaped, with blank lines as paragraph breaks."""
    text = cut_html(text, MAX_ENTRY_CHARS, notes)
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)


def plain_title(raw: str, is_html: bool = True, notes: set[str] | None = None) -> str:
    """A title as plain text, whitespace collapsed, at most ``MAX_TITLE_CHARS`` characters.

    ``is_html``: the title is HTML (Atom ``type="html"``, or RSS markup that looks like HTML):
    its HTML tags are removed and entities decoded, but angle-bracketed words that are no HTML
    element (``List<String>``) stay. A text title keeps every character as it is; whoever
    shows it escapes it.
    """
    if is_html and not _NOT_VERBATIM.search(raw, 0, MAX_TITLE_SOURCE):
        text = raw[:MAX_TITLE_SOURCE]  # no markup: the parser would hand it back unchanged
    elif is_html:
        raw = limit_depth(raw[:MAX_TITLE_SOURCE])
        text = html.unescape(nh3.clean(_TAG_NAME.sub(_escape_non_html, raw), tags=set(),
                                       strip_comments=True))
    else:
        text = raw[:MAX_TITLE_SOURCE]
    return cut_text(" ".join(text.split()), MAX_TITLE_CHARS, notes, CUT_TITLE)


def looks_like_html(text: str) -> bool:
    """Whether a title the feed did not label (RSS) is HTML: it closes an HTML element.

    feedparser's own guess also requires every tag to be on its allow-list, so a title with
    ``<script>`` in it would count as text; ours only asks for real HTML.
    """
    return any(_is_html_name(m.group(1)) for m in _CLOSE_TAG.finditer(text))


def _is_html_name(name: str) -> bool:
    # "<b>" and "<B>" are markup; "<Data>" and "<Option>" are type names in code.
    return name.lower() in HTML_ELEMENTS and (name.islower() or name.isupper())


def _escape_non_html(match: re.Match[str]) -> str:
    return match.group(0) if _is_html_name(match.group(2)) else "&lt;" + match.group(0)[1:]
