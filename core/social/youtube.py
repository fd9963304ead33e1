"""YouTube channels: videos from the channel's Atom feed, comments from the Data API v3.

Two ways in, because each lacks what the other has. The feed
(``/feeds/videos.xml?channel_id=UC…``) needs no key and costs nothing, but carries only the
latest 15 videos and no comments. The Data API has the comments but needs an API key (OS
keyring, name ``youtube``) and spends a daily quota: 10,000 units per Google Cloud project by
default, one unit per ``commentThreads.list`` or ``comments.list`` page, failed calls included.
So comments are read only for the embassy's own channels, only for videos newer than
``replies_since``, and only while the quota counter kept in the source's state
(``quota_day``, ``quota_used``, ``quota_limit``) stays under ``QUOTA_STOP``. Google resets the
quota at midnight Pacific time, so the day is counted in America/Los_Angeles (``tzdata`` ships
with the app) rather than approximated as UTC.

The key travels in the ``X-Goog-Api-Key`` header, never in the query string: URLs end up in
exception texts, proxy logs and error messages. Data API calls use the shared session directly
instead of ``Fetcher.fetch`` because the Fetcher drops error bodies, and the body is the only
place YouTube says *why* a 403 happened (``commentsDisabled``, ``quotaExceeded``, ``forbidden``).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from html import escape, unescape
from typing import Any, NoReturn
from urllib.parse import parse_qs, quote, unquote, urlencode, urlsplit
from zoneinfo import ZoneInfo

import feedparser

from core.entries.entry import ParsedEntry
from core.entries.sanitize import html_to_text, sanitize_html
from core.feeds.parse import ParseError, parse_feed
from core.net.fetch import Fetcher
from core.secrets import get_secret
from core.social.base import (
    Account,
    Gone,
    RateLimited,
    SocialReply,
    SourceError,
    SyncRequest,
    SyncResult,
    base_url,
    parse_time,
    reply_targets,
)

log = logging.getLogger("attache.social.youtube")

WEB_BASE = "https://www.youtube.com"
YOUTUBE_HOSTS = frozenset({"youtube.com", "www.youtube.com", "m.youtube.com"})
SECRET_NAME = "youtube"
SET_KEY_HINT = "attache secrets set youtube"
CHANNEL_ID = re.compile(r"^UC[\w-]{22}$")
HANDLE = re.compile(r"^@?([\w.·-]{3,100})$")

QUOTA_LIMIT = 10_000  # units per day, the Data API's default allocation per project
QUOTA_STOP = 9_500  # margin: failed calls cost units too, and other tools may share the key
QUOTA_ZONE = ZoneInfo("America/Los_Angeles")
MAX_THREAD_PAGES = 20  # commentThreads pages (100 threads each) per video and sync
MAX_REPLY_PAGES = 10  # comments.list pages (100 replies each) per thread and sync

NEEDS_KEY = ("YouTube comments need a YouTube Data API key; store one with "
             f"`{SET_KEY_HINT}` (videos are still read from the channel feed)")

# Reasons (``errors[].reason`` and the newer ``details[].reason``) that mean "fix the key".
_KEY_INVALID = {"keyInvalid", "keyExpired", "API_KEY_INVALID", "API_KEY_EXPIRED"}
_NOT_ENABLED = {"accessNotConfigured", "SERVICE_DISABLED"}
_RESTRICTED = {"ipRefererBlocked", "API_KEY_HTTP_REFERRER_BLOCKED", "API_KEY_IP_ADDRESS_BLOCKED",
               "API_KEY_ANDROID_APP_BLOCKED", "API_KEY_IOS_APP_BLOCKED", "API_KEY_SERVICE_BLOCKED"}
_FORBIDDEN = {"forbidden"}
_QUOTA = {"quotaExceeded", "dailyLimitExceeded", "RATE_LIMIT_EXCEEDED"}
_RATE = {"rateLimitExceeded", "userRateLimitExceeded"}
_SKIP_VIDEO = {"commentsDisabled", "videoNotFound", "commentThreadNotFound", "commentNotFound",
               "channelNotFound", "processingFailure"}


# ---------------------------------------------------------------------------- quota

@dataclass
class Quota:
    """Units spent today (Pacific time), as kept in the source's state."""

    day: str
    used: int

    @classmethod
    def from_state(cls, state: dict[str, Any], now: datetime | None = None) -> Quota:
        today = (now or datetime.now(UTC)).astimezone(QUOTA_ZONE).date().isoformat()
        used = state.get("quota_used") if state.get("quota_day") == today else 0
        return cls(today, used if isinstance(used, int) and used > 0 else 0)

    def spend(self) -> None:
        """Count one call before it is made; refuse once the safety margin is reached."""
        if self.used + 1 > QUOTA_STOP:
            raise _StopComments(quota_message(self.used))
        self.used += 1

    def save(self, state: dict[str, Any]) -> None:
        state.update(quota_day=self.day, quota_used=self.used, quota_limit=QUOTA_LIMIT)


