"""Adding, listing, removing and re-enabling sources: what ``attache sources`` does."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from urllib.parse import SplitResult, urlsplit, urlunsplit

from sqlalchemy import Connection, Row, case, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from core.errors import KnownError, NotFoundError
from core.storage.database import Database
from core.storage.models import ITEMS, SOURCES, SourceCategory
from core.storage.types import iso, utcnow

# Fetching and parsing are imported where used: listing sources (the window's first query)
# must not load them.
if TYPE_CHECKING:
    from core.entries.entry import ParsedEntry
    from core.feeds.discover import FeedLink
    from core.feeds.parse import ParsedFeed
    from core.net.fetch import Fetcher

log = logging.getLogger("attache.sources")
# "javascript:", "mailto:", "data:" ... but not "example.org:8080/feed" (a host and port).
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:(?!\d)", re.IGNORECASE)
SOURCE_CATEGORIES = SourceCategory.__table__
_FOLDER_SPLIT = re.compile(r"\s+/\s*|\s*/\s+")
PREVIEW_ITEMS = 10
CATEGORY_MAX_LENGTH = SOURCES.c.category.type.length  # 200: VARCHAR(200) in migration 0001
DEFAULT_PORTS = {"http": 80, "https": 443}


@dataclass
class Discovered:
    url: str
    title: str | None
    format: str


def normalise_url(url: str) -> str:
    """An http(s) URL, with https:// added to a bare host name; anything else is refused.

    The spelling is normalised the way RFC 3986 §6.2.2 allows without changing what the
    address names: scheme and host in lower case, no default port, no ``#fragment`` (never
    sent to the server), ``/`` for an empty path. Credentials (``user:pw@``) are refused:
    Attaché never keeps a password in an address (see ``without_credentials``).
    """
    given = url.strip()
    parts = _split(given)
    if parts.username is not None or parts.password is not None:
        raise KnownError(f"not adding {without_credentials(given)!r} with a user name or "
                         "password in it: Attaché does not store passwords in addresses")
    return _normal(parts)


def without_credentials(url: str) -> str:
    """``url`` without its ``user:password@`` part (unchanged when it has none)."""
    parts = urlsplit(url.strip())
    if "@" not in parts.netloc:
        return url.strip()
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))


def url_key(url: str) -> str:
    """What makes two feed addresses the same source: the normalised URL without a trailing
    slash, so ``HTTP://Example.org/feed/``, ``http://example.org/feed`` and
    ``http://example.org/feed#top`` are one feed."""
    try:
        parts = urlsplit(_normal(_split(url.strip())))
    except KnownError:
        return url.strip()
    return urlunsplit(parts._replace(path=parts.path.rstrip("/")))


def find_source_id(conn: Connection, url: str) -> int | None:
    """The source whose address is ``url`` in any spelling (``url_key``), if there is one.

    Addresses are stored normalised (``normalise_url``), so the spellings to look for are
    few — with and without the trailing slash or the default port — and the unique index on
    the address finds them. (Rows an older version stored with an upper-case host or a
    fragment are not matched.)
    """
    key = url_key(url)
    parts = urlsplit(key)
    spellings = {url, key, key + "/"}
    if parts.port is None and parts.scheme in DEFAULT_PORTS:
        with_port = f"{parts.netloc}:{DEFAULT_PORTS[parts.scheme]}"
        spellings |= {s.replace(parts.netloc, with_port, 1) for s in set(spellings)}
    query = select(SOURCES.c.id).where(SOURCES.c.url.in_(sorted(spellings))).order_by(
        SOURCES.c.id).limit(1)
    return conn.execute(query).scalar()


def _split(given: str) -> SplitResult:
    url = given
    if "://" not in url and not _SCHEME.match(url):
        url = "https://" + url
    parts: SplitResult | None
    try:
        parts = urlsplit(url)  # ValueError on "[a title in brackets]" (not an IPv6 literal)
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError:
        parts = None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise KnownError(f"not a web address: {given!r} (expected http:// or https://)")
    return parts


def _normal(parts: SplitResult) -> str:
    scheme = parts.scheme.lower()
    host = parts.hostname or ""
    if ":" in host:  # an IPv6 literal keeps its brackets
        host = f"[{host}]"
    port = parts.port
    if port is not None and port != DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    return urlunsplit((scheme, host, parts.path or "/", parts.query, ""))


