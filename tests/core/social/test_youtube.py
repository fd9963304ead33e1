"""YouTube: resolving channels, videos from the Atom feed, comments from the Data API (loopback)."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from core.secrets import set_secret
from core.social import youtube
from core.social.base import Gone, SourceError, SyncRequest
from core.social.youtube import YouTubeAdapter, channel_from_page, parse_channel_input
from tests.feedserver import FeedServer, send

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "social" / "youtube"
CHANNEL = "UCPtYgjmUhBel31iEl2hpChY"
HANDLE = "examplestanembassyuz"
VIDEO_WITH_COMMENTS = "gCfrL1spNxn"
VIDEO_COMMENTS_OFF = "yVmihA_2O76"
OLD_VIDEO = "UMFxFkM_R5K"
KEY = "AIzaSyTEST-not-a-real-key-0123456789ab"
PAGE2_TOKEN = json.loads((FIXTURES / "comment_threads_page1.json").read_text())["nextPageToken"]
THREAD_A, THREAD_B, THREAD_C = ("UgzUoQgRFt_6K4EGlsV4AaABAg", "UgwySwique5NfgNsDY54AaABAg",
                                "UgxISZhP_62DIrtv2r94AaABAg")


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def query(req: BaseHTTPRequestHandler) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(req.path).query).items()}


def send_json(req: BaseHTTPRequestHandler, code: int, body: bytes) -> None:
    send(req, code, body, "application/json; charset=UTF-8")


class FakeDataApi:
    """The Data API's answers for the fixture channel, served from recorded-shape fixtures."""

    def __init__(self, server: FeedServer, key: str = KEY) -> None:
        self.key = key
        self.server = server
        self.thread_answers: dict[str, tuple[int, bytes]] = {
            VIDEO_COMMENTS_OFF: (403, fixture("error_comments_disabled.json"))}
        server.route("/youtube/v3/commentThreads", self.comment_threads)
        server.route("/youtube/v3/comments", self.comments)
        server.route("/youtube/v3/channels", self.channels)

    def _key_ok(self, req: BaseHTTPRequestHandler) -> bool:
        if req.headers.get("X-Goog-Api-Key") == self.key:
            return True
        send_json(req, 400, fixture("error_key_invalid.json"))
        return False

    def comment_threads(self, req: BaseHTTPRequestHandler) -> None:
        if not self._key_ok(req):
            return
        q = query(req)
        assert q["part"] == "snippet,replies" and q["maxResults"] == "100"
        assert q["textFormat"] == "html"
        if q["videoId"] in self.thread_answers:
            send_json(req, *self.thread_answers[q["videoId"]])
        elif q["videoId"] == VIDEO_WITH_COMMENTS:
            page = "comment_threads_page2.json" if q.get("pageToken") == PAGE2_TOKEN else \
                "comment_threads_page1.json"
            send_json(req, 200, fixture(page))
        else:
            send_json(req, 200, b'{"kind": "youtube#commentThreadListResponse", '
                                b'"pageInfo": {"totalResults": 0, "resultsPerPage": 100}, '
                                b'"items": []}')

    def comments(self, req: BaseHTTPRequestHandler) -> None:
        if not self._key_ok(req):
            return
        q = query(req)
        assert q["part"] == "snippet" and q["parentId"] == THREAD_B
        send_json(req, 200, fixture("comments_list.json"))

    def channels(self, req: BaseHTTPRequestHandler) -> None:
        if not self._key_ok(req):
            return
        q = query(req)
        assert q["part"] == "snippet,id"
        name = ("channels_for_handle.json" if q.get("forHandle") == f"@{HANDLE}"
                else "channels_for_handle_none.json")
        send_json(req, 200, fixture(name))

    def calls(self) -> list[str]:
        return [r.path for r in self.server.requests if r.path.startswith("/youtube/v3/")]


