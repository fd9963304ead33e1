"""Bluesky accounts through the public AppView: posts, and replies to our own posts.

No login: ``app.bsky.actor.getProfile``, ``app.bsky.feed.getAuthorFeed`` and
``app.bsky.feed.getPostThread`` are public (lexicons in bluesky-social/atproto
``lexicons/app/bsky``). The AppView is ``https://public.api.bsky.app`` unless
``ATTACHE_BLUESKY_APPVIEW`` names another (a mirror, or the loopback server in tests).

Posts are plain text with "facets" marking links by UTF-8 byte ranges; links are shown
whole, because the text itself carries only a shortened form of long URLs.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime
from html import escape
from typing import Any
from urllib.parse import unquote, urlsplit

from core.entries.entry import ParsedEntry
from core.entries.sanitize import html_to_text, sanitize_html
from core.net.fetch import Fetcher
from core.social.base import (
    Account,
    RateLimited,
    SocialReply,
    SourceError,
    SyncRequest,
    SyncResult,
    base_url,
    get_json,
    parse_time,
    post_title,
    reply_targets,
)

log = logging.getLogger("attache.social.bluesky")

PAGE_SIZE = 50
FIRST_SYNC_PAGES = 5  # 250 feed items of history when an account is added
LATER_SYNC_PAGES = 10
THREAD_DEPTH = 20  # like Mastodon's unauthenticated context depth
MAX_THREADS = 80
SEEN_KEPT = 50  # newest post URIs remembered to find where the last sync stopped
WEB = "https://bsky.app"
WHAT = "Bluesky"
THREAD_VIEW = "app.bsky.feed.defs#threadViewPost"
LINK_FACET = "app.bsky.richtext.facet#link"
EXTERNAL_EMBED = "app.bsky.embed.external#view"
RECORD_EMBED = "app.bsky.embed.record#view"
RECORD_WITH_MEDIA_EMBED = "app.bsky.embed.recordWithMedia#view"
VIEW_RECORD = "app.bsky.embed.record#viewRecord"
POST_RECORD = "app.bsky.feed.post"
QUOTE_UNAVAILABLE = ("app.bsky.embed.record#viewNotFound", "app.bsky.embed.record#viewBlocked",
                     "app.bsky.embed.record#viewDetached")

_HANDLE = re.compile(r"^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]*$",
                     re.IGNORECASE)
_DID = re.compile(r"^did:[a-z]+:[\w.:%-]+$")


class BlueskyAdapter:
    kind = "bluesky"

    def resolve(self, fetcher: Fetcher, text: str) -> Account:
        """A handle, a DID, or ``https://bsky.app/profile/<handle-or-did>`` → the account."""
        actor = _actor(text)
        try:
            data, _ = get_json(fetcher, f"{base_url('bluesky')}/xrpc/app.bsky.actor.getProfile",
                               {"actor": actor}, what=WHAT)
        except RateLimited:
            raise
        except SourceError as exc:  # unknown actors are a 400 "Profile not found"
            raise SourceError(f"Bluesky could not look up {actor}: {exc}") from None
        if not isinstance(data, dict) or not _text(data.get("did")):
            raise SourceError("Bluesky sent something that is not a profile")
        did = _text(data["did"])
        handle = _usable_handle(_text(data.get("handle"))) or did
        return Account(
            kind=self.kind,
            url=f"{WEB}/profile/{handle}",
            title=_text(data.get("displayName")).strip() or handle,
            account_id=did,
        )

    def sync(self, fetcher: Fetcher, request: SyncRequest) -> SyncResult:
        actor = request.account_id or _actor(request.url)
        state = dict(request.state)
        posts, warning = _new_posts(fetcher, actor, state)
        result = SyncResult(state=state, warning=warning)
        for post in posts:
            author = post.get("author") if isinstance(post.get("author"), dict) else {}
            if result.title is None:
                result.title = _text(author.get("displayName")).strip() or None
            result.entries.append(_entry(post))
        if request.own:
            uris = [u for u in reply_targets(request, result.entries) if u.startswith("at://")]
            me = {actor, _actor_of(request.url)} - {""}
            result.replies, thread_warning = _collect_replies(fetcher, uris, me)
            result.warning = "; ".join(w for w in (result.warning, thread_warning) if w) or None
        return result


