"""Feeds as they are in the wild (issue 12) and hostile sizes (issue 16 item 6).

Fixtures follow the specifications: JSON Feed 1.0 (whose early documents and real feeds use
an ``http://`` version URL), RSS 2.0 titles (type never declared: escaped HTML and plain text
with angle brackets both occur), RFC 4287 §3.1 (Atom text constructs: ``type="text"`` is the
default and means literal text), XML 1.0 §4.3.3 (a declared encoding that the bytes do not
match).
"""

from __future__ import annotations

import html
import re

import feedparser
import pytest

from core.entries.limits import MAX_DEPTH, MAX_ENTRY_CHARS, MAX_TITLE_CHARS, limit_depth
from core.entries.sanitize import plain_title, sanitize_html
from core.errors import KnownError
from core.feeds.parse import ParsedFeed, ParseError, UnreadableFeed, parse_feed
from core.feeds.refresh import FeedRefresher
from core.feeds.sources import add_source, get_source
from core.net.fetch import Fetcher
from core.storage.database import Database
from tests.feedserver import FIXTURES, FeedServer

MIB = 1024 * 1024


def fixture(name: str, content_type: str = "") -> ParsedFeed:
    return parse_feed((FIXTURES / name).read_bytes(), content_type)


def titles(feed: ParsedFeed) -> list[str]:
    return [entry.title for entry in feed.entries]


def depth(fragment: str) -> int:
    """The deepest nesting of <div> in well-formed sanitizer output."""
    deepest = level = 0
    for tag in re.finditer(r"<(/?)div\b", fragment):
        level += -1 if tag.group(1) else 1
        deepest = max(deepest, level)
    return deepest


# ---------------------------------------------------------------- JSON Feed version URL

def test_json_feed_with_an_http_version_url_is_a_feed() -> None:
    feed = fixture("jsonfeed1_http.json", "application/json")
    assert feed.format == "json1"
    assert feed.title == "Consular Notes (JSON Feed, http version URL)"
    assert titles(feed) == ["New visa fee schedule from 1 December",
                            "Passport photos: the <Photo> requirements"]
    assert all(entry.author == "Consular Section" for entry in feed.entries)


# ---------------------------------------------------------------- titles

def test_rss_plain_text_titles_keep_angle_brackets() -> None:
    feed = fixture("titles_rss.xml")
    assert feed.title == "Dev Notes <Unity>"
    assert titles(feed) == [
        "GetComponent<Transform>() returns null in Awake",
        "Vector<int> vs List<int>: which is faster?",
        "Embassy closed on Monday & Tuesday",  # escaped HTML: tags go, entities decode
        "Dictionary<String, Object> in Java 21",  # HTML with a generic type in it
        "a < b and c > d",
    ]


def test_atom_titles_follow_their_declared_type() -> None:
    feed = fixture("titles_atom.xml")
    assert feed.title == "Engine <Notes>"
    assert titles(feed) == [
        "GetComponent<Transform>() </div> stays text",  # type="text": every character
        "Default type is text: <b>not bold</b>",  # RFC 4287: no type means text
        "Bold and List<String>",  # type="html": markup removed, escaped text kept
        "An XHTML title <T>",
    ]


def test_hostile_html_titles_are_still_stripped() -> None:
    # An RSS title with <script> is HTML even though feedparser calls it text (it only
    # guesses HTML when every tag is on its allow-list).
    assert plain_title("<b>Bold</b> &amp; <script>alert(1)</script> title") == "Bold & title"
    assert plain_title("<img src=x onerror=alert(1)>Photo") == "Photo"


# ---------------------------------------------------------------- encodings

def test_a_utf8_feed_declaring_utf16_is_read_with_a_warning() -> None:
    body = (FIXTURES / "utf16_declared_utf8.xml").read_bytes()
    assert feedparser.parse(body).entries == []  # the failure this fixture reproduces
    feed = parse_feed(body, "application/rss+xml")
    assert feed.title == "Новости посольства"
    assert titles(feed) == ["Приём документов на визы возобновлён",
                            "O‘zbekiston: yangi grant dasturi"]
    assert "utf-16" in feed.warning and "UTF-8" in feed.warning


def test_the_same_from_the_http_header() -> None:
    body = (FIXTURES / "rss2.xml").read_bytes()
    assert len(body) % 2 == 0 or body.endswith(b"\n")
    feed = parse_feed(body + (b"" if len(body) % 2 == 0 else b" "),
                      "application/rss+xml; charset=utf-16")
    assert len(feed.entries) == 5
    assert "utf-16" in feed.warning


def test_a_feed_in_no_encoding_it_could_be_is_unreadable_not_not_a_feed() -> None:
    text = (FIXTURES / "utf16_declared_utf8.xml").read_text("utf-8").replace("‘", "'")
    body = text.encode("cp1251")  # neither UTF-16 (as declared) nor UTF-8
    body += b"" if len(body) % 2 == 0 else b"\n"
    with pytest.raises(UnreadableFeed, match="cannot be read.*utf-16.*neither"):
        parse_feed(body, "application/rss+xml")


