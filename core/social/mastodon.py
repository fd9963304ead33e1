"""Mastodon accounts through the instance's public REST API: posts, and replies to our own.

Public statuses and their conversations are readable without a token on most instances; a
token stored as ``mastodon:<instance host>`` is sent when present (instances that switched on
``DISALLOW_UNAUTHENTICATED_API_ACCESS`` need one, and it raises the rate limit). The token is
only ever sent to the instance it was stored for, never to a host a ``Link`` header names.

Endpoints (mastodon/documentation ``methods/accounts.md``, ``methods/statuses.md``):
``/api/v1/accounts/lookup``, ``/api/v1/accounts/:id/statuses`` (newest first, paginated with
``Link: <...>; rel="next"``), ``/api/v1/statuses/:id/context``.
"""

from __future__ import annotations

import logging
import re
from html import escape
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from requests.utils import parse_header_links

from core.entries.entry import ParsedEntry
from core.entries.sanitize import html_to_text, sanitize_html, text_to_html
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
    get_json,
    parse_time,
    post_title,
    reply_targets,
)

log = logging.getLogger("attache.social.mastodon")

PAGE_SIZE = 40  # the API's maximum
FIRST_SYNC_PAGES = 5  # 200 statuses of history when an account is added
LATER_SYNC_PAGES = 10  # catching up after a long pause; older gaps are reported, not walked
MAX_CONTEXTS = 80  # conversation look-ups per sync: a third of the 5-minute unauthenticated limit
HIDDEN = ("private", "direct")  # followers-only and direct messages are not public posts

_HANDLE = re.compile(r"^@?(?P<user>[\w.]+)@(?P<host>[\w.-]+\.[a-z]{2,}|[\w.-]+:\d+)$",
                     re.IGNORECASE)
_PROFILE_PATH = re.compile(r"^/@(?P<acct>[\w.]+(?:@[\w.-]+)?)/?$")


class MastodonAdapter:
    kind = "mastodon"

    def resolve(self, fetcher: Fetcher, text: str) -> Account:
        """``@user@instance`` or ``https://instance/@user`` → the account, looked up by acct."""
        base, acct = _parse_profile(text)
        data = _lookup(fetcher, base, acct)
        canonical = _text(data.get("acct")) or acct
        return Account(
            kind=self.kind,
            url=f"{base}/@{canonical}",
            title=_text(data.get("display_name")) or canonical,
            account_id=_text(data.get("id")) or None,
        )

    def sync(self, fetcher: Fetcher, request: SyncRequest) -> SyncResult:
        base, acct = _parse_profile(request.url)
        headers = _auth_headers(base)
        account_id = request.account_id
        if not account_id:
            account_id = _text(_lookup(fetcher, base, acct, headers).get("id"))
            if not account_id:
                raise SourceError(f"{_host(base)} did not say which account @{acct} is")
        state = dict(request.state)
        since_id = _text(state.get("since_id")) or None
        statuses, warning = _list_statuses(fetcher, base, account_id, since_id, headers)

        result = SyncResult(state=state, warning=warning)
        newest = max((_text(s.get("id")) for s in statuses), key=_id_order, default=None)
        if newest and (since_id is None or _id_order(newest) > _id_order(since_id)):
            state["since_id"] = newest
        for status in statuses:
            account = status.get("account") if isinstance(status.get("account"), dict) else {}
            if result.title is None and _text(account.get("id")) == account_id:
                result.title = _text(account.get("display_name")) or _text(account.get("acct"))
            if _is_public_post(status) and _text(status.get("id")):
                result.entries.append(_entry(status, base))

        if request.own:
            posts = reply_targets(request, result.entries)
            result.replies, reply_warning = _collect_replies(fetcher, base, posts, headers,
                                                             account_id)
            result.warning = _join(result.warning, reply_warning)
        return result


# ---------------------------------------------------------------------------- requests

def _lookup(fetcher: Fetcher, base: str, acct: str,
            headers: dict[str, str] | None = None) -> dict[str, Any]:
    what = f"Mastodon ({_host(base)})"
    try:
        data, _ = get_json(fetcher, f"{base}/api/v1/accounts/lookup", {"acct": acct},
                           headers if headers is not None else _auth_headers(base), what=what)
    except Gone:
        raise Gone(f"{_host(base)} has no account @{acct}; check the spelling") from None
    if not isinstance(data, dict):
        raise SourceError(f"{what} sent something that is not an account")
    return data


