"""Telegram public channels, read from their web preview at ``t.me/s/<channel>``.

Why the preview: it needs no account, no API id and no phone number, and it is what RSSHub and
snscrape read too. It only exists for public channels; a private channel (or one whose owner
turned the preview off) redirects to the ``t.me/<channel>`` contact card, which we report as
such rather than as an empty channel.

What is read: each message's text (HTML, sanitized, links kept), date, permalink and a photo if
it has one. Views ("1.2K") are parsed and kept in ``SyncResult.state["views"]`` (guid → count)
for the messages on the pages read in this sync only, so the state stays small; they are not
part of the item, whose content hash would otherwise change with every view. The first sync
pages back with ``?before=<smallest id>`` up to ``FIRST_SYNC_PAGES``; later syncs read from the
newest page back to ``state["last_id"]`` and return only newer messages.

Not read: comments. A channel's comments live in its linked discussion group and reading
them needs the MTProto API (``messages.getReplies``) with a user's credentials, which is out of
scope; so ``replies`` is always empty and no warning is raised for it. Edits to messages older
than ``last_id`` are not picked up either.

The page is parsed with the standard library's ``html.parser``: the structure is simple and
stable, and no new dependency is needed for it.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html import escape
from html.parser import HTMLParser
from urllib.parse import urlsplit

from core.feeds.fetch import Fetcher
from core.feeds.parse import ParsedEntry
from core.feeds.sanitize import html_to_text, sanitize_html
from core.social.base import (
    Account,
    Gone,
    RateLimited,
    SourceError,
    SyncRequest,
    SyncResult,
    parse_time,
    post_title,
)

log = logging.getLogger("attache.social.telegram")

TME = "https://t.me"
TME_HOSTS = frozenset({"t.me", "www.t.me", "telegram.me", "www.telegram.me"})
CHANNEL = re.compile(r"^[A-Za-z][A-Za-z0-9_]{3,31}$")
NOT_CHANNELS = frozenset({"s", "c", "joinchat", "addstickers", "addemoji", "share", "proxy",
                          "socks", "login", "iv", "setlanguage", "bg", "addtheme", "boost"})
FIRST_SYNC_PAGES = 5  # about 20 messages a page: the first sync brings roughly the last 100
MAX_PAGES = 10  # later syncs: how far back to look for messages posted since the last one
NO_PREVIEW = ("this channel has no public preview; Attaché can only read public channels "
              "(t.me/s/{channel} shows nothing for it)")

_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "source", "track", "wbr"})
_BACKGROUND = re.compile(r"background-image\s*:\s*url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
_VIEWS = re.compile(r"^([\d.,]+)\s*([KMB]?)$", re.IGNORECASE)


@dataclass
class PreviewMessage:
    channel: str
    message_id: int
    text_html: str = ""
    published_raw: str | None = None
    views: int | None = None
    photo: str | None = None
    media: str | None = None  # "Photo", "Video", "File", …: names a message without text


@dataclass
class PreviewPage:
    title: str | None = None
    username: str | None = None
    has_channel_info: bool = False
    messages: list[PreviewMessage] = field(default_factory=list)

    @property
    def is_preview(self) -> bool:
        return self.has_channel_info or bool(self.messages)


class _PreviewParser(HTMLParser):
    """Collects the channel header and each ``div.tgme_widget_message`` of a preview page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = PreviewPage()
        self._stack: list[tuple[str, str | None]] = []  # open elements and the role they play
        self._message: PreviewMessage | None = None
        self._text: list[str] | None = None  # the message text's inner HTML, rebuilt
        self._views: list[str] | None = None
        self._title: list[str] | None = None
        self._in_reply = 0

    # The text's inner HTML is rebuilt from tokens: start tags verbatim, data re-escaped
    # (convert_charrefs decoded it), and sanitized afterwards like any feed fragment.
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._text is not None:
            self._text.append(self.get_starttag_text() or "")
        role = self._role(tag, {k: v or "" for k, v in attrs})
        if tag not in _VOID:
            self._stack.append((tag, role))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._text is not None:
            self._text.append(self.get_starttag_text() or "")
        else:
            self._role(tag, {k: v or "" for k, v in attrs})

    def handle_endtag(self, tag: str) -> None:
        if not any(open_tag == tag for open_tag, _ in self._stack):
            return  # a stray end tag: ignore rather than unwind everything
        while self._stack:
            open_tag, role = self._stack.pop()
            if role:
                self._close(role)
            elif self._text is not None:
                self._text.append(f"</{open_tag}>")
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(escape(data, quote=False))
        if self._views is not None:
            self._views.append(data)
        if self._title is not None:
            self._title.append(data)

    def _role(self, tag: str, attrs: dict[str, str]) -> str | None:
        classes = set(attrs.get("class", "").split())
        message = self._message
        if message is None:
            if tag == "div" and "tgme_widget_message" in classes and "/" in attrs.get(
                    "data-post", ""):
                channel, _, number = attrs["data-post"].rpartition("/")
                if number.isdigit() and channel:
                    self._message = PreviewMessage(channel, int(number))
                    return "message"
            elif "tgme_channel_info" in classes:
                self.page.has_channel_info = True
            elif "tgme_channel_info_header_title" in classes and self.page.title is None:
                self._title = []
                return "title"
            elif "tgme_channel_info_header_username" in classes:
                return "username"
            elif tag == "a" and any(role == "username" for _, role in self._stack):
                self._username(attrs)
            return None
        if self._text is not None:
            return None
        if "tgme_widget_message_reply" in classes:
            self._in_reply += 1
            return "reply"
        if self._in_reply:
            return None
        if tag == "div" and "tgme_widget_message_text" in classes and not message.text_html:
            self._text = []
            return "text"
        if "tgme_widget_message_views" in classes:
            self._views = []
            return "views"
        if tag == "time" and attrs.get("datetime") and message.published_raw is None:
            message.published_raw = attrs["datetime"]
        elif "tgme_widget_message_photo_wrap" in classes:
            match = _BACKGROUND.search(attrs.get("style", ""))
            message.photo = message.photo or (match.group(1) if match else None)
            message.media = message.media or "Photo"
        elif "tgme_widget_message_video_player" in classes or "tgme_widget_message_roundvideo" \
                in classes:
            message.media = message.media or "Video"
        elif "tgme_widget_message_document" in classes:
            message.media = message.media or "File"
        elif "tgme_widget_message_voice" in classes:
            message.media = message.media or "Voice message"
        elif "tgme_widget_message_poll" in classes:
            message.media = message.media or "Poll"
        elif "tgme_widget_message_sticker_wrap" in classes:
            message.media = message.media or "Sticker"
        return None

    def _username(self, attrs: dict[str, str]) -> None:
        href = attrs.get("href", "")
        name = href.rstrip("/").rsplit("/", 1)[-1]
        if CHANNEL.match(name) and self.page.username is None:
            self.page.username = name

    def _close(self, role: str) -> None:
        message = self._message
        if role == "message" and message is not None:
            self.page.messages.append(message)
            self._message = None
            self._text = self._views = None
            self._in_reply = 0
        elif role == "text" and message is not None and self._text is not None:
            message.text_html = "".join(self._text)
            self._text = None
        elif role == "views" and message is not None and self._views is not None:
            message.views = parse_views("".join(self._views))
            self._views = None
        elif role == "reply":
            self._in_reply = max(0, self._in_reply - 1)
        elif role == "title" and self._title is not None:
            self.page.title = " ".join("".join(self._title).split()) or None
            self._title = None


