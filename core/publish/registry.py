"""Which platforms Attaché can publish on and answer on, and their publisher.

Loaded on first use: naming a platform must not import the HTTP code.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from core.publish.base import Publisher

# kind: ("module:Class", publishes, answers)
_PUBLISHERS: dict[str, tuple[str, bool, bool]] = {
    "mastodon": ("core.publish.mastodon:MastodonPublisher", True, True),
    "bluesky": ("core.publish.bluesky:BlueskyPublisher", True, True),
    "telegram": ("core.publish.telegram:TelegramPublisher", True, False),
    "facebook": ("core.publish.facebook:FacebookPublisher", True, True),
}


def publishes(platform: str) -> bool:
    return platform in _PUBLISHERS and _PUBLISHERS[platform][1]


def answers(platform: str) -> bool:
    return platform in _PUBLISHERS and _PUBLISHERS[platform][2]


def publisher_for(platform: str) -> Publisher | None:
    if platform not in _PUBLISHERS:
        return None
    module, name = _PUBLISHERS[platform][0].split(":")
    return getattr(importlib.import_module(module), name)()


def publishing_platforms() -> tuple[str, ...]:
    return tuple(k for k, (_, pub, _a) in _PUBLISHERS.items() if pub)


def answering_platforms() -> tuple[str, ...]:
    return tuple(k for k, (_, _p, ans) in _PUBLISHERS.items() if ans)