@pytest.fixture
def api(server: FeedServer, monkeypatch: pytest.MonkeyPatch) -> FakeDataApi:
    monkeypatch.setenv("ATTACHE_YOUTUBE_API", server.url("/youtube/v3"))
    server.static("/feeds/videos.xml", fixture("channel_feed.xml"),
                  content_type="text/xml; charset=UTF-8")
    server.static(f"/@{HANDLE}", fixture("handle_page.html"),
                  content_type="text/html; charset=utf-8")
    return FakeDataApi(server)


@pytest.fixture
def with_key(memory_keyring: object) -> str:
    set_secret("youtube", KEY)
    return KEY


def request_for(server: FeedServer, *, own: bool = True, state: dict | None = None,
                since: datetime = datetime(2025, 4, 1, tzinfo=UTC),
                recent: tuple = ()) -> SyncRequest:
    return SyncRequest(url=server.url(f"/channel/{CHANNEL}"), account_id=CHANNEL, own=own,
                       state=state or {}, replies_since=since, recent_posts=recent)


# ---------------------------------------------------------------------------- resolve

@pytest.mark.parametrize("typed", [
    CHANNEL,
    f"https://www.youtube.com/channel/{CHANNEL}",
    f"https://m.youtube.com/channel/{CHANNEL}/videos",
    f"youtube.com/channel/{CHANNEL}",
])
def test_a_channel_id_resolves_without_the_network(typed: str, fetcher, server) -> None:
    account = YouTubeAdapter().resolve(fetcher, typed)
    assert account.kind == "youtube"
    assert account.url == f"https://www.youtube.com/channel/{CHANNEL}"
    assert account.account_id == CHANNEL
    assert account.title is None  # the first refresh brings it from the feed
    assert server.requests == []


def test_a_channel_url_on_another_host_keeps_that_host(fetcher, server) -> None:
    account = YouTubeAdapter().resolve(fetcher, server.url(f"/channel/{CHANNEL}"))
    assert account.url == server.url(f"/channel/{CHANNEL}")


@pytest.mark.parametrize("form", ["url", "url_with_tab"])
def test_a_handle_without_key_is_read_from_its_page(form, fetcher, server, api,
                                                    memory_keyring) -> None:
    typed = server.url(f"/@{HANDLE}") + ("/videos" if form == "url_with_tab" else "")
    account = YouTubeAdapter().resolve(fetcher, typed)
    # The canonical link wins over the recommended channel's "channelId" earlier in the page.
    assert account.account_id == CHANNEL
    assert account.url == server.url(f"/channel/{CHANNEL}")
    assert account.title == "Embassy of Examplestan in Uzbekistan"
    assert len(server.hits(f"/@{HANDLE}")) == 1
    assert api.calls() == []


def test_a_handle_with_key_uses_channels_list(fetcher, server, api, with_key) -> None:
    account = YouTubeAdapter().resolve(fetcher, f"@{HANDLE}")
    assert (account.account_id, account.title) == (CHANNEL,
                                                   "Embassy of Examplestan in Uzbekistan")
    assert account.url == f"https://www.youtube.com/channel/{CHANNEL}"
    [call] = api.calls()
    assert query_of(call)["forHandle"] == f"@{HANDLE}"
    assert "key=" not in call  # the key travels in a header, never in a URL
    assert server.hits(f"/@{HANDLE}") == []


def test_an_unknown_handle_with_key_is_reported(fetcher, api, with_key) -> None:
    with pytest.raises(SourceError, match="no channel with the handle @nobody_here"):
        YouTubeAdapter().resolve(fetcher, "@nobody_here")


def test_a_handle_page_without_a_channel_id_is_reported(fetcher, server,
                                                       memory_keyring) -> None:
    server.static("/@ghost", b"<html><head><title>404 Not Found</title></head></html>",
                  content_type="text/html")
    with pytest.raises(SourceError, match="no YouTube channel id found"):
        YouTubeAdapter().resolve(fetcher, server.url("/@ghost"))


def test_a_missing_handle_page_is_reported(fetcher, server, memory_keyring) -> None:
    with pytest.raises(SourceError, match="no channel at"):
        YouTubeAdapter().resolve(fetcher, server.url("/@gone_channel"))


