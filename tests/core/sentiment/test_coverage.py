"""Tone of coverage: watched feed items scored on refresh when the setting is on, never when off."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from core.entries.entry import ParsedEntry
from core.entries.store import store_entries
from core.errors import KnownError
from core.feeds.refresh import FeedRefresher
from core.feeds.sources import add_source
from core.net.fetch import Fetcher
from core.sentiment.analyzers import SocialAnalyzer, Thresholds
from core.sentiment.coverage import (
    LEDE_CHARS,
    SCORES,
    coverage_summary,
    coverage_text,
    score_coverage,
    score_new_items,
)
from core.sentiment.scoring import Scorer
from core.settings import Settings
from core.storage import migrate
from core.storage.database import Database
from core.storage.models import Item
from core.watch import add_term, match_new
from tests.feedserver import FeedServer

ON = Scorer(SocialAnalyzer(), Thresholds(), coverage=True)
OFF = Scorer(SocialAnalyzer(), Thresholds())

FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Daily News</title><link>https://news.test/</link>
<item><guid>good</guid><title>Visa waiver praised as a wonderful success</title>
<description>Travellers thank the embassy for the great new visa rules.</description>
<pubDate>Fri, 20 Nov 2026 09:00:00 GMT</pubDate></item>
<item><guid>bad</guid><title>Visa chaos: angry applicants denied again</title>
<description>A terrible week of rejected visa applications and no answers.</description>
<pubDate>Sat, 21 Nov 2026 09:00:00 GMT</pubDate></item>
<item><guid>ru</guid><title>Посольство упростило выдачу виз</title>
<description>Новые правила выдачи визы вступают в силу в декабре.</description>
<pubDate>Sat, 21 Nov 2026 10:00:00 GMT</pubDate></item>
<item><guid>other</guid><title>Weather: a sunny weekend ahead</title>
<description>Lovely, wonderful weather for everyone.</description>
<pubDate>Sat, 21 Nov 2026 11:00:00 GMT</pubDate></item>
</channel></rss>""".encode()


def scored(db: Database) -> dict[str, dict]:
    """item guid → its stored coverage score."""
    items = Item.__table__
    with db.read() as conn:
        rows = conn.execute(select(items.c.guid, SCORES).join(
            items, items.c.id == SCORES.c.item_id)).mappings().all()
    return {row["guid"]: dict(row) for row in rows}


@pytest.fixture
def news(db: Database, server: FeedServer) -> str:
    add_source(db, server.static("/news.xml", FEED))
    add_term(db, "visa")
    add_term(db, "виз*")
    return "/news.xml"


def test_refresh_scores_watched_items_when_on(db: Database, fetcher: Fetcher, news: str) -> None:
    FeedRefresher(db, fetcher, scorer=ON).refresh()
    found = scored(db)
    assert set(found) == {"good", "bad", "ru"}  # "other" hits no watch term
    assert (found["good"]["sentiment_label"], found["bad"]["sentiment_label"]) == (
        "positive", "negative")
    assert found["good"]["language"] == "en" and found["good"]["analyzer"] == "social-v1"
    russian = found["ru"]
    assert (russian["sentiment_label"], russian["language"], russian["polarity"]) == (
        "unsupported", "ru", None)  # honest: not read, never "neutral"


def test_nothing_is_scored_when_off(db: Database, fetcher: Fetcher, news: str) -> None:
    FeedRefresher(db, fetcher, scorer=OFF).refresh()
    FeedRefresher(db, fetcher).refresh(force=True)
    assert scored(db) == {}
    assert not Settings().coverage_sentiment  # off unless the officer turns it on
    # The summary still shows what is watched, as not scored yet.
    (visa, viz) = coverage_summary(db, by="term")
    assert (visa["name"], visa["unscored"], visa["supported"]) == ("visa", 2, 0)
    assert (viz["name"], viz["unscored"]) == ("виз*", 1)


def test_turning_it_on_later_scores_the_backlog(db: Database, fetcher: Fetcher,
                                                news: str) -> None:
    FeedRefresher(db, fetcher, scorer=OFF).refresh()
    assert score_coverage(db, ON) == 3
    assert score_coverage(db, ON) == 0  # only what is not scored yet
    before = scored(db)["good"]["scored_at"]
    assert score_coverage(db, ON, rescore=True) == 3  # after a threshold or analyzer change
    assert scored(db)["good"]["scored_at"] >= before
    assert len(scored(db)) == 3  # replaced, not added


