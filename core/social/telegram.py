"""Telegram public channels, read from their web preview at ``t.me/s/<channel>``, and the
comments on the embassy's own channel posts, read from Telegram's public Discussion Widget.

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

Comments (own channels only, posts of the last ``replies_days``): a channel's comments live in
its linked discussion group. Telegram renders them without login on the page its Discussion
Widget embeds (core.telegram.org/widgets/discussion), ``t.me/<channel>/<post>?embed=1&
discussion=1&comments_limit=N``: the newest N comments as the same ``tgme_widget_message``
blocks the preview uses (``data-post-id`` = the comment's id in the group), a header
("8 comments"), a "show more" marker ``js-messages_more[data-before]`` and a reply form carrying
the thread (``peer``, ``top_msg_id``, ``discussion_hash``). Older comments come, as in the
widget itself, from a POST of ``method=loadComments`` with ``before_id`` to the ``api_url`` the
page announces, which answers JSON with ``comments_html``. What this cannot see: private
channels, and discussion groups Telegram does not show on the web (it then asks to "open
Telegram"); reading those needs Telegram's own MTProto API with a user's credentials, which
Attaché does not use.

Politeness, as for the preview: one request at a time per sync, the refresher's per-host cap
across sources, a cap per sync (``MAX_DISCUSSION_REQUESTS``) and per post
(``MAX_COMMENT_PAGES``), HTTP 429 ends the sync with the time Telegram asks for. A post's
comments are re-read less often as it ages (``recheck_after``), and a channel without a
discussion group costs one request (its newest due post) per sync.

What the officer is told, kept in the state so it holds until a later read says otherwise:
a channel without comments ("no discussion group") is a plain state, not an error; a widget
page Attaché no longer understands (header promises comments, none could be read; blocks
without ids; a page with none of the known markers) is a warning on the source, never a crash
and never a silent zero.

The pages are parsed with the standard library's ``html.parser``: the structure is simple and
stable, and no new dependency is needed for it.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from html import escape
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

from core.entries.entry import ParsedEntry
from core.entries.sanitize import html_to_text, sanitize_html, text_to_html
from core.net.fetch import Fetcher, FetchResult
from core.social.base import (
    Account,
    Gone,
    RateLimited,
    SocialReply,
    SourceError,
    SyncRequest,
    SyncResult,
    aware,
    parse_time,
    post_title,
    reply_targets,
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

COMMENTS_PAGE = 50  # comments_limit: the widget's own form takes at most two digits
MAX_COMMENT_PAGES = 10  # per post and sync: the widget page plus nine "show more" calls
MAX_DISCUSSION_REQUESTS = 40  # per sync, all posts; the rest wait for the next refresh
RECHECK_MAX = timedelta(days=1)  # an old post's comments are re-read at least daily
RECHECK_SHARE = 4  # …and a young one every quarter of its age (a 2-hour-old post: 30 min)
# Telegram words its pages after Accept-Language; the state markers below are its English.
WIDGET_HEADERS = {"Accept-Language": "en"}
MORE_HEADERS = {**WIDGET_HEADERS, "X-Requested-With": "XMLHttpRequest",
                "Accept": "application/json, text/javascript, */*; q=0.01"}
THREAD_FIELDS = ("peer", "top_msg_id", "discussion_hash")

NO_COMMENTS = ("this channel has no comments: Telegram shows no discussion group for its "
               "posts (comments need a discussion group linked in the channel's settings)")
HIDDEN_COMMENTS = ("this channel's comments are not shown on the web: Telegram asks to open "
                   "its app to read them (a private discussion group). Attaché reads only "
                   "public discussions; private groups need Telegram's own API, which it "
                   "does not use")
CHANGED_MARKUP = ("Telegram's comment page for post {post} looks different from what Attaché "
                  "understands, so comments may be missing (posts are still read); "
                  "an Attaché update is needed")

_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "source", "track", "wbr"})
_BACKGROUND = re.compile(r"background-image\s*:\s*url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
_VIEWS = re.compile(r"^([\d.,]+)\s*([KMB]?)$", re.IGNORECASE)
_COUNT = re.compile(r"(\d(?:[\d,.\u00a0\u202f ]*\d)?)\s*([KMB])?(?!\w)", re.IGNORECASE)
_API_URL = re.compile(r'"api_url"\s*:\s*("(?:[^"\\]|\\.)*")')
# Classes that hold a quoted message (a reply's target) or the widget's hidden copy of the
# message used to prefill a reply: their text is not the message's own.
_QUOTES = frozenset({"tgme_widget_message_reply", "tgme_widget_message_reply_template"})
_MEDIA = (("tgme_widget_message_video_player", "Video"),
          ("tgme_widget_message_roundvideo", "Video"),
          ("tgme_widget_message_document", "File"),
          ("tgme_widget_message_voice", "Voice message"),
          ("tgme_widget_message_poll", "Poll"),
          ("tgme_widget_message_sticker_wrap", "Sticker"),
          ("tgme_widget_message_location_wrap", "Location"))


@dataclass
class PreviewMessage:
    channel: str  # "" for a comment (its block names no channel)
    message_id: int
    text_html: str = ""
    published_raw: str | None = None
    views: int | None = None
    photo: str | None = None
    media: str | None = None  # "Photo", "Video", "File", …: names a message without text
    author_name: str | None = None  # comments: the commenter as Telegram shows them
    author_handle: str | None = None  # …and their public username, when they have one
    reply_to: int | None = None  # comments: the id of the comment this one answers
    reactions: int | None = None  # comments: all reactions added up

    @property
    def is_comment(self) -> bool:
        return not self.channel

    @property
    def is_blank(self) -> bool:
        """Nothing at all could be read from the block: a sign the markup changed."""
        return not (self.text_html or self.media or self.published_raw)


@dataclass
class PreviewPage:
    title: str | None = None
    username: str | None = None
    has_channel_info: bool = False
    messages: list[PreviewMessage] = field(default_factory=list)
    # The discussion widget's own parts.
    header: str | None = None  # "8 comments on this post"; "Comments on this post" when none
    has_history: bool = False  # the comment list container
    no_messages: str | None = None  # the text of its "nothing here" marker
    message_error: bool = False  # "Post not found"
    before: int | None = None  # the oldest comment shown; older ones need "show more"
    thread: dict[str, str] = field(default_factory=dict)  # the reply form's hidden fields
    unreadable: int = 0  # message blocks without an id

    @property
    def is_preview(self) -> bool:
        return self.has_channel_info or any(not m.is_comment for m in self.messages)

    @property
    def comments(self) -> list[PreviewMessage]:
        return [m for m in self.messages if m.is_comment]


class _PreviewParser(HTMLParser):
    """Collects the channel header, the discussion widget's parts and each
    ``div.tgme_widget_message`` of a preview, widget or "show more" page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = PreviewPage()
        self._stack: list[tuple[str, str | None]] = []  # open elements and the role they play
        self._message: PreviewMessage | None = None
        self._text: list[str] | None = None  # the message text's inner HTML, rebuilt
        self._capture: list[str] | None = None  # plain text of the element being read
        self._in_quote = 0
        self._in_reactions = False

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
        if self._capture is not None:
            self._capture.append(data)

    def _role(self, tag: str, attrs: dict[str, str]) -> str | None:
        classes = set(attrs.get("class", "").split())
        if self._message is None:
            return self._page_role(tag, attrs, classes)
        if self._text is not None:
            return None
        return self._message_role(tag, attrs, classes, self._message)

    def _page_role(self, tag: str, attrs: dict[str, str], classes: set[str]) -> str | None:
        page = self.page
        if tag == "div" and "tgme_widget_message" in classes:
            channel, _, number = attrs.get("data-post", "").rpartition("/")
            comment = attrs.get("data-post-id", "")
            if channel and number.isdigit():
                self._message = PreviewMessage(channel, int(number))
            elif comment.isdigit():
                self._message = PreviewMessage("", int(comment))
            else:
                page.unreadable += 1
                return None
            return "message"
        if "tgme_channel_info" in classes:
            page.has_channel_info = True
        elif "tgme_channel_info_header_title" in classes and page.title is None:
            return self._start_capture("title")
        elif "tgme_channel_info_header_username" in classes:
            return "username"
        elif tag == "a" and any(role == "username" for _, role in self._stack):
            self._username(attrs)
        elif "tgme_post_discussion_header" in classes and page.header is None:
            return self._start_capture("header")
        elif "tme_no_messages_found" in classes and page.no_messages is None:
            return self._start_capture("no_messages")
        elif "tgme_widget_message_error" in classes:
            page.message_error = True
        elif tag == "input" and attrs.get("name") in THREAD_FIELDS:
            page.thread.setdefault(attrs["name"], attrs.get("value", ""))
        if "js-message_history" in classes or "tgme_post_discussion" in classes:
            page.has_history = True
        if "js-messages_more" in classes and attrs.get("data-before", "").isdigit():
            before = int(attrs["data-before"])
            page.before = before if page.before is None else min(page.before, before)
        return None

    def _message_role(self, tag: str, attrs: dict[str, str], classes: set[str],
                      message: PreviewMessage) -> str | None:
        if classes & _QUOTES:
            self._in_quote += 1
            reply_to = attrs.get("data-reply-to", "")
            if reply_to.isdigit() and message.reply_to is None:
                message.reply_to = int(reply_to)
            return "quote"
        if self._in_quote:
            return None
        if tag == "div" and "tgme_widget_message_text" in classes and not message.text_html:
            self._text = []
            return "text"
        if "tgme_widget_message_views" in classes:
            return self._start_capture("views")
        if "tgme_widget_message_author_name" in classes and message.author_name is None:
            if tag == "a":
                message.author_handle = _username(attrs.get("href", ""))
            return self._start_capture("author")
        if "tgme_widget_message_reactions" in classes:
            self._in_reactions = True
            return "reactions"
        if self._in_reactions and "tgme_reaction" in classes:
            return self._start_capture("reaction")
        if tag == "time" and attrs.get("datetime") and message.published_raw is None:
            message.published_raw = attrs["datetime"]
        elif "tgme_widget_message_photo_wrap" in classes:
            match = _BACKGROUND.search(attrs.get("style", ""))
            message.photo = message.photo or (match.group(1) if match else None)
            message.media = message.media or "Photo"
        else:
            for css, label in _MEDIA:
                if css in classes:
                    message.media = message.media or label
                    break
        return None

    def _start_capture(self, role: str) -> str:
        self._capture = []
        return role

    def _username(self, attrs: dict[str, str]) -> None:
        name = _username(attrs.get("href", ""))
        if name and self.page.username is None:
            self.page.username = name

    def _close(self, role: str) -> None:
        message = self._message
        captured = " ".join("".join(self._capture or []).split())
        if role in ("title", "header", "no_messages", "views", "author", "reaction"):
            self._capture = None
        if role == "message" and message is not None:
            self.page.messages.append(message)
            self._message = None
            self._text = self._capture = None
            self._in_quote = 0
            self._in_reactions = False
        elif role == "text" and message is not None and self._text is not None:
            message.text_html = "".join(self._text)
            self._text = None
        elif role == "views" and message is not None:
            message.views = parse_views(captured)
        elif role == "author" and message is not None:
            message.author_name = captured or None
        elif role == "reaction" and message is not None:
            count = count_in(captured)
            if count is not None:
                message.reactions = (message.reactions or 0) + count
        elif role == "reactions":
            self._in_reactions = False
        elif role == "quote":
            self._in_quote = max(0, self._in_quote - 1)
        elif role == "title":
            self.page.title = captured or None
        elif role == "header":
            self.page.header = captured
        elif role == "no_messages":
            self.page.no_messages = captured