def discover(fetcher: Fetcher, url: str) -> Discovered:
    """The feed at ``url``, or the first feed the page at ``url`` links to."""
    found = _read_feed(fetcher, url)
    return Discovered(found.url, found.title, found.feed.format)


@dataclass(frozen=True)
class _ReadFeed:
    """A feed that could be read: where to store it, and what the asked page advertised."""

    url: str  # the permanent address of the feed itself
    title: str | None  # the feed's own title, else the title of the link to it
    feed: ParsedFeed
    links: list[FeedLink]  # the feeds the asked page links to; empty when it is a feed itself


def _read_feed(fetcher: Fetcher, url: str) -> _ReadFeed:
    """The feed at ``url``, or the first readable feed the page at ``url`` links to.

    Adding a source (``discover``) and previewing one (``preview_source``) both go through
    here, so the dialog's preview and ``attache sources add`` agree on what a URL means.
    KnownError, in plain words, when nothing there can be read as a feed.
    """
    from core.feeds.discover import find_feed_links
    from core.feeds.parse import ParseError, UnreadableFeed, content_charset, parse_feed

    page = fetcher.fetch(url)
    if not page.ok or page.body is None:
        raise KnownError(f"cannot read {url}: {page.error or f'HTTP {page.status}'}")
    try:
        feed = parse_feed(page.body, page.content_type, page.final_url or url)
        return _ReadFeed(page.permanent_url or url, feed.title, feed, [])
    except UnreadableFeed as exc:  # not text at all: no page to look for feed links in
        raise KnownError(f"{url}: {exc}") from None
    except ParseError:
        links = find_feed_links(page.body, page.final_url or url,
                                content_charset(page.content_type))
    if not links:
        raise KnownError(f"{url} is not a feed, and the page links to no feed "
                         "(no <link rel=\"alternate\"> of RSS, Atom or JSON Feed)")
    errors = []
    for link in links:
        found = fetcher.fetch(link.url)
        if not found.ok or found.body is None:
            errors.append(f"{link.url}: {found.error or found.status}")
            continue
        try:
            feed = parse_feed(found.body, found.content_type, found.final_url or link.url)
        except ParseError as exc:
            errors.append(f"{link.url}: {exc}")
            continue
        return _ReadFeed(found.permanent_url or link.url, feed.title or link.title, feed, links)
    raise KnownError(f"the page {url} links to feeds that cannot be read: {'; '.join(errors)}")


def add_source(db: Database, url: str, *, fetcher: Fetcher | None = None,
               name: str | None = None, interval_minutes: int = 60,
               category: str | None = None, own: bool = False) -> Row:
    """Add a feed. With a fetcher, the URL is checked and autodiscovery applies."""
    url = normalise_url(url)
    title = name
    if fetcher is not None:
        found = discover(fetcher, url)
        url = found.url
        title = name or found.title
    return insert_source(db, url=url, kind="feed", title=title, category=category, own=own,
                         interval_minutes=interval_minutes)


def insert_source(db: Database, *, url: str, kind: str, title: str | None,
                  category: str | None, own: bool, interval_minutes: int,
                  account_id: str | None = None) -> Row:
    """Store a new source of any kind, refusing a URL that is already one."""
    if interval_minutes < 1:
        raise KnownError("the refresh interval must be at least 1 minute")
    category = check_category(category)
    with db.write() as conn:
        existing = find_source_id(conn, url)
        if existing is not None:
            raise KnownError(f"{url} is already source {existing}")
        try:
            new_id = conn.execute(insert(SOURCES).values(
                url=url, kind=kind, title=title, category=category, own=own,
                account_id=account_id, interval_minutes=interval_minutes, enabled=True,
                status="new", error_count=0, created_at=utcnow())).inserted_primary_key[0]
        except IntegrityError as exc:  # another process added it a moment ago
            raise KnownError(f"{url} is already a source") from exc
    return get_source(db, new_id)


