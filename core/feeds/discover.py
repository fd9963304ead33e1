"""Feed autodiscovery: the ``<link rel="alternate">`` feeds a web page advertises."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin

FEED_TYPES = {
    "application/rss+xml": "rss",
    "application/atom+xml": "atom",
    "application/feed+json": "json",
    "application/json": "json",
    "application/rdf+xml": "rss",
}
MAX_SCAN = 512 * 1024  # the <head> is near the top; never scan a huge page whole
# WordPress advertises its REST API and oEmbed as application/json alternates on every page.
_NOT_A_FEED = re.compile(r"/wp-json/|oembed", re.IGNORECASE)


@dataclass(frozen=True)
class FeedLink:
    url: str
    type: str
    title: str | None


class _LinkCollector(HTMLParser):
    def __init__(self, base_url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.base_url = base_url
        self.links: list[FeedLink] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "base":
            href = dict(attrs).get("href")
            if href:
                self.base_url = urljoin(self.base_url, href)
            return
        if tag != "link":
            return
        values = {k.lower(): (v or "") for k, v in attrs}
        rels = values.get("rel", "").lower().split()
        kind = values.get("type", "").split(";")[0].strip().lower()
        href = values.get("href", "").strip()
        if "alternate" in rels and kind in FEED_TYPES and href and not _NOT_A_FEED.search(href):
            url = urljoin(self.base_url, href)
            if url.startswith(("http://", "https://")):
                self.links.append(FeedLink(url, kind, values.get("title") or None))


def find_feed_links(page: bytes, base_url: str, charset: str | None = None) -> list[FeedLink]:
    """Feed links in page order, duplicates removed, relative hrefs resolved."""
    try:  # the charset comes from the server's Content-Type and may name no real codec
        text = page[:MAX_SCAN].decode(charset or "utf-8", errors="replace")
    except LookupError:
        text = page[:MAX_SCAN].decode("utf-8", errors="replace")
    collector = _LinkCollector(base_url)
    collector.feed(text)
    collector.close()
    seen: set[str] = set()
    unique = []
    for link in collector.links:
        if link.url not in seen:
            seen.add(link.url)
            unique.append(link)
    return unique
