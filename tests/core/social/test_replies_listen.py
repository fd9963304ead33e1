"""What the Listen page asks of core: reply ids by filter, rows by id, undo, timelines."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from core.calendar.posts import PostFields, create_post
from core.errors import KnownError, NotFoundError
from core.sentiment.aggregates import post_breakdown, summary, timeline
from core.sentiment.scoring import label_reply, score_pending
from core.social.replies import (
    count_replies,
    list_replies,
    replied_posts,
    replies_by_ids,
    reply_accounts,
    reply_ids,
    reply_languages,
    restore_label,
)
from core.storage.database import Database
from tests.core.sentiment.test_sentiment import NOW, SHIPPED, seed


@pytest.fixture
def ids(db: Database) -> dict[str, int]:
    found = seed(db, {
        "p1": ["Thank you, great event!", "Спасибо большое за информацию", "👍"],
        "p2": ["This is a disgrace 😡", "Rahmat, juda foydali ma'lumot bo'ldi"],
        "p3": [],
        "p4": ["When is the deadline?"],
    })
    score_pending(db, SHIPPED)
    return found


def test_reply_ids_filter_like_the_page(db: Database, ids: dict[str, int]) -> None:
    every = reply_ids(db)
    assert every == [r["id"] for r in list_replies(db, limit=0)]  # newest first, the same
    assert len(reply_ids(db, item_id=ids["p1"])) == 3
    assert len(reply_ids(db, label="unsupported")) == 2
    assert reply_ids(db, label="unscored") == []
    assert len(reply_ids(db, language="ru")) == 1
    assert len(reply_ids(db, language="")) == 1  # 👍: no language
    # Day 0 is p1, day 1 p2, day 3 p4; until excludes its instant.
    assert len(reply_ids(db, since=NOW + timedelta(days=1))) == 3
    assert len(reply_ids(db, until=NOW + timedelta(days=1))) == 3
    assert reply_ids(db, search="спасибо") == reply_ids(db, search="СПАСИБО  информацию")
    assert len(reply_ids(db, search="user1")) == 2  # authors too
    create_post(db, PostFields(title="HR", day=NOW.date(), campaign="16 Days",
                               item_id=ids["p2"]))
    (campaign,) = [c for c in _campaigns(db) if c[1] == "16 Days"]
    assert sorted(reply_ids(db, campaign_id=campaign[0])) == sorted(
        reply_ids(db, item_id=ids["p2"]))
    with pytest.raises(KnownError):
        reply_ids(db, order="mood")


def test_count_replies_agrees_with_the_ids(db: Database, ids: dict[str, int]) -> None:
    assert count_replies(db) == len(reply_ids(db)) == 6
    assert count_replies(db, label="unscored") == 0
    assert count_replies(db, label="unsupported") == len(reply_ids(db, label="unsupported"))
    assert count_replies(db, item_id=ids["p1"], language="") == 1
    restore_label(db, reply_ids(db, item_id=ids["p4"])[0], None, None)  # never scored
    assert count_replies(db, label="unscored") == 1


def _campaigns(db: Database) -> list[tuple[int, str]]:
    with db.read() as conn:
        return list(conn.exec_driver_sql("SELECT id, name FROM campaign").all())


def test_orders_put_missing_values_last(db: Database, ids: dict[str, int]) -> None:
    rows = replies_by_ids(db, reply_ids(db, order="polarity", descending=False))
    ordered = [rows[i]["polarity"] for i in reply_ids(db, order="polarity", descending=False)]
    known = [p for p in ordered if p is not None]
    assert known == sorted(known) and ordered[len(known):] == [None] * (len(ordered) - len(known))
    assert reply_ids(db, order="date", descending=False) == reply_ids(db)[::-1]
    for order in ("label", "author", "language", "post"):
        assert sorted(reply_ids(db, order=order)) == sorted(reply_ids(db))


def test_rows_by_id_and_exact_undo(db: Database, ids: dict[str, int]) -> None:
    wanted = reply_ids(db, item_id=ids["p1"])
    rows = replies_by_ids(db, [*wanted, 99999])
    assert set(rows) == set(wanted)
    row = rows[wanted[0]]
    assert row["post_title"] == "Post p1" and row["when"] is not None
    assert {"sentiment_label", "label_source", "polarity", "language", "text"} <= row.keys()
    english = next(r for r in rows.values() if r["language"] == "en")
    label_reply(db, english["id"], "negative", SHIPPED)
    restore_label(db, english["id"], english["sentiment_label"], english["label_source"])
    again = replies_by_ids(db, [english["id"]])[english["id"]]
    assert (again["sentiment_label"], again["label_source"]) == ("positive", "auto")
    with pytest.raises(NotFoundError):
        restore_label(db, 99999, "positive", "auto")


def test_languages_and_posts_for_the_filters(db: Database, ids: dict[str, int]) -> None:
    languages = {r["language"]: r for r in reply_languages(db)}
    assert languages["ru"]["unsupported"] == 1 and languages["en"]["unsupported"] == 0
    assert sum(r["replies"] for r in languages.values()) == 6
    posts = replied_posts(db)
    assert [p["id"] for p in posts] == [ids["p4"], ids["p2"], ids["p1"]]  # p3 has none
    assert posts[-1]["replies"] == 3


def test_timeline_fills_quiet_days_and_counts_in_a_zone(db: Database,
                                                        ids: dict[str, int]) -> None:
    days = timeline(db, "day")
    assert [d["key"] for d in days] == ["2026-12-10", "2026-12-11", "2026-12-12", "2026-12-13"]
    assert days[2]["total"] == 0 and sum(d["total"] for d in days) == 6
    assert sum(d["unsupported"] for d in days) == 2
    # 09:00 UTC is 22:00 in Honolulu the day before.
    hawaii = summary(db, "day", tz=ZoneInfo("Pacific/Honolulu"))
    assert hawaii[0]["key"] == "2026-12-09"
    assert summary(db, "day") == [d for d in days if d["total"]]
    assert timeline(db, "week", item_id=ids["p2"])[0]["total"] == 2
    with pytest.raises(KnownError):
        timeline(db, "item")


def test_post_breakdown_most_replied_first(db: Database, ids: dict[str, int]) -> None:
    rows = post_breakdown(db, limit=2)
    assert [r["key"] for r in rows] == [ids["p1"], ids["p2"]]
    assert [r["key"] for r in post_breakdown(db, item_id=ids["p4"])] == [ids["p4"]]
    assert post_breakdown(db, language="ru")[0]["total"] == 1
    assert post_breakdown(db, since=datetime(2030, 1, 1, tzinfo=UTC)) == []


def test_accounts_for_the_filter_and_one_account_everywhere(db: Database,
                                                           ids: dict[str, int]) -> None:
    from core.feeds.sources import add_source
    from tests.core.sentiment.test_aggregates_attention import other_account

    other = other_account(db, "https://mastodon.example/@consulate",
                          ["Thank you, great event!", "This is a disgrace 😡"])
    quiet = add_source(db, "https://bsky.example/profile/embassy", own=True).id
    add_source(db, "https://news.example/feed")  # a watched feed: not an account
    score_pending(db, SHIPPED)
    accounts = {a["id"]: a for a in reply_accounts(db)}
    embassy = replies_by_ids(db, reply_ids(db, item_id=ids["p1"]))
    first = next(iter(embassy.values()))["source_id"]
    assert set(accounts) == {first, other, quiet}
    assert (accounts[first]["replies"], accounts[other]["replies"],
            accounts[quiet]["replies"]) == (6, 2, 0)

    assert len(reply_ids(db, source_id=other)) == count_replies(db, source_id=other) == 2
    assert count_replies(db, source_id=quiet) == 0
    assert sum(d["total"] for d in timeline(db, "day", source_id=other)) == 2
    assert sum(d["total"] for d in timeline(db, "day", source_id=first)) == 6
    assert {r["key"] for r in post_breakdown(db, source_id=other)} == {
        r["item_id"] for r in replies_by_ids(db, reply_ids(db, source_id=other)).values()}
    (row,) = summary(db, "source", source_id=other)
    assert row["key"] == other and row["negative"] == 1