def quota_message(used: int) -> str:
    return (f"YouTube API quota nearly used: {used:,} of {QUOTA_LIMIT:,} units today; comments "
            "resume tomorrow (Google resets the quota at midnight Pacific time)")


class _StopComments(Exception):
    """Stop reading comments for this sync; the message becomes ``SyncResult.warning``."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ApiUnreachable(SourceError):
    """The Data API could not be reached (offline, proxy, timeout): nothing wrong with the key."""


class _SkipVideo(Exception):
    """This video's comments cannot be read (disabled, deleted, private): not an error."""


# ---------------------------------------------------------------------------- Data API

class DataApi:
    """Authenticated GETs against the Data API, each counted against ``quota`` if given."""

    def __init__(self, fetcher: Fetcher, key: str, quota: Quota | None = None) -> None:
        self.fetcher = fetcher
        self._key = key
        self.quota = quota
        self.calls = 0

    def get(self, endpoint: str, params: dict[str, Any]) -> dict[str, Any]:
        if self.quota is not None:
            self.quota.spend()
        self.calls += 1
        url = f"{base_url('youtube')}/{endpoint}?{urlencode(params)}"
        status, body = _http_get(self.fetcher, url, {
            "Accept": "application/json", "X-Goog-Api-Key": self._key})
        if 200 <= status < 300:
            try:
                doc = json.loads(body)
            except ValueError:
                doc = None
            if not isinstance(doc, dict):
                raise _StopComments("the YouTube Data API sent a malformed answer (not JSON); "
                                    "comments resume next refresh")
            return doc
        self._raise_for(status, body)

    def _raise_for(self, status: int, body: bytes) -> NoReturn:
        reasons, message = _error_reasons(body)
        log.info("YouTube Data API answered HTTP %s %s", status, sorted(reasons))
        if reasons & _SKIP_VIDEO or (status == 404 and not reasons & _KEY_INVALID):
            raise _SkipVideo(message)
        if reasons & _KEY_INVALID or (status == 400 and "api key" in message.lower()):
            raise SourceError(
                "YouTube rejected the stored API key (invalid or expired). Create a new key "
                "in Google Cloud Console (APIs & Services → Credentials) with the YouTube "
                f"Data API v3 enabled, and store it with `{SET_KEY_HINT}`")
        if reasons & _NOT_ENABLED:
            raise SourceError(
                "the YouTube Data API v3 is not enabled for this key's Google Cloud project: "
                "enable it in Google Cloud Console (APIs & Services → Library), then refresh")
        if reasons & _RESTRICTED:
            raise SourceError(
                "this YouTube API key is restricted (to websites, apps, IP addresses or other "
                "APIs) and YouTube refused it here: allow the YouTube Data API v3 for it in "
                f"Google Cloud Console, or store an unrestricted key with `{SET_KEY_HINT}`")
        if reasons & _QUOTA:
            if self.quota is not None:
                self.quota.used = max(self.quota.used, QUOTA_LIMIT)
            raise _StopComments(
                "YouTube says today's API quota for this key is used up (other tools may share "
                "the key); comments resume tomorrow (Google resets the quota at midnight "
                "Pacific time)")
        if reasons & _RATE or status == 429:
            raise _StopComments("YouTube asked us to slow down; comments resume next refresh")
        if reasons & _FORBIDDEN or status in (401, 403):
            raise SourceError(
                f"YouTube refused access with the stored API key (HTTP {status}): check the "
                "key's restrictions in Google Cloud Console, or store a new key with "
                f"`{SET_KEY_HINT}`")
        reason = ", ".join(sorted(reasons)) or "no reason given"
        raise _StopComments(f"the YouTube Data API failed (HTTP {status}, {reason}); "
                            "comments resume next refresh")


