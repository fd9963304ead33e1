"""A Facebook Page's publishing side of the Graph API (Meta's Pages API "Posts" guide and the
Photo reference).

``POST /{version}/{page-id}/feed`` (``message``, ``attached_media[n]``) → ``{"id"}``;
``POST /{version}/{page-id}/photos`` (multipart ``source``, ``caption``, ``alt_text_custom``,
``published``) → ``{"id", "post_id"}`` (no post while unpublished); ``POST
/{version}/{object-id}/comments`` (``message``) → ``{"id"}``. Refusals are Graph's error object
``{"error": {"message", "type", "code", "fbtrace_id"}}``: 190 expired token, 200 missing
permission, 506 duplicate status, 32 Page request limit (with X-Business-Use-Case-Usage).

Reading for the refresh (Graph's Page ``/posts`` and Comment ``/comments`` edges): ``GET
/{page-id}/posts`` → ``{"data": [{"id", "message", "created_time"}]}``; ``GET
/{post-id}/comments?filter=stream`` → every comment of the post, replies included, flat, each
with ``from {id, name}`` and, for a reply, ``parent {id}``. Comment ids are
``<post part>_<comment>`` whatever they answer (a reply under a comment too), as Graph
writes them; the Page's own comments come ``from`` the Page.
"""

from __future__ import annotations

import itertools
import json
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler

from tests.fakes.common import Scripted, Stall, read_request, reply_json
from tests.feedserver import FeedServer

TOKEN = "EAAG-page-token-for-publishing"
PAGE = "usembassytashkent"
PAGE_ID = "104512345678901"
VERSION = "v21.0"
PUBLISH = "pages_manage_posts"
ENGAGE = "pages_manage_engagement"


def graph_error(code: int, message: str, status: int = 400,
                headers: dict[str, str] | None = None) -> Scripted:
    return Scripted(status, {"error": {"message": message, "type": "OAuthException",
                                       "code": code, "fbtrace_id": "AbCdEf123"}},
                    headers or {})


