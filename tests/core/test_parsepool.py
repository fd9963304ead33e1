"""Parsing in worker processes: same results as in-thread, and a crashing parser costs one feed."""

from __future__ import annotations

import os

import pytest

from core.feeds.fetch import Fetcher
from core.feeds.items import list_items
from core.feeds.parse import ParsedFeed, ParseError, parse_feed
from core.feeds.parsepool import ParsePool
from core.feeds.refresh import FeedRefresher
from core.feeds.sources import add_source, list_sources
from core.storage.database import Database
from tests.feedserver import FIXTURES, FeedServer


def parse_or_die(body: bytes, content_type: str, url: str) -> ParsedFeed:
    """A parser that crashes its process on one document, as a native-code bug would."""
    if b"CRASH-THE-PARSER" in body:
        os._exit(3)
    return parse_feed(body, content_type, url)


def test_results_match_parsing_in_thread() -> None:
    body = (FIXTURES / "cp1251.xml").read_bytes()
    with ParsePool(1) as pool:
        remote = pool.parse(body, "application/rss+xml", "https://e.test/feed")
    local = parse_feed(body, "application/rss+xml", "https://e.test/feed")
    assert remote == local and remote.title == "Новости Центральной Азии"


def test_parse_errors_cross_the_process_boundary() -> None:
    with ParsePool(1) as pool, pytest.raises(ParseError, match="not a feed"):
        pool.parse(b"plain text, not a feed", "text/plain", "https://e.test/x")


def test_a_crashing_parser_fails_one_feed_and_the_pool_recovers() -> None:
    good = (FIXTURES / "rss2.xml").read_bytes()
    with ParsePool(1, target=parse_or_die) as pool:
        with pytest.raises(ParseError, match="crashed"):
            pool.parse(b"<rss>CRASH-THE-PARSER</rss>", "application/rss+xml", "https://e.test/")
        assert len(pool.parse(good, "application/rss+xml", "https://e.test/").entries) == 5


def test_refresh_with_a_process_pool(db: Database, server: FeedServer, fetcher: Fetcher) -> None:
    names = ["rss2.xml", "atom.xml", "rss1.rdf", "koi8r.xml", "jsonfeed11.json"]
    for name in names:
        add_source(db, server.static(f"/{name}", name))
    add_source(db, server.static("/crash.xml", b"<rss>CRASH-THE-PARSER</rss>"))
    with ParsePool(2, target=parse_or_die) as pool:
        results = FeedRefresher(db, fetcher, parse_pool=pool).refresh()
    by_status = {r.url.rsplit("/", 1)[-1]: r.status for r in results}
    assert by_status == {**dict.fromkeys(names, "ok"), "crash.xml": "error"}
    assert len(list_items(db, limit=0)) == 5 + 4 + 3 + 2 + 3
    crashed = next(s for s in list_sources(db) if s["url"].endswith("/crash.xml"))
    assert "crashed" in crashed["error"]