def _error_reasons(body: bytes) -> tuple[set[str], str]:
    """The ``reason`` codes of a Google API error body (old ``errors`` and new ``details``)."""
    try:
        error = json.loads(body).get("error") or {}
    except (ValueError, AttributeError):
        return set(), ""
    if not isinstance(error, dict):
        return set(), ""
    reasons = set()
    for part in ("errors", "details"):
        for entry in error.get(part) or []:
            if isinstance(entry, dict) and isinstance(entry.get("reason"), str):
                reasons.add(entry["reason"])
    message = error.get("message")
    return reasons, html_to_text(message) if isinstance(message, str) else ""


def _http_get(fetcher: Fetcher, url: str, headers: dict[str, str]) -> tuple[int, bytes]:
    """GET through the Fetcher (timeouts, proxy, size cap, deadline), which keeps a bounded
    body of error answers: the only place YouTube says *why* (commentsDisabled, quota...)."""
    result = fetcher.fetch(url, headers=headers)
    if result.status is None:
        raise ApiUnreachable(f"the YouTube Data API could not be reached: {result.error}")
    return result.status, result.body or b""


# ---------------------------------------------------------------------------- the adapter

class YouTubeAdapter:
    kind = "youtube"

    def resolve(self, fetcher: Fetcher, text: str) -> Account:
        """``UC…``, ``@handle``, or a channel, handle, ``/c/`` or ``/user/`` URL.

        A channel id needs no network: the feed URL is built from it, and the first refresh
        brings the title (``SyncResult.title``) or reports a mistyped id as gone. A handle
        needs its channel id: from ``channels.list?forHandle=`` with a key, else from the
        handle's page.
        """
        web, channel_id, handle, page_path = parse_channel_input(text)
        title = None
        if channel_id is None and handle is not None:
            key = get_secret(SECRET_NAME)
            if key:
                found = _lookup_handle(fetcher, key, handle)
                if found:
                    channel_id, title = found
        if channel_id is None:
            channel_id, title = _read_channel_page(fetcher, web + page_path)
        return Account(kind=self.kind, url=f"{web}/channel/{channel_id}", title=title,
                       account_id=channel_id)

    def sync(self, fetcher: Fetcher, request: SyncRequest) -> SyncResult:
        channel_id = request.account_id or channel_id_in(request.url)
        if not channel_id:
            raise SourceError("this YouTube source has no channel id; remove it and add it again")
        web = web_base(request.url)
        state = dict(request.state)
        result = SyncResult(state=state)
        self._read_feed(fetcher, web, channel_id, result)
        if not request.own:
            return result
        key = get_secret(SECRET_NAME)
        if not key:
            result.warning = NEEDS_KEY
            return result
        quota = Quota.from_state(state)
        api = DataApi(fetcher, key, quota)
        try:
            for video_id in reply_targets(request, result.entries, undated_are_new=True):
                try:
                    _read_video_comments(api, video_id, web, result.replies, channel_id)
                except _SkipVideo:
                    log.info("comments of video %s cannot be read; skipped", video_id)
        except _StopComments as stop:
            result.warning = stop.message
        except ApiUnreachable as exc:  # the videos are in; comments wait for the next refresh
            result.warning = f"{exc}; comments resume next refresh"
        finally:
            quota.save(state)
        log.info("YouTube channel %s: %d API calls, %d units used today", channel_id,
                 api.calls, quota.used)
        return result

    def _read_feed(self, fetcher: Fetcher, web: str, channel_id: str,
                   result: SyncResult) -> None:
        state = result.state
        fetched = fetcher.fetch(feed_url(web, channel_id), etag=state.get("etag"),
                                last_modified=state.get("last_modified"))
        result.http_status = fetched.status
        if fetched.not_modified:
            return
        if fetched.status in (404, 410):
            raise Gone(f"YouTube has no channel {channel_id} (HTTP {fetched.status}); it may "
                       "have been deleted or the id mistyped")
        if fetched.status == 429:
            until = fetched.retry_after or datetime.now(UTC)
            raise RateLimited("YouTube is rate-limiting the channel feed; waiting until "
                              f"{until.isoformat(timespec='seconds')}", until)
        if fetched.error or not fetched.body:
            raise SourceError(f"YouTube channel feed: {fetched.error or 'empty answer'}")
        try:
            feed = parse_feed(fetched.body, fetched.content_type, fetched.final_url or "")
        except ParseError as exc:
            raise SourceError(f"YouTube channel feed: {exc}") from None
        result.title = feed.title
        result.entries = video_entries(feed.entries, fetched.body)
        for header, name in (("etag", "etag"), ("last-modified", "last_modified")):
            if fetched.headers.get(header):
                state[name] = fetched.headers[header]
            else:
                state.pop(name, None)


