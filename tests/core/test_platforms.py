"""The platform records (core/platforms.py) are the one list every part of the app reads.

Addresses are the forms the platforms themselves document: Mastodon's ``@user@server`` and
``/@user`` profile pages, Bluesky's handles and ``bsky.app/profile/``, YouTube's channel ids
(``UC`` + 22), ``@handles`` and ``/channel/ /c/ /user/ /@`` pages, ``t.me`` links, Facebook,
Instagram and VK page addresses.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from core import platforms
from core.calendar import limits
from core.social import fileimport, registry

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("text, kind", [
    ("@Gargron@mastodon.social", "mastodon"),
    ("Gargron@mastodon.social", "mastodon"),
    ("https://mastodon.social/@Gargron", "mastodon"),
    ("https://mastodon.social/@Gargron/", "mastodon"),
    ("jay.bsky.social", "bluesky"),
    ("@usembassy.bsky.social", "bluesky"),  # a Bluesky handle, not a YouTube @name
    ("https://bsky.app/profile/jay.bsky.social", "bluesky"),
    ("UC_x5XG1OV2P6uZZ5FSM9Ttw", "youtube"),
    ("@GoogleDevelopers", "youtube"),
    ("https://www.youtube.com/@GoogleDevelopers", "youtube"),  # YouTube's /@, not Mastodon's
    ("https://www.youtube.com/channel/UC_x5XG1OV2P6uZZ5FSM9Ttw", "youtube"),
    ("https://m.youtube.com/c/GoogleDevelopers", "youtube"),
    ("https://youtube.com/user/GoogleDevelopers", "youtube"),
    ("https://t.me/durov", "telegram"),
    ("https://telegram.me/durov", "telegram"),
    ("https://www.facebook.com/usembassytashkent", "facebook"),
    ("https://m.facebook.com/usembassytashkent", "facebook"),
    ("https://fb.com/usembassytashkent", "facebook"),
    ("https://www.instagram.com/usembassytashkent/", "instagram"),
    ("https://vk.com/usembassy", "vk"),
    ("vk.com/club12345", "vk"),  # typed without https://: still VK's page
    ("t.me/durov", "telegram"),
    ("https://uz.usembassy.gov/feed/", "rss"),
    ("uz.usembassy.gov/feed", "rss"),
    ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "rss"),  # a video, not a channel
    ("https://bsky.app/", "rss"),
    ("https://example.org/@ 2026/", "rss"),
])
def test_what_was_typed_names_its_platform(text: str, kind: str) -> None:
    assert registry.detect_kind(text) == kind


def test_every_adapter_named_in_a_record_exists_and_says_its_kind() -> None:
    readable = platforms.readable()
    assert registry.SOCIAL_KINDS == tuple(p.key for p in readable)
    for record in readable:
        adapter = registry.adapter_for(record.key)
        assert adapter.kind == record.key
        assert callable(adapter.resolve) and callable(adapter.sync)


def test_every_publisher_named_in_a_record_exists_and_says_its_platform() -> None:
    from core.publish import registry as publishing

    named = tuple(p.key for p in platforms.PLATFORMS if p.publisher is not None)
    assert publishing.publishing_platforms() == named
    assert set(publishing.answering_platforms()) <= set(named)
    for key in named:
        publisher = publishing.publisher_for(key)
        assert publisher is not None and publisher.platform == key
    assert publishing.publisher_for("youtube") is None and not publishing.answers("telegram")


def test_keys_are_unique_and_every_counting_rule_exists() -> None:
    keys = [p.key for p in platforms.PLATFORMS]
    assert len(keys) == len(set(keys))
    assert {p.counting for p in platforms.PLATFORMS} <= set(limits.COUNTING)


def test_limits_and_counting_come_from_the_records() -> None:
    for record in platforms.PLATFORMS:
        assert limits.limit_for(record.key) == record.limit
    link = "https://uz.usembassy.gov/" + "a" * 60
    assert limits.count("x", link) == limits.URL_LENGTH  # X's t.co rule, from its record
    assert limits.count("mastodon", f"@press@mastodon.social {link}") == len("@press ") + 23
    assert limits.count("bluesky", "🇺🇿👍🏽") == 2
    assert limits.count("feed", link) == len(link)


def test_every_platform_with_reply_exports_has_its_columns() -> None:
    exporting = platforms.reply_export_platforms()
    assert exporting
    assert set(exporting) | {"generic"} == set(fileimport.PLATFORMS) == set(fileimport.ALIASES)


def _platform_name_literals(path: Path) -> set[str]:
    names = {p.name for p in platforms.PLATFORMS if len(p.name) > 1}
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and node.value in names}


def test_no_other_module_keeps_its_own_list_of_platforms() -> None:
    """A table of platform names anywhere else would miss the next platform added."""
    offenders = []
    for folder in ("core", "desktop", "ui"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if path.name == "platforms.py" or "migrations" in path.parts:
                continue
            found = _platform_name_literals(path)
            if len(found) >= 3:
                offenders.append(f"{path.relative_to(ROOT)}: {sorted(found)}")
    assert offenders == []


def test_the_records_load_without_network_or_adapter_code() -> None:
    import subprocess
    import sys

    code = ("import sys, core.platforms, core.social.registry\n"
            "print(sorted(m for m in ('requests', 'feedparser', 'core.social.base', "
            "'core.social.mastodon') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, check=True)
    assert done.stdout.strip() == "[]"


def test_display_names_fall_back_to_the_key() -> None:
    assert platforms.display_name("youtube") == "YouTube"
    assert platforms.display_name("feed") == "feed"
    assert platforms.platform("nope") is None
