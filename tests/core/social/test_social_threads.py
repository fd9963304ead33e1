"""Own thread continuations and quote posts on Mastodon and Bluesky (issue 12), end to end.

The embassy writes a three-part thread (a post, then two posts of its own answering it) and
the audience answers the first post and both continuations. Both platforms list the
continuations among the account's posts (Mastodon's ``exclude_replies`` keeps replies to
oneself; Bluesky's ``posts_and_author_threads`` filter keeps self-threads), so they are
items — and must never also be audience replies, scored as public reaction.

Quote posts keep the quoted post's words: Mastodon 4.4+ sends ``quote.quoted_status``,
Bluesky an ``app.bsky.embed.record#view`` (or ``recordWithMedia#view``) whose ``record`` is a
``#viewRecord`` with the quoted ``value``. Fixtures: tests/fixtures/social/*/README.md.
"""

from __future__ import annotations

from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler

import pytest

from core.feeds.items import item_content, list_items
from core.feeds.refresh import FeedRefresher
from core.net.fetch import Fetcher
from core.social.accounts import add_social_source
from core.social.replies import list_replies
from core.storage.database import Database
from tests.core.social.test_bluesky import FEED, HANDLE, PROFILE, THREAD, uri
from tests.core.social.test_bluesky import FIXTURES as BLUESKY
from tests.core.social.test_bluesky import fixture as bluesky_fixture
from tests.core.social.test_bluesky import query as bluesky_query
from tests.core.social.test_mastodon import LOOKUP, STATUSES, context_path
from tests.core.social.test_mastodon import fixture as mastodon_fixture
from tests.feedserver import FeedServer, send

CLOCK = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)
JSON = "application/json; charset=utf-8"

THREAD_TEXTS = ("1/3 Human Rights Day", "2/3 Essays of up to", "3/3 Deadline: 1 April")
AUDIENCE = {"Can students from Samarkand take part?": "2/3 Essays of up to",
            "Отличная идея, а какой формат файла?": "3/3 Deadline: 1 April",
            "We will share this with our readers.": "1/3 Human Rights Day"}


def serve_mastodon(server: FeedServer) -> None:
    server.static(LOOKUP, mastodon_fixture("account_lookup.json"), JSON)
    server.static(STATUSES, mastodon_fixture("statuses_thread.json"), JSON)
    for status_id in ("112000000000000070", "112000000000000071", "112000000000000073"):
        server.static(context_path(status_id), mastodon_fixture(f"context_{status_id}.json"),
                      JSON)
    for status_id in ("112000000000000090", "112000000000000091"):
        server.static(context_path(status_id), mastodon_fixture("context_empty.json"), JSON)


def serve_bluesky(server: FeedServer) -> None:
    server.static(PROFILE, bluesky_fixture("profile.json"), JSON)
    server.static(FEED, bluesky_fixture("author_feed_thread.json"), JSON)

    def thread(req: BaseHTTPRequestHandler) -> None:
        path = BLUESKY / f"thread_{bluesky_query(req.path)['uri'].rsplit('/', 1)[-1]}.json"
        send(req, 200, path.read_bytes(), JSON)

    server.route(THREAD, thread)


