"""OPML 2.0 import and export; folders are categories (nested folders joined with " / ").

OPML is XML we parse ourselves, so it goes through defusedxml: an entity bomb or an external
entity in a file someone mailed the press section is refused, not expanded. The file is read
as a stream of start and end tags (no tree, no recursion), so outlines nested ten thousand
deep are refused with their line number instead of ending in a RecursionError.

What other readers write, and what we keep of it:

* A feed in two folders (Feedly writes one outline per folder) is one source with both
  folders: ``category`` and its other folders (``source_category``). Export writes it in
  each folder again.
* An outline without a title stays untitled — the feed's own title is taken on the first
  refresh. A "title" that is only the feed's address (what many readers, and we, used to
  write for untitled feeds) counts as no title.
* One feed in several spellings (``HTTP://``, a trailing ``/``, a ``#fragment``) is one source.
* ``user:password@`` in a feed address is removed (and reported): a password never goes into
  the database or back out in an export. Site links that are not web pages
  (``javascript:``...) are dropped. Titles keep 500 characters, folder names 100.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser
from sqlalchemy import insert, select

from core.entries.limits import MAX_TITLE_CHARS, cut_text
from core.errors import KnownError
from core.feeds.sources import (
    CATEGORY_MAX_LENGTH,
    SOURCE_CATEGORIES,
    SOURCES,
    extra_categories,
    list_sources,
    normalise_url,
    url_key,
    without_credentials,
)
from core.links import stored_link
from core.storage.database import Database
from core.storage.types import utcnow

CATEGORY_SEPARATOR = " / "
MAX_DEPTH = 50  # folders within folders; readers write 1–3
MAX_FEEDS = 20_000  # outlines with a feed address in one file
MAX_FOLDER_CHARS = 100
CHUNK = 64 * 1024


@dataclass
class OpmlFeed:
    url: str
    title: str | None
    category: str | None
    site_url: str | None = None
    extra_categories: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    already_present: list[str] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)
    credentials_removed: list[str] = field(default_factory=list)  # addresses, as stored


class _Refused(Exception):
    """Raised from inside the parser; read_opml turns it into a KnownError with the line."""


class _OutlineReader:
    """An ElementTree parser target: collects feed outlines as the tags stream past."""

    def __init__(self) -> None:
        self.path: list[str] = []  # element names from the root
        self.folders: list[str | None] = []  # per open outline: its folder name, or None
        self.feeds: dict[str, OpmlFeed] = {}  # by url_key, in file order
        self.seen_body = False
        self.outlines = 0

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        if not self.path and tag != "opml":
            raise _Refused("not an OPML file (no <opml><body>)")
        self.path.append(tag)
        if self.path[:2] == ["opml", "body"]:
            self.seen_body = True
        if tag != "outline" or self.path[:2] != ["opml", "body"]:
            return
        if len(self.folders) >= MAX_DEPTH:
            raise _Refused(f"outlines are nested more than {MAX_DEPTH} deep")
        attrs = {key.lower(): value for key, value in attrib.items()}
        url = (attrs.get("xmlurl") or "").strip()
        label = _label(attrs, url)
        if url:
            self.outlines += 1
            if self.outlines > MAX_FEEDS:
                raise _Refused(f"more than {MAX_FEEDS:,} feeds in one file")
            self._add(url, label, attrs)
            self.folders.append(None)
        else:
            self.folders.append(cut_text(label, MAX_FOLDER_CHARS, None, "") if label else None)

    def end(self, tag: str) -> None:
        if tag == "outline" and self.path[:2] == ["opml", "body"] and len(self.path) > 2:
            self.folders.pop()
        self.path.pop()

    def data(self, text: str) -> None:
        pass

    def close(self) -> None:
        if not self.seen_body:
            raise _Refused("not an OPML file (no <opml><body>)")

    def _add(self, url: str, label: str | None, attrs: dict[str, str]) -> None:
        folders = [f for f in self.folders if f]
        categories = [CATEGORY_SEPARATOR.join(folders)] if folders else _categories(
            attrs.get("category", ""))
        key = url_key(url)
        known = self.feeds.get(key)
        if known is None:
            self.feeds[key] = OpmlFeed(url, label, categories[0] if categories else None,
                                       attrs.get("htmlurl"), categories[1:])
            return
        # The same feed again (another folder, another spelling): one source, every folder.
        known.title = known.title or label
        known.site_url = known.site_url or attrs.get("htmlurl")
        for category in categories:
            if category != known.category and category not in known.extra_categories:
                if known.category is None:
                    known.category = category
                else:
                    known.extra_categories.append(category)


def _label(attrs: dict[str, str], url: str) -> str | None:
    """The outline's title, as plain text; an address standing in for a title is none."""
    for name in ("title", "text"):
        value = " ".join((attrs.get(name) or "").split())
        if value and url_key(value) not in (url_key(url), url_key(attrs.get("htmlurl", ""))):
            return cut_text(value, MAX_TITLE_CHARS, None, "")
    return None


