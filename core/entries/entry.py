"""One entry of any source — a feed's item, a social post — as a parser or an adapter hands it
to ``core.entries.store``: already plain where it must be plain, sanitized where it is HTML."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from core.storage.text import storable_fields


@dataclass
class ParsedEntry:
    guid: str
    url: str | None
    title: str
    author: str | None
    published: datetime | None
    published_raw: str | None
    content_html: str
    content_text: str

    def __post_init__(self) -> None:
        storable_fields(self)  # what is stored is what the next refresh compares (no NUL)

    @property
    def content_hash(self) -> str:
        parts = (self.title, self.url or "", self.author or "", self.content_html)
        return hashlib.sha256("\x00".join(parts).encode("utf-8", "surrogatepass")).hexdigest()

