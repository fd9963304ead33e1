"""Which platforms Attaché can publish on and answer on, and their publisher: read from the
platform records (core/platforms.py), where a platform's publisher is declared.

Loaded on first use: naming a platform must not import the HTTP code.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from core.platforms import PLATFORMS, platform

if TYPE_CHECKING:
    from core.publish.base import Publisher


def publishes(key: str) -> bool:
    record = platform(key)
    return record is not None and record.publishes


def answers(key: str) -> bool:
    record = platform(key)
    return record is not None and record.publishes and record.answers


def publisher_for(key: str) -> Publisher | None:
    record = platform(key)
    if record is None or record.publisher is None:
        return None
    module, name = record.publisher.split(":")
    return getattr(importlib.import_module(module), name)()


def publishing_platforms() -> tuple[str, ...]:
    return tuple(p.key for p in PLATFORMS if p.publishes)


def answering_platforms() -> tuple[str, ...]:
    return tuple(p.key for p in PLATFORMS if p.publishes and p.answers)