def _list_statuses(fetcher: Fetcher, base: str, account_id: str, since_id: str | None,
                   headers: dict[str, str]) -> tuple[list[dict[str, Any]], str | None]:
    """Newest first, following ``rel="next"`` until the pages run out or the cap is reached."""
    what = f"Mastodon ({_host(base)})"
    # The account's answers in reply threads are replies (the inbox), not posts.
    params: dict[str, Any] = {"limit": PAGE_SIZE, "exclude_reblogs": "true",
                              "exclude_replies": "true"}
    if since_id:
        params["since_id"] = since_id
    url = f"{base}/api/v1/accounts/{account_id}/statuses"
    cap = LATER_SYNC_PAGES if since_id else FIRST_SYNC_PAGES
    statuses: list[dict[str, Any]] = []
    seen: set[str] = set()
    warning = None
    for page in range(cap):
        data, response = get_json(fetcher, url, params, headers, what=what)
        if not isinstance(data, list):
            raise SourceError(f"{what} sent something that is not a list of posts")
        fresh = [s for s in data if isinstance(s, dict) and _text(s.get("id")) not in seen]
        if since_id:  # an instance that ignores since_id must not bring back what we have
            fresh = [s for s in fresh if _id_order(_text(s.get("id"))) > _id_order(since_id)]
        seen.update(_text(s.get("id")) for s in fresh)
        statuses += fresh
        next_url = _next_link(response.headers.get("link", ""), base, since_id)
        if not fresh or next_url is None:
            break
        url, params = next_url, {}  # the next link carries every parameter
        if page == cap - 1 and since_id:  # on a first sync the cap is the history we want
            warning = (f"more than {cap * PAGE_SIZE} new posts on {_host(base)}; "
                       "older ones were not fetched")
    return statuses, warning


def _next_link(header: str, base: str, since_id: str | None) -> str | None:
    """The ``rel="next"`` URL, only on the same instance (the token must not travel).

    Mastodon drops ``since_id`` from its next links, so it is put back: otherwise an
    incremental sync would walk back through the whole history.
    """
    for link in parse_header_links(header) if header else []:
        if link.get("rel") != "next" or not link.get("url"):
            continue
        parts = urlsplit(link["url"])
        origin = urlsplit(base)
        if (parts.scheme, parts.netloc.lower()) != (origin.scheme, origin.netloc.lower()):
            log.warning("ignoring a next link to another host: %s", parts.netloc)
            return None
        query = dict(parse_qsl(parts.query))
        if since_id and "since_id" not in query and "min_id" not in query:
            query["since_id"] = since_id
        return urlunsplit(parts._replace(query=urlencode(query)))
    return None



def _collect_replies(fetcher: Fetcher, base: str, post_ids: list[str],
                     headers: dict[str, str],
                     own_account: str) -> tuple[list[SocialReply], str | None]:
    """The audience's replies to our posts, each knowing the post and the reply it answers.

    Our own continuation of a thread (a status of ours answering one of ours) is a post —
    the statuses listing includes it — never an audience reply; replies to it belong to it.
    Our answers to someone else's reply stay in the conversation, marked ``own``: shown in
    the thread, never counted as the audience's.
    """
    what = f"Mastodon ({_host(base)})"
    replies: list[SocialReply] = []
    seen: set[str] = set()
    gone: list[str] = []
    failed: list[str] = []
    for post_id in post_ids[:MAX_CONTEXTS]:
        try:
            data, _ = get_json(fetcher, f"{base}/api/v1/statuses/{post_id}/context",
                               headers=headers, what=what)
        except RateLimited:
            raise  # the refresher backs off; state is not advanced, nothing is lost
        except Gone:  # deleted between the listing and now
            gone.append(post_id)
            continue
        except SourceError as exc:
            log.warning("replies to %s not read: %s", post_id, exc)
            failed.append(post_id)
            continue
        descendants = data.get("descendants") if isinstance(data, dict) else None
        if not isinstance(descendants, list):
            failed.append(post_id)
            continue
        own_posts = {post_id}
        answered: dict[str, str] = {}  # reply id → the post of ours it belongs to
        # Mastodon lists descendants depth first, so a parent comes before its replies.
        for status in descendants:
            reply_id = _text(status.get("id")) if isinstance(status, dict) else ""
            if not reply_id:
                continue
            parent = _text(status.get("in_reply_to_id"))
            account = status.get("account") if isinstance(status.get("account"), dict) else {}
            mine = bool(own_account) and _text(account.get("id")) == own_account
            if mine and parent in own_posts:
                own_posts.add(reply_id)
                continue
            post = parent if parent in own_posts else answered.get(parent, post_id)
            answered[reply_id] = post
            # In a self-thread a reply is a descendant of several of our posts: keep it once.
            if reply_id not in seen and _is_public_post(status):
                seen.add(reply_id)
                replies.append(_reply(status, post, base, own=mine))
    notes = []
    if gone:
        notes.append(f"{len(gone)} post(s) were deleted before their replies could be read")
    if failed:
        notes.append(f"replies to {len(failed)} post(s) could not be read")
    if len(post_ids) > MAX_CONTEXTS:
        notes.append(f"replies read for the newest {MAX_CONTEXTS} of {len(post_ids)} posts")
    return replies, "; ".join(notes) or None


# ---------------------------------------------------------------------------- mapping

def _entry(status: dict[str, Any], base: str) -> ParsedEntry:
    html, text = _content(status, base)
    account = status.get("account") if isinstance(status.get("account"), dict) else {}
    raw_date = _text(status.get("created_at")) or None
    return ParsedEntry(
        guid=_text(status["id"]),
        url=_text(status.get("url")) or _text(status.get("uri")) or None,
        title=post_title(text),
        author=_text(account.get("display_name")) or _text(account.get("acct")) or None,
        published=parse_time(raw_date),
        published_raw=raw_date,
        content_html=html,
        content_text=text,
    )