def test_binary_data_is_unreadable() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200)
    with pytest.raises(UnreadableFeed, match="binary data"):
        parse_feed(png, "application/rss+xml")


def test_text_that_is_no_feed_is_still_not_a_feed() -> None:
    with pytest.raises(ParseError, match="not a feed") as raised:
        fixture("not_a_feed.txt", "text/plain")
    assert not isinstance(raised.value, UnreadableFeed)


# ---------------------------------------------------------------- hostile sizes (issue 16.6)

def nested_feed(levels: int) -> bytes:
    """The attack as reported: one entry of ``levels`` nested <div>s (1.1 MB at 100,000)."""
    content = "<div>" * levels + "deep text" + "</div>" * levels
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Nested</title><item><guid>deep</guid><title>Deep</title>"
            f"<description>{html.escape(content)}</description></item>"
            f"<item><guid>fine</guid><title>Fine</title><description>ok</description></item>"
            f"</channel></rss>").encode()


def test_deep_nesting_is_flattened_at_parse_time_with_a_warning() -> None:
    feed = parse_feed(nested_feed(100_000), "application/rss+xml")
    deep = feed.entries[0]
    assert depth(deep.content_html) <= MAX_DEPTH
    assert len(deep.content_html) < MAX_ENTRY_CHARS
    assert feed.entries[1].content_text == "ok"
    assert "nested deeper than" in feed.warning
    assert "cut" in feed.warning  # 1.1 MB of markup is also more than one entry may hold


def test_moderate_nesting_is_kept_whole() -> None:
    feed = parse_feed(nested_feed(MAX_DEPTH - 5), "application/rss+xml")
    assert depth(feed.entries[0].content_html) == MAX_DEPTH - 5
    assert "deep text" in feed.entries[0].content_text
    assert feed.warning is None


def test_a_huge_title_is_capped_with_a_warning() -> None:
    body = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>' + b"T" * MIB
            + b"</title><item><guid>1</guid><title>" + b"A" * MIB + b"</title></item>"
              b"</channel></rss>")
    feed = parse_feed(body, "application/rss+xml")
    assert len(feed.title) == MAX_TITLE_CHARS
    assert len(feed.entries[0].title) == MAX_TITLE_CHARS
    assert feed.entries[0].title.endswith("…")
    assert "titles longer than" in feed.warning


def test_huge_json_feed_fields_are_capped_too() -> None:
    import json

    doc = {"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": [
        {"id": "1", "title": "x" * MIB, "content_html": "<div>" * 50_000 + "y"}]}
    feed = parse_feed(json.dumps(doc).encode(), "application/feed+json")
    assert len(feed.entries[0].title) == MAX_TITLE_CHARS
    assert depth(feed.entries[0].content_html) <= MAX_DEPTH
    assert "titles longer than" in feed.warning and "nested deeper" in feed.warning


@pytest.mark.parametrize("markup", [
    "<p>paragraph without end tag " * 5_000,  # optional end tags: siblings, not nesting
    "<ul>" + "<li>item " * 5_000 + "</ul>",
    "<table>" + "<tr><td>a<td>b" * 2_000 + "</table>",
    "<dl>" + "<dt>term<dd>definition" * 2_000 + "</dl>",
])
def test_flat_documents_with_implied_end_tags_lose_nothing(markup: str) -> None:
    notes: set[str] = set()
    assert limit_depth(markup, notes=notes) == markup
    assert not notes


def test_flattening_keeps_text_and_safety() -> None:
    hostile = "<div>" * 500 + "<script>alert(1)</script><b>kept</b>" + "</div>" * 500
    cleaned = sanitize_html(hostile)
    assert "<script" not in cleaned and "alert" not in cleaned  # removed, not made text
    assert "kept" in cleaned
    assert depth(cleaned) <= MAX_DEPTH


# ---------------------------------------------------------------- through add and refresh

def test_adding_a_utf8_feed_that_declares_utf16_works(db: Database, server: FeedServer,
                                                      fetcher: Fetcher) -> None:
    url = server.static("/u16.xml", "utf16_declared_utf8.xml", "application/rss+xml")
    source = add_source(db, url, fetcher=fetcher)  # was "not a feed, and the page links..."
    assert source.title == "Новости посольства"
    result = FeedRefresher(db, fetcher).refresh()[0]
    assert result.status == "ok" and result.new_items == 2
    assert "utf-16" in get_source(db, source.id).parse_warning


def test_an_unreadable_feed_is_called_unreadable(db: Database, server: FeedServer,
                                                 fetcher: Fetcher) -> None:
    text = (FIXTURES / "utf16_declared_utf8.xml").read_text("utf-8").replace("‘", "'")
    body = text.encode("cp1251")
    url = server.static("/broken.xml", body + (b"" if len(body) % 2 == 0 else b"\n"))
    with pytest.raises(KnownError, match="cannot be read") as refused:
        add_source(db, url, fetcher=fetcher)
    assert "not a feed" not in str(refused.value)
    source = add_source(db, url)
    result = FeedRefresher(db, fetcher).refresh()[0]
    assert result.status == "error" and "cannot be read" in result.error
    assert "cannot be read" in get_source(db, source.id).error