# ---------------------------------------------------------------------------- input forms

def parse_channel_input(text: str) -> tuple[str, str | None, str | None, str]:
    """(web base, channel id, handle, page path) for what the officer typed.

    The web base is https://www.youtube.com for YouTube's own hosts and the typed scheme and
    host otherwise, so a mirror or a loopback test server stands in for YouTube.
    """
    text = text.strip()
    if CHANNEL_ID.match(text):
        return WEB_BASE, text, None, f"/channel/{text}"
    if text.startswith("@") and HANDLE.match(text):
        return WEB_BASE, None, text[1:], f"/@{quote(text[1:])}"
    if "://" not in text and text.lower().startswith(tuple(h + "/" for h in YOUTUBE_HOSTS)):
        text = "https://" + text
    parts = urlsplit(text)
    segments = [unquote(s) for s in parts.path.split("/") if s]
    if parts.scheme in ("http", "https") and parts.netloc and segments:
        web = web_base(text)
        first = segments[0]
        if first == "channel" and len(segments) > 1 and CHANNEL_ID.match(segments[1]):
            return web, segments[1], None, f"/channel/{segments[1]}"
        if first.startswith("@") and HANDLE.match(first):
            return web, None, first[1:], f"/@{quote(first[1:])}"
        if first in ("c", "user") and len(segments) > 1:
            return web, None, None, f"/{first}/{quote(segments[1])}"
    raise SourceError(f"{text!r} is not a YouTube channel: use https://www.youtube.com/@handle, "
                      "@handle, https://www.youtube.com/channel/UC… or the bare UC… id")


def web_base(url: str) -> str:
    parts = urlsplit(url)
    if not parts.netloc or (parts.hostname or "").lower() in YOUTUBE_HOSTS:
        return WEB_BASE
    return f"{parts.scheme}://{parts.netloc}"


def channel_id_in(url: str) -> str | None:
    segments = [s for s in urlsplit(url).path.split("/") if s]
    if len(segments) >= 2 and segments[0] == "channel" and CHANNEL_ID.match(segments[1]):
        return segments[1]
    return None


def feed_url(web: str, channel_id: str) -> str:
    return f"{web}/feeds/videos.xml?channel_id={channel_id}"


def _lookup_handle(fetcher: Fetcher, key: str, handle: str) -> tuple[str, str | None] | None:
    """channels.list?forHandle=: one unit, not counted in any source's state (none exists yet).

    A broken key is reported; quota, rate limits and outages fall back to the handle page.
    """
    api = DataApi(fetcher, key)
    try:
        doc = api.get("channels", {"part": "snippet,id", "forHandle": f"@{handle}"})
    except (_StopComments, _SkipVideo, ApiUnreachable) as exc:
        log.info("handle lookup through the API failed (%s); reading the page", exc)
        return None
    for item in doc.get("items") or []:
        if isinstance(item, dict) and CHANNEL_ID.match(str(item.get("id", ""))):
            title = (item.get("snippet") or {}).get("title")
            return item["id"], title if isinstance(title, str) and title else None
    raise SourceError(f"YouTube has no channel with the handle @{handle}")


