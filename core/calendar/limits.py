"""How long a post may be on each platform, counted the way the platform counts.

The post editor shows "Bluesky 212/300" per chosen channel; an officer who trusts a plain
character count finds out at publishing time that X saw 290, or that Bluesky refused the post.
The limits and the counting rules, by source kind:

=========  ======  =====================================================================
kind       limit   how it is counted
=========  ======  =====================================================================
x          280     twitter-text v3 "weighted length": a URL is 23 (t.co), characters of
                   Latin, Cyrillic and other scripts below U+1100 and general punctuation
                   are 1, anything else (CJK, emoji) 2 — per grapheme, so 👍🏽 is 2
bluesky    300     graphemes (what a reader sees as one character: é, 👍🏽, 🇺🇿)
mastodon   500     characters; a URL is 23 whatever its length, ``@user@server`` counts as
                   ``@user`` (Mastodon's own rule)
instagram  2,200   characters (the caption)
telegram   4,096   characters (a text message; a caption under media is 1,024)
facebook   63,206  characters
=========  ======  =====================================================================

The limits and counting rules live in each platform's record (core/platforms.py: ``limit``,
``counting``); this module does the counting.

"Characters" are Unicode code points after NFC normalisation (what the platforms store).
Graphemes are approximated without a Unicode segmentation library: a cluster is a base
character plus any combining marks, variation selectors, emoji skin-tone modifiers, and
characters joined by ZERO WIDTH JOINER; two regional indicators make one flag. That matches
Unicode's extended grapheme clusters for text a press officer writes (Latin, Cyrillic, Uzbek
Latin with ʻ/‘, emoji); it differs for Hangul jamo sequences and Indic conjuncts.

Kinds without a limit (feeds, YouTube) are measured in characters and never "over".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from core.platforms import PLATFORMS, platform

LIMITS: dict[str, int] = {p.key: p.limit for p in PLATFORMS if p.limit is not None}
URL_LENGTH = 23  # X's t.co and Mastodon's fixed length for any link
# Links as X and Mastodon recognise them in plain text: a scheme, or www.
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"]+[^\s<>\".,;:!?)\]}'’”]", re.IGNORECASE)
_MASTODON_MENTION = re.compile(r"(?<![\w/])@(\w+)@[\w.-]+\.\w+", re.UNICODE)
ZWJ = "\u200d"
# twitter-text v3: code point ranges that weigh 1 (100 of a 200 default, in its units).
_X_LIGHT = ((0x0000, 0x10FF), (0x2000, 0x200D), (0x2010, 0x201F), (0x2032, 0x2037))


@dataclass(frozen=True)
class Length:
    """A text measured for one platform: ``used`` of ``limit`` (None: no limit)."""

    used: int
    limit: int | None

    @property
    def over(self) -> bool:
        return self.limit is not None and self.used > self.limit

    @property
    def left(self) -> int | None:
        return None if self.limit is None else self.limit - self.used


def limit_for(kind: str) -> int | None:
    return LIMITS.get(kind)


def measure(kind: str, text: str) -> Length:
    """``text`` as ``kind``'s platform counts it, against its limit."""
    return Length(count(kind, text), limit_for(kind))


def count(kind: str, text: str) -> int:
    found = platform(kind)
    rule = COUNTING[found.counting if found is not None else "characters"]
    return rule(unicodedata.normalize("NFC", text))


def graphemes(text: str) -> list[str]:
    """``text`` split into user-perceived characters (see the module docstring for the rule)."""
    clusters: list[str] = []
    join_next = False
    for char in text:
        if clusters and (join_next or _extends(char) or _pairs_flag(clusters[-1], char)):
            clusters[-1] += char
        else:
            clusters.append(char)
        join_next = char == ZWJ
    return clusters


def _extends(char: str) -> bool:
    code = ord(char)
    return (char == ZWJ or unicodedata.combining(char) != 0
            or unicodedata.category(char) in ("Mn", "Me", "Mc")
            or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF  # variation selectors
            or 0x1F3FB <= code <= 0x1F3FF  # skin tones
            or 0xE0020 <= code <= 0xE007F)  # tag characters (subdivision flags)


def _is_regional(char: str) -> bool:
    return 0x1F1E6 <= ord(char) <= 0x1F1FF


def _pairs_flag(previous: str, char: str) -> bool:
    return _is_regional(char) and len(previous) == 1 and _is_regional(previous)


def _with_fixed_urls(text: str, measure_rest) -> int:  # noqa: ANN001 - str -> int
    urls = _URL.findall(text)
    return URL_LENGTH * len(urls) + measure_rest(_URL.sub("", text))


def _x_weighted(text: str) -> int:
    def weigh(rest: str) -> int:
        total = 0
        for cluster in graphemes(rest):
            code = ord(cluster[0])
            total += 1 if any(low <= code <= high for low, high in _X_LIGHT) else 2
        return total

    return _with_fixed_urls(text, weigh)


def _mastodon(text: str) -> int:
    return _with_fixed_urls(_MASTODON_MENTION.sub(r"@\1", text), len)


# A platform record's ``counting`` names one of these (the table in the module docstring).
COUNTING: dict[str, Callable[[str], int]] = {
    "characters": len,
    "graphemes": lambda text: len(graphemes(text)),
    "x": _x_weighted,
    "mastodon": _mastodon,
}
