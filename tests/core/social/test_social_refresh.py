"""One refresh of an own Mastodon and an own Bluesky account: items, nested replies with
their parents, and watch-term hits, end to end through the refresher and the database."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from core.feeds.items import list_items
from core.feeds.refresh import FeedRefresher
from core.feeds.sources import list_sources
from core.net.fetch import Fetcher
from core.social.accounts import add_social_source
from core.social.replies import list_replies
from core.storage.database import Database
from core.watch import add_term, list_hits
from tests.core.social.test_bluesky import HANDLE, serve_appview
from tests.core.social.test_mastodon import serve_instance
from tests.feedserver import FeedServer

CLOCK = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)  # the fixtures' month: replies in the window


@pytest.fixture
def accounts(db: Database, server: FeedServer, fetcher: Fetcher,
             monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    monkeypatch.setenv("ATTACHE_BLUESKY_APPVIEW", server.url("/"))
    serve_instance(server)
    serve_appview(server)
    mastodon = add_social_source(db, fetcher, server.url("/@embassy"), "mastodon", own=True)
    bluesky = add_social_source(db, fetcher, HANDLE, "bluesky", own=True)
    return {"mastodon": mastodon.id, "bluesky": bluesky.id}


def test_refresh_of_own_mastodon_and_bluesky(db: Database, fetcher: Fetcher,
                                             accounts: dict[str, int]) -> None:
    term_id, _ = add_term(db, "Rahmat")  # Uzbek "thank you", in replies on both platforms
    russian_id, _ = add_term(db, "спасибо")
    refresher = FeedRefresher(db, fetcher, clock=lambda: CLOCK)
    results = {r.kind: r for r in refresher.refresh()}
    assert {k: r.status for k, r in results.items()} == {"mastodon": "ok", "bluesky": "ok"}
    assert all(r.new_items > 0 and r.new_replies > 0 for r in results.values())

    for kind, source_id in accounts.items():
        items = list_items(db, source_id=source_id, limit=0)
        replies = list_replies(db, source_id=source_id, limit=0)
        assert len(items) == results[kind].new_items
        audience = [r for r in replies if not r["own"]]
        # The embassy answering Aziz is its own reply: in the thread, not a new audience reply.
        assert len(audience) == results[kind].new_replies == 4
        assert [r["own"] for r in replies].count(True) == 2  # an answer, and more of it
        by_text = {r["text"].split("\n")[-1]: r for r in replies}
        uzbek = next(r for t, r in by_text.items() if "Rahmat! Hujjatlarni" in t)
        russian = next(r for t, r in by_text.items() if t.startswith("А для граждан России"))
        assert uzbek["parent_id"] is None  # answers the post itself
        middle = next(r for r in replies if r["parent_id"] == uzbek["id"])
        assert russian["parent_id"] == middle["id"]  # depth three
        # The middle one is the embassy answering in the platform's app: Aziz is answered.
        assert middle["own"] and not uzbek["own"] and not russian["own"]
        assert uzbek["answered_at"] == middle["published"] and uzbek["answered_by"] is None
        assert middle["sentiment_label"] is None
        assert {r["item_id"] for r in (uzbek, middle, russian)} <= {i["id"] for i in items}
        assert all("<script" not in r["html"] for r in replies)

    hits = list_hits(db, term_id=term_id)
    assert {h["kind"] for h in hits} == {"reply"} and len(hits) >= 2
    assert len(list_hits(db, term_id=russian_id)) >= 2  # case-insensitive Cyrillic

    again = {r.kind: r for r in refresher.refresh(force=True)}
    assert all(r.new_items == 0 and r.new_replies == 0 for r in again.values())
    assert len(list_replies(db, limit=0)) == 12  # 8 of the audience, 4 of the embassy
    sources = {s["kind"]: s for s in list_sources(db)}
    assert sources["mastodon"]["own"] and sources["mastodon"]["state"]
    assert sources["bluesky"]["title"]
