"""VKontakte walls and own communities' comments through the VK API, served by the loopback
server from fixtures shaped after VK's JSON schema (5.199) and its documented errors."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from core.net.fetch import Fetcher
from core.secrets import SERVICE
from core.social import vk
from core.social.base import Gone, RateLimited, SourceError, SyncRequest, SyncResult
from core.social.vk import Pacer, VkAdapter, parse_page_url
from tests.feedserver import FeedServer, send

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "social" / "vk"
TOKEN = "vk1.a.SERVICE-TOKEN-for-tests-9f8e7d6c5b4a"
OWNER = -218000111
SINCE = datetime(2025, 10, 6, tzinfo=UTC)  # posts 409–412 are in the window, pinned 380 not


def fixture(name: str) -> dict:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


class VkApi:
    """``/method/<name>`` answering like api.vk.com: offset/count slices of the fixtures,
    VK's error objects (HTTP 200) where a test queues them."""

    def __init__(self, server: FeedServer) -> None:
        self.server = server
        self.errors: dict[str, list[str]] = {}  # method → error fixtures to answer first
        self.wall = fixture("wall_get.json")["response"]
        for method in ("utils.resolveScreenName", "groups.getById", "users.get", "wall.get",
                       "wall.getComments"):
            server.route(f"/method/{method}", self.handle)

    def handle(self, req: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(req.path)
        method = parts.path.rsplit("/", 1)[1]
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        queued = self.errors.get(method)
        if queued:
            answer = fixture(queued.pop(0))
        else:
            answer = getattr(self, method.replace(".", "_"))(query)
        send(req, 200, json.dumps(answer, ensure_ascii=False).encode("utf-8"),
             "application/json; charset=utf-8")

    def utils_resolveScreenName(self, query: dict) -> dict:  # noqa: N802 - VK's name
        return fixture({"examplestan_kz": "resolve_group.json",
                        "aigerim.s": "resolve_user.json"}.get(query["screen_name"],
                                                              "resolve_not_found.json"))

    def groups_getById(self, query: dict) -> dict:  # noqa: N802
        assert query["group_id"] == "218000111"
        return fixture("groups_get_by_id.json")

    def users_get(self, query: dict) -> dict:
        return fixture({"5550001": "users_get.json"}.get(query["user_ids"],
                                                         "users_get_deleted.json"))

    def wall_get(self, query: dict) -> dict:
        assert query["owner_id"] == str(OWNER) and query["filter"] == "owner"
        return {"response": _slice(self.wall, query)}

    def wall_getComments(self, query: dict) -> dict:  # noqa: N802
        assert query["owner_id"] == str(OWNER) and query["sort"] in ("asc", "desc")
        post, thread = query["post_id"], query.get("comment_id")
        if post == "410":
            return fixture("error_212.json")
        name = {("412", None): "wall_get_comments_412.json",
                ("412", "9001"): "wall_get_comments_412_thread_9001.json",
                ("409", None): "wall_get_comments_409.json"}.get((post, thread))
        if name is None:
            return {"response": {"count": 0, "current_level_count": 0, "items": []}}
        answer = fixture(name)["response"]
        if query["sort"] == "desc":  # the fixtures list comments oldest first, as VK's asc
            answer = {**answer, "items": answer["items"][::-1]}
        return {"response": _slice(answer, query)}

    def calls(self, method: str) -> list[dict[str, str]]:
        return [{k: v[0] for k, v in parse_qs(urlsplit(r.path).query).items()}
                for r in self.server.requests if urlsplit(r.path).path == f"/method/{method}"]


def _slice(answer: dict, query: dict) -> dict:
    offset, count = int(query.get("offset", 0)), int(query.get("count", 20))
    return {**answer, "items": answer["items"][offset:offset + count]}


@pytest.fixture(autouse=True)
def fast_pacer(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests other than the pacing ones do not wait a third of a second per call."""
    monkeypatch.setattr(vk, "PACER", Pacer(1000.0))
    monkeypatch.setattr(vk, "RETRY_AFTER_6", (0.01, 0.02))


@pytest.fixture
def api(server: FeedServer, monkeypatch: pytest.MonkeyPatch) -> VkApi:
    monkeypatch.setenv("ATTACHE_VK_API", server.url("/method"))
    return VkApi(server)


@pytest.fixture
def token(memory_keyring):  # noqa: ANN001, ANN201 - conftest's MemoryKeyring
    memory_keyring.set_password(SERVICE, "vk", TOKEN)
    return memory_keyring


def request_for(*, own: bool, state: dict | None = None, recent=()) -> SyncRequest:
    return SyncRequest(url="https://vk.com/examplestan_kz", account_id=str(OWNER), own=own,
                       state=state or {}, replies_since=SINCE, recent_posts=recent)


def sync(fetcher: Fetcher, **kwargs: object) -> SyncResult:
    return VkAdapter().sync(fetcher, request_for(**kwargs))


# ---------------------------------------------------------------------------- addresses

@pytest.mark.parametrize("typed, page", [
    ("https://vk.com/examplestan_kz", vk.Page(screen_name="examplestan_kz")),
    ("vk.com/examplestan_kz", vk.Page(screen_name="examplestan_kz")),
    ("https://m.vk.com/aigerim.s?from=search", vk.Page(screen_name="aigerim.s")),
    ("https://vk.ru/club218000111", vk.Page(group_id=218000111)),
    ("https://vk.com/public218000111", vk.Page(group_id=218000111)),
    ("https://vk.com/id5550001", vk.Page(user_id=5550001)),
    ("https://vk.com/wall-218000111_412", vk.Page(group_id=218000111)),
])
def test_page_addresses(typed: str, page: vk.Page) -> None:
    assert parse_page_url(typed) == page


@pytest.mark.parametrize("typed", ["https://vk.com/", "https://vk.com/feed",
                                   "https://vk.com/away.php?to=x", "https://example.com/x",
                                   "https://vk.com/im?sel=1", "examplestan_kz"])
def test_what_is_not_a_wall_is_refused(typed: str) -> None:
    with pytest.raises(SourceError):
        parse_page_url(typed)


def test_resolve_a_community(fetcher: Fetcher, api: VkApi, token) -> None:  # noqa: ANN001
    account = VkAdapter().resolve(fetcher, "https://vk.com/EXAMPLESTAN_KZ".lower())
    assert account.kind == "vk" and account.url == "https://vk.com/examplestan_kz"
    assert account.account_id == str(OWNER)
    assert account.title == "Посольство Примерстана в Казахстане / Примерстан елшілігі"
    seen = api.server.requests[0]
    assert seen.headers["authorization"] == f"Bearer {TOKEN}"
    assert TOKEN not in seen.path and "v=5.199" in seen.path


def test_resolve_a_person_and_refuse_the_deleted(fetcher: Fetcher, api: VkApi,
                                                 token) -> None:  # noqa: ANN001
    person = VkAdapter().resolve(fetcher, "vk.com/aigerim.s")
    assert (person.url, person.account_id, person.title) == (
        "https://vk.com/aigerim.s", "5550001", "Айгерим Серикова")
    with pytest.raises(Gone, match="deleted"):
        VkAdapter().resolve(fetcher, "https://vk.com/id5550002")
    with pytest.raises(Gone, match="no page vk.com/nobody_here"):
        VkAdapter().resolve(fetcher, "https://vk.com/nobody_here")


def test_without_a_token_the_officer_is_told_how(fetcher: Fetcher, api: VkApi,
                                                 memory_keyring) -> None:  # noqa: ANN001
    with pytest.raises(SourceError, match="attache secrets set vk"):
        VkAdapter().resolve(fetcher, "https://vk.com/examplestan_kz")
    assert api.server.requests == []


def test_a_community_token_is_tried_first(fetcher: Fetcher, api: VkApi,
                                          token) -> None:  # noqa: ANN001
    token.set_password(SERVICE, "vk:examplestan_kz", "vk1.a.COMMUNITY-ADMIN")
    VkAdapter().resolve(fetcher, "https://vk.com/examplestan_kz")
    assert api.server.requests[0].headers["authorization"] == "Bearer vk1.a.COMMUNITY-ADMIN"


# ---------------------------------------------------------------------------- posts

def test_watched_wall_posts(fetcher: Fetcher, api: VkApi, token) -> None:  # noqa: ANN001
    result = sync(fetcher, own=False)
    assert result.replies == [] and api.calls("wall.getComments") == []
    [call] = api.calls("wall.get")
    assert (call["offset"], call["count"], call["extended"]) == ("0", "100", "1")
    assert result.title == "Посольство Примерстана в Казахстане / Примерстан елшілігі"
    posts = {e.guid: e for e in result.entries}
    assert set(posts) == {f"{OWNER}_{n}" for n in (380, 412, 411, 410, 409)}

    exchange = posts[f"{OWNER}_412"]
    assert exchange.url == "https://vk.com/wall-218000111_412"
    assert exchange.published == datetime(2025, 11, 3, 9, 0, tzinfo=UTC)
    assert exchange.title.startswith("Посол Примерстана встретилась со студентами КазНУ")
    assert "Спасибо Айгерим Сериковой за помощь" in exchange.content_text  # the mention
    assert 'href="https://vk.com/id5550001"' in exchange.content_html
    assert "z1280.jpg" in exchange.content_html and "s75.jpg" not in exchange.content_html
    assert 'href="https://examplestan.example/kz/exchange"' in exchange.content_html
    assert exchange.author.startswith("Посольство Примерстана")

    repost = posts[f"{OWNER}_411"]
    assert "летнюю школу журналистики 2026" in repost.content_text
    assert "Школа журналистики" in repost.content_text  # whose post was shared
    video = posts[f"{OWNER}_410"]
    assert video.title == "Концерт дружбы в Алматы"  # no text: the video names the post
    assert 'href="https://vk.com/video-218000111_456239018"' in video.content_html
    kazakh = posts[f"{OWNER}_409"]
    assert kazakh.content_text.startswith("Құрметті азаматтар! Консулдық бөлім")
    assert "<script" not in kazakh.content_html and "&lt;script&gt;" in kazakh.content_html
    assert result.state["last_id"] == 412  # the pinned post (380) does not move it


def test_later_syncs_page_back_to_the_last_post(fetcher: Fetcher, api: VkApi, token,  # noqa: ANN001
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vk, "PAGE_SIZE", 2)
    first = sync(fetcher, own=False)
    assert [c["offset"] for c in api.calls("wall.get")] == ["0"]  # a first sync: one page
    assert len(first.entries) == 2  # the pinned post and the newest
    api.server.requests.clear()
    later = sync(fetcher, own=False, state={"last_id": 409})
    assert [c["offset"] for c in api.calls("wall.get")] == ["0", "2", "4"]
    assert {e.guid for e in later.entries} == {f"{OWNER}_{n}" for n in (380, 412, 411, 410,
                                                                        409)}
    api.server.requests.clear()
    sync(fetcher, own=False, state={"last_id": 411})  # 411 is on the second page
    assert [c["offset"] for c in api.calls("wall.get")] == ["0", "2"]


# ---------------------------------------------------------------------------- comments

def test_own_community_comments_with_threads(fetcher: Fetcher, api: VkApi,
                                             token) -> None:  # noqa: ANN001
    result = sync(fetcher, own=True)
    asked = {(c["post_id"], c.get("comment_id")) for c in api.calls("wall.getComments")}
    # 411 has no comments, 380 is outside the window; 9001's thread has more than inlined.
    assert asked == {("412", None), ("412", "9001"), ("410", None), ("409", None)}
    first = api.calls("wall.getComments")[0]
    assert (first["need_likes"], first["extended"], first["thread_items_count"],
            first["preview_length"]) == ("1", "1", "10", "0")

    replies = {r.platform_id.rsplit("=", 1)[1]: r for r in result.replies}
    assert sorted(replies) == ["8870", "9001", "9003", "9004", "9005", "9006",
                               "9007"]  # 9002 deleted
    # The community answering as itself (from_id = -group id), and going on in its own thread.
    assert {k for k, r in replies.items() if r.own} == {"9004", "9007"}
    assert replies["9007"].parent_platform_id == f"{OWNER}_412?reply=9004"
    key = f"{OWNER}_412"
    kazakh = replies["9001"]
    assert kazakh.text == "Керемет жаңалық! Елшілікке рахмет 👏"
    assert (kazakh.author_name, kazakh.author_handle) == ("Айгерим Серикова", "aigerim.s")
    assert kazakh.likes == 5 and kazakh.parent_platform_id is None
    assert kazakh.published == datetime(2025, 11, 3, 9, 42, 10, tzinfo=UTC)
    assert kazakh.url == "https://vk.com/wall-218000111_412?reply=9001"
    assert kazakh.post_platform_id == key

    answer = replies["9004"]  # the community answering in the thread
    assert answer.author_name.startswith("Посольство Примерстана")
    assert answer.author_handle == "examplestan_kz"
    assert answer.parent_platform_id == f"{key}?reply=9001"
    assert answer.text.startswith("Айгерим, рахмет!")
    assert answer.url == "https://vk.com/wall-218000111_412?reply=9004&thread=9001"
    kyrgyz = replies["9005"]
    assert kyrgyz.text.startswith("Рахмат, абдан жакшы жаңылык!")
    assert kyrgyz.parent_platform_id == f"{key}?reply=9004"  # answers the answer
    russian = replies["9006"]  # only in the full thread, not inlined
    assert russian.parent_platform_id == f"{key}?reply=9001" and russian.likes == 12
    assert "y807.jpg" in russian.html

    sticker = replies["9003"]  # a deleted person's sticker
    assert sticker.text == "[Sticker]"
    assert (sticker.author_name, sticker.author_handle) == ("Deleted account", None)
    typed = replies["8870"]
    assert "&lt;b&gt;Алдын ала&lt;/b&gt;" in typed.html and "<b>" not in typed.html

    assert "comments of 1 post(s)" in result.warning  # 410: comments closed (error 212)
    assert result.state["comment_counts"] == {key: 7, f"{OWNER}_411": 0, f"{OWNER}_410": 2,
                                              f"{OWNER}_409": 1}
    assert result.state["comments_denied"] == [f"{OWNER}_410"]


def test_comments_are_read_again_only_when_the_count_changes(fetcher: Fetcher, api: VkApi,
                                                            token) -> None:  # noqa: ANN001
    first = sync(fetcher, own=True)
    api.server.requests.clear()
    again = sync(fetcher, own=True, state=first.state)
    assert api.calls("wall.getComments") == [] and again.replies == []
    assert "comments of 1 post(s)" in again.warning  # the closed post is still said
    api.wall["items"][1]["comments"]["count"] = 8  # a new comment on 412
    api.wall["items"][3]["comments"]["count"] = 3  # …and one on the closed post
    api.server.requests.clear()
    sync(fetcher, own=True, state=again.state)
    assert {c["post_id"] for c in api.calls("wall.getComments")} == {"412", "410"}


def test_comment_pages_follow_offsets(fetcher: Fetcher, api: VkApi, token,  # noqa: ANN001
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vk, "PAGE_SIZE", 2)
    result = sync(fetcher, own=True, state={"last_id": 409})
    top = [c["offset"] for c in api.calls("wall.getComments")
           if c["post_id"] == "412" and "comment_id" not in c]
    thread = [c["offset"] for c in api.calls("wall.getComments")
              if c.get("comment_id") == "9001"]
    assert top == ["0", "2"] and thread == ["0", "2"]
    assert len(result.replies) == 7


def test_a_post_with_more_comments_than_are_read_keeps_its_newest(
        fetcher: Fetcher, api: VkApi, token,  # noqa: ANN001
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the page cap, the comments read were the oldest, read again every refresh, and a
    new comment was never seen."""
    monkeypatch.setattr(vk, "PAGE_SIZE", 2)
    monkeypatch.setattr(vk, "MAX_COMMENT_PAGES", 1)
    result = sync(fetcher, own=True, state={"last_id": 409})
    top = fixture("wall_get_comments_412.json")["response"]["items"]
    newest = sorted((c for c in top if not c.get("deleted")), key=lambda c: c["date"])[-1]
    ids = {r.platform_id.rsplit("=", 1)[1] for r in result.replies
           if r.post_platform_id.endswith("_412") and r.parent_platform_id is None}
    assert str(newest["id"]) in ids
    assert "only the newest 2 comments of" in result.warning


# ---------------------------------------------------------------------------- errors

@pytest.mark.parametrize("name, raised, words", [
    ("error_5.json", SourceError, "refused the token stored as vk (error 5"),
    ("error_15.json", SourceError, "denies access to this wall (error 15)"),
    ("error_18.json", Gone, "deleted or banned (error 18)"),
    ("error_30.json", SourceError, "private (error 30); Attaché can only read public walls"),
    ("error_27.json", SourceError, "community token"),
    ("error_29.json", RateLimited, "limit on wall.get calls"),
    ("error_9.json", RateLimited, "flood control"),
    ("error_100.json", SourceError, "did not accept the request (error 100)"),
])
def test_errors_become_plain_sentences(name: str, raised: type, words: str, fetcher: Fetcher,
                                       api: VkApi, token) -> None:  # noqa: ANN001
    api.errors["wall.get"] = [name]
    with pytest.raises(raised, match=words.replace("(", r"\(").replace(")", r"\)")) as caught:
        sync(fetcher, own=True)
    assert TOKEN not in str(caught.value)
    if raised is RateLimited:
        assert caught.value.until > datetime.now(UTC) + timedelta(minutes=5)


def test_too_many_requests_is_retried_then_waits(fetcher: Fetcher, api: VkApi,
                                                 token) -> None:  # noqa: ANN001
    api.errors["wall.get"] = ["error_6.json", "error_6.json"]
    result = sync(fetcher, own=False)  # third try answers
    assert len(api.calls("wall.get")) == 3 and result.entries
    api.errors["wall.get"] = ["error_6.json"] * 3
    with pytest.raises(RateLimited, match="too many requests per second") as caught:
        sync(fetcher, own=False)
    assert caught.value.until <= datetime.now(UTC) + timedelta(minutes=1, seconds=5)


def test_a_rate_limit_while_reading_comments_stops_the_sync(fetcher: Fetcher, api: VkApi,
                                                            token) -> None:  # noqa: ANN001
    api.errors["wall.getComments"] = ["error_29.json"]
    with pytest.raises(RateLimited, match="wall.getComments"):
        sync(fetcher, own=True)


def test_malformed_answers_are_source_errors(fetcher: Fetcher, api: VkApi, server: FeedServer,
                                             token) -> None:  # noqa: ANN001
    server.static("/method/wall.get", b'{"response": {"items": "nope"', "application/json")
    with pytest.raises(SourceError, match="malformed"):
        sync(fetcher, own=False)
    server.static("/method/wall.get", b'{"something": 1}', "application/json")
    with pytest.raises(SourceError, match="malformed"):
        sync(fetcher, own=False)


# ---------------------------------------------------------------------------- pacing

def test_pacer_spaces_calls_per_token() -> None:
    now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    pacer = Pacer(3.0, clock=lambda: now[0], sleep=sleep)
    waits = [pacer.wait("a") for _ in range(4)]
    assert waits == pytest.approx([0, 1 / 3, 1 / 3, 1 / 3])
    assert pacer.wait("b") == 0  # another token has its own three a second
    now[0] += 5  # after a pause, no wait
    assert pacer.wait("a") == 0


def test_real_calls_keep_three_a_second(fetcher: Fetcher, api: VkApi, token,  # noqa: ANN001
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    # The pacer's own clock, advanced by its sleeps: the slots it hands out are exact, where
    # the server's arrival times would carry the machine's scheduling jitter.
    now = [1000.0]
    pacer = Pacer(vk.RATE, clock=lambda: now[0],
                  sleep=lambda seconds: now.__setitem__(0, now[0] + seconds))
    released: list[float] = []
    wait = pacer.wait
    monkeypatch.setattr(pacer, "wait", lambda key: (wait(key), released.append(now[0]))[0])
    monkeypatch.setattr(vk, "PACER", pacer)
    sync(fetcher, own=True)  # wall.get and four wall.getComments with one token
    assert len(api.server.requests) == len(released) == 5
    assert all(b - a >= 1 / 3 - 1e-9 for a, b in zip(released, released[1:], strict=False))


@pytest.mark.parametrize("typed, kind", [
    ("https://vk.com/examplestan_kz", "vk"), ("vk.com/examplestan_kz", "vk"),
    ("https://m.vk.com/club218000111", "vk"), ("vk.ru/id5550001", "vk"),
    ("t.me/examplestan_uz", "telegram"), ("https://news.example/vk.com/x", "rss"),
])
def test_vk_addresses_are_recognised(typed: str, kind: str) -> None:
    from core.social.registry import adapter_for, detect_kind

    assert detect_kind(typed) == kind
    assert isinstance(adapter_for("vk"), VkAdapter)
