"""The Bluesky adapter against recorded AppView responses served on loopback (no mocks)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from core.net.fetch import Fetcher
from core.social.base import RateLimited, SourceError, SyncRequest, SyncResult
from core.social.bluesky import BlueskyAdapter, _actor
from tests.feedserver import FeedServer, send

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "social" / "bluesky"
DID = "did:plc:e4mbassyq7xk2nd5w6jtzr3a"
HANDLE = "embassy-tashkent.bsky.social"
PROFILE = "/xrpc/app.bsky.actor.getProfile"
FEED = "/xrpc/app.bsky.feed.getAuthorFeed"
THREAD = "/xrpc/app.bsky.feed.getPostThread"
SINCE = datetime(2026, 3, 1, tzinfo=UTC)
JSON = "application/json; charset=utf-8"


def uri(rkey: str, did: str = DID) -> str:
    return f"at://{did}/app.bsky.feed.post/{rkey}"


P6, P5, P4, P2, P1 = (uri(k) for k in ("3lk4cz2m7n3p2", "3lk2bq7xy5c2s", "3ljz6xk4r2a2k",
                                       "3ljw4nq3t5k2y", "3ljt2ab7c4d2e"))
AZIZ = "did:plc:azizk4rimovuzb3kx7qa2npe"
OLGA = "did:plc:olgasmirnovaqx5t2k7ybwdc"
TROLL = "did:plc:trollzq3x5v7b2n4m6kzj2hf"
R1, R2, R3, R4 = (uri("3lk2cc4d5e6f2", AZIZ), uri("3lk2dd5e6f7g2"),
                  uri("3lk2ee6f7g2h2", OLGA), uri("3lk2ff7g2h3i2", TROLL))
R5 = uri("3ljw5aa2b3c4d", AZIZ)
R6 = uri("3lk2gg8h3i4j2")  # the embassy going on under its own answer R2


@pytest.fixture(autouse=True)
def appview(server: FeedServer, monkeypatch: pytest.MonkeyPatch) -> FeedServer:
    monkeypatch.setenv("ATTACHE_BLUESKY_APPVIEW", server.url("/"))
    return server


class Markup(HTMLParser):
    """The tags and attributes a browser would act on (escaped text is only text)."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [(name, value or "") for name, value in attrs]

    def is_inert(self) -> bool:
        return ("script" not in self.tags
                and not any(name.startswith("on") for name, _ in self.attributes)
                and not any(v.strip().lower().startswith("javascript:")
                            for _, v in self.attributes))


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def query(path: str) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(urlsplit(path).query).items()}


def serve_appview(server: FeedServer, *, feed_pages: tuple[str, ...] = (
        "author_feed_page1.json", "author_feed_page2.json")) -> None:
    server.static(PROFILE, fixture("profile.json"), JSON)
    cursor = json.loads(fixture(feed_pages[0])).get("cursor")

    def feed(req: BaseHTTPRequestHandler) -> None:
        page = feed_pages[1] if query(req.path).get("cursor") == cursor else feed_pages[0]
        send(req, 200, fixture(page), JSON)

    server.route(FEED, feed)

    def thread(req: BaseHTTPRequestHandler) -> None:
        wanted = query(req.path)["uri"]
        path = FIXTURES / f"thread_{wanted.rsplit('/', 1)[-1]}.json"
        if wanted.startswith(f"at://{DID}/") and path.exists():
            send(req, 200, path.read_bytes(), JSON)
        else:  # what the AppView answers for a deleted post
            send(req, 400, fixture("post_not_found.json"), JSON)

    server.route(THREAD, thread)


def sync(server: FeedServer, fetcher: Fetcher, *, own: bool, state: dict | None = None,
         recent: tuple = (), since: datetime = SINCE) -> SyncResult:
    return BlueskyAdapter().sync(fetcher, SyncRequest(
        url=f"https://bsky.app/profile/{HANDLE}", account_id=DID, own=own, state=state or {},
        replies_since=since, recent_posts=recent))


# ---------------------------------------------------------------------------- resolve

@pytest.mark.parametrize("text", [HANDLE, f"@{HANDLE}", f"https://bsky.app/profile/{HANDLE}",
                                  f"https://bsky.app/profile/{DID}/post/3lk2bq7xy5c2s"])
def test_resolve(server: FeedServer, fetcher: Fetcher, text: str) -> None:
    server.static(PROFILE, fixture("profile.json"), JSON)
    account = BlueskyAdapter().resolve(fetcher, text)
    assert account.kind == "bluesky"
    assert account.url == f"https://bsky.app/profile/{HANDLE}"
    assert account.title == "Embassy of Freedonia in Tashkent"
    assert account.account_id == DID
    assert query(server.hits(PROFILE)[0].path)["actor"] in (HANDLE, DID)


