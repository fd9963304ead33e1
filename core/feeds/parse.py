"""Parsing feed bytes into entries we can store: RSS/Atom via feedparser, JSON Feed ourselves.

feedparser is always given bytes (a string would be opened as a URL or a path) and the HTTP
Content-Type, so the declared charset, the XML declaration and a BOM all count. Its own
sanitizer is switched off: every fragment goes through ``sanitize_html`` (nh3), which is both
stricter and several times faster.
"""

from __future__ import annotations

import calendar
import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

import feedparser

from core.entries.entry import ParsedEntry
from core.entries.limits import warning_for
from core.entries.sanitize import (
    looks_like_html,
    plain_title,
    sanitize_html,
    sanitized_to_text,
    text_to_html,
)

MAX_GUID = 512
# Servers label feeds text/html or text/plain all the time; that is no fault of the feed's.
IGNORED_BOZO = (feedparser.NonXMLContentType,)
# feedparser's last resort when no declared encoding works: Cyrillic text comes out garbled.
GUESSED_ENCODINGS = ("windows-1252", "iso-8859-1", "iso-8859-2")
HTML_TYPES = ("text/html", "application/xhtml+xml")
JSON_FEED_VERSIONS = ("https://jsonfeed.org/version/", "http://jsonfeed.org/version/")


class ParseError(Exception):
    """The bytes are not a feed we can read; the message says what they looked like."""


class UnreadableFeed(ParseError):
    """The bytes cannot even be read as text (a wrong encoding, binary data): whatever they
    are, looking for feed links in them is pointless."""


@dataclass
class ParsedFeed:
    format: str
    title: str | None = None
    site_url: str | None = None
    entries: list[ParsedEntry] = field(default_factory=list)
    warning: str | None = None  # a bozo feed: what was wrong, though entries were kept


def parse_feed(body: bytes, content_type: str = "", url: str = "") -> ParsedFeed:
    if _looks_like_json(body, content_type):
        return parse_json_feed(body)
    return _parse_xml_feed(body, content_type, url)