# ---------------------------------------------------------------------------- requests

def _new_posts(fetcher: Fetcher, actor: str,
               state: dict[str, Any]) -> tuple[list[dict[str, Any]], str | None]:
    """The author's own posts newer than the last sync, newest first; updates ``state``.

    The feed is newest first; we stop at the first post the last sync already saw (its URI
    is remembered) or that sorts before the newest one it saw (in case that was deleted).
    Reposts and pinned copies (items with a ``reason``) are skipped.
    """
    seen = [u for u in state.get("seen", []) if isinstance(u, str)]
    known = set(seen)
    latest = parse_time(_text(state.get("latest")) or None)
    cap = LATER_SYNC_PAGES if latest or known else FIRST_SYNC_PAGES
    url = f"{base_url('bluesky')}/xrpc/app.bsky.feed.getAuthorFeed"
    cursor: str | None = None
    posts: list[dict[str, Any]] = []
    new_uris: set[str] = set()
    reached_known = False
    warning = None
    for page in range(cap):
        # The account's own answers inside reply threads belong to the replies inbox, not to
        # its posts: keep original posts and self-threads only.
        params: dict[str, Any] = {"actor": actor, "limit": PAGE_SIZE,
                                  "filter": "posts_and_author_threads"}
        if cursor:
            params["cursor"] = cursor
        data, _ = get_json(fetcher, url, params, what=WHAT)
        if not isinstance(data, dict) or not isinstance(data.get("feed"), list):
            raise SourceError("Bluesky sent something that is not an author feed")
        for item in data["feed"]:
            post = item.get("post") if isinstance(item, dict) else None
            if not isinstance(post, dict) or item.get("reason") or not _text(post.get("uri")):
                continue
            uri = _text(post["uri"])
            when = _sort_time(post)
            if uri in known or (latest and when and when < latest):
                reached_known = True
                break
            if uri not in new_uris:
                new_uris.add(uri)
                posts.append(post)
        cursor = _text(data.get("cursor")) or None
        if reached_known or not cursor or not data["feed"]:
            break
        if page == cap - 1 and (latest or known):
            warning = (f"more than {cap * PAGE_SIZE} new Bluesky feed items; "
                       "older ones were not fetched")
    times = [t for t in (_sort_time(p) for p in posts) if t is not None]
    if latest:
        times.append(latest)
    if times:
        state["latest"] = max(times).isoformat().replace("+00:00", "Z")
    state["seen"] = ([_text(p["uri"]) for p in posts] + seen)[:SEEN_KEPT]
    return posts, warning



def _collect_replies(fetcher: Fetcher, uris: list[str],
                     me: set[str]) -> tuple[list[SocialReply], str | None]:
    """The audience's replies under our posts; ``me`` is our DID and handle."""
    url = f"{base_url('bluesky')}/xrpc/app.bsky.feed.getPostThread"
    me = me | {uri.removeprefix("at://").split("/")[0] for uri in uris}  # our posts, our DID
    replies: list[SocialReply] = []
    seen: set[str] = set()
    missing = 0
    for uri in uris[:MAX_THREADS]:
        try:
            data, _ = get_json(fetcher, url, {"uri": uri, "depth": THREAD_DEPTH,
                                              "parentHeight": 0}, what=WHAT)
        except RateLimited:
            raise
        except SourceError as exc:  # a deleted post is a 400 "NotFound"
            log.info("thread of %s not read: %s", uri, exc)
            missing += 1
            continue
        thread = data.get("thread") if isinstance(data, dict) else None
        if not _is_thread_view(thread):  # notFoundPost / blockedPost at the root
            missing += 1
            continue
        for reply in _flatten(thread, uri, me):  # a self-thread nests our posts: keep each once
            if reply.platform_id not in seen:
                seen.add(reply.platform_id)
                replies.append(reply)
    notes = []
    if missing:
        notes.append(f"replies to {missing} post(s) could not be read (deleted or blocked)")
    if len(uris) > MAX_THREADS:
        notes.append(f"replies read for the newest {MAX_THREADS} of {len(uris)} posts")
    return replies, "; ".join(notes) or None


