"""A Bluesky PDS (and the few AppView reads publishing needs), as the atproto lexicons say.

``com.atproto.server.createSession`` / ``refreshSession`` (access and refresh tokens; an
expired access token is ``400 {"error": "ExpiredToken"}``), ``com.atproto.repo.uploadBlob``
(raw bytes → a blob ref), ``createRecord`` (a record key held once per repository: a repeat is
the reference PDS's ``500 InternalServerError``), ``getRecord`` (``400 RecordNotFound``),
``com.atproto.identity.resolveHandle``; AppView ``app.bsky.feed.getPosts``,
``getAuthorFeed`` and ``getPostThread`` (a ``threadViewPost`` whose ``replies`` nest the posts
answering it, ours and other people's; an unknown post is ``400 NotFound``). XRPC errors are
``{"error": NAME, "message": TEXT}``; rate limits are 429
with ``ratelimit-*`` headers (reset in epoch seconds).
"""

from __future__ import annotations

import hashlib
import itertools
import threading
import unicodedata
from datetime import datetime
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlsplit

from tests.fakes.common import Scripted, Stall, read_request, reply_json
from tests.feedserver import FeedServer

HANDLE = "usembassy.bsky.social"
DID = "did:plc:embassy0000000000000000"
PASSWORD = "abcd-efgh-ijkl-mnop"  # an app password's shape
TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"
MAX_IMAGE = 1_000_000
MAX_GRAPHEMES = 300
KNOWN_HANDLES = {HANDLE: DID, "alisher.bsky.social": "did:plc:alisher000000000000000000"}


