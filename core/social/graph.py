"""Facebook Pages and Instagram professional accounts through Meta's Graph API.

Both need a token the embassy owns (a Page access token, kept in the OS keyring) and share one
small client: the token travels in the ``Authorization: Bearer`` header, never in a URL, so it
cannot end up in a proxy log, a ``paging.next`` link we store, or an error message.

Graph reports every failure as an ``{"error": {"code": ...}}`` body, usually with HTTP 400, and
the code is what tells the officer what to do: 190 means a new token, 10 and 200-299 a missing
permission, 4/17/32/613 and 80001-80014 waiting. ``Fetcher`` keeps a bounded error body for
exactly this.
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Callable, Collection, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

from core import secrets
from core.entries.entry import ParsedEntry
from core.entries.sanitize import text_to_html
from core.net.fetch import Fetcher, FetchResult
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
    parse_time,
    post_title,
    reply_targets,
)

log = logging.getLogger("attache.social.graph")

GRAPH_VERSION = "v21.0"  # overridable with ATTACHE_GRAPH_VERSION, e.g. when Meta retires it
MAX_PAGES = 10  # pages of posts per sync (500 posts), and of comments per post (1,000)
DEFAULT_WAIT = timedelta(hours=1)
MAX_WAIT = timedelta(days=1)

EXPIRED_CODES = {102, 190}
PERMISSION_CODES = {10} | set(range(200, 300))
THROTTLE_CODES = {4, 17, 32, 613} | set(range(80001, 80015))  # platform, then business use case
NOT_FOUND_CODES = {803}  # "Some of the aliases you requested do not exist"
PERMISSION_NAME = re.compile(
    r"\b(pages_[a-z_]+|instagram_[a-z_]+|business_management|read_insights|ads_read)\b")

FB_POST_FIELDS = "id,message,created_time,permalink_url,updated_time"
FB_COMMENT_FIELDS = "id,message,created_time,from,like_count,parent{id},permalink_url"
IG_MEDIA_FIELDS = "id,caption,timestamp,permalink,media_type"
IG_REPLY_FIELDS = "id,text,timestamp,username,like_count,from"
IG_COMMENT_FIELDS = f"{IG_REPLY_FIELDS},replies{{{IG_REPLY_FIELDS}}}"
IG_ACCOUNT_FIELDS = "instagram_business_account{id,username,name}"

# facebook.com/<first segment> that are not Pages.
NOT_PAGES = {"groups", "events", "watch", "share", "story.php", "permalink.php", "photo.php",
             "photo", "reel", "login", "marketplace", "hashtag", "search"}
_FB_PAGE = re.compile(r"^[\w.\-]+$")
_IG_USER = re.compile(r"^[A-Za-z0-9._]{1,30}$")
_NUMERIC = re.compile(r"^\d{5,25}$")


def graph_version() -> str:
    version = (os.environ.get("ATTACHE_GRAPH_VERSION") or GRAPH_VERSION).strip()
    if not re.fullmatch(r"v\d+\.\d+", version):
        raise SourceError(f"ATTACHE_GRAPH_VERSION must look like {GRAPH_VERSION}, "
                          f"not {version!r}")
    return version


class GraphError(CodedError):
    """A refusal Graph explained with an error code."""


class MaybeDelivered(SourceError):
    """A write whose answer was lost: Graph may have acted on it."""


class GraphClient:
    """GETs against Graph with one token; turns Graph's error bodies into plain messages."""

    def __init__(self, fetcher: Fetcher, token: str, *, platform: str, secret_name: str) -> None:
        self.fetcher = fetcher
        self._token = token
        self.platform = platform  # "Facebook" or "Instagram", for messages
        self.secret_name = secret_name  # what the officer stores a new token under
        self.base = base_url("graph")
        self.version = graph_version()
        self.truncated = False  # the last ``pages()`` stopped at max_pages with more to read

    def url(self, path: str, params: dict[str, Any] | None = None) -> str:
        full = f"{self.base}/{self.version}/{path.lstrip('/')}"
        return f"{full}?{urlencode(params)}" if params else full

    def get(self, path: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        return self._get_url(self.url(path, params))

    def pages(self, path: str, params: dict[str, Any],
              max_pages: int = MAX_PAGES) -> Iterator[list[dict[str, Any]]]:
        """Each page's ``data``, following ``paging.next`` up to ``max_pages`` pages."""
        url: str | None = self.url(path, params)
        self.truncated = False
        for _ in range(max_pages):
            if url is None:
                return
            payload = self._get_url(url)
            data = payload.get("data")
            url = self.next_url(payload.get("paging"))
            yield [d for d in data if isinstance(d, dict)] if isinstance(data, list) else []
        self.truncated = url is not None

    def next_url(self, paging: Any) -> str | None:
        """``paging.next`` re-based onto our Graph host, without any access_token in it.

        Graph writes absolute links to graph.facebook.com; following only their path and query
        keeps the Bearer token on the host we were configured for (a proxy, a test server), and
        a token Graph may have copied into the link never reaches a URL we request.
        """
        if not isinstance(paging, dict) or not isinstance(paging.get("next"), str):
            return None
        parts = urlsplit(paging["next"])
        query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                 if k != "access_token"]
        path = parts.path if parts.path.startswith("/") else "/" + parts.path
        return f"{self.base}{path}" + (f"?{urlencode(query)}" if query else "")

    def post(self, path: str, data: dict[str, str],
             files: dict[str, tuple[str, bytes, str]] | None = None) -> dict[str, Any]:
        """A write (core/publish): Graph's refusals as for reading; a failure after which
        Graph may still have acted (a lost answer, a 5xx) is ``MaybeDelivered``."""
        headers = {"Accept": "application/json", "Authorization": f"Bearer {self._token}"}
        result = self.fetcher.send("POST", self.url(path), headers=headers, data=data,
                                   files=files)
        if result.status is None:
            message = self._scrub(f"{self.platform}: {result.error}")
            raise MaybeDelivered(message) if result.maybe_delivered else SourceError(message)
        payload = _decode(result.body)
        if isinstance(payload, dict) and isinstance(payload.get("error"), dict):
            raise self._error(payload["error"], result)
        if result.status == 429:
            raise self._rate_limited(result, None)
        if result.status >= 500 or (result.ok and not isinstance(payload, dict)):
            raise MaybeDelivered(f"{self.platform} failed while publishing (HTTP "
                                 f"{result.status})")
        if not result.ok:
            raise SourceError(self._scrub(
                f"{self.platform} refused the request: {result.error or result.status}"))
        return payload

    # ------------------------------------------------------------------ one request
    def _get_url(self, url: str) -> dict[str, Any]:
        headers = {"Accept": "application/json", "Authorization": f"Bearer {self._token}"}
        result = self.fetcher.fetch(url, headers=headers)
        if result.status is None:  # no answer at all: offline, DNS, TLS, proxy
            raise SourceError(self._scrub(f"{self.platform}: {result.error}"))
        payload = _decode(result.body)
        if isinstance(payload, dict) and isinstance(payload.get("error"), dict):
            raise self._error(payload["error"], result)
        if result.status == 429:
            raise self._rate_limited(result, None)
        if result.status in (404, 410):
            raise Gone(f"{self.platform} says this does not exist (HTTP {result.status})")
        if not result.ok:
            raise SourceError(self._scrub(
                f"{self.platform} refused the request: {result.error or result.status}"))
        if not isinstance(payload, dict):
            raise SourceError(f"{self.platform} sent a malformed response (not JSON)")
        return payload

    def _error(self, error: dict[str, Any], result: FetchResult) -> SourceError:
        code = error.get("code")
        code = code if isinstance(code, int) else None
        subcode = error.get("error_subcode")
        message = self._scrub(str(error.get("message") or "").strip())
        log.info("%s error code %s/%s (HTTP %s)", self.platform, code, subcode, result.status)
        if code in THROTTLE_CODES:
            return self._rate_limited(result, message)
        if code in EXPIRED_CODES:
            kind = "Page access token" if self.platform == "Facebook" else "access token"
            return GraphError(
                f"the {self.platform} token has expired or was revoked; create a new {kind} "
                f"and run `attache secrets set {self.secret_name}`", code)
        if code in PERMISSION_CODES:
            names = sorted(set(PERMISSION_NAME.findall(message)))
            plural = "s" if len(names) > 1 else ""
            missing = (f"the {' and '.join(names)} permission{plural}" if names
                       else "a permission this request needs")
            return GraphError(
                f"the {self.platform} token lacks {missing}; create a token that has it and "
                f"run `attache secrets set {self.secret_name}` (Graph said: {message})", code)
        if code in NOT_FOUND_CODES:
            return Gone(f"{self.platform} has no account by that name ({message})")
        if code == 100 and subcode == 33:
            return GraphError(f"{self.platform} cannot find it, or this token may not see it "
                              f"({message})", code)
        if code in (1, 2) or error.get("is_transient"):
            return GraphError(f"{self.platform} had a temporary problem; try again later "
                              f"({message})", code)
        return GraphError(f"{self.platform} refused the request: {message or 'no reason given'}"
                          f" (code {code})", code)

    def _rate_limited(self, result: FetchResult, message: str | None) -> RateLimited:
        now = datetime.now(UTC)
        until = _regain_access(result.headers, now) or result.retry_after or now + DEFAULT_WAIT
        until = min(until, now + MAX_WAIT)
        detail = f" ({message})" if message else ""
        return RateLimited(f"{self.platform} is rate-limiting us{detail}; waiting until "
                           f"{until.isoformat(timespec='seconds')}", until)

    def _scrub(self, text: str) -> str:
        return text.replace(self._token, "[token]") if self._token else text


