"""``needs_attention`` gives its reasons as numbers (for a translated UI) and as English
sentences (for the CLI), and narrows to one account."""

from __future__ import annotations

from datetime import timedelta

from core.entries.entry import ParsedEntry
from core.entries.store import store_entries
from core.feeds.sources import add_source
from core.sentiment.aggregates import attention_reason, needs_attention
from core.sentiment.scoring import score_pending
from core.social.base import SocialReply
from core.social.replies import store_replies
from core.storage.database import Database
from tests.core.sentiment.test_sentiment import NOW, SHIPPED, seed

GOOD = ["Thank you, great event!", "Congratulations 🎉", "Wonderful initiative!"]
BAD = ["This is a disgrace 😡", "Terrible, useless embassy", "Worst consular service ever"]


def mix(negative: int, total: int) -> list[str]:
    return [BAD[i % 3] for i in range(negative)] + [GOOD[i % 3] for i in range(total - negative)]


def other_account(db: Database, url: str, texts: list[str]) -> int:
    """A second own account with one post and its replies; returns the source id."""
    source = add_source(db, url, own=True)
    with db.write() as conn:
        store_entries(conn, source.id, [ParsedEntry("x1", f"{url}/x1", "Other post", None,
                                                    NOW, None, "", "")], NOW)
        store_replies(conn, source.id, "mastodon", [
            SocialReply(f"x1-r{m}", "x1", None, f"other{m}", None, text, text,
                        NOW + timedelta(minutes=m)) for m, text in enumerate(texts)], NOW)
    return source.id


def test_reasons_come_with_their_numbers(db: Database) -> None:
    ids = seed(db, {"calm1": mix(0, 10), "calm2": mix(0, 10), "calm3": mix(0, 10),
                    "jumpy": mix(3, 10), "bad": mix(6, 10)})
    score_pending(db, SHIPPED)
    flagged = {f["key"]: f for f in needs_attention(db)}
    assert set(flagged) == {ids["jumpy"], ids["bad"]}

    (jump,) = flagged[ids["jumpy"]]["details"]  # 30%: under the threshold, over the usual 0%
    assert jump == {"reason": "jump", "negative_share": 0.3, "supported": 10,
                    "baseline_share": 0.0, "jump": 0.2, "baseline_posts": 3}
    assert flagged[ids["jumpy"]]["reasons"] == ["negative share 30% vs the account's usual 0%"]

    share, jump = flagged[ids["bad"]]["details"]
    assert share == {"reason": "share", "negative_share": 0.6, "supported": 10,
                     "threshold": 0.4}
    assert (jump["reason"], jump["baseline_share"], jump["baseline_posts"]) == ("jump", 0.075, 4)
    # The CLI's sentences are unchanged, and are the numbers put in words.
    assert flagged[ids["bad"]]["reasons"] == [
        "60% of 10 supported replies are negative",
        "negative share 60% vs the account's usual 8%"]
    assert [attention_reason(d) for d in flagged[ids["bad"]]["details"]] == \
        flagged[ids["bad"]]["reasons"]


def test_attention_for_one_account(db: Database) -> None:
    ids = seed(db, {"bad": mix(6, 10)})
    other = other_account(db, "https://mastodon.example/@consulate", mix(8, 10))
    score_pending(db, SHIPPED)
    assert {f["source_id"] for f in needs_attention(db)} == {other, _source_of(db, ids["bad"])}
    (only,) = needs_attention(db, source_id=other)
    assert only["source_id"] == other and only["details"][0]["negative_share"] == 0.8


def _source_of(db: Database, item_id: int) -> int:
    with db.read() as conn:
        return conn.exec_driver_sql("SELECT source_id FROM item WHERE id = ?",
                                    (item_id,)).scalar_one()
