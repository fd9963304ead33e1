"""The region's platforms end to end: an own Telegram channel's comments (and, below, a VK
community) through the refresher and the database into what Listen, watch terms and sentiment
read — the same path as every other platform."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from core.feeds.fetch import Fetcher
from core.feeds.items import list_items
from core.feeds.refresh import FeedRefresher
from core.feeds.sources import list_sources
from core.sentiment.analyzers import SocialAnalyzer, Thresholds
from core.sentiment.scoring import Scorer
from core.social import telegram
from core.social.accounts import add_social_source
from core.social.replies import list_replies, reply_accounts
from core.storage.database import Database
from core.watch import add_term, list_hits
from tests.core.test_telegram import CHANNEL
from tests.core.test_telegram_comments import DiscussionSite
from tests.feedserver import FeedServer

TELEGRAM_CLOCK = datetime(2025, 5, 10, 12, 0, tzinfo=UTC)  # posts 1201–1204 in 30 days


def test_own_telegram_channel_comments_reach_listen(db: Database, server: FeedServer,
                                                    fetcher: Fetcher,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(telegram, "COMMENTS_PAGE", 5)
    site = DiscussionSite(server)
    source = add_social_source(db, fetcher, server.url(f"/{CHANNEL}"), "telegram", own=True)
    rahmat, _ = add_term(db, "Раҳмат")  # Uzbek Cyrillic "thank you"
    consulate, _ = add_term(db, "консульство")
    scorer = Scorer(SocialAnalyzer(), Thresholds())
    refresher = FeedRefresher(db, fetcher, scorer=scorer, clock=lambda: TELEGRAM_CLOCK)

    [result] = refresher.refresh()
    assert (result.status, result.kind, result.warning) == ("ok", "telegram", None)
    assert result.new_items == 7 and result.new_replies == 10
    assert len(site.posts()) == 1  # the "show more" call

    replies = {r["platform_id"].rsplit("=", 1)[1]: r for r in
               list_replies(db, source_id=source.id, limit=0)}
    items = {i["id"]: i for i in list_items(db, source_id=source.id, limit=0)}
    assert {items[r["item_id"]]["url"].rsplit("/", 1)[1] for r in replies.values()} == {
        "1202", "1204"}
    assert replies["5524"]["parent_id"] == replies["5521"]["id"]  # answered in the thread
    assert replies["5526"]["parent_id"] == replies["5522"]["id"]
    assert replies["5521"]["author_handle"] is None and replies["5521"]["author_name"] == \
        "Deleted Account"
    for reply in replies.values():  # scored as they arrived, as the analyzer reads them
        assert reply["sentiment_label"] == scorer.score(reply["text"]).label
    assert {h["kind"] for h in list_hits(db, term_id=rahmat)} == {"reply"}
    assert len(list_hits(db, term_id=consulate)) == 1
    assert any(a["id"] == source.id and a["replies"] == 10 for a in reply_accounts(db))

    again = refresher.refresh(force=True)  # nothing new, nothing due: no widget requests
    assert again[0].new_replies == 0 and again[0].warning is None
    assert len(list_replies(db, limit=0)) == 10


def test_a_channel_without_comments_is_ok_with_a_note(db: Database, server: FeedServer,
                                                      fetcher: Fetcher) -> None:
    site = DiscussionSite(server)
    site.widgets = {}
    add_social_source(db, fetcher, server.url(f"/{CHANNEL}"), "telegram", own=True)
    [result] = FeedRefresher(db, fetcher, clock=lambda: TELEGRAM_CLOCK).refresh()
    assert result.status == "ok" and result.new_items == 7
    assert result.warning == telegram.NO_COMMENTS
    [row] = list_sources(db)
    assert row["status"] == "ok" and row["error"] is None
    assert row["parse_warning"] == telegram.NO_COMMENTS