def _username(href: str) -> str | None:
    """``https://t.me/gulnora_t`` → ``gulnora_t``; anything else (no link, a post) → None."""
    parts = urlsplit(href)
    segments = [s for s in parts.path.split("/") if s]
    if len(segments) == 1 and CHANNEL.match(segments[0]) and (
            not parts.hostname or parts.hostname.lower() in TME_HOSTS):
        return segments[0]
    return None


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


def count_in(text: str) -> int | None:
    """The first number in ``text``: "❤ 12" → 12, "👍1.2K" → 1200, "1,234 comments on this
    post" → 1234; None when there is none ("Comments on this post")."""
    match = _COUNT.search(text)
    if not match:
        return None
    digits, scale = match.group(1), match.group(2)
    if scale:
        return parse_views(digits + scale)
    plain = re.sub(r"[,.\u00a0\u202f ]", "", digits)
    return int(plain) if plain.isdigit() else None


# ---------------------------------------------------------------------------- discussions

def discussion_state(page: PreviewPage) -> str:
    """What a widget (or "show more") page says about a post's comments:

    ``comments`` (some were read), ``empty`` (a discussion with none yet), ``unavailable``
    (no discussion group), ``hidden`` (Telegram shows them only in its app), ``missing``
    (the post is gone) or ``changed`` (none of that could be told: the markup changed).
    """
    comments = page.comments
    if page.message_error and not comments:
        return "missing"
    promised = count_in(page.header) if page.header else None
    if comments:
        readable = [c for c in comments if not c.is_blank]
        return "comments" if readable and not page.unreadable else "changed"
    note = (page.no_messages or "").lower()
    if "open telegram" in note:
        return "hidden"
    if "not available" in note:
        return "unavailable"
    if page.unreadable or promised:
        return "changed"  # blocks without ids, or "8 comments" and none readable
    if page.header is not None:
        return "empty"
    if page.has_history and page.no_messages is not None and not page.thread:
        return "unavailable"  # the same structure, worded differently
    return "changed"


