"""Comments on the embassy's own Telegram channel, read from the public Discussion Widget page
(``t.me/<channel>/<post>?embed=1&discussion=1``) and its "show more" call, served by the
loopback server from fixtures shaped after the widget's markup."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlsplit

import pytest

from core.net.fetch import Fetcher
from core.social import telegram
from core.social.base import RateLimited, SyncRequest, SyncResult
from core.social.telegram import (
    CHANGED_MARKUP,
    HIDDEN_COMMENTS,
    NO_COMMENTS,
    TelegramAdapter,
    count_in,
    discussion_state,
    parse_preview,
    recheck_after,
)
from tests.core.social.test_telegram import CHANNEL, FIXTURES, PreviewSite
from tests.feedserver import FeedServer, send

SINCE = datetime(2025, 5, 1, tzinfo=UTC)  # posts 1201–1204 are in the window, 1197–1200 not
PAGES = {n: (FIXTURES / name).read_text(encoding="utf-8") for n, name in (
    (1204, "discussion_1204.html"), (1203, "discussion_empty.html"),
    (1202, "discussion_1202.html"), (1201, "discussion_post_not_found.html"))}
UNAVAILABLE = (FIXTURES / "discussion_unavailable.html").read_text(encoding="utf-8")
HIDDEN = (FIXTURES / "discussion_hidden.html").read_text(encoding="utf-8")
CHANGED = (FIXTURES / "discussion_changed_markup.html").read_text(encoding="utf-8")
MORE_1204 = (FIXTURES / "discussion_1204_before_5523.json").read_bytes()
THREAD_1204 = {"peer": "c1987654321_-6180339887498948482", "top_msg_id": "5519",
               "discussion_hash": "9d4e1b7c2a6f0e3d58"}


class DiscussionSite(PreviewSite):
    """The channel preview plus each post's widget page and the "show more" endpoint."""

    def __init__(self, server: FeedServer) -> None:
        super().__init__(server)
        self.widgets: dict[int, str] = dict(PAGES)
        self.more: bytes = MORE_1204
        for number in range(1197, 1206):
            server.route(f"/{CHANNEL}/{number}", self.widget)
        server.route("/api/method", self.api)

    def widget(self, req: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(req.path)
        query = parse_qs(parts.query)
        assert query.get("embed") == ["1"] and query.get("discussion") == ["1"]
        number = int(parts.path.rsplit("/", 1)[1])
        page = self.widgets.get(number, UNAVAILABLE)
        send(req, 200, page.encode("utf-8"), "text/html; charset=utf-8")

    def api(self, req: BaseHTTPRequestHandler) -> None:
        form = {k: v[0] for k, v in parse_qs(self.server.requests[-1].body.decode()).items()}
        if req.command != "POST" or form != {**THREAD_1204, "before_id": "5523",
                                              "method": "loadComments"}:
            send(req, 200, b'{"ok":false,"error":"WRONG_REQUEST"}', "application/json")
            return
        send(req, 200, self.more, "application/json")

    def widget_hits(self) -> list[int]:
        return [int(urlsplit(r.path).path.rsplit("/", 1)[1]) for r in self.server.requests
                if urlsplit(r.path).path.startswith(f"/{CHANNEL}/")]

    def posts(self) -> list:
        return [r for r in self.server.requests if r.method == "POST"]


@pytest.fixture
def site(server: FeedServer) -> DiscussionSite:
    return DiscussionSite(server)


def own(server: FeedServer, state: dict | None = None, *, recent=()) -> SyncRequest:
    return SyncRequest(url=server.url(f"/{CHANNEL}"), account_id=CHANNEL, own=True,
                       state=state or {}, replies_since=SINCE, recent_posts=recent)


def sync(fetcher: Fetcher, request: SyncRequest) -> SyncResult:
    return TelegramAdapter().sync(fetcher, request)


def stored(result: SyncResult) -> list[tuple[str, datetime | None]]:
    """What the refresher hands back next time: the posts now in the database."""
    return [(e.guid, e.published) for e in result.entries]


def expire(state: dict) -> dict:
    """The state as it will be once every post is due again (checked two days ago)."""
    old = (datetime.now(UTC) - timedelta(days=2)).isoformat(timespec="seconds")
    state = json.loads(json.dumps(state))
    for seen in state.get("comments", {}).values():
        seen["checked"] = old
    return state


# ---------------------------------------------------------------------------- reading

def test_own_channel_comments_with_paging_nesting_and_media(
        fetcher: Fetcher, server: FeedServer, site: DiscussionSite,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(telegram, "COMMENTS_PAGE", 5)
    result = sync(fetcher, own(server))

    assert site.widget_hits() == [1204, 1203, 1202, 1201]  # newest post first
    first = next(r for r in server.requests if r.path.startswith(f"/{CHANNEL}/1204"))
    assert parse_qs(urlsplit(first.path).query)["comments_limit"] == ["5"]
    assert first.headers["accept-language"] == "en"
    [more] = site.posts()
    # The announced api_url (t.me) is followed on the host the page came from.
    assert more.path == "/api/method?api_hash=5f0c9e1d2b7a4c3e8f"
    assert more.headers["x-requested-with"] == "XMLHttpRequest"
    assert result.warning is None

    replies = {r.platform_id.rsplit("=", 1)[1]: r for r in result.replies}
    assert sorted(replies) == ["5471", "5474", "5476", "5520", "5521", "5522", "5523", "5524",
                               "5525", "5526", "5527"]
    # The channel's own comments (its name links to t.me/<channel>): answering Sardor, going
    # on under its own answer, and answering a deleted account; nobody else's are.
    assert {k for k, r in replies.items() if r.own} == {"5474", "5476", "5524"}
    assert replies["5476"].parent_platform_id == f"{CHANNEL}/1202?comment=5474"
    post = f"{CHANNEL}/1204"
    assert {r.post_platform_id for r in result.replies} == {post, f"{CHANNEL}/1202"}

    uzbek_latin = replies["5520"]  # from the "show more" page
    assert uzbek_latin.text.startswith("Tabriklaymiz! O‘zbekiston va Primerstan o‘rtasidagi")
    assert uzbek_latin.author_name == "Dilnoza Karimova"
    assert uzbek_latin.author_handle == "dilnoza_k"
    assert uzbek_latin.likes == 1200
    assert uzbek_latin.published == datetime(2025, 5, 3, 4, 20, 51, tzinfo=UTC)
    assert uzbek_latin.url == server.url(f"/{post}?comment=5520")
    assert uzbek_latin.parent_platform_id is None

    uzbek_cyrillic = replies["5525"]
    assert uzbek_cyrillic.text.startswith("Раҳмат, жуда яхши янгилик! Ўзбекистон")
    assert uzbek_cyrillic.likes == 15  # ❤ 12 + 👍 3
    assert uzbek_cyrillic.text.count("Раҳмат") == 1  # the hidden reply template is not text

    deleted = replies["5521"]
    assert (deleted.author_name, deleted.author_handle) == ("Deleted Account", None)
    assert deleted.text == "Когда откроют запись на визы?"

    answer = replies["5524"]  # the embassy answering as the channel, quoting 5521
    assert answer.parent_platform_id == f"{post}?comment=5521"
    assert answer.author_handle == CHANNEL
    assert "Когда откроют" not in answer.text  # the quote is not the answer
    assert '<a href="https://examplestan.example/uz/visa"' in answer.html

    photo = replies["5523"]
    assert photo.text == "[Photo]"
    assert "Qm3Vx8Lp1Zr6Tn0Wk5Hs9Dc2Jb7Fg4Ya.jpg" in photo.html
    sticker = replies["5526"]
    assert sticker.text == "[Sticker]" and sticker.author_handle is None
    assert sticker.parent_platform_id == f"{post}?comment=5522"

    hostile = replies["5527"]
    assert hostile.author_name == "Eve <b>admin</b>"  # a name, shown as typed
    assert "&lt;script&gt;" in hostile.html
    for bad in ("<script", "onclick", "onerror", "javascript:"):
        assert bad not in hostile.html

    assert replies["5474"].parent_platform_id == f"{CHANNEL}/1202?comment=5471"
    assert result.state["comments"][post]["newest"] == 5527
    assert set(result.state["comments"]) == {f"{CHANNEL}/{n}" for n in (1201, 1202, 1203, 1204)}
    assert "discussion" not in result.state and "markup_changed" not in result.state


def test_watched_channels_have_no_comments_read(fetcher: Fetcher, server: FeedServer,
                                                site: DiscussionSite) -> None:
    request = own(server)
    request.own = False
    result = sync(fetcher, request)
    assert result.replies == [] and site.widget_hits() == [] and "comments" not in result.state


def test_comments_are_reread_as_posts_age_and_paging_stops_at_known(
        fetcher: Fetcher, server: FeedServer, site: DiscussionSite,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(telegram, "COMMENTS_PAGE", 5)
    first = sync(fetcher, own(server))
    hits = len(server.requests)

    posts = stored(first)
    soon = sync(fetcher, own(server, first.state, recent=posts))  # minutes later: none due
    assert soon.replies == [] and len(server.requests) == hits + 1  # the channel page only
    assert soon.state["comments"] == first.state["comments"]

    later = sync(fetcher, own(server, expire(first.state), recent=posts))
    assert site.widget_hits()[-4:] == [1204, 1203, 1202, 1201]
    assert len(site.posts()) == 1  # the oldest shown (5523) is older than the newest known
    assert len(later.replies) == 8  # the widget pages again; the database dedupes them


def test_recent_posts_from_the_database_are_read_too(fetcher: Fetcher, server: FeedServer,
                                                     site: DiscussionSite) -> None:
    first = TelegramAdapter().sync(fetcher, SyncRequest(
        url=server.url(f"/{CHANNEL}"), account_id=CHANNEL, own=False, state={},
        replies_since=SINCE))
    stored = [(e.guid, e.published) for e in first.entries]
    result = sync(fetcher, own(server, first.state, recent=stored))  # no new messages
    assert site.widget_hits() == [1204, 1203, 1202, 1201]
    assert len(result.replies) == 11


@pytest.mark.parametrize("age, wait", [(timedelta(hours=2), timedelta(minutes=30)),
                                       (timedelta(hours=12), timedelta(hours=3)),
                                       (timedelta(days=9), timedelta(days=1)),
                                       (timedelta(hours=-1), timedelta(0))])
def test_recheck_interval_grows_with_age(age: timedelta, wait: timedelta) -> None:
    assert recheck_after(age) == wait


# ---------------------------------------------------------------------------- states

def test_a_channel_without_discussion_group_is_a_state_not_an_error(
        fetcher: Fetcher, server: FeedServer, site: DiscussionSite) -> None:
    site.widgets = {}  # every post: "Discussion is not available at the moment."
    first = sync(fetcher, own(server))
    assert first.replies == [] and first.entries
    assert first.warning == NO_COMMENTS and first.state["discussion"] == "none"

    posts = stored(first)
    site.server.requests.clear()
    again = sync(fetcher, own(server, expire(first.state), recent=posts))
    assert site.widget_hits() == [1204]  # only the newest post, to notice a linked group
    assert again.warning == NO_COMMENTS

    site.widgets = {1204: PAGES[1204]}  # the embassy linked a discussion group
    linked = sync(fetcher, own(server, expire(again.state), recent=posts))
    assert linked.warning is None and "discussion" not in linked.state
    assert {r.post_platform_id for r in linked.replies} == {f"{CHANNEL}/1204"}
    site.server.requests.clear()
    sync(fetcher, own(server, expire(linked.state), recent=posts))
    assert site.widget_hits() == [1204, 1203, 1202, 1201]  # every post again


def test_comments_shown_only_in_the_app_are_explained(fetcher: Fetcher, server: FeedServer,
                                                      site: DiscussionSite) -> None:
    site.widgets = {n: HIDDEN for n in PAGES}
    result = sync(fetcher, own(server))
    assert result.warning == HIDDEN_COMMENTS and result.state["discussion"] == "hidden"
    assert "Telegram's own API" in HIDDEN_COMMENTS


def test_no_comments_yet_is_quiet(fetcher: Fetcher, server: FeedServer,
                                  site: DiscussionSite) -> None:
    site.widgets = {n: PAGES[1203] for n in PAGES}
    result = sync(fetcher, own(server))
    assert result.replies == [] and result.warning is None and "discussion" not in result.state


def _without_blocks(page: str) -> str:
    start = page.index('<div class="tgme_widget_message_wrap')
    return page[:start] + page[page.index('<div class="tme_messages_more accent_bghover '
                                          'js-messages_more autoload'):]


@pytest.mark.parametrize("change", ["other page", "ids renamed", "blocks gone", "no api_url",
                                    "answer without html"])
def test_changed_markup_warns_and_keeps_the_posts(change: str, fetcher: Fetcher,
                                                  server: FeedServer, site: DiscussionSite,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(telegram, "COMMENTS_PAGE", 5)
    page = PAGES[1204]
    if change == "other page":
        page = CHANGED
    elif change == "ids renamed":
        page = page.replace("data-post-id=", "data-msg-id=")
    elif change == "blocks gone":
        page = _without_blocks(page)  # the header still says "8 comments": no silent zero
    elif change == "no api_url":
        page = page.replace("TWidgetAuth.init", "TWidgetAuth.start").replace('"api_url"', '"u"')
    else:
        site.more = b'{"ok":true,"comments_cnt":8,"html":"<div>moved</div>"}'
    site.widgets[1204] = page
    result = sync(fetcher, own(server))

    assert result.entries  # posts are still read
    assert result.state["markup_changed"] == f"{CHANNEL}/1204"
    assert CHANGED_MARKUP.format(post=f"{CHANNEL}/1204") in (result.warning or "")
    assert {r.post_platform_id for r in result.replies} >= {f"{CHANNEL}/1202"}

    posts = stored(result)
    quiet = sync(fetcher, own(server, result.state, recent=posts))  # none due: it holds
    assert CHANGED_MARKUP.format(post=f"{CHANNEL}/1204") in (quiet.warning or "")

    site.widgets[1204], site.more = PAGES[1204], MORE_1204  # Attaché (or Telegram) fixed
    fixed = sync(fetcher, own(server, expire(quiet.state), recent=posts))
    assert fixed.warning is None and "markup_changed" not in fixed.state


def test_truncated_and_garbled_pages_never_crash() -> None:
    samples = [*PAGES.values(), UNAVAILABLE, HIDDEN, CHANGED,
               json.loads(MORE_1204)["comments_html"]]
    for page in samples:
        for cut in range(0, len(page), 97):
            for text in (page[:cut], page[cut:], page[:cut] + "<div class=" + page[cut:]):
                parsed = parse_preview(text)
                assert discussion_state(parsed) in {"comments", "empty", "unavailable",
                                                    "hidden", "missing", "changed"}


# ---------------------------------------------------------------------------- politeness

def test_rate_limit_on_a_comment_page_stops_the_sync(fetcher: Fetcher, server: FeedServer,
                                                     site: DiscussionSite) -> None:
    server.status(f"/{CHANNEL}/1204", 429, {"Retry-After": "120"})
    with pytest.raises(RateLimited) as caught:
        sync(fetcher, own(server))
    assert caught.value.until > datetime.now(UTC) + timedelta(seconds=60)


def test_request_budget_leaves_the_rest_for_the_next_refresh(
        fetcher: Fetcher, server: FeedServer, site: DiscussionSite,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(telegram, "COMMENTS_PAGE", 5)
    monkeypatch.setattr(telegram, "MAX_DISCUSSION_REQUESTS", 2)
    first = sync(fetcher, own(server))
    assert site.widget_hits() == [1204] and len(site.posts()) == 1
    assert "comments of 3 more post(s) are read at the next refresh" in first.warning
    second = sync(fetcher, own(server, first.state, recent=stored(first)))  # still due
    assert site.widget_hits() == [1204, 1203, 1202]
    assert set(second.state["comments"]) == {f"{CHANNEL}/{n}" for n in (1202, 1203, 1204)}


def test_comment_pages_per_post_are_capped(fetcher: Fetcher, server: FeedServer,
                                           site: DiscussionSite,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(telegram, "COMMENTS_PAGE", 5)
    monkeypatch.setattr(telegram, "MAX_COMMENT_PAGES", 1)
    result = sync(fetcher, own(server))
    assert site.posts() == []
    assert "only the newest comments of 1 post(s) were read" in result.warning
    assert len(result.replies) == 8


def test_a_refused_show_more_keeps_the_first_page(fetcher: Fetcher, server: FeedServer,
                                                  site: DiscussionSite,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(telegram, "COMMENTS_PAGE", 5)
    site.more = b'{"ok":false,"error":"DISCUSSION_HASH_INVALID"}'
    result = sync(fetcher, own(server))
    assert len(result.replies) == 8 and "only the newest comments" in result.warning


def test_show_more_never_leaves_the_host_the_page_came_from(
        fetcher: Fetcher, server: FeedServer, site: DiscussionSite,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(telegram, "COMMENTS_PAGE", 5)
    site.widgets[1204] = PAGES[1204].replace("https:\\/\\/t.me\\/api",
                                             "https:\\/\\/collector.example\\/api")
    result = sync(fetcher, own(server))
    [more] = site.posts()
    assert more.path.startswith("/api/method?")  # on the loopback host, not elsewhere
    assert len(result.replies) == 11


@pytest.mark.parametrize("text, count", [("8 comments on this post", 8),
                                         ("1,234 comments on this post", 1234),
                                         ("Comments on this post", None), ("❤12", 12),
                                         ("👍 1.2K", 1200), ("⭐️2M", 2_000_000),
                                         ("5 Messages", 5), ("", None)])
def test_counts(text: str, count: int | None) -> None:
    assert count_in(text) == count