@pytest.mark.parametrize("page", [
    f'<meta itemprop="channelId" content="{CHANNEL}"><title>Old layout - YouTube</title>',
    f'<script>var ytInitialData = {{"header":{{"channelId":"{CHANNEL}"}}}};</script>'
    '<title>Old layout - YouTube</title>',
])
def test_older_page_layouts_still_give_the_channel(page: str) -> None:
    assert channel_from_page(page) == (CHANNEL, "Old layout")


@pytest.mark.parametrize("typed", [
    "https://www.youtube.com/watch?v=gCfrL1spNxn", "https://www.youtube.com/", "UCshort",
    "not a channel at all",
])
def test_what_is_not_a_channel_is_refused(typed: str) -> None:
    with pytest.raises(SourceError, match="not a YouTube channel"):
        parse_channel_input(typed)


# ---------------------------------------------------------------------------- videos

def test_videos_come_from_the_channel_feed(fetcher, server, api, memory_keyring) -> None:
    result = YouTubeAdapter().sync(fetcher, request_for(server, own=False))
    [feed_hit] = server.hits("/feeds/videos.xml")
    assert query_of(feed_hit.path) == {"channel_id": CHANNEL}
    assert result.title == "Embassy of Examplestan in Uzbekistan"
    assert [e.guid for e in result.entries] == [VIDEO_WITH_COMMENTS, VIDEO_COMMENTS_OFF,
                                                OLD_VIDEO]
    first = result.entries[0]
    assert first.url == f"https://www.youtube.com/watch?v={VIDEO_WITH_COMMENTS}"
    assert first.title == "Посол вручил верительные грамоты / Elchi ishonch yorlig‘ini topshirdi"
    assert first.published == datetime(2025, 5, 2, 9, 30, 4, tzinfo=UTC)
    # media:description is plain text: line breaks and paragraphs survive, URLs become links.
    assert "Elchi ishonch yorlig‘ining nusxalarini" in first.content_text
    assert "<br>Elchi ishonch" in first.content_html
    assert '<a href="https://examplestan.example/uz/news/credentials"' in first.content_html
    assert 'src="https://i2.ytimg.com/vi/gCfrL1spNxn/hqdefault.jpg"' in first.content_html
    assert "<script" not in result.entries[1].content_html
    assert result.replies == [] and result.warning is None
    assert api.calls() == []


def test_an_own_channel_without_key_gets_videos_and_a_warning(fetcher, server, api,
                                                             memory_keyring) -> None:
    result = YouTubeAdapter().sync(fetcher, request_for(server))
    assert len(result.entries) == 3 and result.replies == []
    assert "attache secrets set youtube" in result.warning
    assert api.calls() == []


def test_a_missing_channel_feed_means_gone(fetcher, server, memory_keyring) -> None:
    server.status("/feeds/videos.xml", 404)
    with pytest.raises(Gone):
        YouTubeAdapter().sync(fetcher, request_for(server, own=False))


# ---------------------------------------------------------------------------- comments