def _categories(value: str) -> list[str]:
    """OPML 2.0's ``category`` attribute: comma-separated slash-delimited paths
    (``/Boston/Weather,/Politics``), as our folder paths (``Boston / Weather``)."""
    found = []
    for path in value.split(","):
        parts = [cut_text(part.strip(), MAX_FOLDER_CHARS, None, "") for part in path.split("/")]
        joined = CATEGORY_SEPARATOR.join(part for part in parts if part)
        if joined and joined not in found:
            found.append(joined)
    return found


def read_opml(path: Path) -> list[OpmlFeed]:
    reader = _OutlineReader()
    parser = DefusedXMLParser(target=reader)
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(CHUNK):
                parser.feed(chunk)
        parser.close()
    except FileNotFoundError:
        raise KnownError(f"no such file: {path}") from None
    except OSError as exc:  # a folder, no permission: the user picked the wrong thing
        raise KnownError(f"cannot read {path}: {exc.strerror or exc}") from None
    except ET.ParseError as exc:
        line, column = exc.position
        raise KnownError(f"{path}: not valid OPML/XML at line {line}, column {column}") from None
    except DefusedXmlException as exc:
        raise KnownError(f"{path}: refused unsafe XML ({type(exc).__name__})") from None
    except _Refused as exc:
        expat = getattr(parser, "parser", None)  # gone once the parser is closed
        where = f" (line {expat.CurrentLineNumber})" if expat is not None else ""
        raise KnownError(f"{path}: {exc}{where}; nothing was imported") from None
    return list(reader.feeds.values())


def import_opml(db: Database, path: Path, interval_minutes: int = 60) -> ImportReport:
    """Add every feed not already present, in one transaction. Feeds are not fetched here."""
    report = ImportReport()
    feeds = read_opml(path)
    with db.write() as conn:
        known = {url_key(url) for url in conn.execute(select(SOURCES.c.url)).scalars()}
        for feed in feeds:
            bare = without_credentials(feed.url)
            try:
                url = normalise_url(bare)
            except KnownError:
                report.invalid.append(bare)
                continue
            if bare != feed.url.strip():
                report.credentials_removed.append(url)
            if url_key(url) in known:
                report.already_present.append(url)
                continue
            # Folders nested past the column's width keep their outer levels.
            category = (feed.category or None) and feed.category[:CATEGORY_MAX_LENGTH]
            source_id = conn.execute(insert(SOURCES).values(
                url=url, kind="feed", title=feed.title, category=category,
                site_url=stored_link(feed.site_url), interval_minutes=interval_minutes,
                enabled=True,
                status="new", error_count=0, created_at=utcnow())).inserted_primary_key[0]
            extra = dict.fromkeys(c[:CATEGORY_MAX_LENGTH] for c in feed.extra_categories)
            extra.pop(category, None)
            if extra:
                conn.execute(insert(SOURCE_CATEGORIES),
                             [{"source_id": source_id, "category": c} for c in extra])
            known.add(url_key(url))
            report.added.append(url)
    return report


def export_opml(db: Database, path: Path) -> int:
    """Write every feed source as OPML 2.0 with categories as folders; returns the count.

    A feed in several folders is written in each (as Feedly does); an untitled feed gets an
    empty ``text`` (OPML requires the attribute), never its address as a title.
    """
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = "Attaché sources"
    ET.SubElement(head, "dateCreated").text = format_datetime(datetime.now(UTC))
    body = ET.SubElement(root, "body")
    folders: dict[str, ET.Element] = {}

    def folder(category: str | None) -> ET.Element:
        parent = body
        path_so_far = ""
        for part in (category or "").split(CATEGORY_SEPARATOR) if category else []:
            path_so_far = f"{path_so_far}{CATEGORY_SEPARATOR}{part}" if path_so_far else part
            if path_so_far not in folders:
                folders[path_so_far] = ET.SubElement(parent, "outline", text=part, title=part)
            parent = folders[path_so_far]
        return parent

    count = 0
    for row in list_sources(db):
        if row["kind"] != "feed":
            continue
        attrs = {"type": "rss", "text": row["title"] or "", "xmlUrl": row["url"]}
        if row["title"]:
            attrs["title"] = row["title"]
        if row["site_url"]:
            attrs["htmlUrl"] = row["site_url"]
        for category in [row["category"], *extra_categories(row)]:
            ET.SubElement(folder(category), "outline", attrs)
        count += 1
    ET.indent(root)
    Path(path).write_bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True))
    return count

