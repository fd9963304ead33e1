"""Importing replies from a CSV or XLSX file, for platforms whose API we cannot read.

X charges for reading replies, and Meta Business Suite can export comments an officer can see
but Attaché may have no token for; either way the officer hands us a spreadsheet. Each row is one
reply to one post: the post becomes an item of an "import" source (one per platform, created on
demand, ``own``), the row a reply of it. Export column names are not stable, so common headers
are recognised and ``--map COLUMN=FIELD`` names the rest.

The file is checked whole before anything is written: one bad line means nothing is imported
(unless ``skip_bad``), and the error names every bad line by its number in the file, the header
being line 1. Text is plain: it is escaped, never interpreted as HTML. Importing the same file
again changes nothing (replies are keyed by platform and id).

Fields and the headers recognised for them (case, spaces, ``_``, ``-`` and ``.`` do not matter;
a platform's own names are tried first, then the generic field name itself):

============  ==============================================================================
field         headers
============  ==============================================================================
id            X: Tweet id, Reply id, Status id · Meta: Comment ID · any: id
post_id       X: Conversation id · Meta: Post ID, Object ID · Instagram: Media ID
post_url      X: Conversation URL, Original tweet URL · Meta: Post link, Post permalink,
              Post URL · Instagram: Media link, Media permalink
parent_id     X: in_reply_to_status_id, In reply to tweet id, In reply to, Reply to,
              referenced_tweets.replied_to.id · Meta: Parent comment ID, Parent ID
author        X: Username, Screen name, author.username, Handle · Meta: Commenter,
              Commenter name, From · Instagram: Username
author_name   X: Name, Display name, author.name · Meta: (the commenter's name is the author)
text          X: Tweet text, Text, Full text, Reply text · Meta: Comment, Comment text, Message
published     X: time, created_at, Date · Meta: Date, Comment date, Created time ·
              Instagram: Timestamp
likes         X: likes, Like count, favorite_count, public_metrics.like_count ·
              Meta: Likes, Reactions
url           X: Tweet permalink, Tweet URL, Permalink · Meta: Comment link, Comment permalink
post_text     Meta: Post message, Post text (the post's own text, for the item's title)
============  ==============================================================================

Which post a row answers: ``post_id``, else ``post_url`` (for X the status id is read from an
``x.com/<user>/status/<id>`` link), else the ``parent_id`` itself (an export that only says what
each reply answers attaches each reply to that). A comment sheet exported from one post's page
often says none of this: ``post`` (``--post ITEM_ID_OR_URL``) attaches every row to that post —
an item of one of the embassy's own accounts by its id or link, or, for a link Attaché has not
seen, a new imported post with that link.

Files are read by core/spreadsheets.py: UTF-8 (with or without BOM), UTF-16 or Cyrillic
windows-1251 text (said in ``notes``), and .xlsx streamed with its sizes and the row limit
checked while reading. A row without ``id`` gets a stable one made from
its post, author, date and text. Dates: ISO 8601 (``2026-11-03T14:22:05Z``,
``2026-11-03 14:22:05``), X's ``Sun Nov 03 14:22:05 +0000 2026``, X analytics'
``2026-11-03 14:22 +0000``, Meta's month-first ``11/03/2026 14:22`` and day-first
``03.11.2026 14:22`` (Excel in Russian or Uzbek); a time without a zone is taken as UTC.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, insert, select

from core.entries.entry import ParsedEntry
from core.entries.sanitize import text_to_html
from core.entries.store import store_entries
from core.errors import KnownError, NotFoundError
from core.links import stored_link
from core.platforms import display_name, reply_export_platforms
from core.social.base import SocialReply
from core.social.replies import store_replies
from core.spreadsheets import csv_rows, read_csv, xlsx_rows
from core.storage.database import Database
from core.storage.models import ITEMS, SOURCES
from core.storage.types import utcnow

MAX_LINES = 50_000
FIELDS = ("id", "post_id", "post_url", "parent_id", "author", "author_name", "text",
          "published", "likes", "url", "post_text")
# The source each import lands in is titled after its platform (core/platforms.py records
# with reply_exports; ALIASES below knows their columns), or "generic" for any other sheet.
PLATFORMS = {**{key: f"{display_name(key)} (imported)" for key in reply_export_platforms()},
             "generic": "Imported replies"}
SHOWN_ERRORS = 20
POST_TITLE = "(imported post)"

_X_ALIASES = {
    "id": ["tweet id", "reply id", "status id"],
    "post_id": ["conversation id"],
    "post_url": ["conversation url", "original tweet url"],
    "parent_id": ["in reply to status id", "in reply to tweet id", "in reply to", "reply to",
                  "referenced tweets replied to id"],
    "author": ["username", "screen name", "user screen name", "author username", "handle"],
    "author_name": ["name", "display name", "author name"],
    "text": ["tweet text", "full text", "reply text"],
    "published": ["time", "created at", "date"],
    "likes": ["like count", "favorite count", "favorites", "public metrics like count"],
    "url": ["tweet permalink", "tweet url", "permalink"],
}
_META_ALIASES = {
    "id": ["comment id"],
    "post_id": ["post id", "object id"],
    "post_url": ["post link", "post permalink", "post url"],
    "parent_id": ["parent comment id", "parent id"],
    "author": ["commenter", "commenter name", "from"],
    "text": ["comment", "comment text", "message", "comment message"],
    "published": ["date", "comment date", "created time", "date created"],
    "likes": ["reactions", "like count", "comment likes"],
    "url": ["comment link", "comment permalink", "comment url"],
    "post_text": ["post message", "post text"],
}
_INSTAGRAM_ALIASES = {
    **_META_ALIASES,
    "post_id": ["media id", *_META_ALIASES["post_id"]],
    "post_url": ["media link", "media permalink", *_META_ALIASES["post_url"]],
    "author": ["username", *_META_ALIASES["author"]],
    "published": ["timestamp", *_META_ALIASES["published"]],
}
ALIASES = {"x": _X_ALIASES, "facebook": _META_ALIASES, "instagram": _INSTAGRAM_ALIASES,
           "generic": {}}
# Every header any platform's export uses: they tell a file's separator from its first line.
_ALL_HEADERS = sorted({a for table in ALIASES.values() for names in table.values()
                       for a in names} | set(FIELDS))

_X_STATUS = re.compile(r"^https?://(?:www\.|mobile\.)?(?:x|twitter)\.com/[^/]+/status(?:es)?/"
                       r"(\d+)", re.IGNORECASE)
_EXCEL_SHORTENED = re.compile(r"^\d(?:[.,]\d+)?E\+?\d+$", re.IGNORECASE)
_SEPARATORS = re.compile(r"[\s_.\-]+")
DATE_FORMATS = (
    "%a %b %d %H:%M:%S %z %Y",  # X API v1.1 / archive: Sun Nov 03 14:22:05 +0000 2026
    "%m/%d/%Y %H:%M", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %I:%M %p", "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%Y",  # Meta Business Suite (US order)
    "%d.%m.%Y %H:%M", "%d.%m.%Y %H:%M:%S", "%d.%m.%Y",  # Excel in ru/uz locales
)


@dataclass
class ImportSummary:
    items_created: int = 0
    replies_created: int = 0
    replies_updated: int = 0
    skipped_lines: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what was assumed to read the file


class LineError(ValueError):
    """What is wrong with one line; the caller adds the line number."""


@dataclass
class _Row:
    reply: SocialReply
    post_url: str | None
    post_text: str | None


# ---------------------------------------------------------------------------- entry point

def import_replies_file(db: Database, path: str | Path, platform: str,
                        mapping: dict[str, str] | None = None,
                        skip_bad: bool = False, post: str | None = None) -> ImportSummary:
    """Import every line of ``path`` as a reply, all in one transaction, or raise KnownError.

    ``post`` (an item id or a post's link) attaches every line to that one post.
    """
    if platform not in PLATFORMS:
        raise KnownError(f"unknown platform {platform!r}; one of {', '.join(PLATFORMS)}")
    path = Path(path)
    target = _target(db, post, platform) if post is not None else None
    notes: list[str] = []
    headers, lines = read_table(path, notes)
    columns = detect_columns(headers, platform, mapping, post_given=target is not None)
    rows: list[_Row] = []
    bad: list[str] = []
    for number, cells in lines:
        try:
            rows.append(_parse_line(cells, columns, platform, target))
        except LineError as exc:
            bad.append(f"line {number}: {exc}")
    if bad and not skip_bad:
        shown = "; ".join(bad[:SHOWN_ERRORS])
        more = f"; and {len(bad) - SHOWN_ERRORS} more" if len(bad) > SHOWN_ERRORS else ""
        raise KnownError(f"{path.name}: {len(bad)} line(s) cannot be imported, so nothing was: "
                         f"{shown}{more}. Fix them, or import the other lines with --skip-bad")
    summary = ImportSummary(skipped_lines=bad, notes=notes)
    if not rows:
        return summary
    now = utcnow()
    with db.write() as conn:
        if target is not None and target.source_id is not None:
            source_id, new_items = target.source_id, 0  # an item Attaché already has
        else:
            source_id = _import_source(conn, platform)
            new_items = store_entries(conn, source_id, _posts(rows, platform), now).new
        stored = store_replies(conn, source_id, platform, [r.reply for r in rows], now)
    summary.items_created = new_items
    summary.replies_created, summary.replies_updated = stored.new, stored.updated
    return summary


# ---------------------------------------------------------------------------- reading files

def read_table(path: Path, notes: list[str] | None = None
               ) -> tuple[list[str], list[tuple[int, list[Any]]]]:
    """The header and the non-blank lines with their line numbers (the header is line 1).

    ``notes`` receives what was assumed to read the file (an encoding, a separator).
    """
    if not path.is_file():
        raise KnownError(f"no such file: {path}")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        rows: Iterator[tuple[int, list[Any]]] = xlsx_rows(path, MAX_LINES)
    elif suffix == ".xls":
        raise KnownError(f"{path.name} is an old Excel 97 file; save it as .xlsx or as "
                         "CSV UTF-8 and import that")
    else:
        text = read_csv(path, _ALL_HEADERS)
        if text.assumed() and notes is not None:
            notes.append(f"{path.name} was {text.assumed()}")
        rows = csv_rows(text, path.name)
    header: list[str] | None = None
    lines: list[tuple[int, list[Any]]] = []
    for number, cells in rows:
        if header is None:
            header = [str(c).strip() if c is not None else "" for c in cells]
            continue
        if any(c is not None and str(c).strip() for c in cells):
            if len(lines) >= MAX_LINES:
                raise KnownError(f"{path.name} has more than {MAX_LINES} replies; at most "
                                 f"{MAX_LINES} can be imported at once")
            lines.append((number, cells))
    if not header or not any(header):
        raise KnownError(f"{path.name} is empty: expected a header line and one reply a line")
    return header, lines


@dataclass(frozen=True)
class _Target:
    """The one post every line answers (``--post``)."""

    guid: str
    url: str | None
    source_id: int | None  # None: a new imported post


def _target(db: Database, post: str, platform: str) -> _Target:
    text = post.strip()
    with db.read() as conn:
        if text.isdigit():
            row = conn.execute(select(ITEMS.c.guid, ITEMS.c.url, ITEMS.c.source_id, SOURCES.c.own)
                               .join(SOURCES, SOURCES.c.id == ITEMS.c.source_id)
                               .where(ITEMS.c.id == int(text))).first()
            if row is None:
                raise NotFoundError(f"--post {text}: there is no item {text} (see: attache "
                                    "items list)")
        else:
            link = stored_link(text)
            if link is None:
                raise KnownError(f"--post {text!r} is neither an item id nor an http(s) link")
            row = conn.execute(select(ITEMS.c.guid, ITEMS.c.url, ITEMS.c.source_id, SOURCES.c.own)
                               .join(SOURCES, SOURCES.c.id == ITEMS.c.source_id)
                               .where(ITEMS.c.url == link, SOURCES.c.own.is_(True))
                               .order_by(ITEMS.c.id)).first()
            if row is None:  # a post Attaché has not seen: an imported post with that link
                status = _X_STATUS.match(link) if platform == "x" else None
                return _Target(status.group(1) if status else link, link, None)
    if not row.own:
        raise KnownError(f"--post {text}: item {text} is not a post of the embassy's own "
                         "accounts; replies are imported for own posts only")
    return _Target(row.guid, row.url, row.source_id)


# ---------------------------------------------------------------------------- columns

def _normal(header: str) -> str:
    return _SEPARATORS.sub(" ", header.strip().lower()).strip()


def detect_columns(headers: Sequence[str], platform: str,
                   mapping: dict[str, str] | None = None, *,
                   post_given: bool = False) -> dict[str, int]:
    """Field → column index: ``mapping`` (column → field) first, then recognised headers."""
    normal = [_normal(h) for h in headers]
    columns: dict[str, int] = {}
    listing = ", ".join(repr(h) for h in headers if h)
    for column, target in (mapping or {}).items():
        if target not in FIELDS:
            raise KnownError(f"--map {column}={target}: {target!r} is not a field; one of "
                             f"{', '.join(FIELDS)}")
        if _normal(column) not in normal:
            raise KnownError(f"--map {column}={target}: the file has no column {column!r}; "
                             f"its columns are {listing}")
        columns[target] = normal.index(_normal(column))
    used = set(columns.values())
    aliases = ALIASES[platform]
    for name in FIELDS:
        if name in columns:
            continue
        for alias in [*aliases.get(name, []), _normal(name)]:
            index = next((i for i, h in enumerate(normal) if h == alias and i not in used), None)
            if index is not None:
                columns[name] = index
                used.add(index)
                break
    if "text" not in columns:
        raise KnownError(f"no column with the reply text; the columns are {listing}. Name it "
                         "with --map 'COLUMN=text'")
    if not post_given and not {"post_id", "post_url", "parent_id"} & columns.keys():
        raise KnownError(f"no column saying which post each reply answers; the columns are "
                         f"{listing}. Name it with --map 'COLUMN=post_id' (or post_url), or "
                         "give the post with --post ITEM_ID_OR_URL")
    return columns


# ---------------------------------------------------------------------------- one line

def _parse_line(cells: list[Any], columns: dict[str, int], platform: str,
                target: _Target | None = None) -> _Row:
    def cell(name: str) -> Any:
        index = columns.get(name)
        if index is None or index >= len(cells):
            return None
        value = cells[index]
        if isinstance(value, str):
            value = value.replace("\r\n", "\n").strip()
            return value or None
        return value

    text = _as_text(cell("text"))
    if not text:
        raise LineError("the reply text is empty")
    post_id = _as_id(cell("post_id"), "post id")
    post_url = _as_text(cell("post_url"))
    parent_id = _as_id(cell("parent_id"), "parent id")
    if post_id is None and post_url and platform == "x":
        status = _X_STATUS.match(post_url)
        post_id = status.group(1) if status else None
    if target is not None:  # --post: every line answers that post
        post_id, post_url = target.guid, target.url
    post = post_id or post_url or parent_id
    if post is None:
        raise LineError("nothing says which post this replies to (no post id, post link or "
                        "parent id)")
    published = parse_date(cell("published"))
    likes = _as_likes(cell("likes"))
    author = _as_text(cell("author"))
    author_name = _as_text(cell("author_name"))
    if platform == "facebook":  # Facebook shows names, not handles (as the Graph adapter does)
        author_name = author_name or author
    reply_id = _as_id(cell("id"), "id") or _derived_id(post, author or author_name, published,
                                                        text)
    parent = None if parent_id in (post, reply_id) else parent_id
    reply = SocialReply(
        platform_id=reply_id, post_platform_id=post, parent_platform_id=parent,
        author_handle=author or author_name, author_name=author_name, html=text_to_html(text),
        text=text, published=published, likes=likes, url=_as_text(cell("url")))
    return _Row(reply, post_url, _as_text(cell("post_text")))


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def _as_id(value: Any, what: str) -> str | None:
    # Spreadsheets keep numbers as doubles: an 18-digit X or Meta id has lost its last digits.
    too_long = isinstance(value, int | float) and not isinstance(value, bool) and (
        abs(value) >= 2 ** 53)
    text = _as_text(value)
    if text and (too_long or _EXCEL_SHORTENED.match(text)):
        raise LineError(f"the {what} {text!r} was shortened by Excel; format that column as "
                        "Text before saving, or export the file again")
    return text


def _as_likes(value: Any) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise LineError(f"likes {value!r} is not a whole number")
    if isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    else:
        text = re.sub(r"(?<=\d)[,\s\u00a0\u202f](?=\d{3}\b)", "", str(value).strip())
        if not text.isascii() or not text.isdigit():
            raise LineError(f"likes {str(value)!r} is not a whole number")
        number = int(text)
    if number < 0:
        raise LineError(f"likes {number} is negative")
    return number


def parse_date(value: Any) -> datetime | None:
    """A date from any of the formats in the module docstring; naive times are UTC."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, date):
        parsed = datetime(value.year, value.month, value.day)
    else:
        text = " ".join(str(value).split())
        parsed = _parse_date_text(text)
        if parsed is None:
            raise LineError(f"the date {text!r} is not understood (write it like "
                            "2026-11-03 14:22)")
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _parse_date_text(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern)
        except ValueError:
            continue
    return None


def _derived_id(post: str, author: str | None, published: datetime | None, text: str) -> str:
    """The same reply gives the same id in any file (CSV or XLSX): re-imports do not double."""
    when = published.astimezone(UTC).isoformat() if published else ""
    digest = hashlib.sha256("\x00".join((post, author or "", when, text)).encode("utf-8"))
    return f"import-{digest.hexdigest()[:32]}"


# ---------------------------------------------------------------------------- storing

def _import_source(conn: Connection, platform: str) -> int:
    url = f"import:{platform}"
    found = conn.execute(select(SOURCES.c.id).where(SOURCES.c.url == url)).scalar()
    if found is not None:
        return found
    return conn.execute(insert(SOURCES).values(
        url=url, kind="import", title=PLATFORMS[platform], own=True, enabled=True,
        status="ok", error_count=0, created_at=utcnow())).inserted_primary_key[0]


def _posts(rows: list[_Row], platform: str) -> list[ParsedEntry]:
    """One item per post the file's replies answer; what the file says about it, nothing more."""
    posts: dict[str, ParsedEntry] = {}
    for row in rows:
        guid = row.reply.post_platform_id
        known = posts.get(guid)
        if known is not None:
            if not known.url and row.post_url:
                known.url = row.post_url
            continue
        url = row.post_url
        if url is None and platform == "x" and guid.isdigit():
            url = f"https://x.com/i/status/{guid}"
        text = row.post_text or ""
        title = " ".join(text.split())[:120] if text else POST_TITLE
        posts[guid] = ParsedEntry(
            guid=guid, url=stored_link(url),
            title=title, author=None, published=None, published_raw=None,
            content_html=text_to_html(text), content_text=text)
    return list(posts.values())
