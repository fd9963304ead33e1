"""What every publisher shares: the channel, what goes out, and the three ways a send ends.

A send ends in one of three ways, and the ledger treats them differently:

- ``Sent``: the platform created it; its id and address are recorded.
- ``Refused``: nothing was created: the platform said no (a bad token, a text too long, a rate
  limit) or the request never reached it. Trying again later is safe.
- ``OutcomeUnknown``: the request may have reached the platform but its answer was lost (a
  timeout, a dropped connection, a gateway error). Whether trying again is safe depends on
  what the platform offers against duplicates (``Publisher.resend_window``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from core.errors import KnownError
from core.net.fetch import Fetcher, FetchResult
from core.publish.images import ImageFile
from core.settings import Settings

MAX_WAIT = timedelta(days=1)  # a hostile Retry-After cannot park a post for longer


class Refused(KnownError):
    """Nothing was created; ``retry_at`` is when the platform allows another try."""

    def __init__(self, message: str, retry_at: datetime | None = None) -> None:
        super().__init__(message)
        self.retry_at = retry_at


class OutcomeUnknown(KnownError):
    """The request may have reached the platform; its answer did not reach us."""


@dataclass(frozen=True)
class Channel:
    """One of the embassy's own accounts a post goes out on (a source)."""

    source_id: int
    platform: str  # the source kind: mastodon, bluesky, telegram, facebook …
    url: str
    account_id: str | None
    title: str | None
    own: bool = True

    @property
    def name(self) -> str:
        return self.title or self.url


@dataclass(frozen=True)
class ReplyTarget:
    """Where an answer goes: under a reply (or a post) of the channel's own thread."""

    platform_id: str  # the reply answered; the post's id when answering the post itself
    post_platform_id: str  # the post (item guid) the thread belongs to
    mention: str | None = None  # whom to name where the platform tells only those named


@dataclass(frozen=True)
class Outgoing:
    """What goes out on one channel."""

    text: str
    idem_key: str  # the same on every attempt: Idempotency-Key, record key, ledger key
    images: tuple[ImageFile, ...] = ()
    language: str | None = None  # ISO 639-1
    reply_to: ReplyTarget | None = None
    anchor: datetime = field(default_factory=lambda: datetime.now(UTC))  # for time-based keys


@dataclass(frozen=True)
class Sent:
    remote_id: str  # what the item's guid will be when a refresh brings it back
    url: str | None


@dataclass
class SendContext:
    fetcher: Fetcher
    settings: Settings
    now: datetime


class Publisher(Protocol):
    platform: str
    display: str  # "Mastodon"
    # How long after an attempt whose answer was lost it is still safe to send again (the
    # platform recognises the repeat); None: never, the outcome must be confirmed by a person.
    resend_window: timedelta | None

    def check(self, channel: Channel, outgoing: Outgoing, ctx: SendContext) -> None:
        """Raise ``Refused`` for what the platform would refuse (length, images, token)."""
        ...

    def send(self, channel: Channel, outgoing: Outgoing, ctx: SendContext, *,
             retrying: bool) -> Sent:
        """Create the post (or answer); ``retrying``: an earlier attempt may have landed."""
        ...

    def remote_from(self, channel: Channel, text: str) -> tuple[str, str | None]:
        """(remote id, address) from what an officer saw: the post's address or its id."""
        ...

    def secret_names(self, channel: Channel) -> list[str]:
        """The keyring names its token is looked up under, the one to set first (what
        ``attache secrets set`` and Settings → Secrets name)."""
        ...


def store_as(name: str, what: str = "it") -> str:
    """Where a missing or refused token goes, for the officer in the app and at a prompt
    alike (a refusal is shown in both)."""
    return f"store {what} in Settings → Secrets as {name} (or run `attache secrets set {name}`)"


# ---------------------------------------------------------------------------- HTTP

def request_json(fetcher: Fetcher, method: str, url: str, *, what: str,
                 headers: dict[str, str] | None = None, json_body: Any = None,
                 data: bytes | dict[str, str] | list[tuple[str, str]] | None = None,
                 files: dict[str, tuple[str, bytes, str]] | None = None,
                 scrub: str | None = None) -> tuple[FetchResult, Any]:
    """Send a write and decode its JSON answer (None when it is not JSON).

    A transport failure is ``Refused`` when nothing can have reached the platform, else
    ``OutcomeUnknown``; HTTP errors come back for the platform's module to explain. ``scrub``
    is a secret (Telegram's token sits in its URLs) kept out of every message.
    """
    result = fetcher.send(method, url, headers={"Accept": "application/json", **(headers or {})},
                          json_body=json_body, data=data, files=files)
    if result.status is None:
        message = _scrubbed(f"{what}: {result.error}", scrub)
        if result.maybe_delivered:
            raise OutcomeUnknown(f"{message}; the request may have reached {what}")
        raise Refused(message)
    try:
        payload = json.loads(result.body) if result.body else None
    except ValueError:
        payload = None
    return result, payload


def _scrubbed(text: str, secret: str | None) -> str:
    return text.replace(secret, "[token]") if secret else text


def retry_after_seconds(seconds: object, now: datetime) -> datetime | None:
    """A JSON ``retry_after`` (Telegram's ``parameters.retry_after``) as a time."""
    if isinstance(seconds, int | float) and not isinstance(seconds, bool) and seconds >= 0:
        return now + timedelta(seconds=min(float(seconds), MAX_WAIT.total_seconds()))
    return None


def clamp_retry(until: datetime | None, result: FetchResult, now: datetime) -> datetime:
    """When to try again after a rate limit: the platform's own time (a header or JSON
    field), else Retry-After, else five minutes; never past a day, never in the past."""
    until = until or result.retry_after or now + timedelta(minutes=5)
    return max(min(until, now + MAX_WAIT), now + timedelta(seconds=1))


def server_trouble(result: FetchResult) -> bool:
    """A 5xx answer: the platform (or a gateway in front of it) failed, maybe after acting.
    Callers look at rate limits (429, 503 with Retry-After) first."""
    return result.status is not None and result.status >= 500