def check_category(category: str | None) -> str | None:
    """``category`` as stored (empty → None), refused in plain words when it is longer than
    its column: SQLite would keep it whole, PostgreSQL would fail with a raw DataError."""
    if not category:
        return None
    if len(category) > CATEGORY_MAX_LENGTH:
        raise KnownError(f"a category can be at most {CATEGORY_MAX_LENGTH} characters long "
                         f"(this one has {len(category)}); use a shorter name")
    return category


def get_source(db: Database, source_id: int) -> Row:
    """The source's row: ``source.title``, ``source.url`` and every other column by name."""
    with db.read() as conn:
        source = conn.execute(select(SOURCES).where(SOURCES.c.id == source_id)).first()
    if source is None:
        raise NotFoundError(f"there is no source {source_id} (see: attache sources list)")
    return source


def list_sources(db: Database) -> list[dict]:
    """Every source with its ``item_count`` and ``unread`` count, by category then title."""
    counts = (select(ITEMS.c.source_id, func.count().label("n"),
                     func.sum(case((ITEMS.c.read.is_(False), 1), else_=0)).label("unread"))
              .group_by(ITEMS.c.source_id).subquery())
    query = (select(SOURCES, func.coalesce(counts.c.n, 0).label("item_count"),
                    func.coalesce(counts.c.unread, 0).label("unread"))
             .outerjoin(counts, counts.c.source_id == SOURCES.c.id)
             # NULLs sort first on SQLite and last on PostgreSQL: say where (last) on both.
             .order_by(SOURCES.c.category.is_(None), SOURCES.c.category,
                       SOURCES.c.title.is_(None), SOURCES.c.title, SOURCES.c.id))
    with db.read() as conn:
        rows = [dict(row) for row in conn.execute(query).mappings()]
        extra = _extra_categories_of(conn)
    for row in rows:
        row["extra_categories"] = extra.get(row["id"], [])
    return rows


def remove_source(db: Database, source_id: int) -> int:
    """Delete a source and its items; returns how many items went with it."""
    get_source(db, source_id)
    with db.write() as conn:
        count = conn.execute(select(func.count()).select_from(ITEMS)
                             .where(ITEMS.c.source_id == source_id)).scalar_one()
        conn.execute(delete(ITEMS).where(ITEMS.c.source_id == source_id))
        conn.execute(delete(SOURCE_CATEGORIES).where(SOURCE_CATEGORIES.c.source_id == source_id))
        conn.execute(delete(SOURCES).where(SOURCES.c.id == source_id))
    return count


def enable_source(db: Database, source_id: int) -> None:
    """Re-enable a disabled or gone source and forget its backoff, so it is fetched next."""
    get_source(db, source_id)
    with db.write() as conn:
        conn.execute(update(SOURCES).where(SOURCES.c.id == source_id).values(
            enabled=True, status="new", error=None, error_count=0, retry_after=None,
            next_fetch=None))


def disable_source(db: Database, source_id: int) -> None:
    get_source(db, source_id)
    with db.write() as conn:
        conn.execute(update(SOURCES).where(SOURCES.c.id == source_id).values(enabled=False))


def update_source(db: Database, source_id: int, *, title: str | None,
                  category: str | None, interval_minutes: int) -> None:
    """Rename, re-file or re-pace a source; an empty title or category clears it.

    A feed's own title is only taken when the source has none, so a name given here sticks.
    Category folders are normalised to ``A / B`` (the OPML and tree separator).
    """
    if interval_minutes < 1:
        raise KnownError("the refresh interval must be at least 1 minute")
    # "A / B" nests; "TV/Radio" (no spaces around the slash) is one folder's name.
    folders = [part.strip() for part in _FOLDER_SPLIT.split(category or "") if part.strip()]
    category = check_category(" / ".join(folders))
    get_source(db, source_id)
    with db.write() as conn:
        conn.execute(update(SOURCES).where(SOURCES.c.id == source_id).values(
            title=(title or "").strip() or None, category=category,
            interval_minutes=interval_minutes))


def extra_categories(row: dict) -> list[str]:
    """A source row's folders besides ``category`` (``list_sources`` attaches them)."""
    return list(row.get("extra_categories") or [])


def _extra_categories_of(conn: Connection) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for source_id, category in conn.execute(select(SOURCE_CATEGORIES).order_by(
            SOURCE_CATEGORIES.c.source_id, SOURCE_CATEGORIES.c.category)):
        found.setdefault(source_id, []).append(category)
    return found


