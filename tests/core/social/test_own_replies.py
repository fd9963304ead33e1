"""The embassy's own replies in its threads: stored as its own, never the audience's.

An answer typed in the platform's app, a channel's comment in its own discussion, a Page
answering as itself: the adapters mark them (tests per platform beside each adapter); here the
store and everything that counts the audience — sentiment, Listen's lists and counts, the
dashboard's ladder, watch terms — on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from core.dashboard import account_ladder, sentiment_week
from core.entries.entry import ParsedEntry
from core.entries.store import store_entries
from core.feeds.sources import add_source
from core.sentiment import aggregates
from core.sentiment.analyzers import SocialAnalyzer, Thresholds
from core.sentiment.scoring import Scorer, score_pending, score_reply_ids
from core.social.base import SocialReply
from core.social.replies import (
    count_replies,
    list_replies,
    replied_posts,
    reply_accounts,
    reply_ids,
    reply_languages,
    store_replies,
)
from core.storage.database import Database
from core.storage.migrate import ensure_schema
from core.storage.models import Reply
from core.watch import add_term, list_hits, term_counts

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
REPLIES = Reply.__table__


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    url = (f"sqlite:///{tmp_path / 'own.db'}" if request.param == "sqlite"
           else request.getfixturevalue("pg_url"))
    database = Database(url)
    ensure_schema(database)
    yield database
    database.dispose()


def said(rid: str, parent: str | None, text: str, minutes: int, *, own: bool = False,
         author: str = "someone") -> SocialReply:
    return SocialReply(rid, "post-1", parent, "embassy" if own else author, None,
                       f"<p>{text}</p>", text, NOW + timedelta(minutes=minutes), 0,
                       f"https://e.test/r/{rid}", own=own)


def rows(db: Database) -> dict[str, dict]:
    return {r["platform_id"]: r for r in list_replies(db, limit=0)}


def own_account(db: Database) -> int:
    source = add_source(db, "https://e.test/@embassy", own=True)
    with db.write() as conn:
        store_entries(conn, source.id, [ParsedEntry("post-1", "https://e.test/p/1", "Visas",
                                                    None, NOW, None, "", "")], NOW)
    return source.id


def test_a_stored_own_reply_becomes_own_at_the_next_read_and_stays_own(
        any_db: Database) -> None:
    """A database written before adapters knew: the embassy's answer (typed in the app) was
    stored, scored and watched as the audience's. The next refresh puts it right."""
    db = any_db
    source = own_account(db)
    scorer = Scorer(SocialAnalyzer(), Thresholds())
    add_term(db, "Rahmat")
    asked = said("a", None, "Qachon viza beriladi?", 0, author="aziz")
    answer = said("b", "a", "Rahmat! Dushanba kuni, soat 9 da.", 30)  # as stored back then
    with db.write() as conn:
        first = store_replies(conn, source, "mastodon", [asked, answer], NOW)
        score_reply_ids(conn, scorer, first.new_ids)
    from core.watch import match_new

    with db.write() as conn:
        match_new(conn, (), first.new_ids)
    before = rows(db)
    assert before["b"]["sentiment_label"] is not None and not before["b"]["own"]
    assert [h["id"] for h in list_hits(db)] == [before["b"]["id"]]
    with db.write() as conn:  # an officer labelled the question by hand meanwhile
        conn.execute(update(REPLIES).where(REPLIES.c.platform_id == "a").values(
            sentiment_label="neutral", label_source="manual"))

    later = NOW + timedelta(hours=5)
    answer.own = True  # what today's adapter says of the same reply, unchanged otherwise
    with db.write() as conn:
        again = store_replies(conn, source, "mastodon", [asked, answer], later)
    assert (again.new, again.updated, again.own) == (0, 0, 1)
    after = rows(db)
    assert after["b"]["own"] and after["b"]["id"] == before["b"]["id"]
    assert after["b"]["sentiment_label"] is None and after["b"]["analyzer"] is None
    assert list_hits(db) == []  # its words are not the audience mentioning "Rahmat"
    # The question was answered in the app, at the answer's time; its own label is kept.
    assert after["a"]["answered_at"] == answer.published and after["a"]["answered_by"] is None
    assert after["a"]["sentiment_label"] == "neutral"

    # Own never goes back: an adapter that cannot tell (no account id) leaves it alone, and
    # an answer sent from Attaché keeps who and when.
    answer.own = False
    with db.write() as conn:
        store_replies(conn, source, "mastodon", [answer], later + timedelta(hours=1))
        conn.execute(update(REPLIES).where(REPLIES.c.platform_id == "a").values(
            answered_at=later, answered_by="dilnoza"))
        store_replies(conn, source, "mastodon",
                      [said("c", "a", "Yana savol bo'lsa yozing.", 400, own=True)], later)
    final = rows(db)
    assert final["b"]["own"] and final["c"]["own"]
    assert (final["a"]["answered_at"], final["a"]["answered_by"]) == (later, "dilnoza")


