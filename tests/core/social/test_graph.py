"""Facebook and Instagram through the Graph API, against recorded responses on loopback.

The fixtures in tests/fixtures/social/graph/ follow the shapes Meta documents (see the README
there). The token must travel only in the Authorization header: every test that talks to the
server also checks no request path and no message carries it.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import insert, select

from core.entries.store import store_entries
from core.net.fetch import Fetcher
from core.secrets import SERVICE
from core.social.base import Gone, RateLimited, SourceError, SyncRequest
from core.social.graph import FacebookAdapter, InstagramAdapter, facebook_page, instagram_user
from core.social.replies import store_replies
from core.storage.database import Database
from core.storage.models import Reply, Source
from core.storage.types import utcnow
from tests.feedserver import FeedServer, send

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "social" / "graph"
TOKEN = "EAAG-fixture-token"  # also what fb_posts_1.json's paging.next carries, to be dropped
PAGE = "104512345678901"
P1, P2, P3 = (f"{PAGE}_900000000000011", f"{PAGE}_900000000000012",
              f"{PAGE}_900000000000013")
IG = "17841400000000001"
M1, M2 = "17900000000000101", "17900000000000102"
FB_URL = "https://www.facebook.com/usembassytashkent"
IG_URL = "https://www.instagram.com/usembassytashkent"


@pytest.fixture
def graph(server: FeedServer, monkeypatch: pytest.MonkeyPatch) -> FeedServer:
    monkeypatch.setenv("ATTACHE_GRAPH_API", server.url(""))
    monkeypatch.delenv("ATTACHE_GRAPH_VERSION", raising=False)
    return server


@pytest.fixture
def fb_token(memory_keyring):  # noqa: ANN001, ANN201 - conftest's MemoryKeyring
    memory_keyring.set_password(SERVICE, "facebook:usembassytashkent", TOKEN)
    return memory_keyring


@pytest.fixture
def ig_token(memory_keyring):  # noqa: ANN001, ANN201
    memory_keyring.set_password(SERVICE, "instagram", TOKEN)
    return memory_keyring


def body(fixture: str) -> bytes:
    return (FIXTURES / fixture).read_bytes()


def serve(server: FeedServer, path: str, fixture: str | bytes, status: int = 200,
          headers: dict[str, str] | None = None) -> None:
    data = fixture if isinstance(fixture, bytes) else body(fixture)
    server.route(path, lambda req: send(req, status, data, "application/json; charset=UTF-8",
                                        headers))


def query(path: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(path).query).items()}


def assert_token_only_in_header(server: FeedServer) -> None:
    assert server.requests
    for seen in server.requests:
        assert TOKEN not in seen.path
        assert "access_token" not in seen.path
        assert seen.headers["authorization"] == f"Bearer {TOKEN}"


def request(url: str, *, own: bool = True, account_id: str | None = PAGE,
            state: dict | None = None, recent: tuple = ()) -> SyncRequest:
    return SyncRequest(url=url, account_id=account_id, own=own, state=state or {},
                       replies_since=datetime(2026, 10, 1, tzinfo=UTC), recent_posts=recent)


def serve_facebook(server: FeedServer) -> None:
    def posts(req: BaseHTTPRequestHandler) -> None:
        page = "fb_posts_2.json" if "after=" in req.path else "fb_posts_1.json"
        send(req, 200, body(page), "application/json")

    server.route(f"/v21.0/{PAGE}/posts", posts)
    serve(server, f"/v21.0/{P1}/comments", "fb_comments.json")
    serve(server, f"/v21.0/{P2}/comments", "fb_comments_empty.json")
    serve(server, f"/v21.0/{P3}/comments", "fb_comments_empty.json")


# ---------------------------------------------------------------------------- addresses

@pytest.mark.parametrize("typed, page", [
    ("https://www.facebook.com/usembassytashkent", "usembassytashkent"),
    ("facebook.com/usembassytashkent/", "usembassytashkent"),
    ("https://m.facebook.com/usembassytashkent?ref=bookmarks", "usembassytashkent"),
    ("https://www.facebook.com/USEmbassyTashkent/posts/pfbid0Navruz", "USEmbassyTashkent"),
    ("https://www.facebook.com/profile.php?id=104512345678901", PAGE),
    ("https://www.facebook.com/pages/US-Embassy/104512345678901", PAGE),
    (PAGE, PAGE),
])
def test_facebook_page_from_what_was_typed(typed: str, page: str) -> None:
    assert facebook_page(typed) == page


@pytest.mark.parametrize("typed", ["https://www.facebook.com/groups/123456",
                                   "https://example.org/usembassytashkent",
                                   "https://www.facebook.com/"])
def test_facebook_page_refuses_other_addresses(typed: str) -> None:
    with pytest.raises(SourceError, match="not a Facebook Page address"):
        facebook_page(typed)


@pytest.mark.parametrize("typed, user", [
    ("https://www.instagram.com/usembassytashkent/", "usembassytashkent"),
    ("instagram.com/UsEmbassyTashkent", "usembassytashkent"),
    ("@usembassytashkent", "usembassytashkent"),
    (IG, IG),
])
def test_instagram_user_from_what_was_typed(typed: str, user: str) -> None:
    assert instagram_user(typed) == user


def test_instagram_user_refuses_a_post_link() -> None:
    with pytest.raises(SourceError, match="not an Instagram account address"):
        instagram_user("https://www.instagram.com/p/DAbCdEfGhIj/")


# ---------------------------------------------------------------------------- Facebook

def test_facebook_resolve_asks_graph_with_the_token_in_the_header(
        graph: FeedServer, fetcher: Fetcher, fb_token: object) -> None:
    serve(graph, "/v21.0/usembassytashkent", "fb_page.json")
    account = FacebookAdapter().resolve(fetcher, "https://www.facebook.com/usembassytashkent/")
    assert account.kind == "facebook"
    assert account.url == FB_URL
    assert account.title == "U.S. Embassy Tashkent"
    assert account.account_id == PAGE
    assert query(graph.requests[0].path) == {"fields": "id,name,link"}
    assert_token_only_in_header(graph)


def test_facebook_resolve_a_numeric_page_id(graph: FeedServer, fetcher: Fetcher,
                                            memory_keyring) -> None:  # noqa: ANN001
    memory_keyring.set_password(SERVICE, "facebook", TOKEN)  # the catch-all name
    serve(graph, f"/v21.0/{PAGE}", "fb_page.json")
    account = FacebookAdapter().resolve(fetcher, PAGE)
    assert account.url == f"https://www.facebook.com/{PAGE}"
    assert account.account_id == PAGE


def test_facebook_without_a_token_says_how_to_store_one(graph: FeedServer, fetcher: Fetcher,
                                                        memory_keyring) -> None:  # noqa: ANN001
    with pytest.raises(SourceError) as caught:
        FacebookAdapter().resolve(fetcher, FB_URL)
    message = str(caught.value)
    assert "attache secrets set facebook:usembassytashkent" in message
    assert "Page access token" in message and "Meta Business Suite" in message
    assert graph.requests == []


def test_facebook_sync_pages_through_posts_and_reads_comments(
        graph: FeedServer, fetcher: Fetcher, fb_token: object) -> None:
    serve_facebook(graph)
    result = FacebookAdapter().sync(fetcher, request(FB_URL))

    assert [e.guid for e in result.entries] == [P1, P2, P3]
    first, second, third = result.entries
    assert first.url == "https://www.facebook.com/usembassytashkent/posts/pfbid0Navruz"
    assert first.title == "Navro'z muborak! Happy Navruz from the Embassy team."
    assert "Наврўз муборак!" in first.content_text
    assert first.published == datetime(2026, 11, 3, 14, 22, 5, tzinfo=UTC)
    assert "&lt;b&gt;Apply&lt;/b&gt;" in second.content_html  # plain text, escaped
    assert third.title == "Facebook post" and third.content_html == ""
    assert result.state == {"last_created": "2026-11-03T14:22:05+00:00"}

    replies = {r.platform_id: r for r in result.replies}
    top, answer, hidden = (replies[f"900000000000011_120000000000000{n}"] for n in (1, 2, 3))
    assert top.post_platform_id == P1 and top.parent_platform_id is None
    assert top.text == "Байрамингиз муборак! Спасибо посольству 🌷"
    assert top.author_name == "Dilnoza Karimova" and top.likes == 4
    assert answer.parent_platform_id == top.platform_id
    # The Page answering as itself (from.id is the Page's id), twice in the same thread.
    assert {i.rsplit("_", 1)[1] for i, r in replies.items() if r.own} == {
        "1200000000000002", "1200000000000004"}
    assert hidden.author_handle is None and hidden.author_name is None  # no "from"
    assert "<script>" not in hidden.html and "&lt;script&gt;" in hidden.html

    paths = [r.path for r in graph.requests]
    posts = [p for p in paths if "/posts" in p]
    assert len(posts) == 2
    assert query(posts[0]) == {"fields": "id,message,created_time,permalink_url,updated_time",
                               "limit": "50"}
    assert query(posts[1])["after"] == "QVFIUlBBR0UyX2FmdGVy"
    comments = query(graph.hits(f"/v21.0/{P1}/comments")[0].path)
    assert comments["filter"] == "stream" and comments["limit"] == "100"
    assert comments["fields"] == ("id,message,created_time,from,like_count,parent{id},"
                                  "permalink_url")
    assert graph.hits(f"/v21.0/{P3}/comments") == []  # older than replies_since
    assert_token_only_in_header(graph)


def test_facebook_sync_is_incremental_and_rereads_recent_stored_posts(
        graph: FeedServer, fetcher: Fetcher, fb_token: object) -> None:
    serve_facebook(graph)
    stored = f"{PAGE}_900000000000001"
    serve(graph, f"/v21.0/{stored}/comments", "fb_comments_empty.json")
    state = {"last_created": "2026-11-03T14:22:05+00:00"}
    recent = ((stored, datetime(2026, 10, 15, tzinfo=UTC)),
              (f"{PAGE}_old", datetime(2026, 1, 1, tzinfo=UTC)))
    FacebookAdapter().sync(fetcher, request(FB_URL, state=state, recent=recent))
    first = graph.hits(f"/v21.0/{PAGE}/posts")[0]
    assert query(first.path)["since"] == str(int(datetime(2026, 11, 3, 14, 22, 5,
                                                          tzinfo=UTC).timestamp()))
    assert len(graph.hits(f"/v21.0/{stored}/comments")) == 1
    assert graph.hits(f"/v21.0/{PAGE}_old/comments") == []


def test_facebook_sync_of_someone_elses_page_reads_no_comments(
        graph: FeedServer, fetcher: Fetcher, fb_token: object) -> None:
    serve_facebook(graph)
    result = FacebookAdapter().sync(fetcher, request(FB_URL, own=False))
    assert len(result.entries) == 3 and result.replies == []
    assert not any("/comments" in r.path for r in graph.requests)


def test_facebook_comments_store_with_their_parents(graph: FeedServer, fetcher: Fetcher,
                                                    fb_token: object, db: Database) -> None:
    serve_facebook(graph)
    result = FacebookAdapter().sync(fetcher, request(FB_URL))
    now = utcnow()
    with db.write() as conn:
        source_id = conn.execute(insert(Source.__table__).values(
            url=FB_URL, kind="facebook", own=True, account_id=PAGE)).inserted_primary_key[0]
        store_entries(conn, source_id, result.entries, now)
        counts = store_replies(conn, source_id, "facebook", result.replies, now)
    assert (counts.new, counts.own, counts.orphaned) == (2, 2, 0)
    replies = Reply.__table__
    with db.read() as conn:
        rows = {r.platform_id: r for r in conn.execute(select(replies))}
    top = rows["900000000000011_1200000000000001"]
    answer = rows["900000000000011_1200000000000002"]
    assert answer.parent_id == top.id and answer.own
    assert top.parent_id is None and not top.own
    # Answered in Facebook itself: at the Page's first answer, by no one Attaché knows.
    assert top.answered_at == answer.published and top.answered_by is None
    assert rows["900000000000011_1200000000000003"].answered_at is None


@pytest.mark.parametrize("fixture, status, expected", [
    ("error_190.json", 400, "the Facebook token has expired or was revoked; create a new Page "
                            "access token and run `attache secrets set "
                            "facebook:usembassytashkent`"),
    ("error_200_permission.json", 403, "lacks the pages_read_user_content permission"),
    ("error_10_permission.json", 400, "lacks the pages_read_engagement permission"),
    ("malformed.json", 200, "malformed response"),
])
def test_facebook_errors_say_what_to_do(graph: FeedServer, fetcher: Fetcher, fb_token: object,
                                        fixture: str, status: int, expected: str) -> None:
    serve(graph, f"/v21.0/{PAGE}/posts", fixture, status)
    with pytest.raises(SourceError) as caught:
        FacebookAdapter().sync(fetcher, request(FB_URL))
    assert not isinstance(caught.value, RateLimited)
    assert expected in str(caught.value)
    assert TOKEN not in str(caught.value)
    assert_token_only_in_header(graph)


def test_a_token_graph_echoes_back_is_scrubbed(graph: FeedServer, fetcher: Fetcher,
                                                fb_token: object) -> None:
    echo = json.dumps({"error": {"message": f"Malformed access token {TOKEN}",
                                 "type": "OAuthException", "code": 1}}).encode()
    serve(graph, f"/v21.0/{PAGE}/posts", echo, 400)
    with pytest.raises(SourceError) as caught:
        FacebookAdapter().sync(fetcher, request(FB_URL))
    assert TOKEN not in str(caught.value) and "[token]" in str(caught.value)


def test_an_unknown_page_name_is_gone(graph: FeedServer, fetcher: Fetcher,
                                      fb_token: object) -> None:
    serve(graph, "/v21.0/usembassytashkent", "error_803_alias.json", 404)
    with pytest.raises(Gone):
        FacebookAdapter().resolve(fetcher, FB_URL)


def test_throttling_waits_an_hour(graph: FeedServer, fetcher: Fetcher,
                                  fb_token: object) -> None:
    serve(graph, f"/v21.0/{PAGE}/posts", "error_4_throttle.json", 403)
    before = datetime.now(UTC)
    with pytest.raises(RateLimited) as caught:
        FacebookAdapter().sync(fetcher, request(FB_URL))
    assert "Application request limit reached" in str(caught.value)
    assert before + timedelta(minutes=59) < caught.value.until
    assert caught.value.until < before + timedelta(minutes=61)


def test_page_throttling_waits_as_long_as_graph_says(graph: FeedServer, fetcher: Fetcher,
                                                     fb_token: object) -> None:
    usage = json.dumps({PAGE: [{"type": "pages", "call_count": 100, "total_cputime": 12,
                                "total_time": 15, "estimated_time_to_regain_access": 17}]})
    serve(graph, f"/v21.0/{PAGE}/posts", "error_32_page_limit.json", 400,
          {"X-Business-Use-Case-Usage": usage})
    before = datetime.now(UTC)
    with pytest.raises(RateLimited) as caught:
        FacebookAdapter().sync(fetcher, request(FB_URL))
    assert before + timedelta(minutes=16) < caught.value.until
    assert caught.value.until < before + timedelta(minutes=18)


def test_http_429_is_rate_limited_with_retry_after(graph: FeedServer, fetcher: Fetcher,
                                                   fb_token: object) -> None:
    graph.status(f"/v21.0/{PAGE}/posts", 429, {"Retry-After": "120"})
    before = datetime.now(UTC)
    with pytest.raises(RateLimited) as caught:
        FacebookAdapter().sync(fetcher, request(FB_URL))
    assert before + timedelta(seconds=110) < caught.value.until
    assert caught.value.until < before + timedelta(seconds=130)


def test_graph_version_comes_from_the_environment(graph: FeedServer, fetcher: Fetcher,
                                                  fb_token: object,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ATTACHE_GRAPH_VERSION", "v22.0")
    serve(graph, "/v22.0/usembassytashkent", "fb_page.json")
    assert FacebookAdapter().resolve(fetcher, FB_URL).account_id == PAGE
    monkeypatch.setenv("ATTACHE_GRAPH_VERSION", "latest")
    with pytest.raises(SourceError, match="ATTACHE_GRAPH_VERSION"):
        FacebookAdapter().resolve(fetcher, FB_URL)


# ---------------------------------------------------------------------------- Instagram

def test_instagram_resolve_finds_the_business_account_by_username(
        graph: FeedServer, fetcher: Fetcher, ig_token: object) -> None:
    serve(graph, "/v21.0/me/accounts", "ig_accounts.json")
    account = InstagramAdapter().resolve(fetcher, "https://www.instagram.com/UsEmbassyTashkent/")
    assert account.kind == "instagram"
    assert account.url == IG_URL
    assert account.account_id == IG
    assert account.title == "U.S. Embassy Tashkent"
    assert query(graph.requests[0].path)["fields"] == ("instagram_business_account"
                                                       "{id,username,name}")
    assert_token_only_in_header(graph)


def test_instagram_resolve_with_a_page_token_asks_the_page(graph: FeedServer, fetcher: Fetcher,
                                                           ig_token: object) -> None:
    serve(graph, "/v21.0/me/accounts", "error_100_accounts_on_page.json", 400)
    page = {"instagram_business_account": {"id": IG, "username": "usembassytashkent"},
            "id": PAGE}
    serve(graph, "/v21.0/me", json.dumps(page).encode())
    assert InstagramAdapter().resolve(fetcher, "@usembassytashkent").account_id == IG


def test_instagram_resolve_a_numeric_id(graph: FeedServer, fetcher: Fetcher,
                                        ig_token: object) -> None:
    serve(graph, f"/v21.0/{IG}", "ig_user.json")
    account = InstagramAdapter().resolve(fetcher, IG)
    assert account.url == IG_URL and account.account_id == IG
    assert query(graph.requests[0].path) == {"fields": "id,username,name"}


def test_instagram_account_not_linked_explains_why(graph: FeedServer, fetcher: Fetcher,
                                                   ig_token: object) -> None:
    serve(graph, "/v21.0/me/accounts", "ig_accounts.json")
    with pytest.raises(SourceError) as caught:
        InstagramAdapter().resolve(fetcher, "https://www.instagram.com/someone.else")
    message = str(caught.value)
    assert "professional" in message and "linked to a Facebook Page" in message
    assert "@usembassytashkent" in message  # what the token can see instead


def test_instagram_without_a_token_says_how_to_store_one(graph: FeedServer, fetcher: Fetcher,
                                                         memory_keyring) -> None:  # noqa: ANN001
    with pytest.raises(SourceError, match="attache secrets set instagram:usembassytashkent"):
        InstagramAdapter().resolve(fetcher, IG_URL)
    assert graph.requests == []


def serve_instagram(server: FeedServer) -> None:
    serve(server, f"/v21.0/{IG}/media", "ig_media.json")
    serve(server, f"/v21.0/{M1}/comments", "ig_comments.json")
    serve(server, f"/v21.0/{M2}/comments", "ig_comments_empty.json")
    serve(server, "/v21.0/17850000000000203/replies", "ig_replies.json")


def test_instagram_sync_reads_media_comments_and_all_replies(
        graph: FeedServer, fetcher: Fetcher, ig_token: object) -> None:
    serve_instagram(graph)
    result = InstagramAdapter().sync(fetcher, request(IG_URL, account_id=IG))

    assert [e.guid for e in result.entries] == [M1, M2]
    assert result.entries[0].url == "https://www.instagram.com/p/DAbCdEfGhIj/"
    assert result.entries[1].title == "Instagram video"
    assert result.state == {"last_timestamp": "2026-11-02T18:00:00+00:00"}

    replies = {r.platform_id: r for r in result.replies}
    assert sorted(replies) == [f"1785000000000020{n}" for n in range(1, 7)]
    # The account answering (its username; ``from`` is an Instagram-scoped id), twice.
    assert {i for i, r in replies.items() if r.own} == {"17850000000000202",
                                                        "17850000000000206"}
    assert replies["17850000000000201"].parent_platform_id is None
    assert replies["17850000000000201"].author_handle == "aziza.travels"
    assert replies["17850000000000201"].text == "Очень красиво! Qachon Samarqandga borasiz?"
    assert replies["17850000000000202"].parent_platform_id == "17850000000000201"
    assert replies["17850000000000205"].parent_platform_id == "17850000000000203"
    assert replies["17850000000000205"].likes == 2
    assert all(r.post_platform_id == M1 for r in result.replies)
    assert len(result.replies) == 6  # the inline reply is not counted twice

    media = query(graph.hits(f"/v21.0/{IG}/media")[0].path)
    assert media == {"fields": "id,caption,timestamp,permalink,media_type", "limit": "50"}
    comments = query(graph.hits(f"/v21.0/{M1}/comments")[0].path)
    assert comments["fields"] == ("id,text,timestamp,username,like_count,from,"
                                  "replies{id,text,timestamp,username,like_count,from}")
    assert len(graph.hits("/v21.0/17850000000000203/replies")) == 1
    assert_token_only_in_header(graph)


def test_instagram_expired_token_names_the_instagram_secret(
        graph: FeedServer, fetcher: Fetcher, ig_token: object) -> None:
    serve(graph, f"/v21.0/{IG}/media", "error_190.json", 400)
    with pytest.raises(SourceError) as caught:
        InstagramAdapter().sync(fetcher, request(IG_URL, account_id=IG))
    assert "Instagram token has expired" in str(caught.value)
    assert "attache secrets set instagram:usembassytashkent" in str(caught.value)


def test_instagram_missing_comment_permission_is_named(graph: FeedServer, fetcher: Fetcher,
                                                       ig_token: object) -> None:
    serve(graph, f"/v21.0/{IG}/media", "ig_media.json")
    denied = json.dumps({"error": {
        "message": "(#10) Application does not have permission for this action: "
                   "instagram_manage_comments", "type": "OAuthException", "code": 10}}).encode()
    serve(graph, f"/v21.0/{M1}/comments", denied, 403)
    with pytest.raises(SourceError, match="instagram_manage_comments"):
        InstagramAdapter().sync(fetcher, request(IG_URL, account_id=IG))