class FakeBluesky:
    def __init__(self, server: FeedServer, *, handle: str = HANDLE, did: str = DID,
                 password: str = PASSWORD) -> None:
        self.server = server
        self.handle, self.did, self.password = handle, did, password
        self.records: dict[str, dict] = {}  # rkey -> record (this repository)
        self.cids: dict[str, str] = {}  # at:// uri -> cid (ours and other people's posts)
        self.others: dict[str, dict] = {}  # uri -> post view of someone else's post
        self.blobs: dict[str, tuple[bytes, str]] = {}
        self.access: set[str] = set()
        self.refresh: set[str] = set()
        self.logins = 0
        self.script: list[Scripted] = []  # refusals for the next createRecord calls
        self.stall: Stall | None = None
        self.gateway_error: int | None = None  # created, then a gateway answers this instead
        self._n = itertools.count(1)
        self._lock = threading.Lock()
        for nsid, handler in (
                ("com.atproto.server.createSession", self._create_session),
                ("com.atproto.server.refreshSession", self._refresh_session),
                ("com.atproto.repo.uploadBlob", self._upload_blob),
                ("com.atproto.repo.createRecord", self._create_record),
                ("com.atproto.repo.getRecord", self._get_record),
                ("com.atproto.identity.resolveHandle", self._resolve_handle),
                ("app.bsky.feed.getPosts", self._get_posts),
                ("app.bsky.feed.getAuthorFeed", self._author_feed),
                ("app.bsky.feed.getPostThread", self._post_thread)):
            server.route(f"/xrpc/{nsid}", handler)

    @property
    def base(self) -> str:
        return self.server.url("")

    def creates(self) -> list:
        return self.server.hits("/xrpc/com.atproto.repo.createRecord")

    def expire_tokens(self) -> None:
        """Every access token expires (refresh tokens still work)."""
        self.access.clear()

    # ------------------------------------------------------------------ sessions
    def _session(self) -> dict:
        n = next(self._n)
        access, refresh = f"access-{n}", f"refresh-{n}"
        self.access.add(access)
        self.refresh.add(refresh)
        return {"accessJwt": access, "refreshJwt": refresh, "handle": self.handle,
                "did": self.did, "active": True}

    def _create_session(self, req: BaseHTTPRequestHandler) -> None:
        body = read_request(req).json or {}
        if body.get("identifier") not in (self.handle, self.did) or \
                body.get("password") != self.password:
            reply_json(req, 401, {"error": "AuthenticationRequired",
                                  "message": "Invalid identifier or password"})
            return
        self.logins += 1
        reply_json(req, 200, self._session())

    def _refresh_session(self, req: BaseHTTPRequestHandler) -> None:
        token = (req.headers.get("Authorization") or "").removeprefix("Bearer ")
        if token not in self.refresh:
            reply_json(req, 400, {"error": "ExpiredToken", "message": "Token has expired"})
            return
        self.refresh.discard(token)  # refresh tokens are single-use
        reply_json(req, 200, self._session())

    def _authorized(self, req: BaseHTTPRequestHandler) -> bool:
        header = req.headers.get("Authorization") or ""
        if not header.startswith("Bearer "):
            reply_json(req, 401, {"error": "AuthenticationRequired",
                                  "message": "Authentication Required"})
            return False
        if header.removeprefix("Bearer ") not in self.access:
            reply_json(req, 400, {"error": "ExpiredToken", "message": "Token has expired"})
            return False
        return True

    # ------------------------------------------------------------------ repository
    def _upload_blob(self, req: BaseHTTPRequestHandler) -> None:
        if not self._authorized(req):
            return
        data = getattr(req, "request_body", b"")
        mime = req.headers.get("Content-Type") or "application/octet-stream"
        cid = "bafkrei" + hashlib.sha256(data).hexdigest()[:52]
        self.blobs[cid] = (data, mime)
        reply_json(req, 200, {"blob": {"$type": "blob", "ref": {"$link": cid},
                                       "mimeType": mime, "size": len(data)}})

    def _create_record(self, req: BaseHTTPRequestHandler) -> None:
        if not self._authorized(req):
            return
        body = read_request(req).json or {}
        with self._lock:
            if self.script:
                refusal = self.script[0]
                refusal.times -= 1
                if refusal.times <= 0:
                    self.script.pop(0)
                reply_json(req, refusal.status, refusal.payload, refusal.headers)
                return
            rkey, record = body.get("rkey"), body.get("record") or {}
            if body.get("repo") not in (self.did, self.handle):
                reply_json(req, 400, {"error": "InvalidRequest",
                                      "message": "Can only write to your own repo"})
                return
            if not valid_tid(rkey):
                reply_json(req, 400, {"error": "InvalidRequest",
                                      "message": f"Invalid record key for {body.get('collection')}"
                                                 f": {rkey!r} is not a TID"})
                return
            if rkey in self.records:  # what the reference PDS does today
                reply_json(req, 500, {"error": "InternalServerError",
                                      "message": "Internal Server Error"})
                return
            problem = self._invalid(record)
            if problem:
                reply_json(req, 400, {"error": "InvalidRequest",
                                      "message": f"Invalid app.bsky.feed.post record: {problem}"})
                return
            uri = f"at://{self.did}/app.bsky.feed.post/{rkey}"
            cid = "bafyrei" + hashlib.sha256(repr(record).encode()).hexdigest()[:52]
            self.records[rkey] = record
            self.cids[uri] = cid
        if self.stall is not None:
            self.stall.hold()
        if self.gateway_error is not None:
            reply_json(req, self.gateway_error, {"error": "BadGateway",
                                                 "message": "upstream failed"})
            return
        reply_json(req, 200, {"uri": uri, "cid": cid, "validationStatus": "valid"})

    def _invalid(self, record: dict) -> str | None:
        text = record.get("text")
        if not isinstance(text, str):
            return "Record/text must be a string"
        if graphemes(text) > MAX_GRAPHEMES:
            return f"Record/text must not be longer than {MAX_GRAPHEMES} graphemes"
        size = len(text.encode("utf-8"))
        for facet in record.get("facets") or []:
            index = facet.get("index") or {}
            start, end = index.get("byteStart"), index.get("byteEnd")
            if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= size):
                return "Record/facets/index must be a byte range of the text"
        embed = record.get("embed")
        if embed:
            images = embed.get("images") or []
            if len(images) > 4:
                return "Record/embed/images must not have more than 4 elements"
            for n, image in enumerate(images):
                if not isinstance(image.get("alt"), str):
                    return f"Record/embed/images/{n} must have the property \"alt\""
                ref = ((image.get("image") or {}).get("ref") or {}).get("$link")
                if ref not in self.blobs:
                    return f"Record/embed/images/{n}/image: blob not found"
                if len(self.blobs[ref][0]) > MAX_IMAGE:
                    return "BlobTooLarge"
        return None

    def _get_record(self, req: BaseHTTPRequestHandler) -> None:
        query = parse_qs(urlsplit(req.path).query)
        rkey = (query.get("rkey") or [""])[0]
        if rkey not in self.records or (query.get("repo") or [""])[0] != self.did:
            reply_json(req, 400, {"error": "RecordNotFound",
                                  "message": f"Could not locate record: {rkey}"})
            return
        uri = f"at://{self.did}/app.bsky.feed.post/{rkey}"
        reply_json(req, 200, {"uri": uri, "cid": self.cids[uri], "value": self.records[rkey]})

    def _resolve_handle(self, req: BaseHTTPRequestHandler) -> None:
        handle = (parse_qs(urlsplit(req.path).query).get("handle") or [""])[0]
        if handle not in KNOWN_HANDLES:
            reply_json(req, 400, {"error": "InvalidRequest",
                                  "message": "Unable to resolve handle"})
            return
        reply_json(req, 200, {"did": KNOWN_HANDLES[handle]})

    def throttle(self, reset_epoch: int) -> None:
        self.script.append(Scripted(429, {"error": "RateLimitExceeded",
                                          "message": "Rate Limit Exceeded"},
                                    {"ratelimit-limit": "5000", "ratelimit-remaining": "0",
                                     "ratelimit-reset": str(reset_epoch),
                                     "ratelimit-policy": "5000;w=3600"}))

    # ------------------------------------------------------------------ AppView
    def add_other_post(self, uri: str, text: str, author: str = "alisher.bsky.social", *,
                       parent: str | None = None, root: str | None = None,
                       when: str | None = None) -> None:
        """Someone else's post (a reply to ours: ``parent``, ``root``) the AppView knows."""
        cid = "bafyrei" + hashlib.sha256(uri.encode()).hexdigest()[:52]
        self.cids[uri] = cid
        record: dict = {"$type": "app.bsky.feed.post", "text": text}
        if when:
            record["createdAt"] = when
        if parent:
            record["reply"] = {"parent": {"uri": parent, "cid": self.cids.get(parent, "")},
                               "root": {"uri": root or parent,
                                        "cid": self.cids.get(root or parent, "")}}
        self.others[uri] = {"uri": uri, "cid": cid, "author": {"handle": author,
                                                               "did": KNOWN_HANDLES[author]},
                            "record": record, "indexedAt": when}

    def add_own_post(self, rkey: str, record: dict) -> str:
        """A post the account wrote in the Bluesky app (not through this client)."""
        uri = f"at://{self.did}/app.bsky.feed.post/{rkey}"
        self.records[rkey] = record
        self.cids[uri] = "bafyrei" + hashlib.sha256(repr(record).encode()).hexdigest()[:52]
        return uri

    def _post_thread(self, req: BaseHTTPRequestHandler) -> None:
        uri = (parse_qs(urlsplit(req.path).query).get("uri") or [""])[0]
        if self._post_view(uri) is None:
            reply_json(req, 400, {"error": "NotFound", "message": f"Post not found: {uri}"})
            return
        views = [*self.others.values(), *filter(None, (
            self._post_view(f"at://{self.did}/app.bsky.feed.post/{k}") for k in self.records))]

        def node(at: str) -> dict:
            children = [v["uri"] for v in views
                        if ((v.get("record") or {}).get("reply") or {}).get("parent", {}).get(
                            "uri") == at]
            return {"$type": "app.bsky.feed.defs#threadViewPost", "post": self._post_view(at),
                    "replies": [node(child) for child in children]}

        reply_json(req, 200, {"thread": node(uri)})

    def _post_view(self, uri: str) -> dict | None:
        if uri in self.others:
            return self.others[uri]
        rkey = uri.rsplit("/", 1)[-1]
        if uri.startswith(f"at://{self.did}/") and rkey in self.records:
            record = self.records[rkey]
            return {"uri": uri, "cid": self.cids[uri],
                    "author": {"did": self.did, "handle": self.handle,
                               "displayName": "U.S. Embassy"},
                    "record": record, "indexedAt": record.get("createdAt")}
        return None

    def _get_posts(self, req: BaseHTTPRequestHandler) -> None:
        uris = parse_qs(urlsplit(req.path).query).get("uris") or []
        reply_json(req, 200, {"posts": [v for v in map(self._post_view, uris) if v]})

    def _author_feed(self, req: BaseHTTPRequestHandler) -> None:
        views = [self._post_view(f"at://{self.did}/app.bsky.feed.post/{rkey}")
                 for rkey in sorted(self.records, reverse=True)
                 if "reply" not in self.records[rkey]]
        reply_json(req, 200, {"feed": [{"post": v} for v in views if v]})


def valid_tid(rkey: object) -> bool:
    return (isinstance(rkey, str) and len(rkey) == 13 and rkey[0] in TID_ALPHABET[:16]
            and all(c in TID_ALPHABET for c in rkey))


def tid_time(rkey: str) -> datetime:
    value = 0
    for char in rkey:
        value = (value << 5) | TID_ALPHABET.index(char)
    from datetime import UTC

    return datetime.fromtimestamp((value >> 10) / 1_000_000, UTC)


def graphemes(text: str) -> int:
    """Enough of extended grapheme clusters for the tests' texts (marks, ZWJ, skin tones)."""
    count, join = 0, False
    for char in unicodedata.normalize("NFC", text):
        extends = (unicodedata.category(char) in ("Mn", "Me", "Mc") or char == "\u200d"
                   or 0xFE00 <= ord(char) <= 0xFE0F or 0x1F3FB <= ord(char) <= 0x1F3FF)
        if not (join or extends) or count == 0:
            count += 1
        join = char == "\u200d"
    return count
