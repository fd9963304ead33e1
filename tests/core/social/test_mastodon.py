"""The Mastodon adapter against recorded API responses served on loopback (no mocks)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from core.net.fetch import Fetcher
from core.secrets import set_secret
from core.social.base import Gone, RateLimited, SourceError, SyncRequest, SyncResult
from core.social.mastodon import MastodonAdapter, _parse_profile
from tests.feedserver import FeedServer, send

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "social" / "mastodon"
ACCOUNT_ID = "110532718234567890"
STATUSES = f"/api/v1/accounts/{ACCOUNT_ID}/statuses"
LOOKUP = "/api/v1/accounts/lookup"
SINCE = datetime(2026, 3, 1, tzinfo=UTC)
JSON = "application/json; charset=utf-8"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def query(path: str) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(urlsplit(path).query).items()}


def context_path(status_id: str) -> str:
    return f"/api/v1/statuses/{status_id}/context"


def serve_instance(server: FeedServer) -> None:
    """An instance holding @embassy: two pages of statuses, conversations, one deleted post."""
    server.static(LOOKUP, fixture("account_lookup.json"), JSON)

    def statuses(req: BaseHTTPRequestHandler) -> None:
        params = query(req.path)
        if params.get("max_id") == "112000000000000030":
            send(req, 200, fixture("statuses_page2.json"), JSON)
            return
        nxt = server.url(f"{STATUSES}?exclude_reblogs=true&limit=40&max_id=112000000000000030")
        prev = server.url(f"{STATUSES}?exclude_reblogs=true&limit=40&min_id=112000000000000050")
        send(req, 200, fixture("statuses_page1.json"), JSON,
             {"Link": f'<{nxt}>; rel="next", <{prev}>; rel="prev"'})

    server.route(STATUSES, statuses)
    for status_id in ("112000000000000050", "112000000000000020"):
        server.static(context_path(status_id), fixture(f"context_{status_id}.json"), JSON)
    server.static(context_path("112000000000000030"), fixture("context_empty.json"), JSON)
    server.route(context_path("112000000000000010"),
                 lambda req: send(req, 404, fixture("record_not_found.json"), JSON))


def request(server: FeedServer, *, own: bool, state: dict | None = None,
            recent: tuple = ()) -> SyncRequest:
    return SyncRequest(url=server.url("/@embassy"), account_id=ACCOUNT_ID, own=own,
                       state=state or {}, replies_since=SINCE, recent_posts=recent)


def sync(server: FeedServer, fetcher: Fetcher, **kwargs: object) -> SyncResult:
    return MastodonAdapter().sync(fetcher, request(server, **kwargs))


# ---------------------------------------------------------------------------- resolve

def test_resolve_profile_url(server: FeedServer, fetcher: Fetcher) -> None:
    server.static(LOOKUP, fixture("account_lookup.json"), JSON)
    account = MastodonAdapter().resolve(fetcher, server.url("/@embassy/"))
    assert account.kind == "mastodon"
    assert account.url == server.url("/@embassy")
    assert account.title == "Embassy of Freedonia in Tashkent"
    assert account.account_id == ACCOUNT_ID
    assert query(server.hits(LOOKUP)[0].path) == {"acct": "embassy"}


@pytest.mark.parametrize(("text", "base", "acct"), [
    ("@embassy@mastodon.example", "https://mastodon.example", "embassy"),
    ("embassy@Mastodon.Example", "https://mastodon.example", "embassy"),
    ("https://mastodon.example/@embassy", "https://mastodon.example", "embassy"),
    ("http://127.0.0.1:8080/@embassy/", "http://127.0.0.1:8080", "embassy"),
    ("https://mastodon.example/@someone@other.example", "https://mastodon.example",
     "someone@other.example"),
])
def test_profile_forms(text: str, base: str, acct: str) -> None:
    assert _parse_profile(text) == (base, acct)


def test_resolve_handle_asks_the_named_instance_over_https(fetcher: Fetcher) -> None:
    # Nothing listens on port 9: the error shows which host was asked.
    with pytest.raises(SourceError, match=r"127\.0\.0\.1:9"):
        MastodonAdapter().resolve(fetcher, "@embassy@127.0.0.1:9")


def test_resolve_without_display_name_uses_acct(server: FeedServer, fetcher: Fetcher) -> None:
    server.static(LOOKUP, fixture("account_lookup_minimal.json"), JSON)
    account = MastodonAdapter().resolve(fetcher, server.url("/@consulate"))
    assert account.title == "consulate"


def test_resolve_unknown_account_is_gone(server: FeedServer, fetcher: Fetcher) -> None:
    server.route(LOOKUP, lambda req: send(req, 404, fixture("record_not_found.json"), JSON))
    with pytest.raises(Gone, match="no account @nobody"):
        MastodonAdapter().resolve(fetcher, server.url("/@nobody"))


@pytest.mark.parametrize("text", ["embassy", "https://mastodon.example/about",
                                  "ftp://mastodon.example/@embassy"])
def test_resolve_rejects_what_is_not_a_profile(fetcher: Fetcher, text: str) -> None:
    with pytest.raises(SourceError):
        MastodonAdapter().resolve(fetcher, text)


# ---------------------------------------------------------------------------- sync

def test_watched_account_gets_posts_and_no_conversations(server: FeedServer,
                                                         fetcher: Fetcher) -> None:
    serve_instance(server)
    result = sync(server, fetcher, own=False)

    # Two pages through the Link header; the private status is left out.
    assert [e.guid for e in result.entries] == [
        "112000000000000050", "112000000000000030", "112000000000000020", "112000000000000010"]
    assert len(server.hits(STATUSES)) == 2
    first, second = (query(hit.path) for hit in server.hits(STATUSES))
    assert first == {"limit": "40", "exclude_reblogs": "true", "exclude_replies": "true"}
    assert second["max_id"] == "112000000000000030"
    assert not [r for r in server.requests if "/context" in r.path]
    assert result.replies == []
    assert result.state == {"since_id": "112000000000000050"}
    assert result.title == "Embassy of Freedonia in Tashkent"

    visa = result.entries[0]
    assert visa.title == "Visa office closed on 8 March."
    assert visa.url == "https://mastodon.example/@embassy/112000000000000050"
    assert visa.author == "Embassy of Freedonia in Tashkent"
    assert visa.published == datetime(2026, 3, 5, 9, 0, tzinfo=UTC)
    assert "<script" not in visa.content_html and "onclick" not in visa.content_html
    assert 'href="https://embassy.example/visa"' in visa.content_html
    assert "alert" not in visa.content_text

    navruz = result.entries[1]
    assert navruz.title == "Посольство поздравляет всех с праздником Навруз!"
    assert "Приём в резиденции — 21 марта." in navruz.content_text
    assert "Navruz table at the residence" in navruz.content_text  # the image, as a link

    # No "language" key at all on the oldest status: still an ordinary entry.
    assert result.entries[3].title == "Old announcement, deleted later."


def test_own_account_collects_replies_with_parents(server: FeedServer,
                                                   fetcher: Fetcher) -> None:
    serve_instance(server)
    result = sync(server, fetcher, own=True)

    by_id = {r.platform_id: r for r in result.replies}
    assert set(by_id) == {"112000000000000051", "112000000000000052", "112000000000000053",
                          "112000000000000054", "112000000000000055", "112000000000000021"}
    # The embassy answering Aziz (typed in Mastodon's app) and going on in its own answer's
    # thread: its own replies (account.id is the source's), in the conversation, not audience.
    assert {i for i, r in by_id.items() if r.own} == {"112000000000000052",
                                                      "112000000000000055"}
    assert by_id["112000000000000055"].parent_platform_id == "112000000000000052"
    assert by_id["112000000000000055"].post_platform_id == "112000000000000050"
    # Reply to the post → no parent; then a chain three deep.
    assert by_id["112000000000000051"].parent_platform_id is None
    assert by_id["112000000000000052"].parent_platform_id == "112000000000000051"
    assert by_id["112000000000000053"].parent_platform_id == "112000000000000052"
    assert all(by_id[i].post_platform_id == "112000000000000050"
               for i in ("112000000000000051", "112000000000000052", "112000000000000053"))
    assert by_id["112000000000000021"].post_platform_id == "112000000000000020"

    uzbek = by_id["112000000000000051"]
    assert uzbek.author_handle == "aziz@mastodon.uz"
    assert uzbek.author_name == "Aziz Karimov"
    assert uzbek.likes == 3
    assert "Rahmat! Hujjatlarni qayerga topshirish mumkin?" in uzbek.text
    assert uzbek.url == "https://mastodon.uz/@aziz/112000000000000051"
    assert uzbek.published == datetime(2026, 3, 5, 9, 20, tzinfo=UTC)
    russian = by_id["112000000000000053"]
    assert russian.text == "А для граждан России тоже? Спасибо за ответ!"
    assert russian.author_name == "Ольга Смирнова"

    hostile = by_id["112000000000000054"]
    assert hostile.author_name is None  # no display_name in the response
    assert hostile.author_handle == "troll@evil.example"
    for fragment in ("<script", "onclick", "onerror", "javascript:"):
        assert fragment not in hostile.html
    assert "here" in hostile.text

    # The deleted status (404 on context) is skipped with a warning, not a failure.
    assert [e.guid for e in result.entries][-1] == "112000000000000010"
    assert "deleted" in (result.warning or "")
    assert len(server.hits(context_path("112000000000000010"))) == 1


def test_replies_only_for_posts_inside_the_window(server: FeedServer,
                                                  fetcher: Fetcher) -> None:
    serve_instance(server)
    adapter = MastodonAdapter()
    result = adapter.sync(fetcher, SyncRequest(
        url=server.url("/@embassy"), account_id=ACCOUNT_ID, own=True, state={},
        replies_since=datetime(2026, 3, 4, tzinfo=UTC)))
    asked = {hit.path.split("/")[-2] for hit in server.requests if "/context" in hit.path}
    assert asked == {"112000000000000050"}
    assert {r.post_platform_id for r in result.replies} == {"112000000000000050"}


def test_incremental_sync_sends_since_id_and_reads_stored_posts(server: FeedServer,
                                                                fetcher: Fetcher) -> None:
    serve_instance(server)
    first = sync(server, fetcher, own=False)

    def newer(req: BaseHTTPRequestHandler) -> None:
        params = query(req.path)
        assert params.get("since_id") == "112000000000000050"
        if "max_id" in params:  # the next link, with since_id put back by the adapter
            send(req, 200, b"[]", JSON)
            return
        # Like Mastodon, the next link does not carry since_id.
        nxt = server.url(f"{STATUSES}?exclude_reblogs=true&limit=40&max_id=112000000000000060")
        send(req, 200, fixture("statuses_new.json"), JSON, {"Link": f'<{nxt}>; rel="next"'})

    server.route(STATUSES, newer)
    server.static(context_path("112000000000000060"), fixture("context_empty.json"), JSON)
    before = len(server.requests)
    recent = tuple((e.guid, e.published) for e in first.entries)
    second = sync(server, fetcher, own=True, state=first.state, recent=recent)

    assert [e.guid for e in second.entries] == ["112000000000000060"]
    assert second.state["since_id"] == "112000000000000060"
    listing = [r for r in server.requests[before:] if r.path.startswith(STATUSES)]
    assert len(listing) == 2
    assert query(listing[1].path)["since_id"] == "112000000000000050"
    # Replies are still read for the stored posts in the window, each conversation once.
    contexts = [r.path for r in server.requests[before:] if "/context" in r.path]
    assert len(contexts) == len(set(contexts)) == 5
    assert len({r.platform_id for r in second.replies}) == len(second.replies) == 6


def test_next_link_to_another_host_is_not_followed(server: FeedServer,
                                                   fetcher: Fetcher) -> None:
    elsewhere = f"http://127.0.0.9:{server.port}{STATUSES}?max_id=1"
    server.route(STATUSES, lambda req: send(req, 200, fixture("statuses_new.json"), JSON,
                                            {"Link": f'<{elsewhere}>; rel="next"'}))
    result = sync(server, fetcher, own=False)
    assert [e.guid for e in result.entries] == ["112000000000000060"]
    assert len(server.hits(STATUSES)) == 1


@pytest.mark.parametrize(("state", "pages", "warned"), [
    ({}, 5, False),  # a first sync reads 200 statuses of history, by design
    ({"since_id": "100"}, 10, True),  # catching up: the gap is reported
])
def test_pages_are_capped(server: FeedServer, fetcher: Fetcher, state: dict, pages: int,
                          warned: bool) -> None:
    template = json.loads(fixture("statuses_new.json"))[0]

    def endless(req: BaseHTTPRequestHandler) -> None:
        below = int(query(req.path).get("max_id", "112000000000000999"))
        status = {**template, "id": str(below - 1)}
        nxt = server.url(f"{STATUSES}?limit=40&exclude_reblogs=true&max_id={below - 1}")
        send(req, 200, json.dumps([status]).encode(), JSON, {"Link": f'<{nxt}>; rel="next"'})

    server.route(STATUSES, endless)
    result = sync(server, fetcher, own=False, state=state)
    assert len(server.hits(STATUSES)) == len(result.entries) == pages
    assert ("not fetched" in (result.warning or "")) is warned


def test_rate_limit_reset_becomes_until(server: FeedServer, fetcher: Fetcher) -> None:
    reset = (datetime.now(UTC) + timedelta(minutes=4)).replace(second=0, microsecond=0)
    header = reset.strftime("%Y-%m-%dT%H:%M:%S.000000Z")  # rack-attack's iso8601(6)
    server.route(STATUSES, lambda req: send(
        req, 429, fixture("too_many_requests.json"), JSON,
        {"X-RateLimit-Limit": "300", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": header}))
    with pytest.raises(RateLimited) as caught:
        sync(server, fetcher, own=False)
    assert caught.value.until == reset


def test_rate_limit_on_a_conversation_stops_the_sync(server: FeedServer,
                                                     fetcher: Fetcher) -> None:
    serve_instance(server)
    reset = (datetime.now(UTC) + timedelta(minutes=2)).replace(microsecond=0)
    server.route(context_path("112000000000000050"), lambda req: send(
        req, 429, fixture("too_many_requests.json"), JSON,
        {"X-RateLimit-Reset": reset.isoformat().replace("+00:00", "Z")}))
    with pytest.raises(RateLimited) as caught:
        sync(server, fetcher, own=True)
    assert caught.value.until == reset


def test_malformed_page_is_a_source_error(server: FeedServer, fetcher: Fetcher) -> None:
    serve_instance(server)
    server.route(STATUSES, lambda req: send(
        req, 200, fixture("statuses_truncated.json"), JSON))
    with pytest.raises(SourceError, match="malformed"):
        sync(server, fetcher, own=False)


def test_unknown_account_id_is_looked_up(server: FeedServer, fetcher: Fetcher) -> None:
    serve_instance(server)
    result = MastodonAdapter().sync(fetcher, SyncRequest(
        url=server.url("/@embassy"), account_id=None, own=False, state={},
        replies_since=SINCE))
    assert len(result.entries) == 4
    assert len(server.hits(LOOKUP)) == 1


@pytest.mark.usefixtures("memory_keyring")
def test_stored_token_is_sent_as_bearer(server: FeedServer, fetcher: Fetcher) -> None:
    set_secret("mastodon:127.0.0.1", "s3cret-token")
    serve_instance(server)
    MastodonAdapter().resolve(fetcher, server.url("/@embassy"))
    sync(server, fetcher, own=True)
    assert server.requests
    for hit in server.requests:
        assert hit.headers.get("authorization") == "Bearer s3cret-token", hit.path


@pytest.mark.usefixtures("memory_keyring")
def test_no_token_no_authorization_header(server: FeedServer, fetcher: Fetcher) -> None:
    serve_instance(server)
    sync(server, fetcher, own=False)
    assert all("authorization" not in hit.headers for hit in server.requests)


def test_fixtures_are_json_except_the_truncated_page() -> None:
    for path in FIXTURES.glob("*.json"):
        if path.name == "statuses_truncated.json":
            with pytest.raises(ValueError):
                json.loads(path.read_bytes())
        else:
            json.loads(path.read_bytes())
