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
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

import feedparser

from core.feeds.sanitize import html_to_text, plain_title, sanitize_html, text_to_html
from core.storage.text import storable_fields

MAX_GUID = 512
# Servers label feeds text/html or text/plain all the time; that is no fault of the feed's.
IGNORED_BOZO = (feedparser.NonXMLContentType,)
# feedparser's last resort when no declared encoding works: Cyrillic text comes out garbled.
GUESSED_ENCODINGS = ("windows-1252", "iso-8859-1", "iso-8859-2")
HTML_TYPES = ("text/html", "application/xhtml+xml")


class ParseError(Exception):
    """The bytes are not a feed we can read; the message says what they looked like."""


@dataclass
class ParsedEntry:
    guid: str
    url: str | None
    title: str
    author: str | None
    published: datetime | None
    published_raw: str | None
    content_html: str
    content_text: str

    def __post_init__(self) -> None:
        storable_fields(self)  # what is stored is what the next refresh compares (no NUL)

    @property
    def content_hash(self) -> str:
        parts = (self.title, self.url or "", self.author or "", self.content_html)
        return hashlib.sha256("\x00".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


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
    # No content-location: feedparser would urljoin every element against it (a third of its
    # time); links and content are resolved against ``url`` below, only where they are used.
    headers = {"content-type": content_type} if content_type else {}
    try:
        parsed = feedparser.parse(body, response_headers=headers, sanitize_html=False,
                                  resolve_relative_uris=False)
    except Exception as exc:  # feedparser is robust, but a hostile document is hostile
        raise ParseError(f"could not parse the feed: {exc}") from exc
    warning = None
    exc = parsed.get("bozo_exception")
    if isinstance(exc, feedparser.CharacterEncodingOverride):
        # Mostly harmless (a header saying us-ascii over a UTF-8 document) unless it guessed.
        if parsed.get("encoding", "").lower() in GUESSED_ENCODINGS:
            warning = (f"the feed's character encoding could not be trusted; read as "
                       f"{parsed['encoding']}, so non-Latin text may be garbled")
    elif parsed.get("bozo") and not isinstance(exc, IGNORED_BOZO):
        warning = _bozo_message(exc)
    if not parsed.get("version") and not parsed.entries:
        if body.lstrip()[:200].lower().startswith((b"<!doctype html", b"<html")):
            raise ParseError("this is a web page, not a feed")
        raise ParseError(f"not a feed: {warning or 'no RSS, Atom or JSON Feed content'}")
    feed = parsed.feed
    result = ParsedFeed(
        format=parsed.get("version") or "unknown",
        title=plain_title(feed.get("title", "")) or None,
        site_url=feed.get("link") or None,
        warning=warning,
    )
    seen: set[str] = set()
    for entry in parsed.entries:
        item = _entry_from_feedparser(entry, url)
        if item.guid in seen:  # a repeated guid in one document is one item
            continue
        seen.add(item.guid)
        result.entries.append(item)
    return result


def _bozo_message(exc: Any) -> str:
    text = str(exc) if exc else "malformed feed"
    return f"{type(exc).__name__}: {text}" if exc else text


def _entry_from_feedparser(entry: Any, base_url: str) -> ParsedEntry:
    content_html = _entry_html(entry, base_url)
    # Titles declared text/plain still arrive with escaped markup in the wild; strip it too.
    title = plain_title(entry.get("title", ""))
    text = html_to_text(content_html)
    published_struct = entry.get("published_parsed") or entry.get("updated_parsed")
    raw_date = entry.get("published") or entry.get("updated")
    published = _from_struct(published_struct)
    link = entry.get("link") or None
    if link and base_url and "://" not in link:
        link = urljoin(entry.get("title_detail", {}).get("base") or base_url, link)
    author = plain_title(entry.get("author", "")) or None
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


def _entry_html(entry: Any, base_url: str) -> str:
    contents = entry.get("content") or []
    chosen = next((c for c in contents if c.get("type") in HTML_TYPES), None)
    if chosen is None and contents:
        chosen = contents[0]
    if chosen is None:
        chosen = entry.get("summary_detail") or {"value": entry.get("summary", ""),
                                                  "type": "text/html"}
    value = chosen.get("value") or ""
    if chosen.get("type") in HTML_TYPES:
        return sanitize_html(value, chosen.get("base") or base_url)
    return text_to_html(value)  # text/plain: escape, never interpret


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
    if not isinstance(doc, dict) or not str(doc.get("version", "")).startswith(
            "https://jsonfeed.org/version/"):
        raise ParseError("JSON document is not a JSON Feed (no jsonfeed.org version)")
    version = str(doc["version"]).rsplit("/", 1)[-1]
    items = doc.get("items")
    if not isinstance(items, list):
        raise ParseError("JSON Feed has no items list")
    feed_author = _json_author(doc)
    result = ParsedFeed(
        format="json" + version.replace(".", ""),
        title=plain_title(_text(doc.get("title")), is_html=False) or None,
        site_url=_text(doc.get("home_page_url")) or None,
    )
    seen: set[str] = set()
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            result.warning = f"item {index + 1} is not an object; skipped"
            continue
        entry = _entry_from_json(item, feed_author)
        if entry.guid not in seen:
            seen.add(entry.guid)
            result.entries.append(entry)
    return result


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _json_author(obj: dict[str, Any]) -> str | None:
    authors = obj.get("authors")
    if isinstance(authors, list):
        names = [_text(a.get("name")) for a in authors if isinstance(a, dict)]
        names = [n for n in names if n]
        if names:
            return ", ".join(names)
    author = obj.get("author")
    if isinstance(author, dict) and _text(author.get("name")):
        return _text(author.get("name"))
    return None


def _entry_from_json(item: dict[str, Any], feed_author: str | None) -> ParsedEntry:
    if _text(item.get("content_html")):
        content_html = sanitize_html(item["content_html"])
    elif _text(item.get("content_text")):
        content_html = text_to_html(item["content_text"])
    else:
        content_html = text_to_html(_text(item.get("summary")))
    text = html_to_text(content_html)
    url = _text(item.get("url")) or _text(item.get("external_url")) or None
    title = plain_title(_text(item.get("title")), is_html=False)
    raw_date = _text(item.get("date_published")) or _text(item.get("date_modified")) or None
    raw_id = item.get("id")
    guid = raw_id if isinstance(raw_id, str | int) and not isinstance(raw_id, bool) else None
    return ParsedEntry(
        guid=make_guid(guid, url, title, raw_date, text),
        url=url,
        title=title,
        author=_json_author(item) or feed_author,
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