def _looks_like_json(body: bytes, content_type: str) -> bool:
    head = body[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    return "json" in content_type.lower() or head.startswith(b"{")


# ---------------------------------------------------------------- RSS and Atom (feedparser)

def _parse_xml_feed(body: bytes, content_type: str, url: str) -> ParsedFeed:
    parsed = _feedparser(body, content_type)
    recovered = None
    if not _usable(parsed):
        parsed, recovered = _recover_encoding(body, content_type, parsed)
    warning = recovered or _encoding_warning(parsed, body, content_type)
    exc = parsed.get("bozo_exception")
    if warning is None and parsed.get("bozo") and not isinstance(
            exc, IGNORED_BOZO + (feedparser.CharacterEncodingOverride,)):
        warning = _bozo_message(exc)
    if not _usable(parsed):
        if body.lstrip()[:200].lower().startswith((b"<!doctype html", b"<html")):
            raise ParseError("this is a web page, not a feed")
        unreadable = _why_unreadable(body, content_type)
        if unreadable:
            raise UnreadableFeed(unreadable)
        raise ParseError(f"not a feed: {warning or 'no RSS, Atom or JSON Feed content'}")
    feed = parsed.feed
    version = parsed.get("version") or ""
    notes: set[str] = set()
    result = ParsedFeed(
        format=version or "unknown",
        title=_title(feed, version, notes) or None,
        site_url=feed.get("link") or None,
    )
    seen: set[str] = set()
    for entry in parsed.entries:
        item = _entry_from_feedparser(entry, url, version, notes)
        if item.guid in seen:  # a repeated guid in one document is one item
            continue
        seen.add(item.guid)
        result.entries.append(item)
    result.warning = join_warnings(warning, warning_for(notes))
    return result


def _feedparser(body: bytes, content_type: str) -> Any:
    # No content-location: feedparser would urljoin every element against it (a third of its
    # time); links and content are resolved against ``url`` below, only where they are used.
    headers = {"content-type": content_type} if content_type else {}
    try:
        return feedparser.parse(body, response_headers=headers, sanitize_html=False,
                                resolve_relative_uris=False)
    except Exception as exc:  # feedparser is robust, but a hostile document is hostile
        raise ParseError(f"could not parse the feed: {exc}") from exc


def _usable(parsed: Any) -> bool:
    return bool(parsed.get("version") or parsed.entries)


# ---------------------------------------------------------------- character encodings

_XML_DECLARATION = re.compile(
    rb"^(\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*[\"']([^\"']{1,40})[\"']")
UTF8_NAMES = ("utf-8", "utf8", "us-ascii", "ascii")
# Declared, these can never describe bytes that are also ASCII-compatible XML.
# How UTF-16 and UTF-32 XML starts (a byte order mark, or "<" with its zero bytes).
WIDE_STARTS = (b"\xff\xfe", b"\xfe\xff", b"<\x00", b"\x00<")
WIDE_ENCODINGS = ("utf-16", "utf-16le", "utf-16be", "utf-32", "utf-32le", "utf-32be", "ucs-2",
                  "ucs-4", "iso-10646-ucs-2")


def _declared_encoding(body: bytes, content_type: str) -> str | None:
    """What the document says it is: the HTTP charset wins over the XML declaration
    (RFC 3023, as feedparser reads it)."""
    charset = content_charset(content_type)
    if charset:
        return charset.lower()
    match = _XML_DECLARATION.match(body[:512])
    return match.group(2).decode("ascii", "replace").strip().lower() if match else None


def _recover_encoding(body: bytes, content_type: str, parsed: Any) -> tuple[Any, str | None]:
    """A feed that declares one encoding and is sent in UTF-8 (a server's or a CMS's template
    says utf-16): when the bytes are valid UTF-8, read it as UTF-8 and say so."""
    declared = _declared_encoding(body, content_type)
    if not declared or declared in UTF8_NAMES or not _is_utf8(body):
        return parsed, None
    bare_type = content_type.split(";", 1)[0]
    fixed = _XML_DECLARATION.sub(lambda m: _with_encoding(m, b"utf-8"), body[:512], count=1)
    retried = _feedparser(fixed + body[512:], bare_type)
    if not _usable(retried):
        return parsed, None
    return retried, (f"the feed says its text is {declared}, but it is UTF-8; "
                     "it was read as UTF-8")


def _with_encoding(match: re.Match[bytes], encoding: bytes) -> bytes:
    whole = match.group(0)
    start, end = match.span(2)
    offset = match.start(0)
    return whole[:start - offset] + encoding + whole[end - offset:]


def _encoding_warning(parsed: Any, body: bytes, content_type: str) -> str | None:
    if not isinstance(parsed.get("bozo_exception"), feedparser.CharacterEncodingOverride):
        return None
    used = str(parsed.get("encoding", "")).lower()
    # Mostly harmless (a header saying us-ascii over a UTF-8 document) unless it guessed.
    if used in GUESSED_ENCODINGS:
        return (f"the feed's character encoding could not be trusted; read as {used}, "
                "so non-Latin text may be garbled")
    declared = _declared_encoding(body, content_type)
    if declared in WIDE_ENCODINGS and used.startswith("utf-8"):
        return f"the feed says its text is {declared}, but it is UTF-8; it was read as UTF-8"
    return None


def _why_unreadable(body: bytes, content_type: str) -> str | None:
    """Why a document that failed to parse cannot even be read as text, or None when it
    could be read (and simply is no feed)."""
    head = body[:4096]
    if b"\x00" in head and not head.lstrip(b"\x00 \t\r\n").startswith(WIDE_STARTS):
        return "the feed cannot be read: the server sent binary data, not text"
    declared = _declared_encoding(body, content_type)
    if not declared or declared in UTF8_NAMES or _is_utf8(body):
        return None
    try:
        readable = _decodes(body, declared) and declared not in WIDE_ENCODINGS
    except LookupError:
        return (f"the feed cannot be read: it says its text is in an unknown encoding "
                f"({declared}), and it is not UTF-8")
    if readable:
        return None
    return (f"the feed cannot be read: it says its text is {declared}, but its bytes are "
            "neither that nor UTF-8")


def _is_utf8(body: bytes) -> bool:
    return _decodes(body, "utf-8")


def _decodes(body: bytes, encoding: str) -> bool:
    try:
        body.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def content_charset(content_type: str) -> str | None:
    """The ``charset`` parameter of a Content-Type header, if any."""
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ")
    return None


def join_warnings(*warnings: str | None) -> str | None:
    return "; ".join(w for w in warnings if w) or None


def _bozo_message(exc: Any) -> str:
    text = str(exc) if exc else "malformed feed"
    return f"{type(exc).__name__}: {text}" if exc else text


# ---------------------------------------------------------------- entries

def _title(detail_owner: Any, version: str, notes: set[str]) -> str:
    """A feed's or an entry's title as plain text (see ``plain_title``).

    Atom says what its titles are (``type="text"`` is the default); feedparser's type for
    RSS is a guess, so an RSS title is HTML when feedparser thinks so or when it closes an
    HTML element (feedparser refuses the guess when a tag like ``<script>`` is not on its
    allow-list), and text otherwise, angle brackets and all.
    """
    raw = detail_owner.get("title", "")
    kind = (detail_owner.get("title_detail") or {}).get("type", "text/plain")
    if version.startswith("atom"):
        is_html = kind in HTML_TYPES
    else:
        is_html = kind in HTML_TYPES or looks_like_html(raw)
    return plain_title(raw, is_html=is_html, notes=notes)


def _entry_from_feedparser(entry: Any, base_url: str, version: str = "",
                           notes: set[str] | None = None) -> ParsedEntry:
    notes = set() if notes is None else notes
    # A plain dict: FeedParserDict.get runs its alias table in Python on every lookup (a
    # fifth of this function's time), and no key read here is an alias.
    entry = dict(entry)
    content_html = _entry_html(entry, base_url, notes)
    title = _title(entry, version, notes)
    text = sanitized_to_text(content_html)
    published_struct = entry.get("published_parsed") or entry.get("updated_parsed")
    raw_date = entry.get("published") or entry.get("updated")
    published = _from_struct(published_struct)
    link = entry.get("link") or None
    if link and base_url and "://" not in link:
        link = urljoin(entry.get("title_detail", {}).get("base") or base_url, link)
    author = plain_title(entry.get("author", ""), notes=notes) or None
    return ParsedEntry(
        guid=make_guid(entry.get("id"), link, title, raw_date, text),
        url=link,
        title=title,
        author=author,
        published=published,
        published_raw=raw_date,
        content_html=content_html,
        content_text=text,
    )


def _entry_html(entry: Any, base_url: str, notes: set[str] | None = None) -> str:
    contents = entry.get("content") or []
    chosen = next((c for c in contents if c.get("type") in HTML_TYPES), None)
    if chosen is None and contents:
        chosen = contents[0]
    if chosen is None:
        chosen = entry.get("summary_detail") or {"value": entry.get("summary", ""),
                                                  "type": "text/html"}
    value = chosen.get("value") or ""
    if chosen.get("type") in HTML_TYPES:
        return sanitize_html(value, chosen.get("base") or base_url, notes)
    return text_to_html(value, notes)  # text/plain: escape, never interpret


def _from_struct(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), UTC)
    except (OverflowError, ValueError, OSError, TypeError):
        return None


