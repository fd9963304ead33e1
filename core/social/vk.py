"""VKontakte walls through the VK API: a community's (or a person's) public posts with
``wall.get``, and for the embassy's own communities the comments with ``wall.getComments``,
threads included.

Why the API and not the web page: vk.com's pages need a login for most of what they show and
change often; the API is documented (dev.vk.com, and VK's own JSON schema, version 5.199) and
answers the same for a service token. Tokens live in the OS keyring: ``vk:<screen name>`` for a
community that needs its own (a closed one: a token of an administrator who can see it), else
``vk`` (the service token of any VK app, enough for public walls and their open comments). A
token travels in the ``Authorization: Bearer`` header VK accepts, never in a URL. VK's schema
lists ``wall.get`` and ``wall.getComments`` for user and service tokens only: a community
token is refused with error 27, which the officer is told in those words.

VK answers every failure as ``{"error": {"error_code": N, ...}}`` with HTTP 200; the codes
that mean "fix the token" (5, 27, 28), "this wall cannot be read" (15, 30, 203), "gone" (18,
and a screen name that resolves to nothing) and "wait" (6, 9, 29) become plain sentences.
Rate limits: VK allows a user or service token 3 requests a second; ``PACER`` spaces the calls
of one token by a third of a second across every thread (several VK sources share a token), so
error 6 ("too many requests per second") should not happen; when it does, the call is retried
after 1 and 2 seconds, then the source waits a minute. Error 29 (a method's quota) and 9
(flood control) make the source wait an hour / ten minutes. ``ATTACHE_VK_API`` points the
client at another base URL (a mirror, the loopback test server).

Polite by construction: one ``wall.get`` page (100 posts) per sync normally carries every post
of the reply window with its comment count, so comments are read only for posts whose count
changed since the last sync (``state["comment_counts"]``), newest first, at most
``MAX_COMMENTED_POSTS`` posts a sync.
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from html import escape
from typing import Any
from urllib.parse import urlsplit

from core import secrets
from core.entries.entry import ParsedEntry
from core.entries.sanitize import html_to_text, sanitize_html, text_to_html
from core.net.fetch import Fetcher
from core.social.base import (
    Account,
    CodedError,
    Gone,
    RateLimited,
    SocialReply,
    SourceError,
    SyncRequest,
    SyncResult,
    base_url,
    get_json,
    post_title,
    reply_targets,
)

log = logging.getLogger("attache.social.vk")

API_VERSION = "5.199"
WEB = "https://vk.com"
VK_HOSTS = frozenset({"vk.com", "www.vk.com", "m.vk.com", "new.vk.com", "vk.ru", "www.vk.ru",
                      "m.vk.ru"})
SECRET_NAME = "vk"
PAGE_SIZE = 100  # wall.get and wall.getComments: at most 100 a call
LATER_SYNC_PAGES = 5  # catching up after a long pause; the first sync reads one page
MAX_COMMENTED_POSTS = 50  # posts whose comments are read in one sync
MAX_COMMENT_PAGES = 10  # top-level comment pages per post, and reply pages per thread
THREAD_ITEMS = 10  # replies VK inlines in each thread (its maximum)
RATE = 3.0  # requests a second per token (dev.vk.com: user and service tokens)
RETRY_AFTER_6 = (1.0, 2.0)  # seconds to wait before retrying after error 6
HOW_TO_TOKEN = ("create a VK app (vk.com/apps?act=manage, type Standalone), copy its service "
                "token and run `attache secrets set vk`")

_SCREEN_NAME = re.compile(r"^[A-Za-z0-9_.]{2,64}$")
_NUMERIC_PAGE = re.compile(r"^(id|club|public|event)(\d{1,19})$")
_WALL_POST = re.compile(r"^wall(-?\d{1,19})_\d+$")
_MENTION = re.compile(r"\[((?:id|club|public|event)\d+)\|([^\]\[]{1,200})\]")
# First path segments that are vk.com's own sections, not someone's wall.
NOT_WALLS = frozenset({"feed", "im", "search", "video", "videos", "photo", "photos", "audio",
                       "audios", "music", "away.php", "login", "settings", "groups", "friends",
                       "apps", "app", "market", "docs", "doc", "topic", "board", "note",
                       "notes", "story", "stories", "clips", "clip", "press", "about",
                       "support", "dev", "help", "terms", "blog", "jobs", "ads", "legal",
                       "mail", "services", "wall", "album", "pages", "page", "bugs", "podcasts",
                       "games", "edit", "restore", "join", "reg", "shorturl"})
_MEDIA = {"photo": "Photo", "posted_photo": "Photo", "video": "Video", "clip": "Video",
          "audio": "Audio", "doc": "File", "sticker": "Sticker", "graffiti": "Graffiti",
          "poll": "Poll", "link": "Link", "market": "Product", "podcast": "Podcast",
          "audio_message": "Voice message", "article": "Article"}


# ---------------------------------------------------------------------------- rate limit

class Pacer:
    """At most ``rate`` calls a second per key, across threads: each call takes the next
    free slot ``1/rate`` after the previous one and sleeps until it (outside the lock)."""

    def __init__(self, rate: float, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.interval = 1.0 / rate
        self.clock = clock
        self.sleep = sleep
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, key: str) -> float:
        """Block until ``key`` may call again; returns how long it waited."""
        with self._lock:
            now = self.clock()
            slot = max(now, self._next.get(key, now))
            self._next[key] = slot + self.interval
        delay = slot - now
        if delay > 0:
            self.sleep(delay)
        return delay


PACER = Pacer(RATE)


# ---------------------------------------------------------------------------- the client

class VkError(CodedError):
    """A refusal VK explained with an error code."""


class VkGone(Gone):
    """The page was deleted, banned, or never existed."""


class VkClient:
    """Calls VK API methods with one token, paced, with VK's errors turned into sentences."""

    def __init__(self, fetcher: Fetcher, token: str, secret_name: str,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.fetcher = fetcher
        self._token = token
        self._key = hashlib.sha256(token.encode("utf-8")).hexdigest()[:16]  # no token kept
        self.secret_name = secret_name
        self.base = base_url("vk")
        self.sleep = sleep
        self.calls = 0

    def call(self, method: str, **params: Any) -> Any:
        query = {k: v for k, v in params.items() if v is not None}
        query["v"] = API_VERSION
        headers = {"Authorization": f"Bearer {self._token}"}
        for attempt in range(len(RETRY_AFTER_6) + 1):
            PACER.wait(self._key)
            self.calls += 1
            try:
                data, _ = get_json(self.fetcher, f"{self.base}/{method}", query, headers,
                                   what="VK")
            except Gone as exc:  # the API host itself answered 404/410: not the wall
                raise SourceError(f"VK's API did not answer as expected ({exc}); check "
                                  "ATTACHE_VK_API if it is set") from None
            error = data.get("error") if isinstance(data, dict) else None
            if isinstance(error, dict):
                code = error.get("error_code")
                if code == 6 and attempt < len(RETRY_AFTER_6):
                    self.sleep(RETRY_AFTER_6[attempt])
                    continue
                raise self._error(method, code if isinstance(code, int) else None,
                                  self._scrub(str(error.get("error_msg") or "")))
            if not isinstance(data, dict) or "response" not in data:
                raise SourceError("VK sent a malformed answer (no response)")
            return data["response"]
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _error(self, method: str, code: int | None, message: str) -> SourceError:
        log.info("VK error %s on %s", code, method)
        now = datetime.now(UTC)
        said = f" (VK said: {message})" if message else ""
        if code == 6:
            until = now + timedelta(minutes=1)
            return RateLimited("VK says there were too many requests per second (error 6); "
                               f"waiting until {until.isoformat(timespec='seconds')}", until)
        if code == 29:
            until = now + timedelta(hours=1)
            return RateLimited(f"VK's limit on {method} calls for this token is reached "
                               f"(error 29); waiting until {until.isoformat(timespec='seconds')}",
                               until)
        if code == 9:
            until = now + timedelta(minutes=10)
            return RateLimited("VK's flood control stopped us (error 9); waiting until "
                               f"{until.isoformat(timespec='seconds')}", until)
        if code in (5, 28, 1116):
            return VkError(f"VK refused the token stored as {self.secret_name} (error {code}: "
                           f"invalid, expired or revoked); {HOW_TO_TOKEN}{said}", code)
        if code == 27:
            return VkError("VK does not let a community token read walls (error 27: wall.get "
                           "and wall.getComments need a service or user token); store a "
                           f"service token instead: {HOW_TO_TOKEN}", code)
        if code in (15, 203):
            return VkError(f"VK denies access to this wall (error {code}): the community is "
                           "closed or its wall hidden; Attaché reads what its token may see — "
                           f"for a closed community you administer, store an administrator's "
                           f"token as {self.secret_name}{said}", code)
        if code == 18:
            return VkGone(f"VK says this page was deleted or banned (error 18){said}")
        if code == 30:
            return VkError(f"this VK profile is private (error 30); Attaché can only read "
                           f"public walls{said}", code)
        if code == 212:
            return VkError(f"VK denies access to this post's comments (error 212){said}", code)
        if code in (1, 10):
            return VkError(f"VK had an internal problem (error {code}); the next refresh "
                           f"tries again{said}", code)
        if code in (100, 113):
            return VkError(f"VK did not accept the request (error {code}){said}", code)
        return VkError(f"VK refused the request (error {code}){said}", code)

    def _scrub(self, text: str) -> str:
        return text.replace(self._token, "[token]") if self._token else text


# ---------------------------------------------------------------------------- addresses

@dataclass(frozen=True)
class Page:
    """What the officer typed, as VK names it: a screen name, or a numeric community/user."""

    screen_name: str | None = None
    group_id: int | None = None
    user_id: int | None = None


def parse_page_url(text: str) -> Page:
    """``vk.com/<screen name>``, ``vk.com/club123``, ``vk.com/id123``, ``vk.com/wall-123_45``
    (the wall of that post), on vk.com, m.vk.com or vk.ru, with or without ``https://``."""
    given = text.strip()
    candidate = given if "://" in given else "https://" + given.lstrip("/")
    parts = urlsplit(candidate)
    host = (parts.hostname or "").lower()
    segments = [s for s in parts.path.split("/") if s]
    if host not in VK_HOSTS or parts.scheme not in ("http", "https") or not segments:
        raise SourceError(f"{given!r} is not a VK address; use https://vk.com/<community>")
    name = segments[0]
    numeric = _NUMERIC_PAGE.match(name)
    if numeric:
        kind, number = numeric.group(1), int(numeric.group(2))
        return Page(user_id=number) if kind == "id" else Page(group_id=number)
    wall = _WALL_POST.match(name)
    if wall:
        owner = int(wall.group(1))
        return Page(group_id=-owner) if owner < 0 else Page(user_id=owner)
    if name.lower() in NOT_WALLS or not _SCREEN_NAME.match(name):
        raise SourceError(f"{given!r} is not a VK community or page address; use "
                          "https://vk.com/<community>")
    return Page(screen_name=name)


def secret_names(page: str) -> list[str]:
    """Keyring names to try: this community's own token, then the shared service token."""
    names = [f"vk:{page}", f"vk:{page.lower()}"]
    return [*dict.fromkeys(names), SECRET_NAME]


def _client(fetcher: Fetcher, label: str) -> VkClient:
    for name in secret_names(label):
        token = secrets.get_secret(name)
        if token:
            return VkClient(fetcher, token, name)
    raise SourceError(f"reading VK needs an access token: {HOW_TO_TOKEN} (for a closed "
                      f"community, an administrator's token as `vk:{label}`)")


def _label(page: Page) -> str:
    if page.screen_name:
        return page.screen_name
    return f"club{page.group_id}" if page.group_id is not None else f"id{page.user_id}"


def _page_from_account(url: str, account_id: str | None) -> tuple[Page, int | None]:
    page = parse_page_url(url)
    try:
        owner = int(account_id) if account_id else None
    except ValueError:
        owner = None
    return page, owner


# ---------------------------------------------------------------------------- the adapter

class VkAdapter:
    """A VK wall's posts and, for the embassy's own communities, the comments on them."""

    kind = "vk"

    def resolve(self, fetcher: Fetcher, text: str) -> Account:
        page = parse_page_url(text)
        client = _client(fetcher, _label(page))
        owner, title, screen_name = _lookup(client, page)
        return Account(kind=self.kind, url=f"{WEB}/{screen_name}", title=title,
                       account_id=str(owner))

    def sync(self, fetcher: Fetcher, request: SyncRequest) -> SyncResult:
        page, owner = _page_from_account(request.url, request.account_id)
        client = _client(fetcher, _label(page))
        if owner is None:
            owner, _, _ = _lookup(client, page)
        state = dict(request.state)
        last_id = state.get("last_id") if isinstance(state.get("last_id"), int) else None
        wall = _read_wall(client, owner, last_id)
        result = SyncResult(state=state, title=wall.title, warning=wall.warning)
        result.entries = [_entry(post, owner, wall.names) for post in wall.posts]
        newest = max((p["id"] for p in wall.posts if not p.get("is_pinned")), default=None)
        if newest is not None and (last_id is None or newest > last_id):
            state["last_id"] = newest
        if request.own:
            comments = _Comments(client, owner, state)
            result.replies = comments.collect(reply_targets(request, result.entries),
                                              wall.comment_counts)
            result.warning = "; ".join(n for n in (result.warning, comments.note()) if n) \
                or None
        return result


def _lookup(client: VkClient, page: Page) -> tuple[int, str | None, str]:
    """(owner id — negative for a community —, title, screen name) of a page."""
    if page.screen_name:
        found = client.call("utils.resolveScreenName", screen_name=page.screen_name)
        if not isinstance(found, dict) or not found.get("object_id"):
            raise VkGone(f"VK has no page vk.com/{page.screen_name}; check the spelling")
        kind, number = found.get("type"), found.get("object_id")
        if not isinstance(number, int):
            raise SourceError("VK sent a malformed answer (no object id)")
        if kind == "user":
            page = Page(user_id=number)
        elif kind in ("group", "page", "event"):
            page = Page(group_id=number)
        else:
            raise SourceError(f"vk.com/{page.screen_name} is a VK {kind or 'object'}, not a "
                              "wall Attaché can read")
    if page.group_id is not None:
        answer = client.call("groups.getById", group_id=page.group_id)
        groups = answer.get("groups") if isinstance(answer, dict) else answer  # < 5.194: list
        group = groups[0] if isinstance(groups, list) and groups else None
        if not isinstance(group, dict):
            raise VkGone(f"VK has no community {page.group_id}")
        if group.get("deactivated"):
            raise VkGone(f"this VK community was {group['deactivated']} "
                         f"(vk.com/club{page.group_id})")
        screen = _text(group.get("screen_name")) or f"club{page.group_id}"
        return -page.group_id, _text(group.get("name")) or screen, screen
    answer = client.call("users.get", user_ids=page.user_id, fields="screen_name")
    user = answer[0] if isinstance(answer, list) and answer else None
    if not isinstance(user, dict):
        raise VkGone(f"VK has no user {page.user_id}")
    if user.get("deactivated"):
        raise VkGone(f"this VK profile was {user['deactivated']} (vk.com/id{page.user_id})")
    screen = _text(user.get("screen_name")) or f"id{page.user_id}"
    name = " ".join(filter(None, (_text(user.get("first_name")), _text(user.get("last_name")))))
    return int(user.get("id") or page.user_id or 0), name or screen, screen


# ---------------------------------------------------------------------------- posts

@dataclass
class _Wall:
    posts: list[dict[str, Any]] = field(default_factory=list)
    names: dict[int, tuple[str | None, str | None]] = field(default_factory=dict)
    comment_counts: dict[str, int] = field(default_factory=dict)
    title: str | None = None
    warning: str | None = None


def _read_wall(client: VkClient, owner: int, last_id: int | None) -> _Wall:
    """Newest first, pinned post included; pages back to ``last_id`` (later syncs)."""
    wall = _Wall()
    seen: set[int] = set()
    pages = LATER_SYNC_PAGES if last_id is not None else 1
    offset = 0
    for page in range(pages):
        answer = client.call("wall.get", owner_id=owner, offset=offset, count=PAGE_SIZE,
                             filter="owner", extended=1, fields="screen_name")
        if not isinstance(answer, dict) or not isinstance(answer.get("items"), list):
            raise SourceError("VK sent a malformed answer to wall.get (no items)")
        _remember_names(wall.names, answer)
        items = [p for p in answer["items"] if isinstance(p, dict) and isinstance(
            p.get("id"), int) and not p.get("is_deleted") and p["id"] not in seen]
        for post in items:
            seen.add(post["id"])
            wall.posts.append(post)
            comments = post.get("comments")
            if isinstance(comments, dict) and isinstance(comments.get("count"), int):
                wall.comment_counts[f"{owner}_{post['id']}"] = comments["count"]
        offset += len(answer["items"])
        regular = [p["id"] for p in items if not p.get("is_pinned")]
        total = answer.get("count") if isinstance(answer.get("count"), int) else offset
        if not answer["items"] or offset >= total:
            break
        if last_id is None or (regular and min(regular) <= last_id):
            break
        if page == pages - 1:
            wall.warning = (f"more than {pages * PAGE_SIZE} new VK posts since the last "
                            "refresh; older ones were not read")
    wall.title = wall.names.get(owner, (None, None))[0]
    return wall


def _remember_names(names: dict[int, tuple[str | None, str | None]], answer: dict) -> None:
    """(name, screen name) of the people and communities an extended answer names, by owner
    id (communities negative). Deleted and banned people keep no name."""
    for profile in answer.get("profiles") or []:
        if isinstance(profile, dict) and isinstance(profile.get("id"), int):
            deactivated = profile.get("deactivated")
            if deactivated:
                label = "Deleted account" if deactivated == "deleted" else "Blocked account"
                names[profile["id"]] = (label, None)
                continue
            full = " ".join(filter(None, (_text(profile.get("first_name")),
                                          _text(profile.get("last_name")))))
            names[profile["id"]] = (full or None, _text(profile.get("screen_name")) or None)
    for group in answer.get("groups") or []:
        if isinstance(group, dict) and isinstance(group.get("id"), int):
            names[-group["id"]] = (_text(group.get("name")) or None,
                                   _text(group.get("screen_name")) or None)


def _entry(post: dict[str, Any], owner: int,
           names: dict[int, tuple[str | None, str | None]]) -> ParsedEntry:
    url = f"{WEB}/wall{owner}_{post['id']}"
    html, text, media = _content(post, url)
    for shared in post.get("copy_history") or []:  # a repost: the original, quoted
        if isinstance(shared, dict):
            origin = names.get(shared.get("from_id") or shared.get("owner_id") or 0,
                               (None, None))[0]
            quoted_html, quoted_text, _ = _content(shared, url)
            if quoted_text or quoted_html:
                lead = f"↪ {origin}" if origin else "↪"
                html += f"<blockquote>{text_to_html(lead)}{quoted_html}</blockquote>"
                text = "\n\n".join(t for t in (text, lead, quoted_text) if t)
    published = _when(post.get("date"))
    return ParsedEntry(
        guid=f"{owner}_{post['id']}", url=url,
        title=post_title(text, media or "VK post"),
        author=names.get(post.get("from_id") or owner, (None, None))[0],
        published=published, published_raw=str(post.get("date")) if published else None,
        content_html=html, content_text=text)


def _content(obj: dict[str, Any], url: str) -> tuple[str, str, str | None]:
    """Sanitized HTML, plain text and the first media kind of a post or a comment.

    VK texts are plain: escaped, with its ``[id1|Name]`` mentions made links; attachments
    follow as a photo (the largest size) or a link naming what they are."""
    raw = _text(obj.get("text"))
    pieces = []
    for paragraph in (p.strip() for p in re.split(r"\n\s*\n", raw) if p.strip()):
        escaped = escape(paragraph).replace("\n", "<br>")
        pieces.append("<p>" + _MENTION.sub(_mention_link, escaped) + "</p>")
    media = None
    for attachment in obj.get("attachments") or []:
        if not isinstance(attachment, dict):
            continue
        kind = _text(attachment.get("type"))
        body = attachment.get(kind) if isinstance(attachment.get(kind), dict) else {}
        media = media or _MEDIA.get(kind)
        pieces.append(_attachment_html(kind, body, url))
    html = sanitize_html("".join(pieces), url)
    return html, html_to_text(html), media


def _mention_link(match: re.Match[str]) -> str:
    return f'<a href="{WEB}/{match.group(1)}">{match.group(2)}</a>'


def _attachment_html(kind: str, body: dict[str, Any], url: str) -> str:
    if kind in ("photo", "posted_photo"):
        sizes = [s for s in body.get("sizes") or [] if isinstance(s, dict) and s.get("url")]
        biggest = max(sizes, key=lambda s: (s.get("width") or 0) * (s.get("height") or 0),
                      default=None)
        if biggest:
            return (f'<p><a href="{escape(url)}"><img src="{escape(biggest["url"])}" '
                    'alt=""></a></p>')
        return ""
    if kind == "link" and _text(body.get("url")):
        label = _text(body.get("title")) or _text(body.get("url"))
        return f'<p><a href="{escape(body["url"])}">{escape(label)}</a></p>'
    if kind in ("video", "clip") and isinstance(body.get("id"), int):
        link = f"{WEB}/video{body.get('owner_id')}_{body['id']}"
        label = _text(body.get("title")) or "Video"
        return f'<p><a href="{escape(link)}">{escape(label)}</a></p>'
    if kind == "doc" and _text(body.get("url")):
        label = _text(body.get("title")) or "File"
        return f'<p><a href="{escape(body["url"])}">{escape(label)}</a></p>'
    if kind == "poll" and _text(body.get("question")):
        return f"<p>{escape('Poll: ' + body['question'])}</p>"
    return ""


# ---------------------------------------------------------------------------- comments

class _Comments:
    """The comments of an own community's recent posts whose comment count changed."""

    def __init__(self, client: VkClient, owner: int, state: dict[str, Any]) -> None:
        self.client = client
        self.owner = owner
        self.state = state
        self.denied = 0
        self.truncated = 0
        self.waiting = 0

    def collect(self, targets: list[str], counts: dict[str, int]) -> list[SocialReply]:
        seen = self.state.get("comment_counts")
        known: dict[str, int] = dict(seen) if isinstance(seen, dict) else {}
        listed = self.state.get("comments_denied")
        denied = {g for g in listed if isinstance(g, str)} if isinstance(listed, list) else set()
        replies: list[SocialReply] = []
        read = 0
        for guid in targets:
            count = counts.get(guid)
            if count is not None and (count == 0 or known.get(guid) == count):
                known[guid] = count
                continue  # nothing new to read (a deleted comment lowers the count too)
            if read >= MAX_COMMENTED_POSTS:
                self.waiting += 1
                continue
            read += 1
            post_id = int(guid.rsplit("_", 1)[1])
            try:
                found, complete = self._post(post_id)
            except VkError as exc:
                if exc.code not in (15, 212):
                    raise
                denied.add(guid)  # comments closed, or hidden from this token: asked again
                if count is not None:  # only when the count moves
                    known[guid] = count
                continue
            denied.discard(guid)
            replies += found
            self.truncated += not complete
            if count is not None and complete:
                known[guid] = count
        self.state["comment_counts"] = {g: known[g] for g in targets if g in known}
        self.state["comments_denied"] = sorted(g for g in denied if g in targets)
        self.denied = len(self.state["comments_denied"])
        return replies

    def note(self) -> str | None:
        notes = []
        if self.denied:
            notes.append(f"VK does not show the comments of {self.denied} post(s) to this "
                         "token (comments closed, or a closed community)")
        if self.truncated:
            notes.append(f"only the newest {MAX_COMMENT_PAGES * PAGE_SIZE} comments of "
                         f"{self.truncated} post(s) were read")
        if self.waiting:
            notes.append(f"comments of {self.waiting} more post(s) are read at the next "
                         "refresh")
        return "; ".join(notes) or None

    def _post(self, post_id: int) -> tuple[list[SocialReply], bool]:
        names: dict[int, tuple[str | None, str | None]] = {}
        replies: list[SocialReply] = []
        complete = True
        pages = self._pages(post_id, None, names)
        for comment in pages:
            replies += self._reply(comment, post_id, None, names)
            thread = comment.get("thread") if isinstance(comment.get("thread"), dict) else {}
            inline = [c for c in thread.get("items") or [] if isinstance(c, dict)]
            total = thread.get("count") if isinstance(thread.get("count"), int) else 0
            if total > len(inline):  # VK inlines at most ten: ask for the whole thread
                more = self._pages(post_id, comment["id"], names)
                inline = list(more)
                complete = complete and more.complete
            for reply in inline:
                replies += self._reply(reply, post_id, comment["id"], names)
        return replies, complete and pages.complete

    def _pages(self, post_id: int, thread: int | None,
               names: dict[int, tuple[str | None, str | None]]) -> _CommentPages:
        return _CommentPages(self.client, self.owner, post_id, thread, names)

    def _reply(self, comment: dict[str, Any], post_id: int, thread: int | None,
               names: dict[int, tuple[str | None, str | None]]) -> list[SocialReply]:
        if not isinstance(comment.get("id"), int) or comment.get("deleted"):
            return []
        post_url = f"{WEB}/wall{self.owner}_{post_id}"
        url = f"{post_url}?reply={comment['id']}" + (f"&thread={thread}" if thread else "")
        html, text, media = _content(comment, url)
        if not text and media:  # a sticker or a photo alone still shows as something
            text = f"[{media}]"
            html = text_to_html(text) + html
        parent = comment.get("reply_to_comment")
        if not isinstance(parent, int) or parent == comment["id"]:
            parent = thread
        author = comment.get("from_id") if isinstance(comment.get("from_id"), int) else 0
        name, handle = names.get(author, (None, None))
        likes = comment.get("likes") if isinstance(comment.get("likes"), dict) else {}
        key = f"{self.owner}_{post_id}"
        return [SocialReply(
            platform_id=f"{key}?reply={comment['id']}", post_platform_id=key,
            parent_platform_id=f"{key}?reply={parent}" if parent else None,
            author_handle=handle, author_name=name, html=html, text=text,
            published=_when(comment.get("date")),
            likes=likes.get("count") if isinstance(likes.get("count"), int) else None,
            # The community answering as itself: from_id is its own (negative) owner id.
            url=url, own=author == self.owner)]


class _CommentPages:
    """wall.getComments, page after page, for a post or one thread: newest first, so that a
    post with more comments than the pages read keeps its new comments coming (read oldest
    first, its first thousand were read again every refresh and the newest never)."""

    def __init__(self, client: VkClient, owner: int, post_id: int, thread: int | None,
                 names: dict[int, tuple[str | None, str | None]]) -> None:
        self.client = client
        self.params = {"owner_id": owner, "post_id": post_id, "comment_id": thread,
                       "count": PAGE_SIZE, "sort": "desc", "need_likes": 1, "extended": 1,
                       "fields": "screen_name", "preview_length": 0,
                       "thread_items_count": None if thread else THREAD_ITEMS}
        self.names = names
        self.complete = True

    def __iter__(self) -> Iterator[dict[str, Any]]:
        offset = 0
        for _ in range(MAX_COMMENT_PAGES):
            answer = self.client.call("wall.getComments", offset=offset, **self.params)
            if not isinstance(answer, dict) or not isinstance(answer.get("items"), list):
                raise SourceError("VK sent a malformed answer to wall.getComments")
            _remember_names(self.names, answer)
            items = [c for c in answer["items"] if isinstance(c, dict)]
            yield from items
            offset += len(answer["items"])
            level = answer.get("current_level_count", answer.get("count"))
            if not answer["items"] or not isinstance(level, int) or offset >= level:
                return
        self.complete = False


# ---------------------------------------------------------------------------- helpers

def _when(value: Any) -> datetime | None:
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        try:
            return datetime.fromtimestamp(value, UTC)
        except (OverflowError, OSError, ValueError):
            return None
    return None


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""
