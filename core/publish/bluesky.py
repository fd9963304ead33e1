"""Publishing on Bluesky: posts with rich text and images, and answers in a thread.

Writes go to the account's PDS (``ATTACHE_BLUESKY_PDS``, default https://bsky.social, which
serves every bsky.social account), logged in with an app password kept in the OS keyring as
``bluesky:<handle>``. The session (``com.atproto.server.createSession``) lives in memory only:
its access token is renewed with ``refreshSession`` when the PDS says ``ExpiredToken``, and
nothing of it is ever written to a file.

A post is ``com.atproto.repo.createRecord`` of an ``app.bsky.feed.post`` with its text, its
``langs``, facets (links, #tags, @mentions as UTF-8 byte ranges: core/publish/facets.py) and
an ``app.bsky.embed.images`` embed of blobs uploaded with ``com.atproto.repo.uploadBlob``
(each at most 1,000,000 bytes, the lexicon's limit), each image with its alt text.

Exactly once: the record key is not left to the PDS. It is a TID (the key type of
``app.bsky.feed.post``) computed from the ledger key, so every attempt writes the same
``at://<did>/app.bsky.feed.post/<rkey>``, which a repository can hold only once. Before a
repeat the record is looked up (``com.atproto.repo.getRecord``); a repeat the PDS refuses
because the record exists (today a 500, soon ``RecordAlreadyExists``) is looked up too.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote, urlsplit

from core.errors import KnownError
from core.publish.base import (
    Channel,
    OutcomeUnknown,
    Outgoing,
    Refused,
    SendContext,
    Sent,
    clamp_retry,
    request_json,
    server_trouble,
    store_as,
)
from core.publish.facets import facets
from core.publish.text import check_outgoing
from core.secrets import get_secret
from core.social.base import base_url, reset_time
from core.social.bluesky import actor_of, web_url

log = logging.getLogger("attache.publish.bluesky")

POST = "app.bsky.feed.post"
MAX_IMAGE_BYTES = 1_000_000  # app.bsky.embed.images: image maxSize
TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"
WHAT = "Bluesky"


@dataclass
class Session:
    did: str
    handle: str
    access: str
    refresh: str


_sessions: dict[tuple[str, str], Session] = {}  # (PDS, handle) -> session, this process only
_sessions_lock = threading.Lock()


def forget_sessions() -> None:
    with _sessions_lock:
        _sessions.clear()


def tid_for(key: str, anchor: datetime) -> str:
    """A record key that is a valid TID (13 base32-sortable characters: a 0 bit, 53 bits of
    microseconds, 10 bits of clock id) and is always the same for ``key``: the anchor's second
    with microseconds and clock id taken from the key's hash."""
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    micros = int(anchor.timestamp()) * 1_000_000 + int.from_bytes(digest[:4], "big") % 1_000_000
    value = (micros << 10) | (int.from_bytes(digest[4:6], "big") & 0x3FF)
    return "".join(TID_ALPHABET[(value >> shift) & 31] for shift in range(60, -1, -5))


class BlueskyPublisher:
    platform = "bluesky"
    display = "Bluesky"
    # The record key is the same on every attempt, and a repository holds a key once: a
    # repeat can never create a second post, however long after.
    resend_window = timedelta.max

    def check(self, channel: Channel, outgoing: Outgoing, ctx: SendContext) -> None:
        check_outgoing("bluesky", outgoing.text, outgoing.images, MAX_IMAGE_BYTES, ctx.settings)
        self._password(channel)

    def send(self, channel: Channel, outgoing: Outgoing, ctx: SendContext, *,
             retrying: bool) -> Sent:
        client = _Client(ctx, channel, self._password(channel))
        session = client.session()
        if channel.account_id and channel.account_id != session.did:
            raise Refused(f"the app password stored for {channel.name} logs in as "
                          f"{session.handle} ({session.did}), not as this account")
        rkey = tid_for(outgoing.idem_key, outgoing.anchor)
        uri = f"at://{session.did}/{POST}/{rkey}"
        if retrying:
            found = client.existing(session.did, rkey)
            if found is not None:
                log.info("Bluesky already has %s from an earlier attempt", uri)
                return Sent(uri, web_url(uri, session.handle))
        record: dict[str, Any] = {
            "$type": POST, "text": outgoing.text,
            "createdAt": ctx.now.astimezone(UTC).isoformat(timespec="milliseconds").replace(
                "+00:00", "Z"),
        }
        if outgoing.language:
            record["langs"] = [outgoing.language]
        found_facets = facets(outgoing.text, client.resolve_handle)
        if found_facets:
            record["facets"] = found_facets
        if outgoing.reply_to is not None:
            record["reply"] = client.reply_refs(outgoing.reply_to.post_platform_id,
                                                outgoing.reply_to.platform_id)
        if outgoing.images:
            record["embed"] = {"$type": "app.bsky.embed.images", "images": [
                {"alt": image.alt, "image": client.upload(image.data, image.mime)}
                for image in outgoing.images]}
        client.create(session.did, rkey, record)
        return Sent(uri, web_url(uri, session.handle))

    def remote_from(self, channel: Channel, text: str) -> tuple[str, str | None]:
        if text.startswith("at://"):
            return text, None
        parts = urlsplit(text)
        segments = [s for s in parts.path.split("/") if s]
        if (parts.hostname or "").endswith("bsky.app") and len(segments) == 4 \
                and segments[0] == "profile" and segments[2] == "post" and channel.account_id:
            return f"at://{channel.account_id}/{POST}/{segments[3]}", text
        raise KnownError(f"{text!r} is neither a Bluesky post's address "
                         "(https://bsky.app/profile/<handle>/post/<id>) nor its at:// URI")

    def secret_names(self, channel: Channel) -> list[str]:
        return [f"bluesky:{actor_of(channel.url)}"]

    def _password(self, channel: Channel) -> str:
        handle = actor_of(channel.url)
        password = get_secret(*self.secret_names(channel))
        if not password:
            raise Refused(f"publishing on {channel.name} needs an app password for {handle}: "
                          "create one in Bluesky under Settings → Privacy and security → App "
                          f"passwords, then {store_as(f'bluesky:{handle}')} — an app "
                          "password, never the account's own password")
        return password


