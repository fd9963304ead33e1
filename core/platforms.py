"""Every social platform Attaché knows, declared once: one ``Platform`` record each.

The source registry (which adapter reads a source, what a typed address names), the character
limits of the post editor, the CLI's ``--kind`` choices, the Add Source dialog, the sources
table, the Dashboard, the calendar's channel names and the Settings dialog's tokens all read
these records; none of them lists platforms of its own.

Adding a platform is one module and one record: write ``core/social/<name>.py`` with an
``Adapter`` (core/social/base.py), then add a ``Platform`` below naming it and saying how its
addresses look, how long its posts may be and how it counts them. README "Development" says
the same.

This module imports nothing heavy (the command line reads it to build ``--kind``): adapters
are named as ``"module:Class"`` and imported when a source of theirs is added or refreshed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from urllib.parse import urlsplit


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Marks ``text`` for translation under ``context`` without importing Qt (core never does):
    scripts/update_translations.sh reads this file too, and the interface translates the text
    at run time with ``translate(context, text)``."""
    return text


@dataclass(frozen=True)
class Platform:
    """One platform: what it is called, how its addresses look, what Attaché can do there."""

    key: str  # stored as source.kind and reply.platform; never changes once released
    name: str  # shown in every language as the platform writes it
    # Longest post (None: no limit that matters), counted by ``counting``: "characters",
    # "graphemes", "x" or "mastodon" (core/calendar/limits.py explains each).
    limit: int | None = None
    counting: str = "characters"
    # "module:Class" of its Adapter; None: no adapter (a platform we only plan posts for or
    # import reply exports from).
    adapter: str | None = None
    # What the officer adds, for the Add Source dialog (translated in its context).
    account_label: str | None = None
    # Recognising what was typed. ``handles``: regular expressions for text without a scheme
    # (``@user@server``, ``name.bsky.social``). ``hosts``: its web addresses' host names
    # (``www.`` and ``m.`` are ignored), with ``paths`` the path prefixes that make an address
    # on them an account (empty: any). ``profile_path``: a path that names an account on any
    # host (Mastodon's ``/@user``), checked after every platform's hosts. ``bare_hosts``: an
    # address on its hosts typed without ``https://`` (``t.me/channel``) still names it.
    handles: tuple[str, ...] = ()
    hosts: tuple[str, ...] = ()
    paths: tuple[str, ...] = ()
    profile_path: str | None = None
    bare_hosts: bool = False
    # What a token stored under the bare key is for (Settings → Secrets lists it); None: none.
    general_token: str | None = None
    # Reply exports of this platform can be imported from files (``replies import``).
    reply_exports: bool = False
    # "module:Class" of its Publisher (core/publish/base.py), imported when something is
    # sent; None: Attaché does not publish there. ``answers``: its publisher also answers
    # replies (the Listen pane's Answer box, ``replies answer``).
    publisher: str | None = None
    answers: bool = False
    _compiled: tuple[re.Pattern[str], ...] = field(default=(), init=False, repr=False,
                                                   compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_compiled", tuple(re.compile(h) for h in self.handles))

    @property
    def publishes(self) -> bool:
        return self.publisher is not None

    def names_handle(self, text: str) -> bool:
        return any(pattern.match(text) for pattern in self._compiled)

    def owns_url(self, host: str, path: str) -> bool:
        return host in self.hosts and (not self.paths or path.startswith(self.paths))

    def names_bare_address(self, text: str) -> bool:
        host = text.split("/", 1)[0].lower().removeprefix("www.").removeprefix("m.")
        return self.bare_hosts and "/" in text and host in self.hosts


PLATFORMS: tuple[Platform, ...] = (
    # No adapter (X's API is not free to read): posts are planned for it, measured by its
    # rules, and its reply exports imported.
    Platform("x", "X", limit=280, counting="x", reply_exports=True),
    # Those with an adapter are recognised in this order: a Mastodon handle before YouTube's
    # @name, a Bluesky handle before YouTube's @name too.
    Platform(
        "mastodon", "Mastodon", limit=500, counting="mastodon",
        adapter="core.social.mastodon:MastodonAdapter",
        publisher="core.publish.mastodon:MastodonPublisher", answers=True,
        account_label=QT_TRANSLATE_NOOP("AddSourceDialog", "Mastodon account"),
        handles=(r"(?i)^@?[\w.]+@[\w.-]+\.[a-z]{2,}$",),
        profile_path=r"^/@[\w.]+/?$",  # https://mastodon.social/@user
    ),
    Platform(
        "bluesky", "Bluesky", limit=300, counting="graphemes",
        adapter="core.social.bluesky:BlueskyAdapter",
        publisher="core.publish.bluesky:BlueskyPublisher", answers=True,
        account_label=QT_TRANSLATE_NOOP("AddSourceDialog", "Bluesky account"),
        handles=(r"(?i)^@?[\w-]+\.bsky\.social$",),
        hosts=("bsky.app",), paths=("/profile/",),
    ),
    Platform(
        "youtube", "YouTube",
        adapter="core.social.youtube:YouTubeAdapter",
        account_label=QT_TRANSLATE_NOOP("AddSourceDialog", "YouTube channel"),
        handles=(r"^UC[\w-]{22}$", r"^@[\w.-]+$"),
        hosts=("youtube.com", "youtu.be"), paths=("/channel/", "/@", "/c/", "/user/"),
        general_token=QT_TRANSLATE_NOOP(
            "SettingsDialog", "YouTube Data API key (comments on the embassy's videos)"),
    ),
    Platform(
        "telegram", "Telegram", limit=4_096,
        adapter="core.social.telegram:TelegramAdapter",
        # A bot posts to the channel; comments live in its discussion group, which a bot
        # answers only as a member of it: not answered from Attaché.
        publisher="core.publish.telegram:TelegramPublisher",
        account_label=QT_TRANSLATE_NOOP("AddSourceDialog", "Telegram public channel"),
        hosts=("t.me", "telegram.me"), bare_hosts=True,
    ),
    Platform(
        "facebook", "Facebook", limit=63_206,
        adapter="core.social.graph:FacebookAdapter",
        publisher="core.publish.facebook:FacebookPublisher", answers=True,
        account_label=QT_TRANSLATE_NOOP("AddSourceDialog", "Facebook Page"),
        hosts=("facebook.com", "fb.com"),
        general_token=QT_TRANSLATE_NOOP(
            "SettingsDialog", "Facebook Page access token (for every Page without its own)"),
        reply_exports=True,
    ),
    Platform(
        "instagram", "Instagram", limit=2_200,
        adapter="core.social.graph:InstagramAdapter",
        account_label=QT_TRANSLATE_NOOP("AddSourceDialog", "Instagram account"),
        hosts=("instagram.com",),
        general_token=QT_TRANSLATE_NOOP(
            "SettingsDialog", "Instagram access token (for every account without its own)"),
        reply_exports=True,
    ),
    Platform(
        "vk", "VK",
        adapter="core.social.vk:VkAdapter",
        account_label=QT_TRANSLATE_NOOP("AddSourceDialog", "VK community or page"),
        hosts=("vk.com", "vk.ru", "new.vk.com"), bare_hosts=True,
        general_token=QT_TRANSLATE_NOOP(
            "SettingsDialog", "VK service token (for every page without its own)"),
    ),
)


@cache
def _by_key() -> dict[str, Platform]:
    return {platform.key: platform for platform in PLATFORMS}


def platform(key: str) -> Platform | None:
    """The record for ``key`` (a source's kind, a reply's platform); None for feeds and the
    unknown."""
    return _by_key().get(key)


def readable() -> tuple[Platform, ...]:
    """The platforms a source can follow (those with an adapter), in recognition order."""
    return tuple(p for p in PLATFORMS if p.adapter is not None)


def reply_export_platforms() -> tuple[str, ...]:
    """Keys of the platforms whose reply exports ``replies import`` reads."""
    return tuple(p.key for p in PLATFORMS if p.reply_exports)


def display_name(key: str) -> str:
    """The platform's name, or ``key`` itself for anything else."""
    found = platform(key)
    return found.name if found is not None else key


def names(keys: Sequence[str]) -> str:
    """"Mastodon, Bluesky and Facebook": the platforms' names in a sentence."""
    shown = [display_name(key) for key in keys]
    return " and ".join(shown) if len(shown) < 3 else f"{', '.join(shown[:-1])} and {shown[-1]}"


def recognise(text: str) -> str | None:
    """The key of the platform ``text`` names (a handle or an account's address), or None."""
    text = text.strip()
    candidates = readable()
    for candidate in candidates:
        if candidate.names_handle(text):
            return candidate.key
    if "://" not in text and any(c.names_bare_address(text) for c in candidates):
        text = "https://" + text
    if "://" not in text:
        return None
    parts = urlsplit(text)
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    for candidate in candidates:
        if candidate.owns_url(host, parts.path):
            return candidate.key
    for candidate in candidates:
        if candidate.profile_path and re.match(candidate.profile_path, parts.path):
            return candidate.key
    return None
