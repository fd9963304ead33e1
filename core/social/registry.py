"""Which adapter handles a source: from ``--kind``, or recognised from what was typed."""

from __future__ import annotations

import importlib
import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from core.errors import KnownError

if TYPE_CHECKING:  # adapters load with the network code; naming a kind must not
    from core.social.base import Adapter

SOCIAL_KINDS = ("mastodon", "bluesky", "youtube", "telegram", "facebook", "instagram", "vk")
KINDS = ("rss", *SOCIAL_KINDS)  # "rss" means any feed (RSS, Atom, JSON Feed)
_MODULES = {
    "mastodon": ("core.social.mastodon", "MastodonAdapter"),
    "bluesky": ("core.social.bluesky", "BlueskyAdapter"),
    "youtube": ("core.social.youtube", "YouTubeAdapter"),
    "telegram": ("core.social.telegram", "TelegramAdapter"),
    "facebook": ("core.social.graph", "FacebookAdapter"),
    "instagram": ("core.social.graph", "InstagramAdapter"),
    "vk": ("core.social.vk", "VkAdapter"),
}
_FEDIVERSE_HANDLE = re.compile(r"^@?[\w.]+@[\w.-]+\.[a-z]{2,}$", re.IGNORECASE)
_BSKY_HANDLE = re.compile(r"^@?[\w-]+\.bsky\.social$", re.IGNORECASE)
_YOUTUBE_ID = re.compile(r"^UC[\w-]{22}$")
# Addresses typed without https:// that still name a platform's page.
_BARE_HOSTS = re.compile(r"^(?:www\.|m\.)?(?:t\.me|telegram\.me|vk\.com|vk\.ru)/",
                         re.IGNORECASE)


def adapter_for(kind: str) -> Adapter:
    if kind not in _MODULES:
        raise KnownError(f"unknown source kind {kind!r}; one of {', '.join(KINDS)}")
    module, name = _MODULES[kind]
    return getattr(importlib.import_module(module), name)()


def detect_kind(text: str) -> str:
    """The kind of source ``text`` names; "rss" for anything that is not a known platform."""
    text = text.strip()
    if _FEDIVERSE_HANDLE.match(text):
        return "mastodon"
    if _BSKY_HANDLE.match(text):
        return "bluesky"
    if _YOUTUBE_ID.match(text) or re.match(r"^@[\w.-]+$", text):
        return "youtube"
    if _BARE_HOSTS.match(text):
        text = "https://" + text
    if "://" not in text:
        return "rss"
    parts = urlsplit(text)
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    path = parts.path
    if host == "bsky.app" and path.startswith("/profile/"):
        return "bluesky"
    if host in ("youtube.com", "youtu.be") and (
            path.startswith(("/channel/", "/@", "/c/", "/user/"))):
        return "youtube"
    if host in ("t.me", "telegram.me"):
        return "telegram"
    if host in ("facebook.com", "fb.com"):
        return "facebook"
    if host == "instagram.com":
        return "instagram"
    if host in ("vk.com", "vk.ru", "new.vk.com"):
        return "vk"
    if re.match(r"^/@[\w.]+/?$", path):  # https://mastodon.social/@user
        return "mastodon"
    return "rss"