_TAG = re.compile(r"<(?:link|meta)\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r'([\w:-]+)\s*=\s*"([^"]*)"')
_CHANNEL_IN_URL = re.compile(r"/channel/(UC[\w-]{22})(?:[/?#]|$)")
_JSON_IDS = (("externalId", re.compile(r'"externalId"\s*:\s*"(UC[\w-]{22})"')),
             ("channelId", re.compile(r'"channelId"\s*:\s*"(UC[\w-]{22})"')))
_ID_PRIORITY = ("canonical", "og", "itemprop", "externalId", "channelId")
_PAGE_TITLE = re.compile(r"<title>(.*?)</title>", re.IGNORECASE | re.DOTALL)


def _read_channel_page(fetcher: Fetcher, url: str) -> tuple[str, str | None]:
    """The channel id and title on a handle (or /c/, /user/) page, without an API key."""
    # SOCS=CAI declines the EU cookie-consent interstitial, which would hide the page.
    fetched = fetcher.fetch(url, headers={"Cookie": "SOCS=CAI", "Accept-Language": "en"})
    if fetched.status in (404, 410):
        raise SourceError(f"YouTube has no channel at {url}")
    if fetched.error or not fetched.body:
        raise SourceError(f"could not open {url}: {fetched.error or 'empty answer'}")
    if (urlsplit(fetched.final_url or "").hostname or "").startswith("consent."):
        raise SourceError("YouTube showed a cookie-consent page instead of the channel; add it "
                          "by its channel address (https://www.youtube.com/channel/UC…) or "
                          f"store an API key with `{SET_KEY_HINT}`")
    page = fetched.body.decode("utf-8", "replace")
    channel_id, title = channel_from_page(page)
    if channel_id is None:
        raise SourceError(f"no YouTube channel id found on {url}; add the channel by its "
                          "address https://www.youtube.com/channel/UC…")
    return channel_id, title


def channel_from_page(page: str) -> tuple[str | None, str | None]:
    """The page's own channel: canonical link first, since ``"channelId"`` also names the
    channels it recommends."""
    found: dict[str, str] = {}
    title = None
    for tag in _TAG.finditer(page):
        attrs = {k.lower(): unescape(v) for k, v in _ATTR.findall(tag.group(0))}
        rel, prop = attrs.get("rel", "").lower(), attrs.get("property") or attrs.get("itemprop")
        if rel == "canonical" and (m := _CHANNEL_IN_URL.search(attrs.get("href", ""))):
            found.setdefault("canonical", m.group(1))
        elif prop == "og:url" and (m := _CHANNEL_IN_URL.search(attrs.get("content", ""))):
            found.setdefault("og", m.group(1))
        elif prop in ("channelId", "identifier") and CHANNEL_ID.match(attrs.get("content", "")):
            found.setdefault("itemprop", attrs["content"])
        elif prop == "og:title" and attrs.get("content") and title is None:
            title = attrs["content"].strip() or None
    for name, pattern in _JSON_IDS:
        if m := pattern.search(page):
            found.setdefault(name, m.group(1))
    channel_id = next((found[k] for k in _ID_PRIORITY if k in found), None)
    if title is None and (m := _PAGE_TITLE.search(page)):
        title = unescape(m.group(1)).strip().removesuffix(" - YouTube").strip() or None
    return channel_id, title


# ---------------------------------------------------------------------------- videos

_URL = re.compile(r"https?://[^\s<>\"]+")


@dataclass
class _VideoExtras:
    video_id: str | None
    description: str
    thumbnail: str | None


def video_entries(entries: Iterable[ParsedEntry], body: bytes) -> list[ParsedEntry]:
    """Feed entries with guid = the video id (replies point at it) and readable content.

    ``media:description`` is plain text that parse_feed reads as HTML, losing line breaks; it
    is rebuilt here as paragraphs with links, under the thumbnail.
    """
    extras = _feed_extras(body)
    videos = []
    for entry in entries:
        extra = extras.get(entry.guid) or _VideoExtras(None, entry.content_text, None)
        video_id = extra.video_id or _video_id_from(entry)
        if not video_id:
            continue
        text = extra.description.strip()
        parts = []
        if extra.thumbnail and entry.url:
            parts.append(f'<p><a href="{escape(entry.url)}"><img src="{escape(extra.thumbnail)}"'
                         ' alt=""></a></p>')
        parts.extend(_paragraph(p) for p in re.split(r"\n\s*\n", text) if p.strip())
        content_html = sanitize_html("".join(parts))
        videos.append(replace(entry, guid=video_id, content_html=content_html,
                              content_text=text or entry.content_text))
    return videos


def _feed_extras(body: bytes) -> dict[str, _VideoExtras]:
    try:
        parsed = feedparser.parse(body, sanitize_html=False, resolve_relative_uris=False)
    except Exception:  # parse_feed already accepted these bytes; extras are a nicety
        return {}
    extras = {}
    for entry in parsed.entries:
        thumbs = entry.get("media_thumbnail") or []
        thumb = thumbs[0].get("url") if thumbs and isinstance(thumbs[0], dict) else None
        extras[str(entry.get("id", ""))] = _VideoExtras(
            entry.get("yt_videoid") or None, entry.get("summary", "") or "", thumb)
    return extras


def _video_id_from(entry: ParsedEntry) -> str | None:
    if entry.guid.startswith("yt:video:"):
        return entry.guid.removeprefix("yt:video:")
    if entry.url:
        ids = parse_qs(urlsplit(entry.url).query).get("v")
        if ids:
            return ids[0]
    return None


def _paragraph(text: str) -> str:
    escaped = escape(text.strip(), quote=False)  # so a quote ends a URL below
    linked = _URL.sub(lambda m: f'<a href="{m.group(0)}">{m.group(0)}</a>', escaped)
    return f"<p>{linked.replace(chr(10), '<br>')}</p>"



# ---------------------------------------------------------------------------- comments

def _read_video_comments(api: DataApi, video_id: str, web: str,
                         out: list[SocialReply], channel_id: str = "") -> None:
    """Every thread of one video, with all replies; appended as they arrive so that a quota
    stop keeps what was already read."""
    seen = {r.platform_id for r in out}
    token = None
    for _ in range(MAX_THREAD_PAGES):
        params = {"part": "snippet,replies", "videoId": video_id, "maxResults": 100,
                  "textFormat": "html"}
        if token:
            params["pageToken"] = token
        page = api.get("commentThreads", params)
        for thread in page.get("items") or []:
            snippet = thread.get("snippet") or {}
            top = snippet.get("topLevelComment") or {}
            top_reply = _reply(top, video_id, None, web, channel_id)
            if top_reply is None:
                continue
            _add(out, seen, [top_reply])
            inline = (thread.get("replies") or {}).get("comments") or []
            _add(out, seen, (_reply(c, video_id, top_reply.platform_id, web, channel_id)
                             for c in inline))
            total = snippet.get("totalReplyCount")
            if isinstance(total, int) and total > len(inline):
                _read_replies(api, top_reply.platform_id, video_id, web, out, seen,
                              channel_id)
        token = page.get("nextPageToken")
        if not token:
            return
    log.info("video %s has more than %d pages of comments; the rest next time", video_id,
             MAX_THREAD_PAGES)


def _read_replies(api: DataApi, parent_id: str, video_id: str, web: str,
                  out: list[SocialReply], seen: set[str], channel_id: str = "") -> None:
    """comments.list?parentId=: the replies a thread does not carry inline."""
    token = None
    for _ in range(MAX_REPLY_PAGES):
        params = {"part": "snippet", "parentId": parent_id, "maxResults": 100,
                  "textFormat": "html"}
        if token:
            params["pageToken"] = token
        try:
            page = api.get("comments", params)
        except _SkipVideo:  # the thread was deleted between the two calls
            return
        _add(out, seen, (_reply(c, video_id, parent_id, web, channel_id)
                         for c in page.get("items") or []))
        token = page.get("nextPageToken")
        if not token:
            return


def _add(out: list[SocialReply], seen: set[str], replies: Iterable[SocialReply | None]) -> None:
    for reply in replies:
        if reply is not None and reply.platform_id not in seen:
            seen.add(reply.platform_id)
            out.append(reply)


def _reply(comment: dict[str, Any], video_id: str, parent_id: str | None,
           web: str, channel_id: str = "") -> SocialReply | None:
    """A comment as a reply; one whose ``authorChannelId`` is the channel's own (its owner
    answering under the video) is the embassy's own."""
    comment_id = comment.get("id") if isinstance(comment, dict) else None
    if not isinstance(comment_id, str) or not comment_id:
        return None
    snippet = comment.get("snippet") or {}
    html = sanitize_html(str(snippet.get("textDisplay") or ""), WEB_BASE)
    text = html_to_text(html) or str(snippet.get("textOriginal") or "")
    name = snippet.get("authorDisplayName") or None
    author_channel = snippet.get("authorChannelId")
    channel = author_channel.get("value") if isinstance(author_channel, dict) else None
    handle = name if isinstance(name, str) and name.startswith("@") else channel
    likes = snippet.get("likeCount")
    return SocialReply(
        platform_id=comment_id,
        post_platform_id=str(snippet.get("videoId") or video_id),
        parent_platform_id=parent_id,
        author_handle=handle,
        author_name=name,
        html=html,
        text=text,
        published=parse_time(snippet.get("publishedAt")),
        likes=likes if isinstance(likes, int) else None,
        url=f"{web}/watch?v={quote(video_id)}&lc={quote(comment_id)}",
        own=bool(channel_id) and channel == channel_id,
    )