class _Client:
    """XRPC calls to the PDS (and the AppView for other people's posts), with the session."""

    def __init__(self, ctx: SendContext, channel: Channel, password: str) -> None:
        self.ctx = ctx
        self.pds = base_url("bluesky_pds")
        self.handle = actor_of(channel.url)
        self.password = password
        self._session: Session | None = None

    # ------------------------------------------------------------------ session
    def session(self) -> Session:
        key = (self.pds, self.handle)
        with _sessions_lock:
            self._session = _sessions.get(key)
        if self._session is None:
            self._store(self._login())
        assert self._session is not None
        return self._session

    def _store(self, session: Session) -> None:
        self._session = session
        with _sessions_lock:
            _sessions[(self.pds, self.handle)] = session

    def _login(self) -> Session:
        result, payload = request_json(
            self.ctx.fetcher, "POST", f"{self.pds}/xrpc/com.atproto.server.createSession",
            json_body={"identifier": self.handle, "password": self.password}, what=WHAT)
        if not result.ok:
            error, message = _xrpc_error(payload)
            if result.status == 401 or error == "AuthenticationRequired":
                raise Refused(f"Bluesky refused the app password for {self.handle} ("
                              f"{message or 'invalid identifier or password'}): create a new "
                              f"app password and {store_as(f'bluesky:{self.handle}')}")
            if error == "AuthFactorTokenRequired":
                raise Refused(f"Bluesky asks {self.handle} for a sign-in code: use an app "
                              "password, which needs none, and "
                              f"{store_as(f'bluesky:{self.handle}')}")
            raise self._failure(result, payload, "logging in", created_nothing=True)
        return _session_of(payload)

    def _refresh(self) -> None:
        assert self._session is not None
        result, payload = request_json(
            self.ctx.fetcher, "POST", f"{self.pds}/xrpc/com.atproto.server.refreshSession",
            headers={"Authorization": f"Bearer {self._session.refresh}"}, what=WHAT)
        self._store(_session_of(payload) if result.ok else self._login())

    def _call(self, nsid: str, headers: dict[str, str] | None = None,
              **body: Any) -> tuple[Any, Any]:
        """One authorised POST; an expired access token is renewed and the call made again
        (a refused token means the PDS did nothing)."""
        for attempt in (1, 2):
            auth = {"Authorization": f"Bearer {self.session().access}", **(headers or {})}
            result, payload = request_json(self.ctx.fetcher, "POST", f"{self.pds}/xrpc/{nsid}",
                                           headers=auth, what=WHAT, **body)
            error, _ = _xrpc_error(payload)
            if attempt == 1 and result.status in (400, 401) and error in ("ExpiredToken",
                                                                           "InvalidToken"):
                if error == "ExpiredToken":
                    self._refresh()
                else:
                    self._store(self._login())
                continue
            return result, payload
        raise AssertionError("unreachable")

    # ------------------------------------------------------------------ calls
    def existing(self, did: str, rkey: str) -> dict | None:
        """The record at ``rkey``, or None when the repository has none there."""
        result, payload = request_json(
            self.ctx.fetcher, "GET",
            f"{self.pds}/xrpc/com.atproto.repo.getRecord?repo={quote(did)}&collection={POST}"
            f"&rkey={rkey}", what=WHAT)
        if result.ok and isinstance(payload, dict) and payload.get("uri"):
            return payload
        error, _ = _xrpc_error(payload)
        if result.status == 400 and error in ("RecordNotFound", "InvalidRequest", "NotFound"):
            return None
        raise OutcomeUnknown(f"Bluesky could not say whether the post exists (HTTP "
                             f"{result.status}): it will be looked up again")

    def create(self, did: str, rkey: str, record: dict) -> None:
        result, payload = self._call("com.atproto.repo.createRecord", json_body={
            "repo": did, "collection": POST, "rkey": rkey, "record": record})
        if result.ok:
            return
        error, _ = _xrpc_error(payload)
        if server_trouble(result) or error == "RecordAlreadyExists" or result.status == 409:
            # The PDS answers a record key that exists with a 500 today: look before saying
            # anything; an earlier attempt (this one, answered late) may have written it.
            if self.existing(did, rkey) is not None:
                return
        raise self._failure(result, payload, "publishing")

    def upload(self, data: bytes, mime: str) -> dict:
        result, payload = self._call("com.atproto.repo.uploadBlob", {"Content-Type": mime},
                                     data=data)
        blob = payload.get("blob") if isinstance(payload, dict) else None
        if not result.ok or not isinstance(blob, dict):
            raise self._failure(result, payload, "uploading an image", created_nothing=True)
        return blob

    def resolve_handle(self, handle: str) -> str | None:
        """A mentioned handle's DID; None (no mention facet) when it does not resolve."""
        fetched = self.ctx.fetcher.fetch(
            f"{self.pds}/xrpc/com.atproto.identity.resolveHandle?handle={quote(handle)}",
            headers={"Accept": "application/json"})
        try:
            did = json.loads(fetched.body or b"{}").get("did") if fetched.ok else None
        except ValueError:
            did = None
        return did if isinstance(did, str) and did.startswith("did:") else None

    def reply_refs(self, root_uri: str, parent_uri: str) -> dict:
        """``{root, parent}`` strong references (uri and cid), read from the AppView."""
        uris = list(dict.fromkeys((root_uri, parent_uri)))
        query = "&".join(f"uris={quote(u, safe='')}" for u in uris)
        fetched = self.ctx.fetcher.fetch(f"{base_url('bluesky')}/xrpc/app.bsky.feed.getPosts?"
                                         f"{query}", headers={"Accept": "application/json"})
        try:
            posts = json.loads(fetched.body or b"{}").get("posts") if fetched.ok else None
        except ValueError:
            posts = None
        cids = {p.get("uri"): p.get("cid") for p in posts or [] if isinstance(p, dict)}
        if not all(cids.get(u) for u in uris):
            raise Refused("Bluesky cannot find the post or reply being answered (deleted, or "
                          "its author blocks the account); nothing was sent")
        return {"root": {"uri": root_uri, "cid": cids[root_uri]},
                "parent": {"uri": parent_uri, "cid": cids[parent_uri]}}

    def _failure(self, result: Any, payload: Any, doing: str, *,
                 created_nothing: bool = False) -> Exception:
        error, message = _xrpc_error(payload)
        detail = f"{error}: {message}" if message else error or str(result.error)
        if result.status == 429:
            reset = result.headers.get("ratelimit-reset")
            until = clamp_retry(reset_time(reset) if reset else None, result, self.ctx.now)
            return Refused(f"Bluesky is rate-limiting us ({detail}); trying again after "
                           f"{until.isoformat(timespec='minutes')}", until)
        if result.status == 401 or error in ("AuthenticationRequired", "InvalidToken"):
            return Refused(f"Bluesky refused the session for {self.handle} ({detail}): create "
                           f"a new app password and {store_as(f'bluesky:{self.handle}')}")
        if server_trouble(result) and not created_nothing:
            return OutcomeUnknown(f"Bluesky failed while {doing} (HTTP {result.status}: "
                                  f"{detail}); the post is looked up before it is sent again")
        return Refused(f"Bluesky refused {doing} ({detail}); nothing was published")


def _xrpc_error(payload: Any) -> tuple[str, str]:
    """An XRPC error body: ``{"error": "ExpiredToken", "message": "..."}``."""
    if not isinstance(payload, dict):
        return "", ""
    error, message = payload.get("error"), payload.get("message")
    return (error if isinstance(error, str) else "", message if isinstance(message, str) else "")


def _session_of(payload: Any) -> Session:
    if not isinstance(payload, dict) or not all(isinstance(payload.get(k), str) for k in
                                                ("did", "accessJwt", "refreshJwt")):
        raise Refused("Bluesky's login answer has no session in it; nothing was published")
    return Session(payload["did"], str(payload.get("handle") or ""), payload["accessJwt"],
                   payload["refreshJwt"])