def parse_preview(page: str) -> PreviewPage:
    parser = _PreviewParser()
    parser.feed(page)
    parser.close()
    return parser.page


def parse_views(text: str) -> int | None:
    """ "845" → 845, "1.2K" → 1200, "1.05M" → 1050000."""
    match = _VIEWS.match(text.strip())
    if not match:
        return None
    number = match.group(1).replace(",", ".")
    try:
        value = float(number)
    except ValueError:
        return None
    scale = {"": 1, "K": 1_000, "M": 1_000_000, "B": 1_000_000_000}[match.group(2).upper()]
    return round(value * scale)


# ---------------------------------------------------------------------------- the adapter

class TelegramAdapter:
    kind = "telegram"

    def resolve(self, fetcher: Fetcher, text: str) -> Account:
        """``https://t.me/<channel>`` or ``https://t.me/s/<channel>``."""
        base, channel = parse_channel_url(text)
        page = _fetch_page(fetcher, base, channel, None)
        channel = _canonical_name(page, channel)
        return Account(kind=self.kind, url=f"{base}/{channel}", title=page.title,
                       account_id=channel)

    def sync(self, fetcher: Fetcher, request: SyncRequest) -> SyncResult:
        base, channel = parse_channel_url(request.url)
        channel = request.account_id or channel
        state = dict(request.state)
        last_id = state.get("last_id") if isinstance(state.get("last_id"), int) else None
        found: dict[int, PreviewMessage] = {}
        views: dict[str, int] = {}
        title = None
        before = None
        for _ in range(FIRST_SYNC_PAGES if last_id is None else MAX_PAGES):
            page = _fetch_page(fetcher, base, channel, before)
            title = title or page.title
            ids = [m.message_id for m in page.messages]
            for message in page.messages:
                if message.views is not None:
                    views[_guid(message)] = message.views
                if last_id is None or message.message_id > last_id:
                    found[message.message_id] = message
            if not ids or (before is not None and min(ids) >= before):
                break  # the channel's first message, or a server ignoring ?before=
            if last_id is not None and min(ids) <= last_id + 1:
                break  # reached what the last sync already had
            before = min(ids)
        entries = [_entry(found[i], base, title) for i in sorted(found)]
        if found:
            state["last_id"] = max([*found, last_id or 0])
        state["views"] = views
        return SyncResult(entries=entries, state=state, title=title)