def test_summary_by_term_source_and_day(db: Database, fetcher: Fetcher, news: str) -> None:
    FeedRefresher(db, fetcher, scorer=ON).refresh()
    by_term = {row["name"]: row for row in coverage_summary(db, by="term")}
    assert (by_term["visa"]["positive"], by_term["visa"]["negative"]) == (1, 1)
    assert by_term["visa"]["mean_polarity"] is not None
    assert (by_term["виз*"]["unsupported"], by_term["виз*"]["supported"]) == (1, 0)
    assert by_term["виз*"]["mean_polarity"] is None  # nothing it could read
    (source,) = coverage_summary(db, by="source")
    assert (source["name"], source["total"]) == ("Daily News", 3)  # each item once
    days = coverage_summary(db, by="day")
    assert [(d["key"], d["total"]) for d in days] == [("2026-11-20", 1), ("2026-11-21", 2)]
    since = datetime(2026, 11, 21, tzinfo=UTC)
    assert [d["key"] for d in coverage_summary(db, since, by="day")] == ["2026-11-21"]
    with pytest.raises(KnownError, match="--by"):
        coverage_summary(db, by="week")


def test_changed_items_are_scored_again_and_own_posts_are_not_coverage(db: Database) -> None:
    now = datetime(2026, 11, 20, tzinfo=UTC)
    feed = add_source(db, "https://news.test/feed")
    own = add_source(db, "https://mastodon.example/@embassy", own=True)
    add_term(db, "visa")

    def entry(guid: str, title: str) -> ParsedEntry:
        return ParsedEntry(guid, None, title, None, now, None, "", "")

    with db.write() as conn:
        counts = store_entries(conn, feed.id, [entry("a", "Visa rules are great news")], now)
        own_counts = store_entries(conn, own.id, [entry("p", "Visa rules are great news")], now)
        match_new(conn, [*counts.changed_ids, *own_counts.changed_ids])
        assert score_new_items(conn, ON, [*counts.changed_ids, *own_counts.changed_ids]) == 1
    assert scored(db)["a"]["sentiment_label"] == "positive"
    with db.write() as conn:
        counts = store_entries(conn, feed.id, [entry("a", "Visa rules are a disgrace")],
                               now + timedelta(hours=1))
        assert score_new_items(conn, ON, counts.changed_ids) == 1
    assert scored(db)["a"]["sentiment_label"] == "negative"
    assert score_coverage(db, ON, rescore=True) == 1  # the own post never counts


def test_what_is_scored_is_the_title_and_lede() -> None:
    assert coverage_text(" Title ", " Body. ") == "Title\nBody."
    long = "word " * 400
    text = coverage_text("T", long)
    assert len(text) <= LEDE_CHARS + 2 and text.endswith("word")
    assert coverage_text("", "") == ""


def test_upgrade_from_0004_keeps_replies_and_their_scores(db_url: str) -> None:
    """A 0004 database (sentiment on replies) comes up to 0005 with everything it had."""
    old = Database(db_url)
    migrate.upgrade(old, "0004")
    with old.write() as conn:
        conn.exec_driver_sql(
            "INSERT INTO source (id, url, kind, interval_minutes, enabled, status, error_count,"
            " own, replies_days) VALUES (1, 'https://news.test/feed', 'feed', 60, 1, 'ok', 0,"
            " 0, 30)")
        conn.exec_driver_sql(
            "INSERT INTO item (id, source_id, guid, title, sort_date, fetched_at, content_html,"
            " content_text, content_hash, read, starred) VALUES (1, 1, 'a', 'Visa news',"
            " '2026-11-22 09:00:00', '2026-11-22 09:00:00', '', '', '', 0, 0)")
        conn.exec_driver_sql(
            "INSERT INTO reply (id, source_id, item_id, platform, platform_id, text, html,"
            " content_hash, fetched_at, sentiment_label, polarity, label_source) VALUES"
            " (1, 1, 1, 'mastodon', 'r1', 'Great news', '', '', '2026-11-22 09:00:00',"
            " 'negative', 0.5, 'manual')")
    assert migrate.ensure_schema(old) is not None  # backed up first
    assert migrate.schema_state(old).up_to_date
    with old.read() as conn:
        assert conn.exec_driver_sql(
            "SELECT text, sentiment_label, polarity, label_source FROM reply").all() == [
            ("Great news", "negative", 0.5, "manual")]
        assert conn.exec_driver_sql("SELECT title FROM item").all() == [("Visa news",)]
    add_term(old, "visa")
    assert score_coverage(old, ON) == 1
    assert scored(old)["a"]["language"] == "en"
    old.dispose()