def categories(db: Database) -> list[str]:
    """Every category in use, each folder of a nested one too (``A`` for ``A / B``)."""
    with db.read() as conn:
        used = list(conn.execute(select(SOURCES.c.category).distinct()
                                 .where(SOURCES.c.category.is_not(None))).scalars())
        used += conn.execute(select(SOURCE_CATEGORIES.c.category).distinct()).scalars()
        found: set[str] = set()
        for category in used:
            parts = [p.strip() for p in category.split(" / ")]
            found.update(" / ".join(parts[:n]) for n in range(1, len(parts) + 1))
    return sorted(found, key=str.casefold)


def source_json(row: dict) -> dict:
    """The ``sources list --json`` object: contract keys first, extras after."""
    return {
        "id": row["id"], "url": row["url"], "kind": row["kind"], "title": row["title"],
        "category": row["category"], "status": row["status"], "error": row["error"],
        "last_fetched": iso(row["last_fetched"]), "next_fetch": iso(row["next_fetch"]),
        "item_count": row["item_count"],
        "enabled": bool(row["enabled"]), "interval_minutes": row["interval_minutes"],
        "feed_format": row["feed_format"], "site_url": row["site_url"],
        "warning": row["parse_warning"], "retry_after": iso(row["retry_after"]),
        "error_count": row["error_count"], "own": bool(row["own"]),
        "account_id": row["account_id"], "extra_categories": extra_categories(row),
    }



# ------------------------------------------------------------------------------ preview

@dataclass
class SourcePreview:
    """What adding ``text`` would store, and its first items, without storing anything.

    ``feeds`` lists every feed a web page advertises (the preview shows the first readable
    one), so the officer can pick another before saving; ``url`` is what gets stored.
    """

    kind: str  # "rss" or a social kind
    url: str
    title: str | None
    entries: list[ParsedEntry] = field(default_factory=list)
    feeds: list[Discovered] = field(default_factory=list)
    note: str | None = None  # e.g. a bozo feed's warning, or why there are no items


def preview_source(fetcher: Fetcher, text: str, kind: str | None = None,
                   limit: int = PREVIEW_ITEMS) -> SourcePreview:
    """Look ``text`` up as ``attache sources add`` would, returning its first items.

    KnownError (with the reason in plain words) when it cannot be read or is not a feed.
    """
    from core.social.registry import detect_kind

    kind = kind or detect_kind(text)
    if kind != "rss":
        return _preview_social(fetcher, text, kind, limit)
    return _preview_feed(fetcher, normalise_url(text), limit)


def _preview_feed(fetcher: Fetcher, url: str, limit: int) -> SourcePreview:
    from core.feeds.discover import FEED_TYPES

    found = _read_feed(fetcher, url)
    choices = [Discovered(link.url, link.title, FEED_TYPES.get(link.type, "rss"))
               for link in found.links]
    return SourcePreview("rss", found.url, found.title, _newest(found.feed.entries, limit),
                         choices, found.feed.warning)


def _preview_social(fetcher: Fetcher, text: str, kind: str, limit: int) -> SourcePreview:
    from core.social.base import SourceError, SyncRequest
    from core.social.registry import adapter_for

    adapter = adapter_for(kind)
    account = adapter.resolve(fetcher, text)  # a missing token is a plain SourceError here
    request = SyncRequest(url=account.url, account_id=account.account_id, own=False, state={},
                          replies_since=datetime.now(UTC))
    try:
        result = adapter.sync(fetcher, request)
    except SourceError as exc:  # found the account, could not read its posts
        return SourcePreview(kind, account.url, account.title,
                             note=f"found the account, but cannot show its posts: {exc}")
    return SourcePreview(kind, account.url, account.title, _newest(result.entries, limit),
                         note=result.warning)


def _newest(entries: list[ParsedEntry], limit: int) -> list[ParsedEntry]:
    """The latest ``limit`` entries, newest first (feeds list them in any order); undated
    entries keep their feed order after the dated ones."""
    oldest = datetime.min.replace(tzinfo=UTC)
    dated = sorted((e for e in entries if e.published), key=lambda e: e.published or oldest,
                   reverse=True)
    return (dated + [e for e in entries if not e.published])[:limit]
