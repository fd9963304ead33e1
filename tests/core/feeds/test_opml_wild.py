"""OPML from other readers (issue 12) and hostile OPML (issue 16 item 14).

Fixtures: tests/fixtures/opml/README.md. The hostile files are generated here.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

import pytest

from core.entries.limits import MAX_TITLE_CHARS
from core.entries.store import store_entries
from core.errors import KnownError
from core.feeds.items import item_ids, list_items
from core.feeds.opml import MAX_DEPTH, export_opml, import_opml, read_opml
from core.feeds.refresh import FeedRefresher
from core.feeds.sources import add_source, categories, list_sources, source_json, url_key
from core.net.fetch import Fetcher
from core.storage.database import Database
from core.storage.migrate import ensure_schema
from tests.feedserver import FeedServer

OPML = Path(__file__).resolve().parents[2] / "fixtures" / "opml"
GAZETA = "https://www.gazeta.uz/ru/rss/"


@pytest.fixture
def other_db(tmp_path: Path) -> Database:
    database = Database(f"sqlite:///{tmp_path / 'other.db'}")
    ensure_schema(database)
    yield database
    database.dispose()


def sources_by_url(db: Database) -> dict[str, dict]:
    return {row["url"]: row for row in list_sources(db)}


def outlines(path: Path) -> list[ET.Element]:
    return [o for o in ET.parse(path).getroot().iter("outline") if o.get("xmlUrl")]


# ---------------------------------------------------------------- a feed in several folders

def test_a_feed_in_several_folders_is_one_source_in_all_of_them(db: Database) -> None:
    report = import_opml(db, OPML / "feedly_two_folders.opml")
    assert len(report.added) == 3 and report.already_present == []
    gazeta = sources_by_url(db)[GAZETA]
    assert gazeta["category"] == "Uzbekistan"
    assert source_json(gazeta)["extra_categories"] == ["Daily reading", "Region / Kazakhstan"]
    assert categories(db) == ["Daily reading", "Region", "Region / Kazakhstan", "Uzbekistan"]

    from core.entries.entry import ParsedEntry

    entry = ParsedEntry("g1", "https://www.gazeta.uz/ru/1", "Новость", None, None, None,
                        "<p>x</p>", "x")
    with db.write() as conn:
        store_entries(conn, gazeta["id"], [entry], datetime(2026, 12, 5, tzinfo=UTC))
    (item,) = list_items(db, source_id=gazeta["id"], limit=0)
    for folder in ("Uzbekistan", "Daily reading", "Region", "Region / Kazakhstan"):
        assert item_ids(db, category=folder) == [item["id"]], folder
    assert item_ids(db, category="Daily") == []  # a folder's name, not a prefix of it


def test_export_writes_the_feed_in_each_folder_and_reimports_the_same(
        db: Database, other_db: Database, tmp_path: Path) -> None:
    import_opml(db, OPML / "feedly_two_folders.opml")
    path = tmp_path / "out.opml"
    assert export_opml(db, path) == 3
    copies = [o for o in outlines(path) if o.get("xmlUrl") == GAZETA]
    assert len(copies) == 3
    import_opml(other_db, path)
    again = sources_by_url(other_db)[GAZETA]
    # Every folder comes back; which one the tree shows it in is the first in the file.
    assert {again["category"], *source_json(again)["extra_categories"]} == {
        "Uzbekistan", "Daily reading", "Region / Kazakhstan"}


def test_opml_category_tags_are_folders_too(db: Database) -> None:
    import_opml(db, OPML / "untitled_and_spellings.opml")
    tagged = sources_by_url(db)["https://tagged.example/rss"]
    assert tagged["category"] == "Press / Uzbekistan"
    assert source_json(tagged)["extra_categories"] == ["Daily"]


# ---------------------------------------------------------------- untitled outlines

def test_untitled_feeds_stay_untitled_through_a_round_trip(db: Database, other_db: Database,
                                                           tmp_path: Path) -> None:
    import_opml(db, OPML / "untitled_and_spellings.opml")
    by_url = sources_by_url(db)
    assert by_url["https://untitled.example/feed.xml"]["title"] is None
    assert by_url["https://address-as-title.example/rss"]["title"] is None
    path = tmp_path / "out.opml"
    export_opml(db, path)
    written = {o.get("xmlUrl"): o for o in outlines(path)}
    untitled = written["https://untitled.example/feed.xml"]
    assert untitled.get("text") == "" and untitled.get("title") is None
    import_opml(other_db, path)
    assert sources_by_url(other_db)["https://untitled.example/feed.xml"]["title"] is None


def test_an_untitled_feed_takes_its_own_title_when_fetched(db: Database, server: FeedServer,
                                                           fetcher: Fetcher,
                                                           tmp_path: Path) -> None:
    url = server.static("/feed.xml", "rss2.xml")
    path = tmp_path / "one.opml"
    path.write_text(f'<opml version="2.0"><body><outline type="rss" text="{url}" '
                    f'xmlUrl="{url}"/></body></opml>', encoding="utf-8")
    import_opml(db, path)
    FeedRefresher(db, fetcher).refresh()
    assert sources_by_url(db)[url]["title"] == "Embassy News"


# ---------------------------------------------------------------- hostile OPML (16.14)

def test_ten_thousand_nested_outlines_are_refused_clearly(db: Database, tmp_path: Path) -> None:
    depth = max(10_000, sys.getrecursionlimit() * 2)
    path = tmp_path / "deep.opml"
    path.write_text('<?xml version="1.0"?>\n<opml version="2.0"><body>\n'
                    + '<outline text="f">\n' * depth
                    + '<outline text="x" xmlUrl="https://deep.example/rss"/>\n'
                    + "</outline>\n" * depth + "</body></opml>\n", encoding="utf-8")
    with pytest.raises(KnownError, match=rf"nested more than {MAX_DEPTH} deep \(line "
                                         rf"{MAX_DEPTH + 3}\); nothing was imported"):
        import_opml(db, path)
    assert list_sources(db) == []


def test_one_feed_in_several_spellings_is_one_source(db: Database) -> None:
    add_source(db, "http://embassy.example/News/Feed")  # already there, typed by hand
    report = import_opml(db, OPML / "untitled_and_spellings.opml")
    assert "http://embassy.example/News/Feed" not in report.added
    assert len(report.already_present) == 1
    assert sum(url_key(u) == url_key("http://embassy.example/News/Feed")
               for u in sources_by_url(db)) == 1


@pytest.mark.parametrize("spelling", [
    "HTTP://Embassy.Example/News/Feed/", "http://embassy.example/News/Feed#latest",
    "http://embassy.example:80/News/Feed", "  http://embassy.example/News/Feed  "])
def test_adding_another_spelling_by_hand_is_refused(db: Database, spelling: str) -> None:
    first = add_source(db, "http://embassy.example/News/Feed")
    with pytest.raises(KnownError, match=f"already source {first.id}"):
        add_source(db, spelling)


def test_a_path_differing_in_case_is_another_feed(db: Database) -> None:
    add_source(db, "https://embassy.example/News/Feed")
    assert add_source(db, "https://embassy.example/news/feed").id  # paths are case-sensitive


def test_credentials_never_reach_the_database(db: Database, tmp_path: Path) -> None:
    report = import_opml(db, OPML / "untitled_and_spellings.opml")
    assert report.credentials_removed == ["https://private.example/feed"]
    urls = sources_by_url(db)
    assert "https://private.example/feed" in urls
    assert not any("s3cret" in u or "press:" in u for u in urls)
    path = tmp_path / "out.opml"
    export_opml(db, path)
    assert b"s3cret" not in path.read_bytes()
    with pytest.raises(KnownError, match="does not store passwords"):
        add_source(db, "https://press:s3cret@other.example/feed")


def test_script_site_links_are_dropped(db: Database) -> None:
    import_opml(db, OPML / "untitled_and_spellings.opml")
    assert sources_by_url(db)["https://scripted.example/rss"]["site_url"] is None


def test_titles_are_capped(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "long.opml"
    path.write_text('<opml version="2.0"><body><outline text="' + "T" * (1 << 20)
                    + '" xmlUrl="https://long.example/rss"/><outline text="' + "F" * 5000
                    + '"><outline text="in" xmlUrl="https://in.example/rss"/></outline>'
                    "</body></opml>", encoding="utf-8")
    import_opml(db, path)
    by_url = sources_by_url(db)
    assert len(by_url["https://long.example/rss"]["title"]) == MAX_TITLE_CHARS
    assert len(by_url["https://in.example/rss"]["category"]) <= 200
    feeds = read_opml(path)
    assert all(len(f.title or "") <= MAX_TITLE_CHARS for f in feeds)


def test_the_cli_says_which_addresses_lost_their_credentials(cli, tmp_path: Path) -> None:  # noqa: ANN001
    code, out, err = cli("opml", "import", str(OPML / "untitled_and_spellings.opml"))
    assert code == 0
    assert "removed a user name and password from the address of " \
           "https://private.example/feed" in err
    assert "s3cret" not in out + err


def test_several_folders_on_postgresql(pg_url: str) -> None:
    database = Database(pg_url)
    try:
        ensure_schema(database)
        import_opml(database, OPML / "feedly_two_folders.opml")
        gazeta = sources_by_url(database)[GAZETA]
        from core.entries.entry import ParsedEntry

        entry = ParsedEntry("g1", None, "Новость", None, None, None, "<p>x</p>", "x")
        with database.write() as conn:
            store_entries(conn, gazeta["id"], [entry], datetime(2026, 12, 5, tzinfo=UTC))
        assert len(item_ids(database, category="Region / Kazakhstan")) == 1
        assert item_ids(database, category="Region / Kaz") == []
    finally:
        database.dispose()
