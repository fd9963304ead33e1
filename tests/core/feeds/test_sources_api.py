"""Source listing with unread counts, editing, categories, and the add-source preview."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from core.entries.entry import ParsedEntry
from core.entries.store import store_entries
from core.errors import KnownError, NotFoundError
from core.feeds.items import item_ids, mark_items
from core.feeds.sources import (
    add_source,
    categories,
    get_source,
    list_sources,
    preview_source,
    source_json,
    update_source,
)
from core.net.fetch import Fetcher
from core.storage.database import Database
from tests.feedserver import FeedServer

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def test_list_sources_counts_unread_without_changing_the_json(db: Database) -> None:
    news = add_source(db, "https://e.test/news", name="News")
    empty = add_source(db, "https://e.test/empty")
    with db.write() as conn:
        store_entries(conn, news.id, [ParsedEntry(f"g{n}", None, f"t{n}", None, NOW, None, "",
                                                  "") for n in range(4)], NOW)
    mark_items(db, item_ids(db)[:1], "read")
    rows = {r["id"]: r for r in list_sources(db)}
    assert (rows[news.id]["unread"], rows[news.id]["item_count"]) == (3, 4)
    assert (rows[empty.id]["unread"], rows[empty.id]["item_count"]) == (0, 0)
    assert "unread" not in source_json(rows[news.id])  # the CLI contract stays as it was


def test_update_source_and_categories(db: Database) -> None:
    source = add_source(db, "https://e.test/a", name="A", category="News")
    add_source(db, "https://e.test/b", category="Media / Russian / TV")
    update_source(db, source.id, title="  Посольство  ", category="Embassy/Press",
                  interval_minutes=15)
    stored = get_source(db, source.id)
    assert (stored.title, stored.category, stored.interval_minutes) == (
        "Посольство", "Embassy/Press", 15)  # "a/b" without spaces is one folder's name
    update_source(db, source.id, title="", category=" Embassy  /  Press ", interval_minutes=60)
    stored = get_source(db, source.id)
    assert stored.title is None and stored.category == "Embassy / Press"
    assert categories(db) == ["Embassy", "Embassy / Press", "Media", "Media / Russian",
                              "Media / Russian / TV"]
    with pytest.raises(KnownError, match="at least 1 minute"):
        update_source(db, source.id, title=None, category=None, interval_minutes=0)
    with pytest.raises(NotFoundError):
        update_source(db, 999, title=None, category=None, interval_minutes=5)


def test_preview_a_feed_a_page_and_failures(server: FeedServer, fetcher: Fetcher) -> None:
    feed = server.static("/feeds/rss2.xml", "rss2.xml")
    server.static("/feeds/atom.xml", "atom.xml", "application/atom+xml")
    preview = preview_source(fetcher, feed)
    assert preview.kind == "rss" and preview.url == feed and preview.title
    assert 0 < len(preview.entries) <= 10 and preview.feeds == []

    page = (b'<link rel="alternate" type="application/rss+xml" href="/gone.xml">'
            b'<link rel="alternate" type="application/atom+xml" title="Atom" '
            b'href="/feeds/atom.xml">')
    found = preview_source(fetcher, server.static("/", page, "text/html"))
    assert [f.url for f in found.feeds] == [server.url("/gone.xml"), server.url("/feeds/atom.xml")]
    assert found.url == server.url("/feeds/atom.xml")  # the first feed that could be read
    assert found.feeds[1].format == "atom" and found.entries

    with pytest.raises(KnownError, match="HTTP 404"):
        preview_source(fetcher, server.url("/nothing"))
    with pytest.raises(KnownError, match="links to no feed"):
        preview_source(fetcher, server.static("/plain", "page_without_feed.html", "text/html"))
    with pytest.raises(KnownError, match="not a web address"):
        preview_source(fetcher, "mailto:press@e.test")


def _order_and_lengths(database: Database) -> None:
    """Uncategorised sources last and an over-long category refused, on either backend."""
    add_source(database, "https://e.test/none", name="Без папки")
    add_source(database, "https://e.test/z", name="Z", category="Zeta")
    add_source(database, "https://e.test/a", name="A", category="Alpha")
    assert [r["title"] for r in list_sources(database)] == ["A", "Z", "Без папки"]

    long = "Я" * 201
    with pytest.raises(KnownError, match="at most 200 characters"):
        add_source(database, "https://e.test/long", category=long)
    assert all(r["url"] != "https://e.test/long" for r in list_sources(database))
    first = list_sources(database)[0]["id"]
    with pytest.raises(KnownError, match="at most 200 characters"):
        update_source(database, first, title="A", category=long, interval_minutes=60)
    assert get_source(database, first).category == "Alpha"
    update_source(database, first, title="A", category="Я" * 200, interval_minutes=60)
    assert get_source(database, first).category == "Я" * 200


def test_uncategorised_last_and_long_categories_refused_on_sqlite(db: Database) -> None:
    _order_and_lengths(db)


@pytest.mark.postgres
def test_uncategorised_last_and_long_categories_refused_on_postgresql(pg_url: str) -> None:
    from core.storage.migrate import ensure_schema

    database = Database(pg_url)
    try:
        ensure_schema(database)
        _order_and_lengths(database)
    finally:
        database.dispose()