def test_resolve_custom_domain_without_display_name(server: FeedServer,
                                                    fetcher: Fetcher) -> None:
    server.static(PROFILE, fixture("profile_minimal.json"), JSON)
    account = BlueskyAdapter().resolve(fetcher, "press.embassy.example")
    assert account.title == "press.embassy.example"
    assert account.url == "https://bsky.app/profile/press.embassy.example"
    assert account.account_id == "did:plc:consulatezq3x5v7b2n4m6kz"


def test_resolve_unknown_profile(server: FeedServer, fetcher: Fetcher) -> None:
    server.route(PROFILE, lambda req: send(req, 400, fixture("profile_not_found.json"), JSON))
    with pytest.raises(SourceError, match="could not look up nobody.bsky.social"):
        BlueskyAdapter().resolve(fetcher, "nobody.bsky.social")


@pytest.mark.parametrize("text", ["not a handle", "https://example.com/profile/x",
                                  "https://bsky.app/search?q=x", "nodot"])
def test_actor_rejects_what_is_not_a_profile(text: str) -> None:
    with pytest.raises(SourceError):
        _actor(text)


# ---------------------------------------------------------------------------- sync

def test_watched_account_gets_posts_and_no_threads(server: FeedServer,
                                                   fetcher: Fetcher) -> None:
    serve_appview(server)
    result = sync(server, fetcher, own=False)

    # Two pages through the cursor; the repost of someone else's post is left out.
    assert [e.guid for e in result.entries] == [P5, P4, P2, P1]
    hits = [query(h.path) for h in server.hits(FEED)]
    assert hits[0] == {"actor": DID, "limit": "50", "filter": "posts_and_author_threads"}
    assert hits[1]["cursor"] == "2026-03-03T08:30:00.512Z"
    assert server.hits(THREAD) == []
    assert result.replies == []
    assert result.title == "Embassy of Freedonia in Tashkent"
    assert result.state["latest"] == "2026-03-05T09:00:00Z"
    assert result.state["seen"][:2] == [P5, P4]

    visa = result.entries[0]
    assert visa.url == f"https://bsky.app/profile/{HANDLE}/post/3lk2bq7xy5c2s"
    assert visa.title.startswith("Visa office closed on 8 March. <script>alert('x')</script>")
    assert visa.published == datetime(2026, 3, 5, 9, 0, tzinfo=UTC)
    assert visa.published_raw == "2026-03-05T09:00:00.000Z"
    assert visa.author == "Embassy of Freedonia in Tashkent"
    # Bluesky text is plain: markup in it stays visible as text and never becomes a tag.
    assert "<script" not in visa.content_html
    assert Markup(visa.content_html).is_inert()
    assert "&lt;script&gt;" in visa.content_html
    assert 'href="https://embassy.example/visa?from=bsky"' in visa.content_html
    assert ">embassy.example/visa...</a>" in visa.content_html

    navruz = result.entries[1]
    assert navruz.title == "Посольство поздравляет всех с праздником Навруз! 🌷"
    # Facet byte offsets after Cyrillic text land on the right characters.
    assert ('<a href="https://embassy.example/navruz" rel="noopener noreferrer nofollow">'
            "embassy.example/navruz</a>") in navruz.content_html
    assert "Навруз в резиденции" in navruz.content_text  # the link card
    assert navruz.content_html.count("<p>") == 3

    # No "langs" in the record: an ordinary entry all the same.
    assert result.entries[2].title.startswith("Toshkentdagi elchixona")


