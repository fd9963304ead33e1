"""The demo database: realistic, current, computed by the real code, and never polled."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from core.calendar.posts import list_posts
from core.demo import demo_database, fill_demo
from core.errors import KnownError
from core.feeds.items import list_items
from core.feeds.refresh import FeedRefresher
from core.feeds.sources import list_sources
from core.sentiment.aggregates import needs_attention
from core.social.replies import list_replies
from core.storage.database import Database
from core.storage.migrate import ensure_schema
from core.watch import list_hits, list_terms

NOW = datetime(2026, 11, 22, 9, 30, tzinfo=UTC)
PLANNED = {"draft", "review", "approved", "published"}


@pytest.fixture
def demo(db: Database) -> tuple[Database, dict]:
    return db, fill_demo(db, NOW)


def test_counts_and_sources(demo: tuple[Database, dict]) -> None:
    db, counts = demo
    assert counts["feeds"] == 9 and counts["items"] == 150
    assert counts["own_accounts"] == 5 and counts["own_posts"] == 34
    assert 520 <= counts["replies"] <= 620
    assert counts["watch_terms"] == 8 and counts["watch_hits"] > 50
    assert counts["campaigns"] == 4 and counts["planned_posts"] >= 30
    rows = list_sources(db)
    assert len(rows) == 14
    assert {r["kind"] for r in rows if r["own"]} == {"mastodon", "bluesky", "telegram", "facebook",
                                                     "vk"}
    assert {"News / Uzbekistan", "News / Region", "UN", "Own accounts"} <= {
        r["category"] for r in rows}
    by_status = {r["status"]: r for r in rows}
    assert set(by_status) == {"ok", "error", "gone"}
    assert "timed out" in by_status["error"]["error"]
    assert "410" in by_status["gone"]["error"]


def test_items_are_recent_and_some_unread_starred_with_an_image(
        demo: tuple[Database, dict]) -> None:
    db, _ = demo
    items = list_items(db, limit=0)
    assert all(NOW - timedelta(days=43) <= i["published"] <= NOW for i in items)
    news = [i for i in items if i["published"] >= NOW - timedelta(days=14)]
    assert len(news) >= 150
    assert any(not i["read"] for i in items) and any(i["read"] for i in items)
    assert any(i["starred"] for i in items)
    assert sum("<img" in i["content_html"] for i in items) == 1
    assert all("<script" not in i["content_html"] for i in items)
    assert list_items(db, search="oʻzbek")  # Uzbek Latin with the ʻ apostrophe
    assert list_items(db, search="Ташкент") and list_items(db, search="Тошкентда")


def test_replies_are_multilingual_and_scored_by_the_real_scorer(
        demo: tuple[Database, dict]) -> None:
    db, counts = demo
    everything = list_replies(db, limit=0)
    replies = [r for r in everything if not r["own"]]  # the audience's
    assert len(replies) == counts["replies"]
    languages = [r["language"] for r in replies]
    assert {"en", "ru", "uz"} <= set(languages)
    assert 0.35 <= languages.count("en") / len(replies) <= 0.65
    assert languages.count("ru") / len(replies) >= 0.15
    for reply in replies:
        assert reply["label_source"] == "auto" and reply["analyzer"]
        if reply["language"] in ("ru", "kk"):  # the shipped Russian and Kazakh analyzers
            assert reply["sentiment_label"] in ("positive", "neutral", "negative")
            assert reply["analyzer"] in ("ru-lexicon-v1", "kk-linear-v1")
        elif reply["language"] not in (None, "en"):
            assert reply["sentiment_label"] == "unsupported" and reply["polarity"] is None
    assert {r["sentiment_label"] for r in replies if r["language"] == "ru"} == {
        "positive", "neutral", "negative"}
    labels = {r["sentiment_label"] for r in replies}
    assert labels == {"positive", "neutral", "negative", "unsupported"}
    # The embassy answers questions: its answers are its own, unscored, and answer someone.
    answers = [r for r in everything if r["own"]]
    assert answers and all(r["sentiment_label"] is None for r in answers)
    answered = {r["id"]: r for r in replies if r["answered_at"] is not None}
    assert {r["parent_id"] for r in answers} <= set(answered)


def test_the_visa_post_needs_attention(demo: tuple[Database, dict]) -> None:
    db, _ = demo
    flagged = needs_attention(db)
    assert flagged, "the demo must show a post whose reaction turned negative"
    worst = max(flagged, key=lambda f: f["supported"])
    assert worst["name"].startswith("Visa update")
    assert worst["supported"] >= 10 and worst["negative_share"] >= 0.4
    # Only visa posts: in English, and the Telegram channel's Russian one ("Визовая…").
    assert all(word in f["name"].lower() for f in flagged for word in
               (("visa",) if "visa" in f["name"].lower() else ("виз",)))


def test_the_telegram_channel_has_comments_as_the_widget_shows_them(
        demo: tuple[Database, dict]) -> None:
    db, _ = demo
    [channel] = [r for r in list_sources(db) if r["kind"] == "telegram"]
    comments = list_replies(db, source_id=channel["id"], limit=0)
    assert len(comments) >= 90
    assert all(re.fullmatch(r"usembassytashkent/28\d\d\?comment=\d+", c["platform_id"])
               and c["url"] == f"https://t.me/{c['platform_id']}" for c in comments)
    items = {i["id"]: i["guid"] for i in list_items(db, source_id=channel["id"], limit=0)}
    assert {items[c["item_id"]] for c in comments} <= set(items.values())
    assert all(guid.startswith("usembassytashkent/") for guid in items.values())
    assert {"uz", "ru"} <= {c["language"] for c in comments}
    assert any(c["parent_id"] for c in comments)  # the embassy answers in the thread


def test_the_vk_community_has_comments_with_vk_ids(demo: tuple[Database, dict]) -> None:
    db, _ = demo
    [community] = [r for r in list_sources(db) if r["kind"] == "vk"]
    assert community["account_id"] == "-219876543"
    comments = list_replies(db, source_id=community["id"], limit=0)
    assert len(comments) >= 40
    assert all(re.fullmatch(r"-219876543_150\d\?reply=\d+", c["platform_id"])
               and c["url"] == f"https://vk.com/wall{c['platform_id']}" for c in comments)
    assert "ru" in {c["language"] for c in comments}


def test_watch_terms_hit_items_and_replies_in_three_scripts(demo: tuple[Database, dict]) -> None:
    db, _ = demo
    hits = {t["term"]: t["hits"] for t in list_terms(db)}
    assert hits["Fulbright"] > 10 and hits["виз*"] > 0 and hits["inson huquqlari"] > 0
    assert {h["kind"] for h in list_hits(db)} == {"item", "reply"}


def test_the_next_quarter_is_planned_in_every_status(demo: tuple[Database, dict]) -> None:
    db, _ = demo
    today = NOW.astimezone(ZoneInfo("Asia/Tashkent")).date()
    posts = list_posts(db, first=today - timedelta(days=14), last=today + timedelta(days=90))
    assert len(posts) >= 30
    assert PLANNED <= {p["status"] for p in posts}
    ahead = list_posts(db, first=today, last=today + timedelta(days=90))
    assert {"draft", "review", "approved"} <= {p["status"] for p in ahead}
    own = {r["id"] for r in list_sources(db) if r["own"]}
    assert all(p["channels"] and set(p["channels"]) <= own for p in posts)
    assert any(p["observance_id"] for p in ahead) and any(p["campaign"] for p in ahead)
    assert any(p["rrule"] for p in ahead)
    published = [p for p in posts if p["status"] == "published"]
    assert published and all(p["item_id"] for p in published)
    assert {p["campaign"] for p in posts} >= {"16 Days of Activism 2026", "Human Rights Day 2026",
                                              "Exchange programmes"}


def test_a_demo_filled_in_spring_still_plans_the_quarter(db: Database) -> None:
    spring = datetime(2027, 4, 10, 8, tzinfo=UTC)
    fill_demo(db, spring)
    today = spring.date()
    ahead = list_posts(db, first=today, last=today + timedelta(days=90))
    assert {"draft", "review", "approved"} <= {p["status"] for p in ahead}
    assert any(p["observance_id"] for p in ahead)  # UN days of the season, as ideas
    assert needs_attention(db)


def test_no_demo_source_is_due_for_refresh(demo: tuple[Database, dict]) -> None:
    db, _ = demo
    for later in (timedelta(0), timedelta(days=1), timedelta(days=7)):
        refresher = FeedRefresher(db, fetcher=None, clock=lambda later=later: NOW + later)
        jobs, _ = refresher.plan()
        assert jobs == []


def test_refuses_a_database_with_sources(demo: tuple[Database, dict]) -> None:
    db, _ = demo
    with pytest.raises(KnownError, match="empty database"):
        fill_demo(db, NOW)


def test_demo_database_makes_a_filled_sqlite_file(tmp_path: Path) -> None:
    url = demo_database(tmp_path / "demo")
    assert url.startswith("sqlite:///") and (tmp_path / "demo" / "attache-demo.db").exists()
    db = Database(url)
    try:
        assert len(list_sources(db)) == 14
    finally:
        db.dispose()
    with pytest.raises(KnownError, match="fresh folder"):
        demo_database(tmp_path / "demo")


@pytest.mark.postgres
def test_fill_demo_on_postgresql(pg_url: str) -> None:
    db = Database(pg_url)
    try:
        ensure_schema(db)
        counts = fill_demo(db, NOW)
        assert counts["items"] == 150 and counts["replies"] >= 520
        assert needs_attention(db)
        assert list_items(db, search="Тошкентда")
        assert {r["status"] for r in list_sources(db)} == {"ok", "error", "gone"}
    finally:
        db.dispose()


def test_publishing_is_recorded_as_a_run_records_it(demo: tuple[Database, dict]) -> None:
    from core.publish.confirm import channel_states

    db, counts = demo
    posts = {p["title"]: p for p in list_posts(db)}
    states = channel_states(db, [p["id"] for p in posts.values()])
    visa = posts["Visa wait-time update"]
    assert visa["status"] == "published"
    sent = states[(visa["id"], "")]
    assert [state for _channel, state, _url in sent] == ["published"] * 4
    # The address of what went out on each channel: its own post, not the Facebook one.
    assert len({url for _channel, _state, url in sent}) == 4
    waiting = posts["16 Days begins: #OrangeTheWorld"]
    assert waiting["status"] == "scheduled"  # a channel to check holds it back
    assert sorted(s for _c, s, _d in states[(waiting["id"], "")]) == [
        "published", "published", "published", "unconfirmed"]
    assert not any(posts[t]["id"] in {p for p, _o in states} for t in posts
                   if posts[t]["status"] not in ("published", "scheduled"))
    assert counts["sends"] == sum(len(v) for v in states.values())


def test_the_embassy_s_answers_count_as_answers(demo: tuple[Database, dict]) -> None:
    from core.dashboard import account_ladder

    db, _ = demo
    rungs = account_ladder(db, NOW)
    assert any(r.answered for r in rungs)
    answered = [r for r in rungs if r.answered]
    assert all(0 < r.answered_share < 1 for r in answered)
    assert all(r.answered <= r.replies for r in rungs)


def test_the_demo_fills_with_clearance_on(db: Database) -> None:
    from core.settings import Settings

    settings = Settings.load()
    settings.require_second_approver = True
    settings.save()
    counts = fill_demo(db, NOW)
    assert counts["planned_posts"] >= 30
    assert {"approved", "scheduled", "published"} <= {p["status"] for p in list_posts(db)}