class FakeGraph:
    def __init__(self, server: FeedServer, *, token: str = TOKEN,
                 permissions: tuple[str, ...] = (PUBLISH, ENGAGE, "pages_read_engagement")
                 ) -> None:
        self.server = server
        self.token = token
        self.permissions = set(permissions)
        self.posts: list[dict] = []
        self.photos: dict[str, dict] = {}
        self.comments: list[dict] = []
        self.script: list[Scripted] = []
        self.stall: Stall | None = None
        self._post_ids = itertools.count(900000000000101)
        self._ids = itertools.count(120000000000001)
        server.route_prefix(f"/{VERSION}/", self._serve)

    @property
    def base(self) -> str:
        return self.server.url("")

    def writes(self) -> list:
        return [r for r in self.server.requests if r.method == "POST"]

    def _serve(self, req: BaseHTTPRequestHandler) -> None:
        path = req.path.split("?", 1)[0].removeprefix(f"/{VERSION}/")
        node, _, edge = path.partition("/")
        if req.headers.get("Authorization") != f"Bearer {self.token}":
            self._give(req, graph_error(190, "Error validating access token: Session has "
                                             "expired on Thursday, 10-Dec-26 04:00:00 PST."))
            return
        if self.script:
            refusal = self.script[0]
            refusal.times -= 1
            if refusal.times <= 0:
                self.script.pop(0)
            self._give(req, refusal)
            return
        request = read_request(req)
        if req.command == "GET":
            self._read(req, node, edge)
            return
        fields = dict(request.form) if request.form else {
            k: p.data.decode() for k, p in request.parts.items() if p.filename is None}
        if edge == "comments":
            self._comment(req, node, fields)
            return
        if node not in (PAGE_ID, PAGE) or edge not in ("feed", "photos"):
            self._give(req, graph_error(100, "(#100) Unsupported post request", 400))
            return
        if PUBLISH not in self.permissions:
            self._give(req, graph_error(200, "(#200) If posting to a page, requires both "
                                             "pages_read_engagement and pages_manage_posts "
                                             "permission", 403))
            return
        answer = self._photo(request, fields) if edge == "photos" else self._feed(fields)
        if isinstance(answer, Scripted):
            self._give(req, answer)
            return
        if self.stall is not None:
            self.stall.hold()
        reply_json(req, 200, answer)

    def _new_post(self, message: str, photos: list[dict]) -> str | Scripted:
        if message and self.posts and self.posts[-1]["message"] == message:
            return graph_error(506, "(#506) Duplicate status message")
        post_id = f"{PAGE_ID}_{next(self._post_ids)}"
        self.posts.append({"id": post_id, "message": message, "photos": photos})
        return post_id

    def _feed(self, fields: dict) -> dict | Scripted:
        photos = []
        for n in itertools.count():
            attached = fields.get(f"attached_media[{n}]")
            if attached is None:
                break
            photo = self.photos.get(json.loads(attached).get("media_fbid"))
            if photo is None or photo["published"]:
                return graph_error(100, "(#100) param attached_media must be unpublished "
                                        "photos of this Page")
            photos.append(photo)
        if not fields.get("message") and not photos:
            return graph_error(100, "(#100) Missing message or attachment")
        post_id = self._new_post(fields.get("message", ""), photos)
        return post_id if isinstance(post_id, Scripted) else {"id": post_id}

    def _photo(self, request, fields: dict) -> dict | Scripted:  # noqa: ANN001
        source = request.parts.get("source")
        if source is None or source.filename is None:
            return graph_error(324, "(#324) Requires upload file")
        photo_id = str(next(self._ids))
        published = fields.get("published", "true") != "false"
        photo = {"id": photo_id, "published": published, "bytes": len(source.data),
                 "caption": fields.get("caption"), "alt_text_custom": fields.get(
                     "alt_text_custom")}
        self.photos[photo_id] = photo
        if not published:
            return {"id": photo_id}
        post_id = self._new_post(fields.get("caption") or "", [photo])
        return post_id if isinstance(post_id, Scripted) else {"id": photo_id,
                                                              "post_id": post_id}

    def _comment(self, req: BaseHTTPRequestHandler, parent: str, fields: dict) -> None:
        if ENGAGE not in self.permissions:
            self._give(req, graph_error(200, "(#200) Permissions error: requires "
                                             "pages_manage_engagement", 403))
            return
        comment_id = f"{_post_part(parent)}_{next(self._ids)}"
        self.comments.append({"id": comment_id, "parent": parent,
                              "message": fields.get("message"),
                              "from": {"id": PAGE_ID, "name": "U.S. Embassy Tashkent"},
                              "created_time": _graph_time(datetime.now(UTC))})
        if self.stall is not None:
            self.stall.hold()
        reply_json(req, 200, {"id": comment_id})

    def add_comment(self, parent: str, message: str, name: str, person_id: str,
                    when: datetime) -> dict:
        """Someone's comment on a post (``parent`` a post id) or under a comment."""
        comment = {"id": f"{_post_part(parent)}_{next(self._ids)}", "parent": parent,
                   "message": message, "from": {"id": person_id, "name": name},
                   "created_time": _graph_time(when)}
        self.comments.append(comment)
        return comment

    def _read(self, req: BaseHTTPRequestHandler, node: str, edge: str) -> None:
        if edge == "posts" and node in (PAGE_ID, PAGE):
            reply_json(req, 200, {"data": [{"id": p["id"], "message": p["message"]}
                                           for p in reversed(self.posts)]})
            return
        if edge == "comments":
            post = _post_part(node)
            data = []
            for comment in self.comments:
                if _post_part(comment["id"]) != post:
                    continue
                shown = {k: comment[k] for k in ("id", "message", "created_time", "from")}
                if comment["parent"].count("_") == 1 and not comment["parent"].startswith(
                        f"{PAGE_ID}_"):
                    shown["parent"] = {"id": comment["parent"]}  # a reply under a comment
                data.append(shown)
            reply_json(req, 200, {"data": data, "paging": {"cursors": {}}})
            return
        self._give(req, graph_error(100, f"(#100) Unknown path components: /{edge}", 400))

    def throttle(self, minutes: int) -> None:
        usage = {PAGE_ID: [{"type": "pages", "call_count": 100, "total_cputime": 10,
                            "total_time": 10, "estimated_time_to_regain_access": minutes}]}
        self.script.append(graph_error(32, "(#32) Page request limit reached", 400,
                                       {"X-Business-Use-Case-Usage": json.dumps(usage)}))

    @staticmethod
    def _give(req: BaseHTTPRequestHandler, refusal: Scripted) -> None:
        reply_json(req, refusal.status, refusal.payload, refusal.headers)


def _post_part(object_id: str) -> str:
    """The post part of an id: ``<page>_<post>`` for a post, ``<post>_<comment>`` for a
    comment."""
    head, _, tail = object_id.partition("_")
    return tail if head == PAGE_ID else head


def _graph_time(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S+0000")