def test_an_own_reply_that_arrives_before_what_it_answers_still_marks_it(
        any_db: Database) -> None:
    db = any_db
    source = own_account(db)
    with db.write() as conn:  # another page of the thread, read first
        store_replies(conn, source, "bluesky", [said("y", "x", "Javob", 50, own=True)], NOW)
        store_replies(conn, source, "bluesky", [said("x", None, "Savol", 10)], NOW)
        # The embassy going on in its own answer answers no one else.
        store_replies(conn, source, "bluesky", [said("z", "y", "Davomi", 55, own=True)], NOW)
    found = rows(db)
    assert found["x"]["answered_at"] == NOW + timedelta(minutes=50)
    assert found["y"]["answered_at"] is None and found["z"]["parent_id"] == found["y"]["id"]


def test_sentiment_listen_dashboard_and_watch_terms_count_the_audience_only(
        any_db: Database) -> None:
    db = any_db
    source = own_account(db)
    audience = [said("a1", None, "Great news, thank you!", 0),
                said("a2", None, "This is terrible service.", 5),
                said("a3", "a2", "Agreed, terrible.", 6)]
    ours = [said("o1", "a2", "We are sorry — thank you, we will fix it.", 20, own=True),
            said("o2", "o1", "Update: fixed, thank you for waiting.", 90, own=True)]
    scorer = Scorer(SocialAnalyzer(), Thresholds())
    with db.write() as conn:
        stored = store_replies(conn, source, "mastodon", audience + ours, NOW)
        assert (stored.new, stored.own, len(stored.new_ids)) == (3, 2, 3)
        # Even asked to, scoring leaves the embassy's words alone.
        all_ids = list(conn.execute(select(REPLIES.c.id)).scalars())
        assert score_reply_ids(conn, scorer, all_ids) == 3
    assert score_pending(db, scorer, rescore=True) == 3
    found = rows(db)
    assert found["o1"]["sentiment_label"] is None and found["o2"]["sentiment_label"] is None
    with db.write() as conn:  # say an older version had scored them: still not counted
        conn.execute(update(REPLIES).where(REPLIES.c.own.is_(True)).values(
            sentiment_label="positive", polarity=0.9, label_source="auto"))

    [per_post] = aggregates.summary(db, by="item")
    assert per_post["total"] == 3 and per_post["positive"] <= 1
    assert sum(r["positive"] + r["neutral"] + r["negative"] + r["unsupported"]
               + r["unscored"] for r in aggregates.timeline(db, "day")) == 3
    assert [r["replies"] for r in replied_posts(db)] == [3]
    assert [a["replies"] for a in reply_accounts(db)] == [3]
    assert sum(r["replies"] for r in reply_languages(db)) == 3
    assert count_replies(db) == 3 and count_replies(db, label="positive") <= 1
    listed = set(reply_ids(db))
    assert listed == {found[k]["id"] for k in ("a1", "a2", "a3")}
    assert set(reply_ids(db, label="positive")) <= listed  # an own reply's old label: not shown

    week = sentiment_week(db, today=(NOW + timedelta(days=1)).date())
    assert week.total == 3  # the Dashboard's sentiment panel
    [rung] = account_ladder(db, NOW + timedelta(days=1))
    assert (rung.replies, rung.answered) == (3, 1)  # a2, answered in the app at o1's time
    assert rung.median_hours_to_answer == 0.25  # a2 at 09:05, the embassy's answer at 09:20

    term, hits = add_term(db, "thank you")
    assert hits == 1  # "Great news, thank you!"; the embassy's two thanks are not mentions
    assert term_counts(db)[term]["replies"] == 1