def _reply(status: dict[str, Any], post_id: str, base: str, *, own: bool = False) -> SocialReply:
    html, text = _content(status, base)
    account = status.get("account") if isinstance(status.get("account"), dict) else {}
    parent = _text(status.get("in_reply_to_id")) or None
    likes = status.get("favourites_count")
    return SocialReply(
        platform_id=_text(status["id"]),
        post_platform_id=post_id,
        parent_platform_id=None if parent == post_id else parent,
        author_handle=_text(account.get("acct")) or None,
        author_name=_text(account.get("display_name")) or None,
        html=html,
        text=text,
        published=parse_time(_text(status.get("created_at")) or None),
        likes=likes if isinstance(likes, int) and not isinstance(likes, bool) else None,
        url=_text(status.get("url")) or _text(status.get("uri")) or None,
        own=own,
    )


def _content(status: dict[str, Any], base: str) -> tuple[str, str]:
    """Sanitized HTML and its text; a content warning leads, attachments follow as links,
    and a quoted post (Mastodon 4.4+ ``quote``) follows as a block quote."""
    html = _status_html(status, base)
    quoted = _quoted_status(status)
    if quoted is not None:
        account = quoted.get("account") if isinstance(quoted.get("account"), dict) else {}
        who = _text(account.get("display_name")) or _text(account.get("acct")) or "a post"
        link = _text(quoted.get("url")) or _text(quoted.get("uri"))
        label = escape(who, quote=False)
        heading = f'<a href="{escape(link)}">{label}</a>' if link else label
        html += sanitize_html(f"<blockquote><p>{heading}:</p>{_status_html(quoted, base)}"
                              "</blockquote>")
    return html, html_to_text(html)


def _status_html(status: dict[str, Any], base: str) -> str:
    page = _text(status.get("url")) or base
    html = sanitize_html(_text(status.get("content")), base_url=page)
    warning = _text(status.get("spoiler_text")).strip()
    if warning:
        html = text_to_html(f"CW: {warning}") + html
    media = status.get("media_attachments")
    for attachment in media if isinstance(media, list) else []:
        if isinstance(attachment, dict) and _text(attachment.get("url")):
            label = _text(attachment.get("description")) or _text(attachment.get("type"))
            html += sanitize_html(f'<p><a href="{escape(attachment["url"])}">'
                                  f"{escape(label or 'attachment')}</a></p>")
    return html


def _quoted_status(status: dict[str, Any]) -> dict[str, Any] | None:
    """The post ``status`` quotes, when the instance sent it whole.

    Mastodon's ``quote`` is a Quote (``state`` and ``quoted_status``, which is null until
    the quoted author accepted) or a ShallowQuote (only ``quoted_status_id``: nothing to
    show); some forks put the quoted Status itself there.
    """
    quote = status.get("quote")
    if not isinstance(quote, dict):
        return None
    quoted = quote.get("quoted_status") if "state" in quote else quote
    if isinstance(quoted, dict) and isinstance(quoted.get("content"), str):
        return quoted
    return None


def _is_public_post(status: dict[str, Any]) -> bool:
    return status.get("visibility") not in HIDDEN and not status.get("reblog")


# ---------------------------------------------------------------------------- helpers

def _parse_profile(text: str) -> tuple[str, str]:
    """(scheme://host, acct) from ``@user@host`` or a profile URL."""
    text = text.strip()
    if "://" in text:
        parts = urlsplit(text)
        match = _PROFILE_PATH.match(parts.path)
        if parts.scheme not in ("http", "https") or not parts.netloc or not match:
            raise SourceError(f"{text!r} is not a Mastodon profile (https://instance/@user)")
        return f"{parts.scheme}://{parts.netloc.lower()}", match.group("acct")
    match = _HANDLE.match(text)
    if not match:
        raise SourceError(f"{text!r} is not a Mastodon handle (@user@instance)")
    return f"https://{match.group('host').lower()}", match.group("user")


def _auth_headers(base: str) -> dict[str, str]:
    token = get_secret(*secret_names(base))
    return {"Authorization": f"Bearer {token}"} if token else {}


def secret_names(base: str) -> tuple[str, ...]:
    """Where the instance's token is kept: ``mastodon:<host>`` (or with its port)."""
    parts = urlsplit(base)
    return tuple(dict.fromkeys((f"mastodon:{parts.hostname}", f"mastodon:{parts.netloc}")))


def parse_profile(text: str) -> tuple[str, str]:
    """(scheme://host, acct) of an account's handle or profile URL."""
    return _parse_profile(text)


def _host(base: str) -> str:
    return urlsplit(base).netloc


def _id_order(value: str) -> tuple[int, str]:
    """Status ids are numeric strings (snowflakes) that outgrow int64 in some forks."""
    return len(value), value


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return ""


def _join(*notes: str | None) -> str | None:
    return "; ".join(n for n in notes if n) or None


