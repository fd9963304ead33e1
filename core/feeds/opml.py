"""OPML 2.0 import and export; folders are categories (nested folders joined with " / ").

OPML is XML we parse ourselves, so it goes through defusedxml: an entity bomb or an external
entity in a file someone mailed the press section is refused, not expanded.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import parse as safe_parse
from sqlalchemy import insert, select

from core.errors import KnownError
from core.feeds.sources import CATEGORY_MAX_LENGTH, SOURCES, list_sources, normalise_url
from core.links import stored_link
from core.storage.database import Database
from core.storage.types import utcnow

CATEGORY_SEPARATOR = " / "


@dataclass
class OpmlFeed:
    url: str
    title: str | None
    category: str | None
    site_url: str | None = None


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    already_present: list[str] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)


def read_opml(path: Path) -> list[OpmlFeed]:
    try:
        tree = safe_parse(str(path))
    except FileNotFoundError:
        raise KnownError(f"no such file: {path}") from None
    except OSError as exc:  # a folder, no permission: the user picked the wrong thing
        raise KnownError(f"cannot read {path}: {exc.strerror or exc}") from None
    except ET.ParseError as exc:
        line, column = exc.position
        raise KnownError(f"{path}: not valid OPML/XML at line {line}, column {column}") from None
    except DefusedXmlException as exc:
        raise KnownError(f"{path}: refused unsafe XML ({type(exc).__name__})") from None
    root = tree.getroot()
    body = root.find("body")
    if root.tag != "opml" or body is None:
        raise KnownError(f"{path}: not an OPML file (no <opml><body>)")
    feeds: list[OpmlFeed] = []
    _walk(body, [], feeds)
    return feeds


def _walk(node: ET.Element, folders: list[str], out: list[OpmlFeed]) -> None:
    for outline in node.findall("outline"):
        url = outline.get("xmlUrl") or outline.get("xmlurl")
        label = outline.get("title") or outline.get("text")
        if url:
            category = outline.get("category") if not folders else CATEGORY_SEPARATOR.join(folders)
            out.append(OpmlFeed(url.strip(), label, category or None, outline.get("htmlUrl")))
        _walk(outline, folders + [label] if not url and label else folders, out)


def import_opml(db: Database, path: Path, interval_minutes: int = 60) -> ImportReport:
    """Add every feed not already present, in one transaction. Feeds are not fetched here."""
    report = ImportReport()
    feeds = read_opml(path)
    with db.write() as conn:
        known = set(conn.execute(select(SOURCES.c.url)).scalars())
        for feed in feeds:
            try:
                url = normalise_url(feed.url)
            except KnownError:
                report.invalid.append(feed.url)
                continue
            if url in known:
                report.already_present.append(url)
                continue
            conn.execute(insert(SOURCES).values(
                url=url, kind="feed", title=feed.title,
                # Folders nested past the column's width keep their outer levels.
                category=(feed.category or None) and feed.category[:CATEGORY_MAX_LENGTH],
                site_url=stored_link(feed.site_url), interval_minutes=interval_minutes,
                enabled=True,
                status="new", error_count=0, created_at=utcnow()))
            known.add(url)
            report.added.append(url)
    return report


def export_opml(db: Database, path: Path) -> int:
    """Write every feed source as OPML 2.0 with categories as folders; returns the count."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = "Attaché sources"
    ET.SubElement(head, "dateCreated").text = format_datetime(datetime.now(UTC))
    body = ET.SubElement(root, "body")
    folders: dict[str, ET.Element] = {}
    count = 0
    for row in list_sources(db):
        if row["kind"] != "feed":
            continue
        parent = body
        if row["category"]:
            path_so_far = ""
            for part in row["category"].split(CATEGORY_SEPARATOR):
                path_so_far = f"{path_so_far}{CATEGORY_SEPARATOR}{part}" if path_so_far else part
                if path_so_far not in folders:
                    folders[path_so_far] = ET.SubElement(parent, "outline", text=part, title=part)
                parent = folders[path_so_far]
        title = row["title"] or row["url"]
        attrs = {"type": "rss", "text": title, "title": title, "xmlUrl": row["url"]}
        if row["site_url"]:
            attrs["htmlUrl"] = row["site_url"]
        ET.SubElement(parent, "outline", attrs)
        count += 1
    ET.indent(root)
    Path(path).write_bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True))
    return count
