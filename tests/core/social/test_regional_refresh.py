"""The region's platforms end to end: an own Telegram channel's comments (and, below, a VK
community) through the refresher and the database into what Listen, watch terms and sentiment
read — the same path as every other platform."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from core.feeds.items import list_items
from core.feeds.refresh import FeedRefresher
from core.feeds.sources import list_sources
from core.net.fetch import Fetcher
from core.sentiment.analyzers import SocialAnalyzer, Thresholds
from core.sentiment.scoring import Scorer
from core.social import telegram
from core.social.accounts import add_social_source
from core.social.replies import list_replies, reply_accounts
from core.storage.database import Database
from core.watch import add_term, list_hits
from tests.core.social.test_telegram import CHANNEL
from tests.core.social.test_telegram_comments import DiscussionSite
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
    assert result.new_items == 7 and result.new_replies == 8  # and the channel's own two
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
    # The channel answering in its discussion group (sent as the channel): the embassy's own,
    # kept in the thread, never scored; the comments it answers count as answered.
    assert {k for k, r in replies.items() if r["own"]} == {"5474", "5476", "5524"}
    for reply in replies.values():  # scored as they arrived, as the analyzer reads them
        assert reply["sentiment_label"] == (
            None if reply["own"] else scorer.score(reply["text"]).label)
    assert replies["5521"]["answered_at"] == replies["5524"]["published"]
    assert replies["5471"]["answered_at"] == replies["5474"]["published"]
    assert replies["5522"]["answered_at"] is None
    assert {h["kind"] for h in list_hits(db, term_id=rahmat)} == {"reply"}
    assert len(list_hits(db, term_id=consulate)) == 1
    assert any(a["id"] == source.id and a["replies"] == 8 for a in reply_accounts(db))

    again = refresher.refresh(force=True)  # nothing new, nothing due: no widget requests
    assert again[0].new_replies == 0 and again[0].warning is None
    assert len(list_replies(db, limit=0)) == 11  # 8 of the audience, 3 of the channel


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


VK_CLOCK = datetime(2025, 11, 5, 12, 0, tzinfo=UTC)  # posts 409–412 in the last 30 days


def test_own_vk_community_posts_and_comments_reach_listen(
        db: Database, server: FeedServer, fetcher: Fetcher, memory_keyring,  # noqa: ANN001
        monkeypatch: pytest.MonkeyPatch) -> None:
    from core.secrets import SERVICE
    from core.social import vk
    from tests.core.social.test_vk import TOKEN, VkApi

    monkeypatch.setattr(vk, "PACER", vk.Pacer(1000.0))
    monkeypatch.setenv("ATTACHE_VK_API", server.url("/method"))
    api = VkApi(server)
    memory_keyring.set_password(SERVICE, "vk", TOKEN)
    source = add_social_source(db, fetcher, "vk.com/examplestan_kz", "vk", own=True)
    assert (source.url, source.account_id) == ("https://vk.com/examplestan_kz", "-218000111")
    visas, _ = add_term(db, "виз*")
    scorer = Scorer(SocialAnalyzer(), Thresholds())
    refresher = FeedRefresher(db, fetcher, scorer=scorer, clock=lambda: VK_CLOCK)

    [result] = refresher.refresh()
    assert (result.status, result.kind) == ("ok", "vk")
    assert result.new_items == 5 and result.new_replies == 5  # and two of the community's
    assert "comments of 1 post(s)" in result.warning  # 410's are closed: said, not an error
    replies = {r["platform_id"].rsplit("=", 1)[1]: r for r in
               list_replies(db, source_id=source.id, limit=0)}
    assert replies["9005"]["parent_id"] == replies["9004"]["id"]
    assert replies["9006"]["parent_id"] == replies["9001"]["id"]
    assert {k for k, r in replies.items() if r["own"]} == {"9004", "9007"}
    for reply in replies.values():
        assert reply["sentiment_label"] == (
            None if reply["own"] else scorer.score(reply["text"]).label)
    # Answered in VK itself: 9001 at the community's answer; its own follow-up answers no one.
    assert replies["9001"]["answered_at"] == replies["9004"]["published"]
    assert replies["9004"]["answered_at"] is None and replies["9005"]["answered_at"] is None
    assert [h["kind"] for h in list_hits(db, term_id=visas)] == ["reply"]  # "А визы всё…"
    [row] = list_sources(db)
    assert row["kind"] == "vk" and row["status"] == "ok" and row["parse_warning"]

    asked = len(api.calls("wall.getComments"))
    again = refresher.refresh(force=True)  # counts unchanged: no comment is asked for
    assert again[0].new_replies == 0 and "comments of 1 post(s)" in again[0].warning
    assert len(api.calls("wall.getComments")) == asked


def test_a_refused_vk_token_marks_the_source_and_others_go_on(
        db: Database, server: FeedServer, fetcher: Fetcher, memory_keyring,  # noqa: ANN001
        monkeypatch: pytest.MonkeyPatch) -> None:
    from core.secrets import SERVICE
    from core.social import vk
    from tests.core.social.test_vk import TOKEN, VkApi

    monkeypatch.setattr(vk, "PACER", vk.Pacer(1000.0))
    monkeypatch.setenv("ATTACHE_VK_API", server.url("/method"))
    api = VkApi(server)
    DiscussionSite(server)
    memory_keyring.set_password(SERVICE, "vk", TOKEN)
    add_social_source(db, fetcher, "https://vk.com/examplestan_kz", "vk", own=True)
    add_social_source(db, fetcher, server.url(f"/{CHANNEL}"), "telegram", own=True)
    api.errors["wall.get"] = ["error_5.json"]
    results = {r.kind: r for r in FeedRefresher(db, fetcher,
                                                clock=lambda: TELEGRAM_CLOCK).refresh()}
    assert results["vk"].status == "error" and "attache secrets set vk" in results["vk"].error
    assert TOKEN not in results["vk"].error
    assert results["telegram"].status == "ok" and results["telegram"].new_items == 7