def make_guid(guid: Any, link: str | None, title: str, date: str | None, text: str) -> str:
    """The dedupe key: the feed's guid, else the link, else a hash of title+date+summary."""
    key = str(guid).strip() if guid not in (None, "") else ""
    if not key:
        key = (link or "").strip()
    if not key:
        digest = hashlib.sha256(f"{title}\x00{date or ''}\x00{text}".encode("utf-8",
                                                                           "surrogatepass"))
        return "hash:" + digest.hexdigest()
    if len(key) > MAX_GUID:  # keeps the unique index small and bounded on PostgreSQL
        return "sha256:" + hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
    return key


# ---------------------------------------------------------------- JSON Feed 1.0 / 1.1

def parse_json_feed(body: bytes) -> ParsedFeed:
    try:
        doc = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise ParseError(f"not valid JSON: {exc}") from exc
    # The spec's URL is https; feeds written against the first drafts say http (and still
    # validate in the wild), so both name the same versions.
    if not isinstance(doc, dict) or not str(doc.get("version", "")).startswith(
            JSON_FEED_VERSIONS):
        raise ParseError("JSON document is not a JSON Feed (no jsonfeed.org version)")
    version = str(doc["version"]).rsplit("/", 1)[-1]
    items = doc.get("items")
    if not isinstance(items, list):
        raise ParseError("JSON Feed has no items list")
    notes: set[str] = set()
    feed_author = _json_author(doc, notes)
    result = ParsedFeed(
        format="json" + version.replace(".", "")[:10],
        title=plain_title(_text(doc.get("title")), is_html=False, notes=notes) or None,
        site_url=_text(doc.get("home_page_url")) or None,
    )
    seen: set[str] = set()
    skipped = None
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            skipped = f"item {index + 1} is not an object; skipped"
            continue
        entry = _entry_from_json(item, feed_author, notes)
        if entry.guid not in seen:
            seen.add(entry.guid)
            result.entries.append(entry)
    result.warning = join_warnings(skipped, warning_for(notes))
    return result


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _json_author(obj: dict[str, Any], notes: set[str]) -> str | None:
    authors = obj.get("authors")
    names: list[str] = []
    if isinstance(authors, list):
        names = [_text(a.get("name")) for a in authors if isinstance(a, dict)]
    author = obj.get("author")  # JSON Feed 1.0
    if not any(names) and isinstance(author, dict):
        names = [_text(author.get("name"))]
    return plain_title(", ".join(n for n in names if n), is_html=False, notes=notes) or None


def _entry_from_json(item: dict[str, Any], feed_author: str | None,
                     notes: set[str]) -> ParsedEntry:
    if _text(item.get("content_html")):
        content_html = sanitize_html(item["content_html"], notes=notes)
    elif _text(item.get("content_text")):
        content_html = text_to_html(item["content_text"], notes)
    else:
        content_html = text_to_html(_text(item.get("summary")), notes)
    text = sanitized_to_text(content_html)
    url = _text(item.get("url")) or _text(item.get("external_url")) or None
    title = plain_title(_text(item.get("title")), is_html=False, notes=notes)
    raw_date = _text(item.get("date_published")) or _text(item.get("date_modified")) or None
    raw_id = item.get("id")
    guid = raw_id if isinstance(raw_id, str | int) and not isinstance(raw_id, bool) else None
    return ParsedEntry(
        guid=make_guid(guid, url, title, raw_date, text),
        url=url,
        title=title,
        author=_json_author(item, notes) or feed_author,
        published=_parse_rfc3339(raw_date),
        published_raw=raw_date,
        content_html=content_html,
        content_text=text,
    )


def _parse_rfc3339(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)