def test_own_channel_comments_with_replies_and_pages(fetcher, server, api, with_key,
                                                     caplog) -> None:
    caplog.set_level(logging.DEBUG)
    result = YouTubeAdapter().sync(fetcher, request_for(server))
    by_id = {r.platform_id: r for r in result.replies}
    parents = {r.platform_id: r.parent_platform_id for r in result.replies}
    assert parents == {
        THREAD_A: None,
        f"{THREAD_A}.AGxYzR2bT0lAGxYzR2bT0m": THREAD_A,
        THREAD_B: None,
        f"{THREAD_B}.AGy0Kq7nW3dAGy0Kq7nW3e": THREAD_B,
        f"{THREAD_B}.AGy1Pz0cR8uAGy1Pz0cR8v": THREAD_B,
        f"{THREAD_B}.AGy3Wm5tH1qAGy3Wm5tH1r": THREAD_B,  # only in comments.list
        f"{THREAD_B}.AGy5Nv8kL2pAGy5Nv8kL2q": THREAD_B,  # the channel again, later
        THREAD_C: None,  # on page 2
    }
    # The channel answering under its own video (authorChannelId is the channel's id), and
    # coming back to the same thread: the embassy's own replies.
    assert {i for i, r in by_id.items() if r.own} == {
        f"{THREAD_A}.AGxYzR2bT0lAGxYzR2bT0m", f"{THREAD_B}.AGy0Kq7nW3dAGy0Kq7nW3e",
        f"{THREAD_B}.AGy5Nv8kL2pAGy5Nv8kL2q"}
    assert {r.post_platform_id for r in result.replies} == {VIDEO_WITH_COMMENTS}
    top = by_id[THREAD_A]
    assert top.text == "Поздравляю! Tabriklayman, janob elchi! Ikki davlat do'stligi mustahkam " \
                       "bo'lsin."
    assert (top.author_handle, top.author_name, top.likes) == ("@dilnoza.karimova",
                                                               "@dilnoza.karimova", 14)
    assert top.published == datetime(2025, 5, 2, 10, 12, 44, tzinfo=UTC)
    assert top.url == server.url(f"/watch?v={VIDEO_WITH_COMMENTS}&lc={THREAD_A}")
    assert by_id[THREAD_B].text == ("When will the visa centre in Samarkand open?\n"
                                    "Самарқандда виза маркази қачон очилади?")
    hostile = by_id[THREAD_C]
    for bad in ("<script", "onclick", "onerror", "javascript:"):
        assert bad not in hostile.html
    assert "free visa" in hostile.text
    # Calls: threads page 1 and 2 of the first video, comments.list for thread B, then the
    # second video (comments disabled: skipped, no error). The March video is too old.
    calls = api.calls()
    assert [urlsplit(c).path.rsplit("/", 1)[-1] for c in calls] == [
        "commentThreads", "comments", "commentThreads", "commentThreads"]
    assert query_of(calls[2])["pageToken"] == PAGE2_TOKEN
    assert query_of(calls[3])["videoId"] == VIDEO_COMMENTS_OFF
    assert all(query_of(c).get("videoId") != OLD_VIDEO for c in calls)
    assert all("key=" not in c and KEY not in c for c in calls)
    assert all(r.headers.get("x-goog-api-key") == KEY for r in server.requests
               if r.path.startswith("/youtube/v3/"))
    assert result.warning is None
    assert result.state["quota_used"] == 4 and result.state["quota_limit"] == 10_000
    assert KEY not in caplog.text


def test_stored_videos_beyond_the_feed_are_asked_too(fetcher, server, api, with_key) -> None:
    recent = (("OLDvideo123", datetime(2025, 4, 10, tzinfo=UTC)),
              ("ANCIENTvid1", datetime(2024, 1, 1, tzinfo=UTC)))
    YouTubeAdapter().sync(fetcher, request_for(server, recent=recent))
    asked = [query_of(c).get("videoId") for c in api.calls()]
    assert "OLDvideo123" in asked and "ANCIENTvid1" not in asked


def test_the_quota_counter_counts_each_call_and_starts_again_each_day(fetcher, server, api,
                                                                      with_key) -> None:
    today = youtube.Quota.from_state({}).day
    result = YouTubeAdapter().sync(fetcher, request_for(server, state={
        "quota_day": today, "quota_used": 100}))
    assert (result.state["quota_day"], result.state["quota_used"]) == (today, 104)
    result = YouTubeAdapter().sync(fetcher, request_for(server, state={
        "quota_day": "2001-01-01", "quota_used": 9_999}))
    assert (result.state["quota_day"], result.state["quota_used"]) == (today, 4)


