"""Feed autodiscovery in web pages (core/feeds/discover.py) and through ``add_source``."""

from __future__ import annotations

import pytest

from core.errors import KnownError
from core.feeds.discover import FeedLink, find_feed_links
from core.feeds.sources import add_source, list_sources
from core.net.fetch import Fetcher
from core.storage.database import Database
from tests.feedserver import FIXTURES, FeedServer

BASE = "https://uz.usembassy.gov/news/index.html"
HTML = "text/html; charset=utf-8"


def links(name: str, base_url: str = BASE) -> list[FeedLink]:
    return find_feed_links((FIXTURES / name).read_bytes(), base_url)


def page(head: str) -> bytes:
    return f"<!DOCTYPE html><html><head>{head}</head><body><p>x</p></body></html>".encode()


def test_relative_href_is_resolved_and_non_feed_alternates_ignored() -> None:
    assert links("page_with_feed.html") == [
        FeedLink("https://uz.usembassy.gov/feeds/rss2.xml", "application/rss+xml", "Embassy RSS")
    ]


def test_json_feed_link_relative_without_slash() -> None:
    assert links("page_with_jsonfeed.html") == [
        FeedLink("https://uz.usembassy.gov/news/jsonfeed11.json", "application/feed+json",
                 "Embassy JSON Feed")
    ]


def test_page_without_feed() -> None:
    assert links("page_without_feed.html") == []
    assert find_feed_links(b"", BASE) == []
    assert find_feed_links(b"just some text, no markup", BASE) == []


def test_all_feed_types_found_in_page_order() -> None:
    found = find_feed_links(page(
        '<link rel="alternate" type="application/atom+xml" href="/atom.xml">'
        '<link rel="alternate" type="application/rss+xml" href="/rss.xml" title="RSS">'
        '<link rel="alternate" type="application/feed+json" href="/feed.json">'
        '<link rel="alternate" type="application/rdf+xml" href="/index.rdf">'
    ), BASE)
    assert [(f.url, f.type) for f in found] == [
        ("https://uz.usembassy.gov/atom.xml", "application/atom+xml"),
        ("https://uz.usembassy.gov/rss.xml", "application/rss+xml"),
        ("https://uz.usembassy.gov/feed.json", "application/feed+json"),
        ("https://uz.usembassy.gov/index.rdf", "application/rdf+xml"),
    ]
    assert [f.title for f in found] == [None, "RSS", None, None]


def test_non_feed_links_are_ignored() -> None:
    found = find_feed_links(page(
        '<link rel="stylesheet" type="text/css" href="/site.css">'
        '<link rel="alternate" hreflang="ru" href="/ru/">'
        '<link rel="alternate" type="text/html" href="/mobile/">'
        '<link rel="icon" type="image/png" href="/favicon.png">'
        '<link rel="alternate" type="application/rss+xml">'  # no href
        '<link rel="search" type="application/rss+xml" href="/search.xml">'  # not alternate
        '<a rel="alternate" type="application/rss+xml" href="/anchor.xml">a</a>'  # not <link>
        '<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">'
        '<link rel="alternate" type="application/rss+xml" href="ftp://x.example/f.xml">'
    ), BASE)
    assert found == []


def test_case_spacing_and_type_parameters_tolerated() -> None:
    found = find_feed_links(page(
        '<LINK REL="Alternate Feed" TYPE="Application/RSS+XML; charset=utf-8" '
        'HREF="  /rss.xml  " TITLE="Feed &amp; more">'
    ), BASE)
    assert found == [FeedLink("https://uz.usembassy.gov/rss.xml", "application/rss+xml",
                              "Feed & more")]


def test_base_href_is_respected() -> None:
    found = find_feed_links(page(
        '<base href="https://cdn.example/en/">'
        '<link rel="alternate" type="application/rss+xml" href="feed.xml">'
        '<link rel="alternate" type="application/atom+xml" href="/atom.xml">'
    ), BASE)
    assert [f.url for f in found] == ["https://cdn.example/en/feed.xml",
                                      "https://cdn.example/atom.xml"]


def test_relative_base_href_joins_the_page_url() -> None:
    found = find_feed_links(page(
        '<base href="/sub/"><link rel="alternate" type="application/rss+xml" href="f.xml">'
    ), BASE)
    assert [f.url for f in found] == ["https://uz.usembassy.gov/sub/f.xml"]


def test_duplicates_removed_first_kept() -> None:
    found = find_feed_links(page(
        '<link rel="alternate" type="application/rss+xml" href="/rss.xml" title="First">'
        '<link rel="alternate" type="application/atom+xml" href="/atom.xml">'
        '<link rel="alternate" type="application/rss+xml" '
        'href="https://uz.usembassy.gov/rss.xml" title="Again">'
        '<link rel="alternate" type="application/rss+xml" href="/rss.xml" title="Third">'
    ), BASE)
    assert [(f.url, f.title) for f in found] == [
        ("https://uz.usembassy.gov/rss.xml", "First"),
        ("https://uz.usembassy.gov/atom.xml", None),
    ]


def test_charset_decodes_titles_and_bad_charset_does_not_crash() -> None:
    body = page('<link rel="alternate" type="application/rss+xml" href="/r.xml" '
                'title="Новости">').decode().encode("windows-1251")
    assert find_feed_links(body, BASE, "windows-1251")[0].title == "Новости"
    # A server can name any charset; an unknown one must not crash discovery.
    assert [f.url for f in find_feed_links(body, BASE, "no-such-charset")] == [
        "https://uz.usembassy.gov/r.xml"
    ]


def test_add_source_from_page_stores_the_feed_url(
        db: Database, server: FeedServer, fetcher: Fetcher) -> None:
    feed_url = server.static("/feeds/rss2.xml", "rss2.xml")
    page_url = server.static("/news/", "page_with_feed.html", content_type=HTML)
    source = add_source(db, page_url, fetcher=fetcher)
    assert source.url == feed_url
    assert source.title == "Embassy News"
    (row,) = list_sources(db)
    assert row["url"] == feed_url
    assert server.hits("/feeds/rss2.xml")


def test_add_source_from_page_with_relative_json_feed(
        db: Database, server: FeedServer, fetcher: Fetcher) -> None:
    feed_url = server.static("/ru/jsonfeed11.json", "jsonfeed11.json",
                             content_type="application/feed+json")
    page_url = server.static("/ru/index.html", "page_with_jsonfeed.html", content_type=HTML)
    assert add_source(db, page_url, fetcher=fetcher).url == feed_url


def test_add_source_from_page_without_feed_is_refused(
        db: Database, server: FeedServer, fetcher: Fetcher) -> None:
    page_url = server.static("/consular/", "page_without_feed.html", content_type=HTML)
    with pytest.raises(KnownError, match="(?i)no feed"):
        add_source(db, page_url, fetcher=fetcher)
    assert list_sources(db) == []


def test_wordpress_rest_and_oembed_links_are_not_feeds() -> None:
    page = (b'<html><head>'
            b'<link rel="alternate" type="application/json" href="/wp-json/wp/v2/pages/2">'
            b'<link rel="alternate" type="application/json+oembed" href="/oembed?url=x">'
            b'<link rel="alternate" type="application/json" href="/wp-json/oembed/1.0/embed">'
            b'</head></html>')
    assert find_feed_links(page, "https://embassy.example/") == []
