"""Feed bytes to entries (core/feeds/parse.py), driven by the fixture feeds."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from core.entries.entry import ParsedEntry
from core.feeds.parse import (
    MAX_GUID,
    ParsedFeed,
    ParseError,
    make_guid,
    parse_feed,
    parse_json_feed,
)
from tests.feedserver import FIXTURES

CP1251_HTTP = "application/rss+xml; charset=windows-1251"
DANGEROUS = ("<script", "onclick", "onmouseover", "javascript:", "<iframe", "<style", "<object")


def parse_fixture(name: str, content_type: str = "") -> ParsedFeed:
    return parse_feed((FIXTURES / name).read_bytes(), content_type)


def by_guid(feed: ParsedFeed) -> dict[str, ParsedEntry]:
    return {entry.guid: entry for entry in feed.entries}


@pytest.mark.parametrize(
    ("name", "fmt", "count"),
    [
        ("rss2.xml", "rss20", 5),
        ("rss2_updated.xml", "rss20", 6),
        ("atom.xml", "atom10", 4),
        ("rss1.rdf", "rss10", 3),
        ("rss091.xml", "rss091n", 3),
        ("jsonfeed1.json", "json1", 3),
        ("jsonfeed11.json", "json11", 3),
        ("cp1251.xml", "rss20", 3),
        ("koi8r.xml", "rss20", 2),
        ("utf8_bom.xml", "rss20", 2),
        ("dup_guid.xml", "rss20", 3),
        ("no_guid.xml", "rss20", 3),
        ("dates.xml", "rss20", 3),
        ("hostile_script.xml", "rss20", 3),
        ("billion_laughs.xml", "rss20", 2),
        ("xxe.xml", "rss20", 2),
        ("empty_channel.xml", "rss20", 0),
    ],
)
def test_fixture_format_and_entry_count(name: str, fmt: str, count: int) -> None:
    feed = parse_fixture(name)
    assert feed.format == fmt
    assert len(feed.entries) == count
    assert feed.title
    assert len({e.guid for e in feed.entries}) == count


def test_rss2_fields() -> None:
    feed = parse_fixture("rss2.xml")
    assert feed.title == "Embassy News"
    assert feed.site_url == "https://uz.usembassy.gov/news-events/"
    assert feed.warning is None
    first = feed.entries[0]
    assert first.guid == "tashkent-2026-001"
    assert first.url == "https://uz.usembassy.gov/news/fulbright-2027-competition/"
    assert first.published == datetime(2026, 11, 2, 4, 0, tzinfo=UTC)
    assert first.published_raw == "Mon, 02 Nov 2026 09:00:00 +0500"
    assert "<b>Fulbright Foreign Student Program</b>" in first.content_html
    assert "<" not in first.content_text
    assert "Fulbright Foreign Student Program" in first.content_text
    assert feed.entries[1].author == "Dilnoza Karimova"  # dc:creator
    assert "O\u2018zbekiston" in feed.entries[2].title
    assert "Посольство США в Ташкенте" in feed.entries[3].content_text
    for entry in feed.entries:
        assert entry.published is not None and entry.published.tzinfo is not None
        assert entry.published.utcoffset().total_seconds() == 0


def test_atom_entries_have_ids_authors_and_xhtml_content() -> None:
    feed = parse_fixture("atom.xml")
    assert [e.guid for e in feed.entries] == [
        f"tag:news.example,2026:un-{n}" for n in range(1, 5)
    ]
    assert {e.author for e in feed.entries} == {"UN News", "Jane Doe"}
    assert all(e.published and e.published.tzinfo for e in feed.entries)
    assert all(e.content_html.startswith("<p>") for e in feed.entries)
    assert "Friendship Bridge" in by_guid(feed)["tag:news.example,2026:un-3"].content_text


def test_rss1_dc_dates_and_rss091_link_guids() -> None:
    rdf = parse_fixture("rss1.rdf")
    assert rdf.entries[0].published == datetime(2026, 11, 10, 7, 0, tzinfo=UTC)
    old = parse_fixture("rss091.xml")
    assert all(e.guid == e.url and e.url.startswith("https://") for e in old.entries)
    assert all(e.published is None for e in old.entries)


@pytest.mark.parametrize(
    ("name", "content_type"),
    [("cp1251.xml", ""), ("cp1251.xml", CP1251_HTTP), ("cp1251_noheader.xml", CP1251_HTTP)],
)
def test_cp1251_cyrillic(name: str, content_type: str) -> None:
    feed = parse_fixture(name, content_type)
    assert feed.title == "Новости Центральной Азии"
    assert [e.title for e in feed.entries] == [
        "Посольство США объявило конкурс FLEX",
        "Открыт приём заявок на программу Фулбрайт",
        "Изменение графика работы визового отдела",
    ]
    assert "Школьники Узбекистана" in feed.entries[0].content_text
    assert "\ufffd" not in feed.entries[0].content_text


def test_koi8r_cyrillic() -> None:
    feed = parse_fixture("koi8r.xml")
    assert feed.title == "Новости Кыргызстана"
    assert feed.entries[0].title == "Новости Бишкека"
    assert feed.entries[1].content_text == "В Оше прошла выставка американской фотографии."


def test_utf8_bom() -> None:
    feed = parse_fixture("utf8_bom.xml")
    assert feed.title == "Қазақстан жаңалықтары"
    assert feed.entries[0].title == "Қазақстан: жаңа білім беру бағдарламасы"
    assert not feed.entries[0].title.startswith("\ufeff")


def test_bozo_feed_keeps_good_entries_and_warns() -> None:
    feed = parse_fixture("bozo.xml")
    assert feed.warning and "not well-formed" in feed.warning
    guids = [e.guid for e in feed.entries]
    assert guids[:3] == ["bozo-1", "bozo-2", "bozo-3"]
    assert feed.entries[0].title == "Embassy marks International Education Week"
    assert feed.entries[2].content_text == "Exchange alumni met in Bukhara."


def test_good_feed_has_no_warning() -> None:
    for name in ("rss2.xml", "atom.xml", "rss1.rdf", "cp1251.xml", "jsonfeed11.json"):
        assert parse_fixture(name).warning is None, name


def test_duplicate_guid_first_wins() -> None:
    feed = parse_fixture("dup_guid.xml")
    assert [e.guid for e in feed.entries] == ["dup-1", "dup-2", "dup-3"]
    assert by_guid(feed)["dup-1"].title == "Visa interview waiver update"
    assert by_guid(feed)["dup-1"].url == "https://news.example/dup/1"


def test_missing_guids_fall_back_to_link_then_hash() -> None:
    first, second = parse_fixture("no_guid.xml"), parse_fixture("no_guid.xml")
    link_item, dated_item, bare_item = first.entries
    assert link_item.guid == "https://news.example/noguid/women-entrepreneurs"
    assert dated_item.url is None and bare_item.url is None
    assert dated_item.guid.startswith("hash:") and bare_item.guid.startswith("hash:")
    assert len(dated_item.guid) == len("hash:") + 64
    assert dated_item.guid != bare_item.guid
    assert [e.guid for e in first.entries] == [e.guid for e in second.entries]


def test_make_guid_rules() -> None:
    assert make_guid("  abc  ", "https://x/1", "t", None, "") == "abc"
    assert make_guid(None, "https://x/1", "t", None, "") == "https://x/1"
    assert make_guid("", " https://x/1 ", "t", None, "") == "https://x/1"
    assert make_guid(42, None, "t", None, "") == "42"
    hashed = make_guid(None, None, "title", "date", "text")
    assert hashed == make_guid(None, None, "title", "date", "text")
    assert hashed.startswith("hash:")
    assert hashed != make_guid(None, None, "title", "other date", "text")
    assert hashed != make_guid(None, None, "title", "date", "other text")
    assert hashed != make_guid(None, None, "other title", "date", "text")


def test_long_guid_is_hashed() -> None:
    exact = "g" * MAX_GUID
    assert make_guid(exact, None, "", None, "") == exact
    long = "https://news.example/?" + "x" * 600
    guid = make_guid(long, None, "", None, "")
    assert guid.startswith("sha256:") and len(guid) == len("sha256:") + 64
    assert guid == make_guid(long, None, "", None, "")
    assert guid != make_guid(long + "y", None, "", None, "")
    body = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        f"<item><title>Long</title><guid isPermaLink=\"false\">{long}</guid></item>"
        "</channel></rss>"
    ).encode()
    (entry,) = parse_feed(body).entries
    assert entry.guid == guid
    assert len(entry.guid) <= MAX_GUID


def test_dates_missing_unparseable_and_future() -> None:
    entries = by_guid(parse_fixture("dates.xml"))
    assert entries["dates-1"].published is None
    assert entries["dates-1"].published_raw is None
    assert entries["dates-2"].published is None
    assert entries["dates-2"].published_raw == "sometime next week"
    assert entries["dates-3"].published == datetime(2099, 12, 31, 23, 59, tzinfo=UTC)


def test_hostile_markup_is_sanitized_everywhere() -> None:
    feed = parse_fixture("hostile_script.xml")
    for entry in feed.entries:
        for field in (entry.content_html, entry.title):
            for needle in DANGEROUS:
                assert needle not in field.lower(), (entry.guid, needle, field)
        assert "SAFE-TEXT" in entry.content_html
        assert "SAFE-TEXT" in entry.content_text
        assert "alert(1)" not in entry.content_text
        assert "body{}" not in entry.content_text
    for guid in ("hostile-1", "hostile-2"):
        html = by_guid(feed)[guid].content_html
        assert 'src="https://img.example/photo.jpg"' in html
        assert 'width="600"' in html
        assert "t.example/p.gif" not in html
    assert by_guid(feed)["hostile-3"].title == "Bold & title"


def test_billion_laughs_is_not_expanded() -> None:
    feed = parse_fixture("billion_laughs.xml")
    assert feed.entries[1].title == "Normal item"
    for entry in feed.entries:
        assert len(entry.title) < 100
        assert "lollol" not in entry.title + entry.content_text
        assert len(entry.content_html) < 1000


def test_xxe_reads_no_local_file() -> None:
    feed = parse_fixture("xxe.xml")
    assert [e.title for e in feed.entries] == ["XXE item", "Normal item"]
    for entry in feed.entries:
        for text in (entry.title, entry.content_html, entry.content_text):
            assert "root:" not in text
            assert "/bin/" not in text


def test_content_hash_changes_only_with_content() -> None:
    old = by_guid(parse_fixture("rss2.xml"))
    new = by_guid(parse_fixture("rss2_updated.xml"))
    assert old["tashkent-2026-002"].content_hash != new["tashkent-2026-002"].content_hash
    assert "UPDATED" in new["tashkent-2026-002"].content_text
    for guid in ("tashkent-2026-001", "tashkent-2026-003", "tashkent-2026-004",
                 "tashkent-2026-005"):
        assert old[guid].content_hash == new[guid].content_hash
    assert old["tashkent-2026-001"].content_hash != old["tashkent-2026-003"].content_hash
    assert "tashkent-2026-006" not in old


def test_relative_links_resolve_against_the_feed_url() -> None:
    body = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        b"<link>https://news.example/</link>"
        b"<item><title>Rel</title><link>/news/1</link>"
        b'<description>&lt;a href="/more"&gt;more&lt;/a&gt;</description></item>'
        b"</channel></rss>"
    )
    (entry,) = parse_feed(body, "application/rss+xml", "https://news.example/feed.xml").entries
    assert entry.url == "https://news.example/news/1"
    assert 'href="https://news.example/more"' in entry.content_html


def test_atom_plain_text_content_is_escaped_not_interpreted() -> None:
    body = (
        b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
        b"<id>urn:t</id><updated>2026-11-01T00:00:00Z</updated>"
        b"<entry><id>urn:1</id><title>x</title><updated>2026-11-01T00:00:00Z</updated>"
        b'<content type="text">1 &lt; 2 &lt;script&gt;alert(1)&lt;/script&gt;</content>'
        b"</entry></feed>"
    )
    (entry,) = parse_feed(body).entries
    assert "<script" not in entry.content_html
    assert "&lt;script&gt;" in entry.content_html
    assert entry.content_text == "1 < 2 <script>alert(1)</script>"


# ---------------------------------------------------------------- JSON Feed

def test_json_feed_1_0() -> None:
    feed = parse_fixture("jsonfeed1.json")
    assert feed.title == "Embassy Press Briefings (JSON Feed 1.0)"
    assert feed.site_url == "https://uz.usembassy.gov/"
    first, _, third = feed.entries
    assert first.guid == "jf1-001"
    assert first.author == "Press Section"
    assert first.published == datetime(2026, 11, 3, 5, 0, tzinfo=UTC)
    assert "<b>1,200</b>" in first.content_html
    assert third.author == "Consular Section"
    assert third.content_html.startswith("<p>More than 900 student visas")
    assert third.content_text.endswith("Plain text only, no HTML.")


def test_json_feed_1_1() -> None:
    feed = parse_fixture("jsonfeed11.json")
    assert feed.title == "Новости посольства (JSON Feed 1.1)"
    entries = by_guid(feed)
    assert entries["jf11-001"].author == "Пресс-служба"
    assert entries["jf11-001"].title == "Посольство США объявило конкурс FLEX"
    modified = entries["jf11-002"]
    assert modified.author == "Consular Section"
    assert modified.published == datetime(2026, 11, 13, 3, 0, tzinfo=UTC)  # published wins
    assert "45 days" in modified.content_text  # content_html beats summary
    undated = entries["jf11-003"]
    assert undated.published is None and undated.published_raw is None
    assert undated.author == "Пресс-служба"  # the feed's authors apply
    assert undated.content_text == "The American Space library is open Monday to Friday."


def json_feed(*items: dict, **top: object) -> bytes:
    doc = {"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": list(items)}
    doc.update(top)
    return json.dumps(doc).encode()


def test_json_content_text_is_escaped() -> None:
    feed = parse_feed(json_feed({"id": "a", "content_text": "<script>alert(1)</script>\n\nNext"}))
    (entry,) = feed.entries
    assert "<script" not in entry.content_html
    assert "&lt;script&gt;" in entry.content_html
    assert entry.content_text == "<script>alert(1)</script>\nNext"


def test_json_content_html_is_sanitized() -> None:
    body = json_feed({"id": "a", "content_html": '<p onclick="x()">ok</p><script>x</script>'})
    (entry,) = parse_feed(body).entries
    assert entry.content_html == "<p>ok</p>"


def test_json_summary_fallback_and_date_modified() -> None:
    body = json_feed(
        {"id": "s", "summary": "Summary only.", "date_modified": "2026-11-15T12:00:00Z"}
    )
    (entry,) = parse_feed(body).entries
    assert entry.content_text == "Summary only."
    assert entry.published == datetime(2026, 11, 15, 12, 0, tzinfo=UTC)
    assert entry.published_raw == "2026-11-15T12:00:00Z"


def test_json_ids_numbers_and_fallbacks() -> None:
    body = json_feed(
        {"id": 42, "title": "numeric"},
        {"id": True, "url": "https://x.example/bool", "title": "bool id"},
        {"external_url": "https://x.example/ext", "title": "no id"},
        {"title": "nothing"},
        {"id": 42, "title": "duplicate"},
        "not an object",
    )
    feed = parse_feed(body)
    guids = [e.guid for e in feed.entries]
    assert guids[:3] == ["42", "https://x.example/bool", "https://x.example/ext"]
    assert guids[3].startswith("hash:")
    assert len(guids) == 4
    assert feed.entries[0].title == "numeric"
    assert feed.warning and "item 6" in feed.warning


def test_json_bad_date_is_kept_raw() -> None:
    (entry,) = parse_feed(json_feed({"id": "d", "date_published": "next Tuesday"})).entries
    assert entry.published is None
    assert entry.published_raw == "next Tuesday"
    (naive,) = parse_feed(json_feed({"id": "n", "date_published": "2026-11-01T10:00:00"})).entries
    assert naive.published == datetime(2026, 11, 1, 10, 0, tzinfo=UTC)


def test_json_detected_by_content_type_or_shape() -> None:
    body = (FIXTURES / "jsonfeed1.json").read_bytes()
    assert parse_feed(body, "application/feed+json").format == "json1"
    assert parse_feed(b"\xef\xbb\xbf  " + body, "text/plain").format == "json1"


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (b"{not json", "not valid JSON"),
        (b'{"version": "1", "items": []}', "not a JSON Feed"),
        (b'{"title": "no version"}', "not a JSON Feed"),
        (b"[1, 2, 3]", "not a JSON Feed"),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": 3}', "no items"),
        (b"\xff\xfe{", "not valid JSON"),
    ],
)
def test_bad_json_raises_clear_parse_error(body: bytes, words: str) -> None:
    with pytest.raises(ParseError, match=words):
        parse_json_feed(body)
    with pytest.raises(ParseError, match=words):
        parse_feed(body, "application/json")


# ---------------------------------------------------------------- not feeds

@pytest.mark.parametrize(
    "name", ["page_with_feed.html", "page_without_feed.html", "page_with_jsonfeed.html"]
)
def test_html_page_is_not_a_feed(name: str) -> None:
    with pytest.raises(ParseError, match="web page, not a feed"):
        parse_fixture(name, "text/html; charset=utf-8")


def test_plain_text_is_not_a_feed() -> None:
    with pytest.raises(ParseError, match="not a feed"):
        parse_fixture("not_a_feed.txt", "text/plain")


@pytest.mark.parametrize("body", [b"", b"   ", b"<?xml version='1.0'?><root><a/></root>"])
def test_empty_or_unrelated_xml_is_not_a_feed(body: bytes) -> None:
    with pytest.raises(ParseError, match="not a feed"):
        parse_feed(body)


def test_a_guessed_encoding_is_reported_as_a_warning() -> None:
    """cp1251 bytes with no charset anywhere: feedparser guesses; the source must say so."""
    body = (FIXTURES / "cp1251_noheader.xml").read_bytes()
    assert "garbled" in (parse_feed(body).warning or "")
    good = parse_feed(body, "application/rss+xml; charset=windows-1251")
    assert good.warning is None and good.title == "Новости Центральной Азии"