def _flatten(thread: dict[str, Any], root_uri: str, me: set[str]) -> list[SocialReply]:
    """Every audience reply under ``thread``, depth first, each knowing the post of ours it
    belongs to and the reply it answers.

    Our own continuation of the thread (a post of ours answering one of ours) is a post — the
    author feed lists it — never an audience reply; the replies under it belong to it.
    Iterative, so a hostile thousand-deep thread cannot exhaust the stack.
    """
    replies: list[SocialReply] = []
    own_posts = {root_uri}
    # (node, the URI it answers, the post of ours it belongs to)
    stack: list[tuple[dict[str, Any], str, str]] = [
        (child, root_uri, root_uri) for child in reversed(_children(thread))]
    while stack:
        node, parent_uri, post_uri = stack.pop()
        post = node["post"]
        uri = _text(post.get("uri"))
        if not uri:
            continue
        mine = _is_mine(post, me)
        if mine and parent_uri in own_posts:
            own_posts.add(uri)
            stack += [(child, uri, uri) for child in reversed(_children(node))]
            continue
        # Our answer to someone (typed in the app, or sent from Attaché): ours, in the thread.
        replies.append(_reply(post, post_uri, None if parent_uri == post_uri else parent_uri,
                              own=mine))
        stack += [(child, uri, post_uri) for child in reversed(_children(node))]
    return replies


def _is_mine(post: dict[str, Any], me: set[str]) -> bool:
    author = post.get("author") if isinstance(post.get("author"), dict) else {}
    return bool({_text(author.get("did")), _text(author.get("handle")).lower()} & me)


def _children(node: dict[str, Any]) -> list[dict[str, Any]]:
    replies = node.get("replies")
    return [r for r in replies if _is_thread_view(r)] if isinstance(replies, list) else []


def _is_thread_view(node: Any) -> bool:
    """A real post in a thread; ``#notFoundPost`` and ``#blockedPost`` nodes are not."""
    return (isinstance(node, dict) and node.get("$type", THREAD_VIEW) == THREAD_VIEW
            and isinstance(node.get("post"), dict))


# ---------------------------------------------------------------------------- mapping

def _entry(post: dict[str, Any]) -> ParsedEntry:
    author = post.get("author") if isinstance(post.get("author"), dict) else {}
    record = post.get("record") if isinstance(post.get("record"), dict) else {}
    html = _post_html(post)
    text = html_to_text(html)
    raw_date = _text(record.get("createdAt")) or _text(post.get("indexedAt")) or None
    return ParsedEntry(
        guid=_text(post["uri"]),
        url=_web_url(post),
        title=post_title(_text(record.get("text")) or text),
        author=_text(author.get("displayName")).strip() or _text(author.get("handle")) or None,
        published=parse_time(raw_date),
        published_raw=raw_date,
        content_html=html,
        content_text=text,
    )