def _decode(body: bytes | None) -> Any:
    if not body:
        return None
    try:
        return json.loads(body)
    except ValueError:
        return None


def _regain_access(headers: dict[str, str], now: datetime) -> datetime | None:
    """Business use case throttling says how many minutes until calls work again."""
    minutes = 0
    for name in ("x-business-use-case-usage", "x-ad-account-usage"):
        try:
            usage = json.loads(headers.get(name) or "null")
        except ValueError:
            continue
        entries = usage.values() if isinstance(usage, dict) else []
        for entry in entries:
            for item in entry if isinstance(entry, list) else [entry]:
                if isinstance(item, dict):
                    wait = item.get("estimated_time_to_regain_access")
                    if isinstance(wait, int | float) and wait > minutes:
                        minutes = wait
    if minutes:
        return now + timedelta(minutes=minutes)
    retry = headers.get("retry-after")
    if retry and retry.strip().isdigit():
        return now + timedelta(seconds=int(retry.strip()))
    return None




def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _likes(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None



def _finish(result: SyncResult, request: SyncRequest, last: datetime | None, state_key: str,
            comments: Callable[[str], list[SocialReply]]) -> SyncResult:
    """Move the incremental cursor to the newest post seen; read comments for own accounts."""
    newest = max((e.published for e in result.entries if e.published), default=None)
    if newest is not None and (last is None or newest > last):
        result.state[state_key] = newest.isoformat()
    if request.own:
        for post_id in reply_targets(request, result.entries):
            result.replies.extend(comments(post_id))
    return result


# ---------------------------------------------------------------------------- Facebook

def facebook_page(text: str) -> str:
    """The Page's username or id from what the officer typed, as typed (no URL parts)."""
    given = text.strip()
    if _NUMERIC.match(given):
        return given
    candidate = given if "://" in given else "https://" + given.lstrip("/")
    parts = urlsplit(candidate)
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    if host not in ("facebook.com", "fb.com", "web.facebook.com", "business.facebook.com"):
        if _FB_PAGE.match(given) and "." not in given:
            return given
        raise SourceError(f"not a Facebook Page address: {given!r} "
                          "(expected https://www.facebook.com/<page> or a numeric Page id)")
    segments = [s for s in parts.path.split("/") if s]
    query = dict(parse_qsl(parts.query))
    if segments[:1] == ["profile.php"] and _NUMERIC.match(query.get("id", "")):
        return query["id"]
    if segments[:1] == ["pages"]:  # /pages/<Name>/<id>
        numeric = [s for s in segments if _NUMERIC.match(s)]
        if numeric:
            return numeric[-1]
    if not segments or segments[0].lower() in NOT_PAGES or not _FB_PAGE.match(segments[0]):
        raise SourceError(f"not a Facebook Page address: {given!r} "
                          "(expected https://www.facebook.com/<page>)")
    return segments[0]


def facebook_secret_names(page: str, account_id: str | None = None) -> list[str]:
    """Keyring names to try; Facebook ignores the case of Page names, the keyring does not."""
    names = [f"facebook:{page}", f"facebook:{page.lower()}"]
    if account_id:
        names.append(f"facebook:{account_id}")
    return [*dict.fromkeys(names), "facebook"]


class FacebookAdapter:
    """A Facebook Page's posts and, for the embassy's own Pages, the comments on them."""

    kind = "facebook"

    def _client(self, fetcher: Fetcher, page: str, account_id: str | None = None) -> GraphClient:
        token = secrets.get_secret(*facebook_secret_names(page, account_id))
        if not token:
            raise SourceError(
                f"reading the Facebook Page {page} needs a Page access token: create one in "
                "Meta Business Suite (or the Graph API Explorer) as someone who can moderate "
                "the Page, with pages_read_engagement and pages_read_user_content, then run "
                f"`attache secrets set facebook:{page}`")
        return GraphClient(fetcher, token, platform="Facebook", secret_name=f"facebook:{page}")

    def resolve(self, fetcher: Fetcher, text: str) -> Account:
        page = facebook_page(text)
        client = self._client(fetcher, page)
        found = client.get(quote(page, safe=".-_"), {"fields": "id,name,link"})
        account_id = str(found.get("id") or "") or None
        if account_id is None:
            raise SourceError(f"Facebook did not say which Page {page} is")
        return Account(kind=self.kind, url=f"https://www.facebook.com/{page}",
                       title=_text(found.get("name")) or None, account_id=account_id)

    def sync(self, fetcher: Fetcher, request: SyncRequest) -> SyncResult:
        page = facebook_page(request.url)
        target = request.account_id or page
        client = self._client(fetcher, page, request.account_id)
        params: dict[str, Any] = {"fields": FB_POST_FIELDS, "limit": 50}
        last = parse_time(request.state.get("last_created"))
        if last is not None:
            params["since"] = int(last.timestamp())
        result = SyncResult(state=dict(request.state))
        for data in client.pages(f"{target}/posts", params):
            result.entries.extend(self._entry(post) for post in data if post.get("id"))
        if client.truncated:
            result.warning = (f"only the latest {MAX_PAGES * 50} posts were read; older ones "
                              "are not in Attaché")
        return _finish(result, request, last, "last_created",
                       lambda post_id: self._comments(client, post_id, request.account_id))

    @staticmethod
    def _entry(post: dict[str, Any]) -> ParsedEntry:
        text = _text(post.get("message"))
        raw = _text(post.get("created_time")) or None
        return ParsedEntry(
            guid=str(post["id"]), url=_text(post.get("permalink_url")) or None,
            title=post_title(text, "Facebook post"), author=None, published=parse_time(raw),
            published_raw=raw, content_html=text_to_html(text), content_text=text)

    @staticmethod
    def _comments(client: GraphClient, post_id: str,
                  page_id: str | None = None) -> Iterator[SocialReply]:
        """The comments on one post; the Page answering as itself (``from.id`` is the Page's
        id) is the embassy's own."""
        params = {"fields": FB_COMMENT_FIELDS, "filter": "stream", "limit": 100}
        for data in client.pages(f"{post_id}/comments", params):
            for comment in data:
                if not comment.get("id"):
                    continue
                text = _text(comment.get("message"))
                parent = comment.get("parent")
                parent_id = str(parent["id"]) if isinstance(parent, dict) and parent.get(
                    "id") else None
                author = comment.get("from")  # absent when the commenter's privacy hides it
                name = (_text(author.get("name")) or None) if isinstance(author, dict) else None
                author_id = str(author.get("id") or "") if isinstance(author, dict) else ""
                yield SocialReply(
                    platform_id=str(comment["id"]), post_platform_id=post_id,
                    parent_platform_id=None if parent_id == post_id else parent_id,
                    author_handle=name, author_name=name, html=text_to_html(text), text=text,
                    published=parse_time(comment.get("created_time")),
                    likes=_likes(comment.get("like_count")),
                    url=_text(comment.get("permalink_url")) or None,
                    own=bool(page_id) and author_id == page_id)


# ---------------------------------------------------------------------------- Instagram

def instagram_user(text: str) -> str:
    """The username (lower case) or numeric IG user id from what the officer typed."""
    given = text.strip()
    if _NUMERIC.match(given):
        return given
    if "/" not in given and _IG_USER.match(given.lstrip("@")):
        return given.lstrip("@").lower()
    candidate = given if "://" in given else "https://" + given.lstrip("/")
    parts = urlsplit(candidate)
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    segments = [s for s in parts.path.split("/") if s]
    if host != "instagram.com" or not segments or not _IG_USER.match(segments[0]) or (
            segments[0] in ("p", "reel", "reels", "explore", "stories", "accounts")):
        raise SourceError(f"not an Instagram account address: {given!r} "
                          "(expected https://www.instagram.com/<user> or an IG user id)")
    return segments[0].lower()


class InstagramAdapter:
    """An Instagram professional account's media and, for own accounts, their comments."""

    kind = "instagram"

    def _client(self, fetcher: Fetcher, user: str, account_id: str | None = None) -> GraphClient:
        names = [f"instagram:{user}"]
        if account_id and account_id != user:
            names.append(f"instagram:{account_id}")
        token = secrets.get_secret(*names, "instagram")
        if not token:
            raise SourceError(
                f"reading the Instagram account {user} needs an access token of the Facebook "
                "Page it is linked to (instagram_basic, instagram_manage_comments, "
                "pages_read_engagement), from Meta Business Suite or the Graph API Explorer; "
                f"then run `attache secrets set instagram:{user}`")
        return GraphClient(fetcher, token, platform="Instagram",
                           secret_name=f"instagram:{user}")

    def resolve(self, fetcher: Fetcher, text: str) -> Account:
        user = instagram_user(text)
        client = self._client(fetcher, user)
        if _NUMERIC.match(user):
            found = client.get(user, {"fields": "id,username,name"})
        else:
            found = self._find_by_username(client, user)
        username = _text(found.get("username")) or user
        account_id = str(found.get("id") or "") or None
        return Account(kind=self.kind, url=f"https://www.instagram.com/{username.lower()}",
                       title=_text(found.get("name")) or username, account_id=account_id)

    @staticmethod
    def _find_by_username(client: GraphClient, user: str) -> dict[str, Any]:
        linked: list[dict[str, Any]] = []
        try:
            for data in client.pages("me/accounts", {"fields": IG_ACCOUNT_FIELDS}):
                linked.extend(p["instagram_business_account"] for p in data
                              if isinstance(p.get("instagram_business_account"), dict))
        except GraphError as exc:
            if exc.code != 100:  # 100: a Page token; "me" is the Page, it has no accounts
                raise
            page = client.get("me", {"fields": IG_ACCOUNT_FIELDS})
            if isinstance(page.get("instagram_business_account"), dict):
                linked.append(page["instagram_business_account"])
        for account in linked:
            if _text(account.get("username")).lower() == user and account.get("id"):
                return account
        seen = ", ".join(f"@{a.get('username')}" for a in linked if a.get("username"))
        raise SourceError(
            f"the token cannot reach an Instagram account @{user}: it must be a professional "
            "(business or creator) account linked to a Facebook Page this token can access"
            + (f" (it can see {seen})" if seen else " (it can see none)"))

    def sync(self, fetcher: Fetcher, request: SyncRequest) -> SyncResult:
        user = instagram_user(request.url)
        target = request.account_id or user
        client = self._client(fetcher, user, request.account_id)
        last = parse_time(request.state.get("last_timestamp"))
        result = SyncResult(state=dict(request.state))
        params = {"fields": IG_MEDIA_FIELDS, "limit": 50}
        for data in client.pages(f"{target}/media", params):
            entries = [self._entry(media) for media in data if media.get("id")]
            result.entries.extend(entries)
            # Newest first: once a page reaches what we already have, older pages are known.
            if last is not None and any(e.published and e.published <= last for e in entries):
                break
        me = {user.lower(), (request.account_id or "").lower()} - {""}
        return _finish(result, request, last, "last_timestamp",
                       lambda media_id: self._comments(client, media_id, me))

    @staticmethod
    def _entry(media: dict[str, Any]) -> ParsedEntry:
        text = _text(media.get("caption"))
        raw = _text(media.get("timestamp")) or None
        kind = {"IMAGE": "photo", "VIDEO": "video", "CAROUSEL_ALBUM": "album"}.get(
            _text(media.get("media_type")), "post")
        return ParsedEntry(
            guid=str(media["id"]), url=_text(media.get("permalink")) or None,
            title=post_title(text, f"Instagram {kind}"), author=None, published=parse_time(raw),
            published_raw=raw, content_html=text_to_html(text), content_text=text)

    def _comments(self, client: GraphClient, media_id: str,
                  me: Collection[str] = ()) -> Iterator[SocialReply]:
        """Comments and their replies; ``me``: the account's username and IG user id."""
        for data in client.pages(f"{media_id}/comments", {"fields": IG_COMMENT_FIELDS,
                                                          "limit": 50}):
            for comment in data:
                if not comment.get("id"):
                    continue
                comment_id = str(comment["id"])
                yield self._reply(comment, media_id, None, me)
                replies = comment.get("replies") if isinstance(comment.get("replies"),
                                                                dict) else {}
                inline = [r for r in replies.get("data") or [] if isinstance(r, dict)]
                if client.next_url(replies.get("paging")):  # more than fit inline: ask for all
                    inline = [r for page in client.pages(
                        f"{comment_id}/replies", {"fields": IG_REPLY_FIELDS, "limit": 50})
                        for r in page]
                for reply in inline:
                    if reply.get("id"):
                        yield self._reply(reply, media_id, comment_id, me)

    @staticmethod
    def _reply(comment: dict[str, Any], media_id: str, parent_id: str | None,
               me: Collection[str] = ()) -> SocialReply:
        """One comment; written by the account itself (its username, or ``from`` naming its
        username or id) it is the embassy's own."""
        text = _text(comment.get("text"))
        username = _text(comment.get("username")) or None
        author = comment.get("from") if isinstance(comment.get("from"), dict) else {}
        said = {(username or "").lower(), _text(author.get("username")).lower(),
                str(author.get("id") or "")} - {""}
        return SocialReply(
            platform_id=str(comment["id"]), post_platform_id=media_id,
            parent_platform_id=parent_id, author_handle=username, author_name=None,
            html=text_to_html(text), text=text, published=parse_time(comment.get("timestamp")),
            likes=_likes(comment.get("like_count")), url=None, own=any(name in me for name in said))