def test_own_account_collects_replies_with_parents(server: FeedServer,
                                                   fetcher: Fetcher) -> None:
    serve_appview(server)
    result = sync(server, fetcher, own=True)

    by_uri = {r.platform_id: r for r in result.replies}
    assert set(by_uri) == {R1, R2, R3, R4, R5, R6}  # notFound and blocked nodes skipped
    # The embassy answering Aziz in the Bluesky app (its DID), then adding to its answer:
    # its own replies, in the thread, never the audience's.
    assert {u for u, r in by_uri.items() if r.own} == {R2, R6}
    assert by_uri[R6].parent_platform_id == R2 and by_uri[R6].post_platform_id == P5
    assert by_uri[R1].parent_platform_id is None
    assert by_uri[R2].parent_platform_id == R1
    assert by_uri[R3].parent_platform_id == R2
    assert by_uri[R4].parent_platform_id is None
    assert {by_uri[u].post_platform_id for u in (R1, R2, R3, R4)} == {P5}
    assert by_uri[R5].post_platform_id == P2

    uzbek = by_uri[R1]
    assert uzbek.author_handle == "aziz.bsky.social"
    assert uzbek.author_name == "Aziz Karimov"
    assert uzbek.likes == 3
    assert uzbek.text.endswith("Rahmat! Hujjatlarni qayerga topshirish mumkin?")
    assert uzbek.url == "https://bsky.app/profile/aziz.bsky.social/post/3lk2cc4d5e6f2"
    assert uzbek.published == datetime(2026, 3, 5, 9, 20, tzinfo=UTC)
    assert by_uri[R3].text == "А для граждан России тоже? Спасибо за ответ!"

    hostile = by_uri[R4]
    assert hostile.author_name is None
    assert hostile.author_handle == "troll.example.com"
    assert "<script" not in hostile.html and "<a " not in hostile.html
    assert Markup(hostile.html).is_inert() and Markup(hostile.html).tags == ["p"]
    assert "javascript:alert(2)" in hostile.text  # shown as the text it was, never a link

    # Threads asked once per post in the window, with depth; the deleted post is tolerated.
    asked = [query(h.path) for h in server.hits(THREAD)]
    assert sorted(a["uri"] for a in asked) == sorted([P5, P4, P2, P1])
    assert all(a["depth"] == "20" for a in asked)
    assert "could not be read" in (result.warning or "")


def test_incremental_sync_stops_at_the_known_post(server: FeedServer,
                                                  fetcher: Fetcher) -> None:
    serve_appview(server)
    first = sync(server, fetcher, own=False)
    serve_appview(server, feed_pages=("author_feed_new.json", "author_feed_page2.json"))
    before = len(server.requests)
    recent = tuple((e.guid, e.published) for e in first.entries)
    second = sync(server, fetcher, own=True, state=first.state, recent=recent,
                  since=datetime(2026, 3, 5, tzinfo=UTC))

    assert [e.guid for e in second.entries] == [P6]
    feed_hits = [h for h in server.requests[before:] if h.path.startswith(FEED)]
    assert len(feed_hits) == 1  # stopped at P5 without asking for the next page
    assert second.state["latest"] == "2026-03-06T10:00:00Z"
    assert second.state["seen"][:3] == [P6, P5, P4]
    threads = sorted(query(h.path)["uri"] for h in server.requests[before:]
                     if h.path.startswith(THREAD))
    assert threads == sorted([P6, P5])  # new post and the stored one inside the window
    assert len({r.platform_id for r in second.replies}) == len(second.replies) == 5


def test_incremental_sync_stops_by_time_when_the_known_post_is_gone(
        server: FeedServer, fetcher: Fetcher) -> None:
    serve_appview(server, feed_pages=("author_feed_new.json", "author_feed_page2.json"))
    state = {"latest": "2026-03-05T09:00:00Z", "seen": [uri("3lk2deletedxx")]}
    result = sync(server, fetcher, own=False, state=state)
    assert [e.guid for e in result.entries] == [P6, P5]  # P5 has the same time: kept
    assert len(server.hits(FEED)) == 1


def test_rate_limit(server: FeedServer, fetcher: Fetcher) -> None:
    until = (datetime.now(UTC) + timedelta(minutes=3)).replace(microsecond=0)
    server.route(FEED, lambda req: send(
        req, 429, b'{"error":"RateLimitExceeded","message":"Rate Limit Exceeded"}', JSON,
        {"Retry-After": format_datetime(until, usegmt=True)}))
    with pytest.raises(RateLimited) as caught:
        sync(server, fetcher, own=False)
    assert caught.value.until == until


def test_malformed_page_is_a_source_error(server: FeedServer, fetcher: Fetcher) -> None:
    serve_appview(server, feed_pages=("author_feed_page1.json", "author_feed_truncated.json"))
    with pytest.raises(SourceError, match="malformed"):
        sync(server, fetcher, own=False)


def test_thread_that_is_a_not_found_post_is_skipped(server: FeedServer,
                                                    fetcher: Fetcher) -> None:
    serve_appview(server, feed_pages=("author_feed_new.json", "author_feed_page2.json"))
    server.route(THREAD, lambda req: send(req, 200, json.dumps({"thread": {
        "$type": "app.bsky.feed.defs#notFoundPost", "uri": P6, "notFound": True}}).encode(),
        JSON))
    result = sync(server, fetcher, own=True, state={"seen": [P5]})
    assert [e.guid for e in result.entries] == [P6]
    assert result.replies == []
    assert "could not be read" in (result.warning or "")


def test_fixtures_are_json_except_the_truncated_page() -> None:
    for path in FIXTURES.glob("*.json"):
        if path.name == "author_feed_truncated.json":
            with pytest.raises(ValueError):
                json.loads(path.read_bytes())
        else:
            json.loads(path.read_bytes())
