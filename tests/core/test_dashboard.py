"""The Dashboard's panels: exact numbers from a seeded database, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, update

from core.calendar.observances import ensure_packs
from core.calendar.posts import PostFields, create_post
from core.dashboard import (
    absent_platforms,
    account_ladder,
    agenda,
    dashboard,
    sentiment_week,
    source_health,
    watch_activity,
)
from core.entries.entry import ParsedEntry
from core.entries.store import store_entries
from core.feeds.sources import add_source, insert_source
from core.social.base import SocialReply
from core.social.replies import store_replies
from core.storage.database import Database
from core.storage.migrate import ensure_schema
from core.storage.models import Observance, Reply, Source
from core.watch import add_term

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)  # a Friday
TODAY = NOW.date()
TASHKENT = ZoneInfo("Asia/Tashkent")
SOURCES = Source.__table__
REPLIES = Reply.__table__
OBSERVANCES = Observance.__table__


def entry(guid: str, title: str, published: datetime, text: str = "") -> ParsedEntry:
    return ParsedEntry(guid=guid, url=f"https://e.test/{guid}", title=title, author=None,
                       published=published, published_raw=None, content_html="",
                       content_text=text)


def reply(rid: str, post: str, published: datetime, text: str = "ok") -> SocialReply:
    return SocialReply(platform_id=rid, post_platform_id=post, parent_platform_id=None,
                       author_handle="someone", author_name=None, html="", text=text,
                       published=published)


def _feed(db: Database, url: str, name: str, *, status: str = "new", error: str | None = None,
          error_count: int = 0, enabled: bool = True) -> int:
    source_id = add_source(db, url, name=name).id
    with db.write() as conn:
        conn.execute(update(SOURCES).where(SOURCES.c.id == source_id).values(
            status=status, error=error, error_count=error_count, enabled=enabled))
    return source_id


def _own(db: Database, kind: str, url: str, name: str) -> int:
    source_id = insert_source(db, url=url, kind=kind, title=name, category=None, own=True,
                              interval_minutes=60).id
    with db.write() as conn:
        conn.execute(update(SOURCES).where(SOURCES.c.id == source_id).values(status="ok"))
    return source_id


def _label(db: Database, platform_id: str, label: str | None, polarity: float | None) -> None:
    with db.write() as conn:
        conn.execute(update(REPLIES).where(REPLIES.c.platform_id == platform_id).values(
            sentiment_label=label, polarity=polarity))


def _observance(db: Database, key: str) -> int:
    with db.read() as conn:
        return conn.execute(select(OBSERVANCES.c.id).where(OBSERVANCES.c.key == key)).scalar_one()


def seed(db: Database) -> dict[str, int]:
    """Sources in every state, three own accounts, watch terms, scored replies, a plan."""
    ids: dict[str, int] = {}
    ids["state"] = _feed(db, "https://e.test/state", "State Dept", status="ok")
    ids["broken_a"] = _feed(db, "https://e.test/a", "Broken A", status="error",
                            error="HTTP 500 Internal Server Error", error_count=2, enabled=False)
    ids["broken_b"] = _feed(db, "https://e.test/b", "Broken B", status="error",
                            error="timed out after 60 s", error_count=5)
    ids["old_c"] = _feed(db, "https://e.test/c", "Old C", status="gone", error="HTTP 410 Gone",
                         error_count=1)
    ids["fresh"] = _feed(db, "https://e.test/fresh", "Fresh")
    ids["mastodon"] = _own(db, "mastodon", "https://mastodon.test/@embassy", "Embassy Mastodon")
    ids["bluesky"] = _own(db, "bluesky", "https://bsky.test/profile/embassy", "Embassy Bluesky")
    ids["telegram"] = _own(db, "telegram", "https://t.me/s/embassy", "Посольство в Telegram")

    day = timedelta(days=1)
    with db.write() as conn:
        store_entries(conn, ids["state"], [
            entry("s1", "Fulbright 2027 is open", NOW - day),
            entry("s2", "Fulbright alumni meet", NOW - 3 * day),
            entry("s3", "Выдача визы возобновлена", NOW - timedelta(hours=2)),
            entry("s4", "Fulbright old news", NOW - 10 * day),
        ], NOW)
        store_entries(conn, ids["broken_a"], [entry("a1", "Old", NOW - 12 * day)], NOW - 10 * day)
        store_entries(conn, ids["old_c"], [entry("c1", "Older", NOW - 31 * day)], NOW - 30 * day)
        store_entries(conn, ids["mastodon"], [
            entry("m1", "Two days ago", NOW - 2 * day), entry("m2", "Five", NOW - 5 * day),
            entry("m3", "Nine", NOW - 9 * day), entry("m4", "Forty", NOW - 40 * day),
        ], NOW)
        store_entries(conn, ids["bluesky"], [entry("b1", "Three", NOW - 3 * day)], NOW)
        store_entries(conn, ids["telegram"], [entry("t1", "Twenty", NOW - 20 * day)], NOW)
        hour = timedelta(hours=1)
        store_replies(conn, ids["mastodon"], "mastodon", [
            reply("r1", "m1", NOW - 2 * day + hour), reply("r2", "m1", NOW - 2 * day + hour),
            reply("r3", "m1", NOW - 2 * day + hour), reply("r4", "m1", NOW - 2 * day + hour),
            reply("r5", "m1", NOW - 2 * day + 2 * hour),
            reply("r6", "m3", NOW - 8 * day), reply("r7", "m3", NOW - 8 * day),
            *(reply(f"old{i}", "m4", NOW - 39 * day) for i in range(5)),
        ], NOW)
    for rid, label, polarity in (("r1", "positive", 0.5), ("r2", "negative", -0.5),
                                 ("r3", "negative", -0.3), ("r4", "unsupported", None),
                                 ("r5", None, None),  # not scored yet
                                 ("r6", "neutral", 0.0), ("r7", "positive", 0.6)):
        _label(db, rid, label, polarity)
    for i in range(5):
        _label(db, f"old{i}", "negative", -0.8)

    for term in ("Fulbright", "виз*", "#ThinkBeforeYouShare"):
        add_term(db, term)

    ensure_packs(db, ["UZ"], ["un", "us", "host", "programme"])
    ids["thanksgiving"] = _observance(db, "us:thanksgiving-day")
    ids["human_rights"] = _observance(db, "un:human-rights-day")
    tashkent = {"tz": "Asia/Tashkent"}
    ids["post_thanks"] = create_post(db, PostFields(
        title="Happy Thanksgiving", at=datetime(2026, 11, 26, 10, 0, tzinfo=TASHKENT),
        status="approved", channels=[ids["mastodon"]], observance_id=ids["thanksgiving"],
        campaign="Holidays", **tashkent))
    ids["post_visa"] = create_post(db, PostFields(
        title="Weekly visa Q&A", at=datetime(2026, 11, 19, 16, 0, tzinfo=TASHKENT),
        status="draft", rrule="FREQ=WEEKLY;BYDAY=TH;COUNT=6",
        channels=[ids["mastodon"], ids["telegram"]], **tashkent))
    ids["post_fulbright"] = create_post(db, PostFields(
        title="Fulbright reminder", day=TODAY, status="idea"))
    create_post(db, PostFields(title="Cancelled", day=TODAY + day, status="cancelled"))
    create_post(db, PostFields(title="Too late", day=date(2026, 12, 20), status="draft"))
    return ids


@pytest.fixture
def seeded(db: Database) -> dict[str, int]:
    return seed(db)


def check_agenda(db: Database, ids: dict[str, int]) -> None:
    rows = agenda(db, TODAY, 14, "Asia/Tashkent", countries=["UZ"])
    lines = [(e.day.isoformat(), e.kind, e.title) for e in rows]
    assert lines[:4] == [
        ("2026-11-20", "post", "Fulbright reminder"),
        ("2026-11-25", "observance", "16 Days of Activism against Gender-Based Violence"),
        ("2026-11-25", "observance",
         "International Day for the Elimination of Violence against Women"),
        ("2026-11-26", "observance", "Thanksgiving Day"),
    ]
    posts = [(e.id, e.at.isoformat() if e.at else e.day.isoformat(), e.status, e.channels)
             for e in rows if e.kind == "post"]
    assert posts == [
        (ids["post_fulbright"], "2026-11-20", "idea", ()),
        (ids["post_thanks"], "2026-11-26T10:00:00+05:00", "approved", ("Embassy Mastodon",)),
        (ids["post_visa"], "2026-11-26T16:00:00+05:00", "draft",
         ("Embassy Mastodon", "Посольство в Telegram")),
        (ids["post_visa"], "2026-12-03T16:00:00+05:00", "draft",
         ("Embassy Mastodon", "Посольство в Telegram")),
    ]
    assert next(e for e in rows if e.id == ids["post_thanks"]).campaign == "Holidays"
    by_id = {e.id: e for e in rows if e.kind == "observance"}
    thanks = by_id[ids["thanksgiving"]]
    assert (thanks.prepare_by, thanks.prep, thanks.beyond) == (date(2026, 11, 12), "planned",
                                                               False)
    rights = by_id[ids["human_rights"]]  # after the window, but preparation is overdue
    assert (rights.day, rights.lead_days, rights.prepare_by, rights.prep, rights.beyond) == (
        date(2026, 12, 10), 21, date(2026, 11, 19), "overdue", True)
    constitution = by_id[_observance(db, "host:uz:constitution-day")]
    assert (constitution.prepare_by, constitution.prep, constitution.beyond) == (
        date(2026, 11, 24), "due", True)
    assert all(e.prepare_by is None or e.prepare_by <= TODAY + timedelta(days=14)
               for e in rows)
    assert [e.day for e in rows] == sorted(e.day for e in rows)


def check_source_health(db: Database, ids: dict[str, int]) -> None:
    health = source_health(db)
    assert health.counts == {"new": 1, "ok": 4, "error": 2, "gone": 1}
    assert (health.total, health.disabled) == (8, 1)
    worst = [(p.id, p.status, p.error_count, p.error, p.enabled) for p in health.worst]
    assert worst == [
        (ids["broken_b"], "error", 5, "timed out after 60 s", True),
        (ids["broken_a"], "error", 2, "HTTP 500 Internal Server Error", False),
        (ids["old_c"], "gone", 1, "HTTP 410 Gone", True),
    ]
    assert health.worst[0].last_new_item is None
    assert health.worst[1].last_new_item == NOW - timedelta(days=10)
    assert [p.name for p in source_health(db, limit=1).worst] == ["Broken B"]


def check_watch(db: Database) -> None:
    activity = watch_activity(db, days=7, today=TODAY)
    assert [(t.term, t.per_day, t.total) for t in activity] == [
        ("Fulbright", [0, 0, 0, 1, 0, 1, 0], 2),
        ("виз*", [0, 0, 0, 0, 0, 0, 1], 1),
        ("#ThinkBeforeYouShare", [0] * 7, 0),
    ]
    assert watch_activity(db, days=14, today=TODAY)[0].total == 3  # the 10-day-old item too


def check_sentiment(db: Database) -> None:
    week = sentiment_week(db, days=7, today=TODAY)
    assert (week.positive, week.neutral, week.negative, week.unsupported, week.unscored) == (
        1, 0, 2, 1, 1)
    assert (week.supported, week.total, week.mean_polarity, week.negative_share) == (
        3, 5, -0.1, 0.6667)
    assert [r["key"] for r in week.per_day] == ["2026-11-18"]
    fortnight = sentiment_week(db, days=14, today=TODAY)
    assert (fortnight.positive, fortnight.neutral, fortnight.supported) == (2, 1, 5)
    assert fortnight.mean_polarity == pytest.approx(0.06)


def check_ladder(db: Database, ids: dict[str, int]) -> None:
    rungs = account_ladder(db, NOW, weeks=4)
    got = [(r.source_id, r.platform, r.days_since_last_post, r.posts, r.posts_per_week,
            r.replies, r.replies_per_post, r.supported, r.negative, r.negative_share, r.level,
            r.rung) for r in rungs]
    assert got == [
        (ids["bluesky"], "bluesky", 3, 1, 0.25, 0, 0.0, 0, 0, None, "up-to-date", 2),
        (ids["mastodon"], "mastodon", 2, 3, 0.75, 7, 2.33, 5, 2, 0.4, "engaging", 3),
        (ids["telegram"], "telegram", 20, 1, 0.25, 0, 0.0, 0, 0, None, "present", 1),
    ]
    assert rungs[1].last_post == NOW - timedelta(days=2)
    assert absent_platforms(rungs) == ["youtube", "facebook", "instagram", "vk"]
    # Over one week: two Mastodon posts, five replies (all to the newer one).
    week = {r.source_id: r for r in account_ladder(db, NOW, weeks=1)}
    assert (week[ids["mastodon"]].posts, week[ids["mastodon"]].replies) == (2, 5)


def check_everything(db: Database, ids: dict[str, int]) -> None:
    check_agenda(db, ids)
    check_source_health(db, ids)
    check_watch(db)
    check_sentiment(db)
    check_ladder(db, ids)
    data = dashboard(db, NOW, "Asia/Tashkent", countries=["UZ"])
    assert data.today == TODAY
    assert data.agenda == agenda(db, TODAY, 14, "Asia/Tashkent", countries=["UZ"])
    assert [t.total for t in data.watch] == [2, 1, 0]
    assert data.sentiment.total == 5
    assert data.absent_platforms == ["youtube", "facebook", "instagram", "vk"]


def test_every_panel_on_sqlite(db: Database, seeded: dict[str, int]) -> None:
    check_everything(db, seeded)


def test_an_empty_database(db: Database) -> None:
    data = dashboard(db, NOW, "UTC")
    assert data.agenda == []
    assert data.sources.total == 0 and data.sources.worst == []
    assert data.sources.counts == {"new": 0, "ok": 0, "error": 0, "gone": 0}
    assert data.watch == [] and data.accounts == []
    assert (data.sentiment.total, data.sentiment.mean_polarity) == (0, None)
    assert data.absent_platforms == ["mastodon", "bluesky", "youtube", "telegram", "facebook",
                                     "instagram", "vk"]


def test_an_account_that_never_posted_is_present_only(db: Database) -> None:
    source_id = _own(db, "mastodon", "https://mastodon.test/@quiet", "Quiet")
    (rung,) = account_ladder(db, NOW)
    assert (rung.source_id, rung.last_post, rung.days_since_last_post, rung.posts,
            rung.replies_per_post, rung.level) == (source_id, None, None, 0, None, "present")


def test_a_running_span_is_listed_today_without_a_prepare_badge(db: Database) -> None:
    from core.calendar.observances import add_custom

    add_custom(db, "Film week", {"type": "fixed", "month": 11, "day": 18, "days": 7},
               lead_days=10)
    (e,) = agenda(db, TODAY, 14, "UTC")
    assert (e.day, e.start, e.end, e.prepare_by, e.prep) == (
        TODAY, date(2026, 11, 18), date(2026, 11, 24), date(2026, 11, 8), None)


def test_next_14_days_are_14_days(db: Database) -> None:
    """Today and the 13 days after it: a post on day 15 is not in "the next 14 days"."""
    for offset in (0, 13, 14):
        create_post(db, PostFields(title=f"day +{offset}", day=TODAY + timedelta(days=offset)))
    titles = [e.title for e in agenda(db, TODAY, 14, "UTC") if e.kind == "post"]
    assert titles == ["day +0", "day +13"]


@pytest.fixture
def pg(pg_url: str) -> Iterator[Database]:
    database = Database(pg_url)
    ensure_schema(database)
    yield database
    database.dispose()


@pytest.mark.postgres
def test_every_panel_on_postgresql(pg: Database) -> None:
    check_everything(pg, seed(pg))


def test_watch_and_sentiment_count_on_the_officers_day_not_the_utc_day(db: Database) -> None:
    check_local_days(db)


@pytest.mark.postgres
def test_watch_and_sentiment_count_on_the_officers_day_on_postgresql(pg: Database) -> None:
    check_local_days(pg)


def check_local_days(db: Database) -> None:
    """02:00 in Tashkent is 21:00 UTC the day before: it belongs to the Tashkent day, as on the
    agenda and the Listen page."""
    early = datetime(2026, 11, 19, 21, 0, tzinfo=UTC)  # 2026-11-20 02:00 Asia/Tashkent
    local_today = date(2026, 11, 20)
    feed = _feed(db, "https://e.test/state", "State Dept", status="ok")
    own = _own(db, "mastodon", "https://mastodon.test/@embassy", "Embassy Mastodon")
    with db.write() as conn:
        store_entries(conn, feed, [entry("s1", "Fulbright 2027 is open", early)], early)
        store_entries(conn, own, [entry("m1", "Post", early - timedelta(hours=3))], early)
        store_replies(conn, own, "mastodon", [reply("r1", "m1", early)], early)
    _label(db, "r1", "negative", -0.5)
    add_term(db, "Fulbright")

    (term,) = watch_activity(db, days=3, today=local_today, tz="Asia/Tashkent")
    assert term.per_day == [0, 0, 1]
    (utc_term,) = watch_activity(db, days=3, today=date(2026, 11, 19), tz="UTC")
    assert utc_term.per_day == [0, 0, 1]  # the same hit, on the UTC day
    day = sentiment_week(db, days=1, today=local_today, tz="Asia/Tashkent")
    assert (day.negative, [r["key"] for r in day.per_day]) == (1, ["2026-11-20"])
    assert sentiment_week(db, days=1, today=local_today, tz="UTC").total == 0

    data = dashboard(db, early + timedelta(hours=1), "Asia/Tashkent")
    assert data.today == local_today
    assert data.watch[0].per_day[-1] == 1
    assert (data.sentiment.negative, data.sentiment.per_day[-1]["key"]) == (1, "2026-11-20")
