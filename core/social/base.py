"""The adapter interface every social platform implements, and what adapters return."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urlencode

from core.errors import KnownError
from core.net.schedule import parse_retry_after
from core.storage.text import storable_fields

if TYPE_CHECKING:  # the network and the parser load with the adapters, not with their records
    from core.entries.entry import ParsedEntry
    from core.net.fetch import Fetcher, FetchResult

# Environment overrides for private instances, mirrors and loopback tests (issue contract).
ENV_BASES = {
    "bluesky": ("ATTACHE_BLUESKY_APPVIEW", "https://public.api.bsky.app"),
    "youtube": ("ATTACHE_YOUTUBE_API", "https://www.googleapis.com/youtube/v3"),
    "graph": ("ATTACHE_GRAPH_API", "https://graph.facebook.com"),
    "vk": ("ATTACHE_VK_API", "https://api.vk.com/method"),
    # Writes (core/publish): the PDS that holds the embassy's Bluesky account, and the Bot API.
    "bluesky_pds": ("ATTACHE_BLUESKY_PDS", "https://bsky.social"),
    "telegram_bot": ("ATTACHE_TELEGRAM_BOT_API", "https://api.telegram.org"),
}


def base_url(service: str) -> str:
    variable, default = ENV_BASES[service]
    return (os.environ.get(variable) or default).rstrip("/")


MAX_WAIT = timedelta(days=7)


class SourceError(KnownError):
    """A platform refused or failed; the message says what the officer can do about it."""


class CodedError(SourceError):
    """A refusal the platform explained with an error code of its own (VK's, Graph's), kept
    for callers that branch on it."""

    def __init__(self, message: str, code: int | None = None) -> None:
        super().__init__(message)
        self.code = code


class RateLimited(SourceError):
    """The platform asked us to wait; ``until`` is when we may ask again."""

    def __init__(self, message: str, until: datetime) -> None:
        super().__init__(message)
        self.until = until


class Gone(SourceError):
    """The account or channel no longer exists."""


@dataclass
class Account:
    """A resolved source: what ``sources add`` stores for a social account."""

    kind: str  # mastodon | bluesky | youtube | telegram | facebook | instagram
    url: str  # canonical profile URL, also the unique key of the source
    title: str | None
    account_id: str | None  # the platform's id (Mastodon account id, Bluesky DID, channel id)


@dataclass
class SocialReply:
    platform_id: str
    post_platform_id: str  # the item (post) this reply belongs to
    parent_platform_id: str | None  # the reply it answers; None when it answers the post
    author_handle: str | None
    author_name: str | None
    html: str  # already sanitized
    text: str
    published: datetime | None
    likes: int | None = None
    url: str | None = None
    # Written by the embassy's own account (its answer typed in the platform's app, its
    # channel's comment, its Page's reply): shown in the thread, never counted as audience.
    own: bool = False

    def __post_init__(self) -> None:
        storable_fields(self)  # ids are compared with stored ones: same spelling (no NUL)


@dataclass
class SyncResult:
    """What one refresh of one account brought back."""

    entries: list[ParsedEntry] = field(default_factory=list)  # guid = the post's platform id
    replies: list[SocialReply] = field(default_factory=list)
    state: dict[str, Any] = field(default_factory=dict)  # saved, handed back next time
    title: str | None = None
    warning: str | None = None  # e.g. YouTube quota nearly used
    http_status: int | None = 200


@dataclass
class SyncRequest:
    """Everything an adapter needs to refresh one account."""

    url: str
    account_id: str | None
    own: bool
    state: dict[str, Any]
    replies_since: datetime  # replies are collected for posts newer than this (own accounts)
    recent_posts: Sequence[tuple[str, datetime | None]] = ()  # (platform id, published) stored


class Adapter(Protocol):
    kind: str

    def resolve(self, fetcher: Fetcher, text: str) -> Account:
        """Turn what the officer typed (a handle, a URL) into an account, or raise."""
        ...

    def sync(self, fetcher: Fetcher, request: SyncRequest) -> SyncResult:
        """New and changed posts (and replies for own accounts) since ``request.state``."""
        ...


def get_json(fetcher: Fetcher, url: str, params: dict[str, Any] | None = None,
             headers: dict[str, str] | None = None, *, what: str = "the platform") -> tuple[
                 Any, FetchResult]:
    """GET a JSON API: rate limits, HTTP errors and malformed JSON become SourceErrors.

    Query strings may carry tokens: this function never logs URLs or headers.
    """
    full = f"{url}?{urlencode(params, doseq=True)}" if params else url
    result = fetcher.fetch(full, headers={"Accept": "application/json", **(headers or {})})
    if result.status == 429 or (result.status == 503 and result.retry_after):
        until = result.retry_after or parse_retry_after(None)
        # Mastodon: X-RateLimit-Reset (ISO time); Bluesky: RateLimit-Reset (epoch seconds).
        reset = result.headers.get("x-ratelimit-reset") or result.headers.get("ratelimit-reset")
        if reset:
            until = reset_time(reset) or until
        until = min(until, datetime.now(UTC) + MAX_WAIT)  # a hostile header cannot park us
        raise RateLimited(f"{what} is rate-limiting us; waiting until "
                          f"{until.isoformat(timespec='seconds')}", until)
    if result.status in (404, 410):
        raise Gone(f"{what} says this does not exist (HTTP {result.status})")
    if result.error:
        raise SourceError(f"{what}: {result.error}")
    try:
        return json.loads(result.body or b""), result
    except ValueError:
        raise SourceError(f"{what} sent a malformed response (not JSON)") from None


def reset_time(value: str) -> datetime | None:
    """An ISO time (Mastodon), epoch seconds (Bluesky) or delta seconds (IETF draft)."""
    value = value.strip()
    try:
        if value.isascii() and value.isdigit():
            number = int(value)
            if number < 1_000_000_000:  # too small for an epoch: seconds from now
                return datetime.now(UTC) + timedelta(seconds=min(number, 7 * 86400))
            return datetime.fromtimestamp(number, UTC)
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    except (ValueError, OverflowError, OSError):
        return None


TITLE_LENGTH = 120


def aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def parse_time(value: Any) -> datetime | None:
    """ISO 8601 as the APIs send it ("2026-03-01T09:15:00.000Z", "…+0000"), in UTC."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return aware(parsed).astimezone(UTC)


def post_title(text: str, fallback: str = "") -> str:
    """A post's title: its first non-empty line, at most 120 characters."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    first = " ".join(first.split())
    if len(first) > TITLE_LENGTH:
        first = first[:TITLE_LENGTH - 1].rstrip() + "…"
    return first or fallback


def reply_targets(request: SyncRequest, entries: Sequence[ParsedEntry], *,
                  undated_are_new: bool = False) -> list[str]:
    """Platform ids of the posts whose replies to read, newest first, each once.

    Posts fetched now and posts already stored (``request.recent_posts``) that are newer than
    ``request.replies_since``. Newest first, so a rate limit or a call cap half-way costs the
    oldest conversations, not the live ones. ``undated_are_new``: a fetched post without a
    date counts as posted now (YouTube's feed), otherwise it is left out.
    """
    since = aware(request.replies_since)
    now = datetime.now(UTC)
    dated: dict[str, datetime] = {}
    for guid, published in [*((e.guid, e.published) for e in entries), *request.recent_posts]:
        if not guid or (published is None and not undated_are_new):
            continue
        when = aware(published) if published is not None else now
        if when >= since:
            dated[guid] = max(when, dated.get(guid, when))
    return sorted(dated, key=dated.__getitem__, reverse=True)