@pytest.fixture
def own(db: Database, server: FeedServer, fetcher: Fetcher,
        monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    monkeypatch.setenv("ATTACHE_BLUESKY_APPVIEW", server.url("/"))
    serve_mastodon(server)
    serve_bluesky(server)
    return {"mastodon": add_social_source(db, fetcher, server.url("/@embassy"), "mastodon",
                                          own=True).id,
            "bluesky": add_social_source(db, fetcher, HANDLE, "bluesky", own=True).id}


@pytest.mark.parametrize("kind", ["mastodon", "bluesky"])
def test_own_thread_continuations_are_posts_never_audience_replies(
        db: Database, fetcher: Fetcher, own: dict[str, int], kind: str) -> None:
    results = FeedRefresher(db, fetcher, clock=lambda: CLOCK).refresh([own[kind]])
    assert results[0].status == "ok", results[0].error
    items = {i["id"]: i for i in list_items(db, source_id=own[kind], limit=0)}
    thread = {text: next(i for i in items.values() if i["title"].startswith(text))
              for text in THREAD_TEXTS}
    replies = list_replies(db, source_id=own[kind], limit=0)
    assert len(replies) == len(AUDIENCE)  # no continuation among them
    assert not any(thread_text in r["text"] for r in replies for thread_text in THREAD_TEXTS)
    # Mastodon puts the mention in front of the words ("@embassy Can students...").
    texts = {text: next(r for r in replies if r["text"].endswith(text)) for text in AUDIENCE}
    for text, post in AUDIENCE.items():
        # Each audience reply belongs to the post of ours it answers, as a direct reply.
        assert texts[text]["item_id"] == thread[post]["id"], text
        assert texts[text]["parent_id"] is None


def test_mastodon_quote_posts_keep_the_quoted_words(db: Database, fetcher: Fetcher,
                                                    own: dict[str, int]) -> None:
    FeedRefresher(db, fetcher, clock=lambda: CLOCK).refresh([own["mastodon"]])
    quote = next(i for i in list_items(db, source_id=own["mastodon"], limit=0)
                 if i["title"] == "Good summary of our programme:")
    html = item_content(db, quote["id"])["content_html"]
    assert "<blockquote>" in html and "Central Asia Press" in html
    assert "scholarship applications open in Tashkent" in html
    assert "https://press.example/@news/112000000000000080" in html
    found = list_items(db, search="scholarship", source_id=own["mastodon"], limit=0)
    assert [i["id"] for i in found] == [quote["id"]]  # the quoted words are searchable
    pending = next(i for i in list_items(db, source_id=own["mastodon"], limit=0)
                   if i["title"] == "More on this soon.")
    assert "blockquote" not in item_content(db, pending["id"])["content_html"]


def test_bluesky_quote_posts_keep_the_quoted_words(db: Database, fetcher: Fetcher,
                                                   own: dict[str, int]) -> None:
    FeedRefresher(db, fetcher, clock=lambda: CLOCK).refresh([own["bluesky"]])
    items = {i["title"]: i for i in list_items(db, source_id=own["bluesky"], limit=0)}
    quote = item_content(db, items["Good summary of our programme:"]["id"])["content_html"]
    assert "<blockquote>" in quote
    assert "Central Asia News" in quote and "@news.bsky.social" in quote
    assert "Scholarship applications open in Tashkent today" in quote
    assert 'href="https://news.example/scholarships"' in quote  # its link facet, whole
    assert "https://bsky.app/profile/news.bsky.social/post/3lm3qqqqqqq2q" in quote
    with_media = item_content(db, items["Photos from the ceremony, and the announcement:"]["id"])
    assert "Ceremony photos" in with_media["content_html"]
    assert "Scholarship applications open" in with_media["content_html"]
    gone = item_content(db, items["As reported earlier:"]["id"])["content_html"]
    assert "not available" in gone
    found = {i["id"] for i in list_items(db, search="scholarship", limit=0)}
    assert {items["Good summary of our programme:"]["id"],
            items["Photos from the ceremony, and the announcement:"]["id"]} <= found


def test_bluesky_quotes_of_something_else_add_nothing() -> None:
    from core.social.bluesky import _post_html

    feed_generator = {"$type": "app.bsky.embed.record#view", "record": {
        "$type": "app.bsky.feed.defs#generatorView", "uri": uri("3lmfeed2a", "did:plc:x"),
        "displayName": "A feed", "creator": {"did": "did:plc:x", "handle": "x.bsky.social"}}}
    post = {"uri": uri("3lm9zzzzzzz2z"), "record": {"text": "Follow this feed"},
            "embed": feed_generator}
    assert _post_html(post) == "<p>Follow this feed</p>"