def _reply(post: dict[str, Any], root_uri: str, parent_uri: str | None, *,
           own: bool = False) -> SocialReply:
    author = post.get("author") if isinstance(post.get("author"), dict) else {}
    html = _post_html(post)
    likes = post.get("likeCount")
    return SocialReply(
        platform_id=_text(post["uri"]),
        post_platform_id=root_uri,
        parent_platform_id=parent_uri,
        author_handle=_usable_handle(_text(author.get("handle"))) or _text(author.get("did"))
        or None,
        author_name=_text(author.get("displayName")).strip() or None,
        html=html,
        text=html_to_text(html),
        published=_post_time(post),
        likes=likes if isinstance(likes, int) and not isinstance(likes, bool) else None,
        url=_web_url(post),
        own=own,
    )


def _post_html(post: dict[str, Any]) -> str:
    """The post's plain text as escaped HTML, link facets as links, then what it embeds: a
    link card, a quoted post (as a block quote, so its words are read and searched too)."""
    record = post.get("record") if isinstance(post.get("record"), dict) else {}
    html = _text_html(_text(record.get("text")), record.get("facets"))
    html += _embed_html(post.get("embed"))
    return sanitize_html(html)  # drops javascript: and other schemes a facet might carry


def _text_html(text: str, facets: Any) -> str:
    body = _linked_text(text, facets)
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", body) if p.strip()]
    return "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in paragraphs)


def _embed_html(embed: Any, quoting: bool = True) -> str:
    """HTML for an embed view (lexicons ``app.bsky.embed.*#view``); unknown kinds add nothing.

    ``recordWithMedia`` is a quote plus a link card or pictures. A quote inside a quote is
    not expanded (the app does not show it either), which also bounds the work.
    """
    if not isinstance(embed, dict):
        return ""
    kind = _text(embed.get("$type"))
    if kind == EXTERNAL_EMBED:
        external = embed.get("external")
        if isinstance(external, dict) and _text(external.get("uri")):
            label = _text(external.get("title")) or _text(external["uri"])
            return (f'<p><a href="{escape(external["uri"])}">'
                    f"{escape(label, quote=False)}</a></p>")
        return ""
    if kind == RECORD_EMBED and quoting:
        return _quote_html(embed.get("record"))
    if kind == RECORD_WITH_MEDIA_EMBED and quoting:
        inner = embed.get("record")
        record = inner.get("record") if isinstance(inner, dict) else None
        return _embed_html(embed.get("media"), quoting=False) + _quote_html(record)
    return ""


def _quote_html(view: Any) -> str:
    """A quoted post (``app.bsky.embed.record#viewRecord``) as a block quote naming its
    author and linking to it; a quoted post that is gone or blocked says so."""
    if not isinstance(view, dict):
        return ""
    kind = _text(view.get("$type"))
    if kind in QUOTE_UNAVAILABLE or view.get("notFound") or view.get("blocked") or view.get(
            "detached"):
        return "<blockquote><p>(the quoted post is not available)</p></blockquote>"
    value = view.get("value")
    if kind not in ("", VIEW_RECORD) or not isinstance(value, dict):
        return ""  # a feed, a list, a starter pack: not a post
    if _text(value.get("$type")) not in ("", POST_RECORD):
        return ""
    author = view.get("author") if isinstance(view.get("author"), dict) else {}
    handle = _usable_handle(_text(author.get("handle")))
    who = _text(author.get("displayName")).strip() or handle or _text(author.get("did"))
    label = escape(who or "a post", quote=False)
    link = _web_url({"uri": view.get("uri"), "author": author})
    heading = f'<a href="{escape(link)}">{label}</a>' if link else label
    if handle and who != handle:
        heading += f" (@{escape(handle, quote=False)})"
    text = _text_html(_text(value.get("text")), value.get("facets"))
    embeds = view.get("embeds")
    cards = "".join(_embed_html(e, quoting=False) for e in embeds[:4]) if isinstance(
        embeds, list) else ""
    return f"<blockquote><p>{heading}:</p>{text}{cards}</blockquote>"


