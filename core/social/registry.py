"""Which adapter handles a source: from ``--kind``, or recognised from what was typed.

The platforms themselves are declared in ``core.platforms`` (one record each); this module
only answers from them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from core import platforms
from core.errors import KnownError

if TYPE_CHECKING:  # adapters load with the network code; naming a kind must not
    from core.social.base import Adapter

SOCIAL_KINDS = tuple(p.key for p in platforms.readable())
KINDS = ("rss", *SOCIAL_KINDS)  # "rss" means any feed (RSS, Atom, JSON Feed)


def adapter_for(kind: str) -> Adapter:
    found = platforms.platform(kind)
    if found is None or found.adapter is None:
        raise KnownError(f"unknown source kind {kind!r}; one of {', '.join(KINDS)}")
    module, name = found.adapter.split(":")
    return getattr(importlib.import_module(module), name)()


def detect_kind(text: str) -> str:
    """The kind of source ``text`` names; "rss" for anything that is not a known platform."""
    return platforms.recognise(text) or "rss"
