"""Bluesky rich text: the links, #hashtags and @mentions of a post as facets.

A Bluesky post is plain text; what is a link, a tag or a mention is said beside it, as ranges
of the text's UTF-8 bytes (``app.bsky.richtext.facet``: byteStart inclusive, byteEnd
exclusive). Python strings count code points, so every offset is taken from the encoded text:
in "Привет 👋 #Навруз" the tag starts at byte 20, not at character 9.

Detection follows the official client's rules (bluesky-social/atproto, packages/api/src/
rich-text/detection.ts and util.ts), written anew here:

- a link starts a word (after the start, a space or "(") with http:// or https://, or is a
  bare domain; a final . , ; : ! ? is not part of it, nor a final ")" when it has no "(".
  The official client checks a bare domain's top-level domain against the full list; here it
  must be a known generic one or any two letters (country codes), which keeps "e.g." and
  "file.txt"-like words plain.
- a tag is "#" (or the full-width "＃") after the start or a space, then a word that has at
  least one character that is not a digit or punctuation; trailing punctuation is dropped; at
  most 64 characters after "#".
- a mention is "@handle" where the handle looks like a domain; it becomes a facet only when
  the handle resolves to a DID (``com.atproto.identity.resolveHandle``), as in the official
  client — an unknown handle stays plain text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

LINK = "app.bsky.richtext.facet#link"
TAG = "app.bsky.richtext.facet#tag"
MENTION = "app.bsky.richtext.facet#mention"
MAX_TAG = 64

_URL = re.compile(r"(?:^|(?<=[\s(]))((?:https?://\S+)|(?:(?P<domain>[a-z][a-z0-9]*(?:\.[a-z0-9]+)+)"
                  r"\S*))", re.IGNORECASE)
_MENTION = re.compile(r"(?:^|(?<=[\s(]))@([a-zA-Z0-9.-]+)\b")
_TAG_START = re.compile(r"(?:^|(?<=\s))[#＃]")
_ZERO_WIDTH = "\u00ad\u2060\u200a\u200b\u200c\u200d\u20e2"
_GENERIC_TLDS = frozenset({
    "com", "org", "net", "edu", "gov", "mil", "int", "info", "biz", "app", "dev", "blog",
    "news", "social", "online", "site", "xyz", "tech", "media", "global", "world", "page",
    "link", "live", "club", "today", "space", "website", "foundation", "museum",
    "travel", "jobs", "mobi", "name", "pro", "aero", "coop", "asia", "cat", "tel", "post",
    "network", "digital", "agency", "center", "events", "school", "university", "academy",
})


@dataclass(frozen=True)
class Facet:
    start: int  # byte offsets in the UTF-8 text
    end: int
    kind: str  # LINK | TAG | MENTION
    value: str  # the URI, the tag (without "#"), the handle (a DID once resolved)

    def as_record(self) -> dict:
        return {"index": {"byteStart": self.start, "byteEnd": self.end},
                "features": [{"$type": self.kind, _FIELD[self.kind]: self.value}]}


_FIELD = {LINK: "uri", TAG: "tag", MENTION: "did"}


def _valid_domain(domain: str) -> bool:
    tld = domain.rsplit(".", 1)[-1].lower()
    return (len(tld) == 2 and tld.isalpha()) or tld in _GENERIC_TLDS


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


def detect(text: str) -> list[Facet]:
    """Links, tags and mention candidates (handles, unresolved), in text order."""
    found: list[Facet] = []
    for match in _MENTION.finditer(text):
        handle = match.group(1)
        if not _valid_domain(handle) and not handle.endswith(".test"):
            continue
        start, end = match.start(), match.start() + 1 + len(handle)
        found.append(Facet(_byte_offset(text, start), _byte_offset(text, end), MENTION, handle))
    for match in _URL.finditer(text):
        uri = match.group(1)
        start, end = match.start(1), match.end(1)
        if not uri.lower().startswith("http"):
            domain = match.group("domain")
            if not domain or not _valid_domain(domain):
                continue
            uri = "https://" + uri
        if uri[-1] in ".,;:!?":
            uri, end = uri[:-1], end - 1
        if uri.endswith(")") and "(" not in uri:
            uri, end = uri[:-1], end - 1
        found.append(Facet(_byte_offset(text, start), _byte_offset(text, end), LINK, uri))
    for match in _TAG_START.finditer(text):
        tag = _tag_at(text, match.end())
        if tag:
            start = match.start()
            end = match.end() + len(tag)
            found.append(Facet(_byte_offset(text, start), _byte_offset(text, end), TAG, tag))
    return sorted(found, key=lambda f: (f.start, f.end))


def _tag_at(text: str, position: int) -> str | None:
    """The tag word after a "#" at ``position``, or None when there is none."""
    end = position
    while end < len(text) and not text[end].isspace() and text[end] not in _ZERO_WIDTH:
        end += 1
    word = text[position:end]
    if not word or word.startswith("\ufe0f"):
        return None
    if not any(not (c.isdigit() or _punctuation(c)) for c in word):
        return None
    while word and _punctuation(word[-1]):
        word = word[:-1]
    # The official client measures in UTF-16 units (JavaScript's length).
    if not word or len(word.encode("utf-16-le")) // 2 > MAX_TAG:
        return None
    return word


def _punctuation(char: str) -> bool:
    return unicodedata.category(char).startswith("P")


def facets(text: str, resolve: Callable[[str], str | None]) -> list[dict]:
    """The post record's ``facets``: mentions whose handle ``resolve`` turns into a DID, every
    link and tag. Overlapping ranges keep the first (a tag inside a link is part of the link)."""
    records: list[dict] = []
    taken_until = -1
    for facet in detect(text):
        if facet.start < taken_until:
            continue
        if facet.kind == MENTION:
            did = resolve(facet.value)
            if not did:
                continue
            facet = Facet(facet.start, facet.end, MENTION, did)
        records.append(facet.as_record())
        taken_until = facet.end
    return records