def test_the_quota_day_follows_pacific_midnight() -> None:
    # 06:30 UTC on 2 May is still 1 May in California (UTC-7 in summer); 07:30 is not.
    state = {"quota_day": "2025-05-01", "quota_used": 42}
    late = youtube.Quota.from_state(state, datetime(2025, 5, 2, 6, 30, tzinfo=UTC))
    assert (late.day, late.used) == ("2025-05-01", 42)
    reset = youtube.Quota.from_state(state, datetime(2025, 5, 2, 7, 30, tzinfo=UTC))
    assert (reset.day, reset.used) == ("2025-05-02", 0)


def test_comments_stop_at_the_quota_margin(fetcher, server, api, with_key,
                                           monkeypatch) -> None:
    monkeypatch.setattr(youtube, "QUOTA_STOP", 2)
    result = YouTubeAdapter().sync(fetcher, request_for(server))
    assert len(api.calls()) == 2  # threads page 1 and comments.list; page 2 not asked
    assert result.warning == ("YouTube API quota nearly used: 2 of 10,000 units today; comments "
                              "resume tomorrow (Google resets the quota at midnight Pacific "
                              "time)")
    assert {r.platform_id for r in result.replies} >= {THREAD_A, THREAD_B}  # kept, not lost
    assert len(result.entries) == 3
    assert result.state["quota_used"] == 2
    # The next refresh the same day asks nothing and says why.
    again = YouTubeAdapter().sync(fetcher, request_for(server, state=result.state))
    assert len(api.calls()) == 2
    assert again.warning.startswith("YouTube API quota nearly used: 2 of 10,000")
    assert len(again.entries) == 3


def test_googles_own_quota_answer_stops_comments(fetcher, server, api, with_key) -> None:
    api.thread_answers[VIDEO_WITH_COMMENTS] = (403, fixture("error_quota_exceeded.json"))
    result = YouTubeAdapter().sync(fetcher, request_for(server))
    assert "quota for this key is used up" in result.warning
    assert result.state["quota_used"] == 10_000
    assert len(api.calls()) == 1 and len(result.entries) == 3


def test_an_invalid_key_is_an_error_that_says_what_to_do(fetcher, server, api, memory_keyring,
                                                         caplog) -> None:
    caplog.set_level(logging.DEBUG)
    set_secret("youtube", "AIzaSyEXPIRED-key-value-999")
    with pytest.raises(SourceError) as info:
        YouTubeAdapter().sync(fetcher, request_for(server))
    message = str(info.value)
    assert "rejected the stored API key" in message and "attache secrets set youtube" in message
    assert "AIzaSyEXPIRED" not in message and "AIzaSyEXPIRED" not in caplog.text


def test_an_invalid_key_is_reported_when_resolving_a_handle(fetcher, api,
                                                           memory_keyring) -> None:
    set_secret("youtube", "AIzaSyEXPIRED-key-value-999")
    with pytest.raises(SourceError, match="rejected the stored API key") as info:
        YouTubeAdapter().resolve(fetcher, f"@{HANDLE}")
    assert "AIzaSyEXPIRED" not in str(info.value)


def test_a_forbidden_key_is_an_error(fetcher, server, api, with_key) -> None:
    api.thread_answers[VIDEO_WITH_COMMENTS] = (403, json.dumps({"error": {
        "code": 403, "message": "Forbidden",
        "errors": [{"message": "Forbidden", "domain": "global", "reason": "forbidden"}]}}
    ).encode())
    with pytest.raises(SourceError, match="refused access with the stored API key") as info:
        YouTubeAdapter().sync(fetcher, request_for(server))
    assert KEY not in str(info.value)


def test_an_unreachable_api_keeps_the_videos(fetcher, server, api, with_key,
                                             monkeypatch) -> None:
    closed = FeedServer()
    port = closed.port
    closed.httpd.server_close()  # a port nobody listens on
    monkeypatch.setenv("ATTACHE_YOUTUBE_API", f"http://127.0.0.1:{port}/youtube/v3")
    result = YouTubeAdapter().sync(fetcher, request_for(server))
    assert len(result.entries) == 3 and result.replies == []
    assert "could not be reached" in result.warning
    assert result.state["quota_used"] == 1  # failed calls cost quota too


def query_of(path: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(path).query).items()}
