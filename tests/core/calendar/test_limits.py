"""Post lengths as each platform counts them (core/calendar/limits.py)."""

from __future__ import annotations

from core.calendar.limits import LIMITS, count, graphemes, limit_for, measure


def test_limits_per_platform() -> None:
    assert (limit_for("x"), limit_for("bluesky"), limit_for("mastodon"),
            limit_for("instagram"), limit_for("telegram"), limit_for("facebook")) == (
        280, 300, 500, 2200, 4096, 63206)
    assert limit_for("rss") is None and measure("rss", "x" * 10_000).over is False
    assert set(LIMITS) == {"x", "bluesky", "mastodon", "instagram", "telegram", "facebook"}


def test_bluesky_counts_graphemes_not_code_points() -> None:
    assert graphemes("e\u0301") == ["e\u0301"]  # e + combining acute: one character
    assert len(graphemes("👍🏽")) == 1  # skin tone
    assert len(graphemes("👨‍👩‍👧")) == 1  # a ZWJ family
    assert len(graphemes("🇺🇿🇺🇸")) == 2  # two flags, four regional indicators
    assert len(graphemes("❤️")) == 1  # with a variation selector
    assert count("bluesky", "Права человека 🇺🇿") == 16
    assert count("bluesky", "O‘zbekiston") == 11


def test_x_counts_links_as_23_and_wide_characters_as_two() -> None:
    link = "https://uz.usembassy.gov/human-rights-day-2026-statement-by-the-ambassador/"
    assert count("x", f"Read: {link}") == len("Read: ") + 23
    assert count("x", "Привет") == 6  # Cyrillic weighs 1
    assert count("x", "日本") == 4  # CJK weighs 2
    assert count("x", "👍🏽") == 2  # one emoji, whatever its code points
    assert measure("x", "a" * 281).over and not measure("x", "a" * 280).over
    assert measure("x", "a" * 270).left == 10


def test_mastodon_links_and_remote_mentions() -> None:
    assert count("mastodon", "see https://example.org/" + "a" * 100) == len("see ") + 23
    assert count("mastodon", "hi @usembassy@mastodon.social") == len("hi @usembassy")
    assert count("mastodon", "mail me: press@example.org") == len("mail me: press@example.org")


def test_other_platforms_count_characters() -> None:
    text = "Инсон ҳуқуқлари куни — Human Rights Day"
    for kind in ("instagram", "telegram", "facebook"):
        assert count(kind, text) == len(text)
    assert count("telegram", "e\u0301") == 1  # NFC first: é is one character
