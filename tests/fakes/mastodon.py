"""A Mastodon instance's publishing API, as mastodon/documentation describes it.

``POST /api/v2/media`` (multipart ``file``, ``description``) → MediaAttachment;
``POST /api/v1/statuses`` (form: ``status``, ``media_ids[]``, ``language``, ``visibility``,
``in_reply_to_id``; header ``Idempotency-Key``) → Status, the same Status again for a repeated
key; errors ``{"error": "..."}``: 401 invalid token, 403 missing scope, 422 validation, 429
throttled with ``X-RateLimit-*`` headers. Reading for the refresh: accounts/lookup, the
account's statuses, a status's context.
"""

from __future__ import annotations

import itertools
import threading
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler

from tests.fakes.common import Request, Scripted, Stall, read_request, reply_json
from tests.feedserver import FeedServer

TOKEN = "mastodon-test-token"
ACCOUNT_ID = "109000000000000001"
MAX_CHARS = 500


class FakeMastodon:
    def __init__(self, server: FeedServer, *, acct: str = "embassy", token: str = TOKEN,
                 scopes: tuple[str, ...] = ("read", "write:statuses", "write:media"),
                 max_image_bytes: int = 16 * 1024 * 1024) -> None:
        self.server = server
        self.acct = acct
        self.token = token
        self.scopes = set(scopes)
        self.max_image_bytes = max_image_bytes
        self.statuses: list[dict] = []
        self.media: dict[str, dict] = {}
        self.keys: dict[str, dict] = {}  # Idempotency-Key -> the status it created
        self.script: list[Scripted] = []  # refusals to give to the next status posts
        self.stall: Stall | None = None  # hold the answer after creating the status
        self._ids = itertools.count(112000000000000001)
        self._lock = threading.Lock()
        server.route("/api/v2/media", self._media)
        server.route("/api/v1/statuses", self._statuses)
        server.route("/api/v1/accounts/lookup", self._lookup)
        server.route(f"/api/v1/accounts/{ACCOUNT_ID}/statuses", self._account_statuses)
        server.route_prefix("/api/v1/statuses/", self._context)

    @property
    def base(self) -> str:
        return self.server.url("")

    @property
    def profile(self) -> str:
        return self.server.url(f"/@{self.acct}")

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.server.port}"

    def status_posts(self) -> list:
        return [r for r in self.server.requests
                if r.method == "POST" and r.path == "/api/v1/statuses"]

    # ------------------------------------------------------------------ auth
    def _authorized(self, req: BaseHTTPRequestHandler, scope: str) -> bool:
        if req.headers.get("Authorization") != f"Bearer {self.token}":
            reply_json(req, 401, {"error": "The access token is invalid"})
            return False
        if scope not in self.scopes and "write" not in self.scopes:
            reply_json(req, 403, {"error": "This action is outside the authorized scopes"})
            return False
        return True

    # ------------------------------------------------------------------ writing
    def _media(self, req: BaseHTTPRequestHandler) -> None:
        if not self._authorized(req, "write:media"):
            return
        request = read_request(req)
        upload = request.parts.get("file")
        if upload is None or upload.filename is None:
            reply_json(req, 422, {"error": "Validation failed: File can't be blank"})
            return
        if len(upload.data) > self.max_image_bytes:
            limit = self.max_image_bytes // (1024 * 1024)
            reply_json(req, 422, {"error": f"Validation failed: File file size must be less "
                                           f"than {limit} MB"})
            return
        if not upload.content_type.startswith("image/"):
            reply_json(req, 422, {"error": "Validation failed: File content type is invalid, "
                                           "File is invalid"})
            return
        media_id = str(next(self._ids))
        attachment = {"id": media_id, "type": "image",
                      "url": self.server.url(f"/system/media/{media_id}.jpg"),
                      "preview_url": self.server.url(f"/system/media/{media_id}-small.jpg"),
                      "description": request.value("description"),
                      "filename": upload.filename, "bytes": len(upload.data)}
        self.media[media_id] = attachment
        reply_json(req, 200, attachment)

    def _statuses(self, req: BaseHTTPRequestHandler) -> None:
        if not self._authorized(req, "write:statuses"):
            return
        request = read_request(req)
        key = req.headers.get("Idempotency-Key")
        with self._lock:
            if key and key in self.keys:
                reply_json(req, 200, self.keys[key])
                return
            if self.script:
                refusal = self.script[0]
                refusal.times -= 1
                if refusal.times <= 0:
                    self.script.pop(0)
                reply_json(req, refusal.status, refusal.payload, refusal.headers)
                return
            status = self._create(request)
            if isinstance(status, str):
                reply_json(req, 422, {"error": status})
                return
            if key:
                self.keys[key] = status
        if self.stall is not None:
            self.stall.hold()
        reply_json(req, 200, status)

    def _create(self, request: Request) -> dict | str:
        text = request.value("status") or ""
        media_ids = request.values("media_ids[]")
        if not text.strip() and not media_ids:
            return "Validation failed: Text can't be blank"
        if len(text) > MAX_CHARS:
            return f"Validation failed: Text character limit of {MAX_CHARS} exceeded"
        unknown = [m for m in media_ids if m not in self.media]
        if unknown:
            return "Validation failed: Media attachments are invalid"
        status_id = str(next(self._ids))
        status = {
            "id": status_id,
            "created_at": datetime.now(UTC).isoformat(timespec="milliseconds").replace(
                "+00:00", "Z"),
            "in_reply_to_id": request.value("in_reply_to_id"),
            "visibility": request.value("visibility") or "public",
            "language": request.value("language"),
            "uri": self.server.url(f"/users/{self.acct}/statuses/{status_id}"),
            "url": self.server.url(f"/@{self.acct}/{status_id}"),
            "content": f"<p>{_escape(text)}</p>",
            "account": {"id": ACCOUNT_ID, "acct": self.acct, "username": self.acct,
                        "display_name": "U.S. Embassy (test)"},
            "media_attachments": [self.media[m] for m in media_ids],
            "favourites_count": 0, "reblog": None, "spoiler_text": "",
            "text_sent": text,
        }
        self.statuses.append(status)
        return status

    def add_reply(self, in_reply_to: str, acct: str, text: str) -> dict:
        """Someone else's public reply in a thread (what a refresh will find)."""
        status_id = str(next(self._ids))
        status = {"id": status_id, "created_at": datetime.now(UTC).isoformat().replace(
                      "+00:00", "Z"),
                  "in_reply_to_id": in_reply_to, "visibility": "public", "language": None,
                  "uri": f"https://other.example/users/{acct}/statuses/{status_id}",
                  "url": f"https://other.example/@{acct}/{status_id}",
                  "content": f"<p>{_escape(text)}</p>",
                  "account": {"id": "2" + status_id[-6:], "acct": acct, "username": acct,
                              "display_name": acct.title()},
                  "media_attachments": [], "favourites_count": 0, "reblog": None,
                  "spoiler_text": "", "text_sent": text}
        self.statuses.append(status)
        return status

    def throttle(self, reset_at: datetime, times: int = 1) -> None:
        """The next status posts are throttled, as rack-attack answers, until ``reset_at``
        (the tests' clock: they publish "as if it were" a day of the plan)."""
        self.script.append(Scripted(429, {"error": "Throttled"}, {
            "X-RateLimit-Limit": "300", "X-RateLimit-Remaining": "0",
            "X-RateLimit-Reset": reset_at.astimezone(UTC).isoformat(timespec="seconds")},
            times))

    # ------------------------------------------------------------------ reading
    def _lookup(self, req: BaseHTTPRequestHandler) -> None:
        reply_json(req, 200, {"id": ACCOUNT_ID, "acct": self.acct, "username": self.acct,
                              "display_name": "U.S. Embassy (test)"})

    def _account_statuses(self, req: BaseHTTPRequestHandler) -> None:
        reply_json(req, 200, [s for s in reversed(self.statuses)
                              if s["in_reply_to_id"] is None])

    def _context(self, req: BaseHTTPRequestHandler) -> None:
        path = req.path.split("?", 1)[0]
        if not path.endswith("/context"):
            reply_json(req, 404, {"error": "Record not found"})
            return
        root = path.split("/")[4]
        descendants, wanted = [], {root}
        for status in self.statuses:
            if status["in_reply_to_id"] in wanted:
                descendants.append(status)
                wanted.add(status["id"])
        reply_json(req, 200, {"ancestors": [], "descendants": descendants})


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