def parse_channel_url(text: str) -> tuple[str, str]:
    """(base, channel) for ``https://t.me/<channel>``, ``t.me/s/<channel>`` and the same on
    another host (a mirror, or the loopback test server)."""
    text = text.strip()
    if "://" not in text and text.lower().startswith(tuple(h + "/" for h in TME_HOSTS)):
        text = "https://" + text
    parts = urlsplit(text)
    segments = [s for s in parts.path.split("/") if s]
    if segments and segments[0] == "s":
        segments = segments[1:]
    if parts.scheme not in ("http", "https") or not parts.netloc or not segments:
        raise SourceError(f"{text!r} is not a Telegram channel address; use "
                          "https://t.me/<channel>")
    name = segments[0]
    if name.startswith("+") or name.lower() in NOT_CHANNELS or not CHANNEL.match(name):
        raise SourceError(f"{text!r} is not a public Telegram channel address (invite links and "
                          "private chats cannot be read); use https://t.me/<channel>")
    host = (parts.hostname or "").lower()
    base = TME if host in TME_HOSTS else f"{parts.scheme}://{parts.netloc}"
    return base, name


def _fetch_page(fetcher: Fetcher, base: str, channel: str, before: int | None) -> PreviewPage:
    url = f"{base}/s/{channel}" + (f"?before={before}" if before is not None else "")
    fetched = fetcher.fetch(url)
    if fetched.status == 429:
        until = fetched.retry_after or datetime.now(UTC)
        raise RateLimited("Telegram is rate-limiting us; waiting until "
                          f"{until.isoformat(timespec='seconds')}", until)
    if fetched.status in (404, 410):
        raise Gone(f"Telegram says t.me/{channel} does not exist (HTTP {fetched.status})")
    if fetched.error or fetched.body is None:
        raise SourceError(f"Telegram channel preview: {fetched.error or 'empty answer'}")
    page = parse_preview(fetched.body.decode("utf-8", "replace"))
    if not page.is_preview:
        raise SourceError(NO_PREVIEW.format(channel=channel))
    return page


def _canonical_name(page: PreviewPage, typed: str) -> str:
    """The channel name as Telegram spells it (usernames are case-insensitive)."""
    for message in page.messages:
        if message.channel.lower() == typed.lower():
            return message.channel
    if page.username and page.username.lower() == typed.lower():
        return page.username
    return typed


def _guid(message: PreviewMessage) -> str:
    return f"{message.channel}/{message.message_id}"


def _entry(message: PreviewMessage, base: str, channel_title: str | None) -> ParsedEntry:
    url = f"{base}/{message.channel}/{message.message_id}"
    html = sanitize_html(message.text_html, url) if message.text_html else ""
    if message.photo:
        html += sanitize_html(f'<p><a href="{escape(url)}"><img src="{escape(message.photo)}" '
                              'alt=""></a></p>')
    text = html_to_text(html)  # the photo adds no text; sanitized once, above
    return ParsedEntry(
        guid=_guid(message),
        url=url,
        # Posts have no titles: the first line, else what the message carries ("Photo").
        title=post_title(text, message.media or f"Message {message.message_id}"),
        author=channel_title,
        published=parse_time(message.published_raw),
        published_raw=message.published_raw,
        content_html=html,
        content_text=text,
    )