def _linked_text(text: str, facets: Any) -> str:
    """Escaped text with ``<a>`` around link facets (byte ranges of the UTF-8 text)."""
    data = text.encode("utf-8")
    links = []
    for facet in facets if isinstance(facets, list) else []:
        index = facet.get("index") if isinstance(facet, dict) else None
        features = facet.get("features") if isinstance(facet, dict) else None
        if not isinstance(index, dict) or not isinstance(features, list):
            continue
        uri = next((_text(f.get("uri")) for f in features
                    if isinstance(f, dict) and f.get("$type") == LINK_FACET), "")
        start, end = index.get("byteStart"), index.get("byteEnd")
        if uri and isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(
                data):
            links.append((start, end, uri))
    out, position = [], 0
    for start, end, uri in sorted(links):
        if start < position:  # overlapping facets: keep the first
            continue
        out.append(escape(data[position:start].decode("utf-8", "replace"), quote=False))
        label = escape(data[start:end].decode("utf-8", "replace"), quote=False)
        out.append(f'<a href="{escape(uri)}">{label}</a>')
        position = end
    out.append(escape(data[position:].decode("utf-8", "replace"), quote=False))
    return "".join(out)


def _web_url(post: dict[str, Any]) -> str | None:
    """``https://bsky.app/profile/<handle>/post/<rkey>``; the DID stands in for a bad handle."""
    uri = _text(post.get("uri"))
    author = post.get("author") if isinstance(post.get("author"), dict) else {}
    parts = uri.removeprefix("at://").split("/")
    if not uri.startswith("at://") or len(parts) != 3 or parts[1] != "app.bsky.feed.post":
        return None
    who = _usable_handle(_text(author.get("handle"))) or _text(author.get("did")) or parts[0]
    return f"{WEB}/profile/{who}/post/{parts[2]}"


# ---------------------------------------------------------------------------- helpers

def actor_of(text: str) -> str:
    """The handle or DID of a profile URL or handle (see ``_actor``)."""
    return _actor(text)


def web_url(uri: str, handle: str) -> str | None:
    """The bsky.app address of a post's at:// URI."""
    return _web_url({"uri": uri, "author": {"handle": handle}})


def _actor(text: str) -> str:
    """The handle or DID in what the officer typed (or in a stored profile URL)."""
    text = text.strip()
    if "://" in text:
        parts = urlsplit(text)
        host = (parts.hostname or "").lower().removeprefix("www.")
        segments = [unquote(s) for s in parts.path.split("/") if s]
        if host != "bsky.app" or len(segments) < 2 or segments[0] != "profile":
            raise SourceError(f"{text!r} is not a Bluesky profile "
                              "(https://bsky.app/profile/<handle>)")
        text = segments[1]
    text = text.removeprefix("@")
    if _DID.match(text):
        return text
    if not _HANDLE.match(text):
        raise SourceError(f"{text!r} is not a Bluesky handle (name.bsky.social or a domain)")
    return text.lower()


def _actor_of(url: str) -> str:
    """The handle or DID in a stored profile URL, or "" when it names none."""
    try:
        return _actor(url)
    except SourceError:
        return ""


def _usable_handle(handle: str) -> str:
    """The AppView says ``handle.invalid`` when a handle no longer verifies."""
    return "" if not handle or handle == "handle.invalid" else handle


def _post_time(post: dict[str, Any]) -> datetime | None:
    record = post.get("record") if isinstance(post.get("record"), dict) else {}
    return (parse_time(_text(record.get("createdAt")) or None)
            or parse_time(_text(post.get("indexedAt")) or None))


def _sort_time(post: dict[str, Any]) -> datetime | None:
    """Where the AppView files a post in an author feed: the earlier of the record's own
    date and the time it was indexed (so back-dated and future-dated posts stay in order)."""
    record = post.get("record") if isinstance(post.get("record"), dict) else {}
    times = [t for t in (parse_time(_text(record.get("createdAt")) or None),
                         parse_time(_text(post.get("indexedAt")) or None)) if t]
    return min(times) if times else None


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