def recheck_after(age: timedelta) -> timedelta:
    """How long a post's comments stay fresh: young posts are where people comment."""
    return min(max(age, timedelta(0)) / RECHECK_SHARE, RECHECK_MAX)


@dataclass
class Discussion:
    state: str
    comments: list[PreviewMessage] = field(default_factory=list)
    top_msg_id: int | None = None
    complete: bool = True  # False: older comments were left for later (cap, no "show more")


class _Comments:
    """Reads the comments of one channel's recent posts within the sync's request budget."""

    def __init__(self, fetcher: Fetcher, base: str, request: SyncRequest,
                 state: dict[str, Any]) -> None:
        self.fetcher = fetcher
        self.base = base
        self.request = request
        self.state = state
        self.requests = 0
        self.now = datetime.now(UTC)

    def collect(self, entries: Sequence[ParsedEntry]) -> tuple[list[SocialReply], str | None]:
        seen = self.state.get("comments")
        known: dict[str, dict[str, Any]] = dict(seen) if isinstance(seen, dict) else {}
        published = {guid: aware(when) for guid, when in
                     [*((e.guid, e.published) for e in entries), *self.request.recent_posts]
                     if when is not None}
        targets = reply_targets(self.request, entries)
        # Without a discussion group, the newest post alone tells when one gets linked.
        candidates = targets[:1] if self.state.get("discussion") else targets
        due = [guid for guid in candidates if self._due(published.get(guid), known.get(guid))]
        replies: list[SocialReply] = []
        states: dict[str, str] = {}
        failed = partial = waiting = 0
        for guid in due:
            if self.requests >= MAX_DISCUSSION_REQUESTS:
                waiting += 1
                continue
            channel, _, number = guid.rpartition("/")
            previous = known.get(guid) if isinstance(known.get(guid), dict) else {}
            newest = previous.get("newest") if isinstance(previous.get("newest"), int) else None
            try:
                discussion = self._read(channel, int(number), newest)
            except RateLimited:
                raise  # the refresher waits; the state is not advanced, nothing is lost
            except SourceError as exc:
                log.warning("comments of %s not read: %s", guid, exc)
                failed += 1
                continue
            except Exception:  # a parser bug costs this post's comments, never the posts
                log.exception("reading the comments of %s crashed", guid)
                discussion = Discussion("changed")
            states[guid] = discussion.state
            ids = [c.message_id for c in discussion.comments]
            partial += not discussion.complete
            replies.extend(_reply(c, self.base, guid, discussion.top_msg_id, channel)
                           for c in discussion.comments)
            known[guid] = {"checked": self.now.isoformat(timespec="seconds"),
                           "newest": max([*ids, newest or 0]) or None}
        self.state["comments"] = {guid: known[guid] for guid in targets if guid in known}
        self._remember(states)
        return replies, self._warning(failed, partial, waiting)

    def _due(self, published: datetime | None, seen: Any) -> bool:
        checked = parse_time(seen.get("checked")) if isinstance(seen, dict) else None
        if checked is None:
            return True
        age = self.now - (published or checked)
        return self.now - checked >= recheck_after(age)

    def _remember(self, states: dict[str, str]) -> None:
        """Keep what the pages said in the state, so the officer's note holds between syncs
        in which no post was due."""
        found = set(states.values())
        if "changed" in found:
            post = next(guid for guid, state in states.items() if state == "changed")
            self.state["markup_changed"] = post
        elif found & {"comments", "empty", "unavailable", "hidden"}:
            self.state.pop("markup_changed", None)
        if found & {"comments", "empty"}:
            self.state.pop("discussion", None)
        elif "hidden" in found:
            self.state["discussion"] = "hidden"
        elif "unavailable" in found:
            self.state["discussion"] = "none"

    def _warning(self, failed: int, partial: int, waiting: int) -> str | None:
        notes = []
        if self.state.get("markup_changed"):
            notes.append(CHANGED_MARKUP.format(post=self.state["markup_changed"]))
        discussion = self.state.get("discussion")
        if discussion == "none":
            notes.append(NO_COMMENTS)
        elif discussion == "hidden":
            notes.append(HIDDEN_COMMENTS)
        if failed:
            notes.append(f"comments of {failed} post(s) could not be read this time")
        if partial:
            notes.append(f"only the newest comments of {partial} post(s) were read (at most "
                         f"{MAX_COMMENT_PAGES} pages a post and {MAX_DISCUSSION_REQUESTS} "
                         "requests a refresh)")
        if waiting:
            notes.append(f"comments of {waiting} more post(s) are read at the next refresh")
        return "; ".join(notes) or None

    # ------------------------------------------------------------------ one post

    def _read(self, channel: str, post_id: int, newest: int | None) -> Discussion:
        url = (f"{self.base}/{channel}/{post_id}?embed=1&discussion=1"
               f"&comments_limit={COMMENTS_PAGE}")
        body = self._get(self.fetcher.fetch(url, headers=WIDGET_HEADERS), "comment page")
        if body is None:
            return Discussion("missing")
        page = parse_preview(body)
        state = discussion_state(page)
        if state != "comments":
            return Discussion(state)
        top = page.thread.get("top_msg_id", "")
        discussion = Discussion(state, page.comments, int(top) if top.isdigit() else None)
        before, pages = page.before, 1
        api_url = _api_url(body, self.base)
        while before is not None and (newest is None or before > newest):
            if api_url is None or not all(page.thread.get(f) for f in THREAD_FIELDS):
                discussion.state = "changed"  # "show more" without what it needs
                break
            if pages >= MAX_COMMENT_PAGES or self.requests >= MAX_DISCUSSION_REQUESTS:
                discussion.complete = False
                break
            try:
                more = self._more(api_url, page.thread, before)
            except RateLimited:
                raise
            except SourceError as exc:  # keep what the first pages brought
                log.warning("older comments of %s/%s not read: %s", channel, post_id, exc)
                discussion.complete = False
                break
            pages += 1
            older = [c for c in more.comments if c.message_id < before]
            if more.unreadable or any(c.is_blank for c in older):
                discussion.state = "changed"
            if not older:
                break  # the first comment, or a server that ignored before_id
            discussion.comments = older + discussion.comments
            before = more.before if more.before is not None and more.before < before else None
        return discussion

    def _more(self, api_url: str, thread: dict[str, str], before: int) -> PreviewPage:
        form = {**{f: thread[f] for f in THREAD_FIELDS}, "before_id": str(before),
                "method": "loadComments"}
        body = self._get(self.fetcher.fetch(api_url, headers=MORE_HEADERS, form=form),
                         "\"show more\" call")
        try:
            answer = json.loads(body or "")
        except ValueError:
            answer = None
        if not isinstance(answer, dict) or answer.get("error") or answer.get("ok") is False:
            raise SourceError("Telegram refused to show more comments")
        html = answer.get("comments_html")
        if not isinstance(html, str):
            return PreviewPage(unreadable=1)  # an answer without comments: it changed
        return parse_preview(html)

    def _get(self, fetched: FetchResult, what: str) -> str | None:
        """The body of one widget request; None when the post is gone."""
        self.requests += 1
        if fetched.status == 429:
            until = fetched.retry_after or datetime.now(UTC) + timedelta(minutes=5)
            raise RateLimited("Telegram is rate-limiting us; waiting until "
                              f"{until.isoformat(timespec='seconds')}", until)
        if fetched.status in (404, 410):
            return None
        if fetched.error or fetched.body is None:
            raise SourceError(f"Telegram {what}: {fetched.error or 'empty answer'}")
        return fetched.body.decode("utf-8", "replace")


