"""Which keyring secret each of the embassy's own channels needs to be published on.

Settings → Secrets lists them, set or not, so an officer sees what is still missing before a
send is refused for it; each name comes from the channel's publisher (``secret_names``), the
same one its refusal asks for.
"""

from __future__ import annotations

from core.errors import KnownError
from core.publish.registry import publisher_for
from core.publish.runner import own_channels
from core.storage.database import Database


def channel_secrets(db: Database) -> list[tuple[str, str, str]]:
    """(keyring name, platform, channel name) for each own channel Attaché publishes on, once
    per name: what Settings → Secrets lists, so an officer sees which token each channel
    still needs instead of meeting the name first in a refused send."""
    found: dict[str, tuple[str, str, str]] = {}
    for channel in own_channels(db):
        publisher = publisher_for(channel.platform)
        if publisher is None:
            continue
        try:
            name = publisher.secret_names(channel)[0]
        except KnownError:  # an address the platform's code cannot read: its send says so
            continue
        found.setdefault(name, (name, channel.platform, channel.name))
    return list(found.values())