def _api_url(page: str, base: str) -> str | None:
    """The widget's "show more" endpoint, moved onto the host we read the page from: a
    hostile page cannot send our requests (or anything in them) elsewhere."""
    match = _API_URL.search(page)
    if not match:
        return None
    try:
        announced = json.loads(match.group(1))
    except ValueError:
        return None
    parts = urlsplit(announced) if isinstance(announced, str) else None
    if parts is None or not parts.path.startswith("/"):
        return None
    return f"{base}{parts.path}" + (f"?{parts.query}" if parts.query else "")


def _reply(comment: PreviewMessage, base: str, post_guid: str,
           top_msg_id: int | None, channel: str = "") -> SocialReply:
    """A comment as a reply: ids are ``<channel>/<post>?comment=<id>``, Telegram's own link.

    A comment the channel wrote (sent "as the channel" in its discussion group) names the
    channel as its author, linked to ``t.me/<channel>``: it is the embassy's own.
    """
    url = f"{base}/{post_guid}?comment={comment.message_id}"
    html = sanitize_html(comment.text_html, url) if comment.text_html else ""
    if comment.photo:
        html += sanitize_html(f'<p><a href="{escape(url)}"><img src="{escape(comment.photo)}" '
                              'alt=""></a></p>')
    text = html_to_text(html)
    if not text and comment.media:  # a photo or sticker alone still shows as something
        text = f"[{comment.media}]"
        html = text_to_html(text) + html
    parent = comment.reply_to if comment.reply_to not in (None, top_msg_id) else None
    return SocialReply(
        platform_id=f"{post_guid}?comment={comment.message_id}",
        post_platform_id=post_guid,
        parent_platform_id=f"{post_guid}?comment={parent}" if parent is not None else None,
        author_handle=comment.author_handle,
        author_name=comment.author_name,
        html=html,
        text=text,
        published=parse_time(comment.published_raw),
        likes=comment.reactions,
        url=url,
        own=bool(channel and comment.author_handle
                 and comment.author_handle.lower() == channel.lower()),
    )


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
            posts = [m for m in page.messages if not m.is_comment]
            ids = [m.message_id for m in posts]
            for message in posts:
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
        result = SyncResult(entries=entries, state=state, title=title)
        if request.own:
            result.replies, result.warning = _Comments(fetcher, base, request,
                                                       state).collect(entries)
        return result


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
